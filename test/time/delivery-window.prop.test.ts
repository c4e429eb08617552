import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quietStartAtOrAfter, validitySeconds } from '../../src/time/delivery-window.ts';
import { isQuiet } from '../../src/time/quiet-hours.ts';
import { nextOffsetChange } from '../../src/time/timezone.ts';
import { propRuns } from '../support/props.ts';

/**
 * The validity window never reaches into quiet hours, in any zone: checked against a plain scan
 * of every minute boundary (quiet hours change only on local minute boundaries, and every DST
 * transition in these zones falls on one), independently of how the window was computed.
 */

const MIN = 60_000;
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Santiago',
  'Australia/Lord_Howe', // DST moves the clock by 30 minutes
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kolkata',
];
const LIMITS = { minSeconds: 120, maxSeconds: 36_000, marginSeconds: 30 };

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const quietHours = fc.record({ start: hhmm, end: hhmm });
// 2020–2030, to the millisecond
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
const zone = fc.constantFrom(...ZONES);
const YEAR = 365 * 86_400_000;
/** A zone and an instant within 36 hours of one of its DST transitions (or anywhere, for zones without). */
const zoneAndInstant = fc.oneof(
  fc.tuple(zone, instant),
  fc
    .tuple(zone, instant, fc.integer({ min: -36 * 60 * MIN, max: 36 * 60 * MIN }))
    .map(([tz, t, d]): [string, number] => [tz, (nextOffsetChange(tz, t, t + YEAR) ?? t) + d]),
);

/** The first quiet instant in [from, to], by scanning `from` and every minute boundary after it; null if none. */
function firstQuietByScan(
  from: number,
  to: number,
  tz: string,
  q: { start: string; end: string },
): number | null {
  if (to < from) return null;
  if (isQuiet(from, tz, q)) return from;
  for (let t = Math.floor(from / MIN) * MIN + MIN; t <= to; t += MIN) if (isQuiet(t, tz, q)) return t;
  return null;
}

describe('the delivery window (properties)', () => {
  it('quietStartAtOrAfter is the first quiet instant: nothing before it is quiet, it is', () => {
    fc.assert(
      fc.property(zoneAndInstant, quietHours, ([tz, now], q) => {
        const start = quietStartAtOrAfter(now, tz, q);
        if (q.start === q.end) {
          expect(start).toBeNull();
          return;
        }
        expect(start).not.toBeNull();
        expect(start!).toBeGreaterThanOrEqual(now);
        expect(isQuiet(start!, tz, q)).toBe(true);
        // no quiet instant before it (the scan stops one ms short of it)
        expect(firstQuietByScan(now, start! - 1, tz, q)).toBeNull();
      }),
      { numRuns: propRuns(50) },
    );
  });

  it('validitySeconds never lets a message be delivered in quiet hours, and stays in Twilio range', () => {
    fc.assert(
      fc.property(zoneAndInstant, quietHours, ([tz, now], q) => {
        const v = validitySeconds({ now, timezone: tz, quietHours: q, limits: LIMITS });
        if (v === null) {
          // not sent now: quiet already, or quiet hours begin within floor + margin (+1 s of rounding)
          const within = (LIMITS.minSeconds + LIMITS.marginSeconds + 1) * 1000;
          expect(firstQuietByScan(now, now + within, tz, q)).not.toBeNull();
          return;
        }
        expect(v).toBeGreaterThanOrEqual(LIMITS.minSeconds);
        expect(v).toBeLessThanOrEqual(LIMITS.maxSeconds);
        expect(Number.isInteger(v)).toBe(true);
        // the whole window and the margin after it are outside quiet hours
        expect(firstQuietByScan(now, now + (v + LIMITS.marginSeconds) * 1000 - 1, tz, q)).toBeNull();
      }),
      { numRuns: propRuns(50) },
    );
  });
});
