/**
 * How long a session lives and how many wrong passwords a username may try: pure rules over
 * times from the injected clock, so tests move the clock rather than wait.
 */

/** A session unused this long ends (an agent who walked away). */
export const SESSION_IDLE_MS = 30 * 60_000;
/** A session ends this long after login however busy (a shift). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;

/** Failed logins counted within this window… */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** …and how many of them a username may have before further attempts are refused (429). */
export const LOGIN_MAX_FAILURES = 5;

export function sessionAlive(s: { createdAt: number; lastSeenAt: number }, now: number): boolean {
  return now - s.lastSeenAt < SESSION_IDLE_MS && now - s.createdAt < SESSION_ABSOLUTE_MS;
}

/**
 * Given the failures inside the window (oldest first), the seconds until the next attempt may be
 * made, or 0 when it may be made now: once LOGIN_MAX_FAILURES are in the window, the username
 * waits until the oldest of the last LOGIN_MAX_FAILURES leaves it.
 */
export function loginRetryAfterSeconds(failures: readonly number[], now: number): number {
  if (failures.length < LOGIN_MAX_FAILURES) return 0;
  const oldest = failures[failures.length - LOGIN_MAX_FAILURES]!;
  const wait = oldest + LOGIN_WINDOW_MS - now;
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}
