import { z } from 'zod';
import { fromDays, toDays } from './calendar.ts';
import { checkEpoch, nextOffsetChange, utcOffsetMs, zonedEpoch, zonedParts } from './timezone.ts';

/**
 * Quiet hours: the local clock times between which no SMS goes out (CONTRACTS §3/§4), and the
 * first instant after them. One shape for the lender's policy and the compliance guard alike.
 * Local time comes from timezone.ts; epoch milliseconds are always passed in.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A local clock time `HH:MM`, 00:00 to 23:59. */
export const ClockTimeSchema = z
  .string({ error: 'expected a time HH:MM' })
  .regex(HHMM, { error: 'expected a time HH:MM (00:00 to 23:59)' });

/**
 * Quiet from `start` (local) until `end` (exclusive). start > end wraps midnight; start == end
 * means no quiet hours. Strict: a misspelt field in a lender's config fails loudly.
 */
export const QuietHoursSchema = z.strictObject({ start: ClockTimeSchema, end: ClockTimeSchema });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** `"21:00"` → 1260 (minutes since midnight). Throws on anything but `HH:MM` 00:00–23:59. */
export function parseHHMM(s: string): number {
  const m = HHMM.exec(s);
  if (!m) throw new RangeError(`expected a time HH:MM (00:00 to 23:59): ${JSON.stringify(s)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface QuietSpan {
  start: number;
  end: number;
}

const clockMinutes = new Map<string, number>();
function minutesOf(s: string): number {
  let m = clockMinutes.get(s);
  if (m === undefined) {
    m = parseHHMM(s); // throws on a malformed time, which is then never cached
    clockMinutes.set(s, m);
  }
  return m;
}

function quietSpan(q: QuietHours): QuietSpan {
  return { start: minutesOf(q.start), end: minutesOf(q.end) };
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/** Minutes since local midnight for a local time (ms since 1970-01-01T00:00 local). */
const minuteOfDay = (local: number): number => floorDiv(local - floorDiv(local, DAY) * DAY, MINUTE);

/** Whether a minute of the local day is quiet: [start, end), wrapping midnight when start > end. */
function quietMinute(m: number, { start, end }: QuietSpan): boolean {
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

export function isQuiet(epochMs: number, tz: string, quietHours: QuietHours): boolean {
  checkEpoch(epochMs);
  const local = epochMs + utcOffsetMs(epochMs, tz);
  return quietMinute(minuteOfDay(local), quietSpan(quietHours));
}

/**
 * `epochMs` itself when it is not quiet; else the earliest later instant that is not: the next
 * local `end` time, or a DST transition that jumps out of quiet hours before it (a spring-forward
 * gap that skips over `end` lands on the transition, which is then the first allowed instant).
 */
export function quietEndAfter(epochMs: number, tz: string, quietHours: QuietHours): number {
  checkEpoch(epochMs);
  const first = utcOffsetMs(epochMs, tz);
  const span = quietSpan(quietHours);
  if (!quietMinute(minuteOfDay(epochMs + first), span)) return epochMs;
  let a = epochMs;
  for (let i = 0; i < 64; i++) {
    const offset = utcOffsetMs(a, tz);
    const local = a + offset;
    if (!quietMinute(minuteOfDay(local), span)) return a; // a transition moved the clock out of quiet hours
    // Inside quiet hours the clock leaves them only by reaching `end` (the minute `end` is never quiet).
    let endLocal = floorDiv(local, DAY) * DAY + span.end * MINUTE;
    if (endLocal <= local) endLocal += DAY;
    const t = endLocal - offset;
    const b = nextOffsetChange(tz, a, t);
    if (b === null) {
      checkEpoch(t);
      return t;
    }
    a = b;
  }
  throw new Error('quietEndAfter: too many transitions');
}

/**
 * The first allowed instant of the local day after `epochMs`'s: that day's start (midnight, or
 * the first instant after a midnight DST gap) moved past quiet hours. For deferring a proactive
 * message past a full day.
 */
export function nextLocalDayStart(epochMs: number, tz: string, quietHours: QuietHours): number {
  const { date } = zonedParts(epochMs, tz);
  const dayStart = zonedEpoch(fromDays(toDays(date) + 1), 0, tz);
  return quietEndAfter(dayStart, tz, quietHours);
}
