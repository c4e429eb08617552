import { isQuiet, parseHHMM, type QuietHours } from './quiet-hours.ts';
import { checkEpoch, nextOffsetChange, utcOffsetMs } from './timezone.ts';

/**
 * How long a message handed to a provider may wait there before it would reach the debtor in
 * quiet hours. A provider that queues (Twilio sends about one SMS a second per number, so a
 * morning batch waits) may deliver a message minutes or hours after we sent it; told this window
 * (Twilio's ValidityPeriod), it drops the message instead of delivering it late at night.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const SECOND = 1000;

const minutesOf = parseHHMM;

/**
 * The first instant at or after `epochMs` inside the quiet hours of `tz`: `epochMs` itself when it
 * is quiet, else the next local `start` time, or a DST transition that jumps into quiet hours
 * before it (a spring-forward gap over `start`). Null when there are no quiet hours (start == end).
 */
export function quietStartAtOrAfter(epochMs: number, tz: string, quietHours: QuietHours): number | null {
  checkEpoch(epochMs);
  const start = minutesOf(quietHours.start);
  if (start === minutesOf(quietHours.end)) return null;
  let a = epochMs;
  for (let i = 0; i < 64; i++) {
    if (isQuiet(a, tz, quietHours)) return a;
    // Outside quiet hours the clock enters them only by reaching `start` (or by a transition).
    const offset = utcOffsetMs(a, tz);
    const local = a + offset;
    let startLocal = Math.floor(local / DAY) * DAY + start * MINUTE;
    if (startLocal <= local) startLocal += DAY;
    const t = startLocal - offset;
    const b = nextOffsetChange(tz, a, t);
    if (b === null) {
      checkEpoch(t);
      return t;
    }
    a = b;
  }
  throw new Error('quietStartAtOrAfter: too many transitions');
}

/** What a provider accepts as a validity window, and how close to quiet hours we stop sending. */
export interface ValidityLimits {
  /** Under this many seconds of window, the message is not sent now (it waits for quiet hours to end). */
  minSeconds: number;
  /** The provider's largest window (Twilio: 36 000 s). */
  maxSeconds: number;
  /** Taken off the window for clock skew and the request's own time. */
  marginSeconds: number;
}

/**
 * The validity window, in whole seconds, for a message sent at `now`: it ends `marginSeconds`
 * before the debtor's next quiet hours begin (at most `maxSeconds`). Null when that leaves less
 * than `minSeconds`, or `now` is already quiet: then the message must not be sent now.
 */
export function validitySeconds(input: {
  now: number;
  timezone: string;
  quietHours: QuietHours;
  limits: ValidityLimits;
}): number | null {
  const { now, timezone, quietHours, limits } = input;
  const quietAt = quietStartAtOrAfter(now, timezone, quietHours);
  if (quietAt === null) return limits.maxSeconds;
  const seconds = Math.floor((quietAt - now) / SECOND) - limits.marginSeconds;
  return seconds < limits.minSeconds ? null : Math.min(seconds, limits.maxSeconds);
}
