import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import {
  QuietHoursSchema,
  isQuiet,
  nextLocalDayStart,
  parseHHMM,
  quietEndAfter,
} from '../../src/time/quiet-hours.ts';
import { formatZoned, localDate } from '../../src/time/timezone.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const LON = 'Europe/London';
const SYD = 'Australia/Sydney';
const KOL = 'Asia/Kolkata';
const QUIET = { start: '21:00', end: '08:00' };

/** Epoch ms of an ISO instant with its offset. */
const at = (iso: string): number => {
  const i = parseInstant(iso);
  if (!i) throw new Error(`bad instant ${iso}`);
  return i.epochMs;
};
const MIN = 60_000;
const HOUR = 3_600_000;

describe('parseHHMM', () => {
  it('reads HH:MM as minutes since midnight', () => {
    expect(parseHHMM('21:00')).toBe(1260);
    expect(parseHHMM('08:00')).toBe(480);
    expect(parseHHMM('00:00')).toBe(0);
    expect(parseHHMM('23:59')).toBe(1439);
  });
  it.each(['24:00', '9:00', '21:60', '21:00:00', '', ' 21:00'])('rejects %j', (s) => {
    expect(() => parseHHMM(s)).toThrow(RangeError);
  });
});

describe('isQuiet', () => {
  it('wraps midnight when start > end (21:00–08:00)', () => {
    const q = (hhmm: string) => isQuiet(at(`2026-11-23T${hhmm}:00+08:00`), SH, QUIET);
    expect([q('20:59'), q('21:00'), q('23:59'), q('00:00'), q('07:59'), q('08:00'), q('12:00')]).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('supports a window inside one day (start < end) and none at all (start == end)', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(isQuiet(at('2026-11-23T11:59:00+08:00'), SH, lunch)).toBe(false);
    expect(isQuiet(at('2026-11-23T12:00:00+08:00'), SH, lunch)).toBe(true);
    expect(isQuiet(at('2026-11-23T14:00:00+08:00'), SH, lunch)).toBe(false);
    const none = { start: '08:00', end: '08:00' };
    expect(isQuiet(at('2026-11-23T03:00:00+08:00'), SH, none)).toBe(false);
  });

  it('judges the debtor’s local clock, not UTC: 22:00 in Kolkata is quiet, the same instant in London is not', () => {
    const t = at('2026-06-01T22:00:00+05:30');
    expect(isQuiet(t, KOL, QUIET)).toBe(true);
    expect(isQuiet(t, LON, QUIET)).toBe(false);
  });
});

describe('quietEndAfter', () => {
  it('returns the instant itself outside quiet hours', () => {
    const t = at('2026-11-23T10:00:00+08:00') + 1234;
    expect(quietEndAfter(t, SH, QUIET)).toBe(t);
  });

  it('defers 21:30 Beijing time to 08:00 the next morning, and 03:00 to 08:00 the same morning', () => {
    expect(quietEndAfter(at('2026-11-23T21:30:00+08:00'), SH, QUIET)).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(quietEndAfter(at('2026-11-24T03:00:00+08:00'), SH, QUIET)).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(quietEndAfter(at('2026-12-31T23:00:00+08:00'), SH, QUIET)).toBe(at('2027-01-01T08:00:00+08:00'));
  });

  it('lands exactly on 08:00 local across the New York spring-forward night (9 h 30 min later, not 10 h 30)', () => {
    const now = at('2026-03-07T21:30:00-05:00');
    const end = quietEndAfter(now, NY, QUIET);
    expect(formatZoned(end, NY)).toBe('2026-03-08T08:00:00-04:00');
    expect(end - now).toBe(9.5 * HOUR);
  });

  it('lands exactly on 08:00 local across the New York fall-back night (11 h later)', () => {
    const now = at('2026-10-31T22:00:00-04:00');
    const end = quietEndAfter(now, NY, QUIET);
    expect(formatZoned(end, NY)).toBe('2026-11-01T08:00:00-05:00');
    expect(end - now).toBe(11 * HOUR);
  });

  it('lands exactly on 08:00 local across London’s and Sydney’s switches', () => {
    expect(formatZoned(quietEndAfter(at('2026-03-28T23:00:00+00:00'), LON, QUIET), LON)).toBe(
      '2026-03-29T08:00:00+01:00',
    );
    expect(formatZoned(quietEndAfter(at('2026-10-24T23:00:00+01:00'), LON, QUIET), LON)).toBe(
      '2026-10-25T08:00:00+00:00',
    );
    expect(formatZoned(quietEndAfter(at('2026-04-04T21:00:00+11:00'), SYD, QUIET), SYD)).toBe(
      '2026-04-05T08:00:00+10:00',
    );
    expect(formatZoned(quietEndAfter(at('2026-10-03T21:00:00+10:00'), SYD, QUIET), SYD)).toBe(
      '2026-10-04T08:00:00+11:00',
    );
  });

  it('ends at the first instant after a gap that swallows the end time', () => {
    // Quiet until 02:30, which 2026-03-08 skips in New York: allowed again at 03:00 EDT.
    const q = { start: '21:00', end: '02:30' };
    expect(quietEndAfter(at('2026-03-08T01:00:00-05:00'), NY, q)).toBe(at('2026-03-08T03:00:00-04:00'));
  });

  it('ends at the first of two 01:30s when the end time falls in the overlap', () => {
    const q = { start: '21:00', end: '01:30' };
    expect(quietEndAfter(at('2026-11-01T00:10:00-04:00'), NY, q)).toBe(at('2026-11-01T01:30:00-04:00'));
    // From the second 01:00 (EST), the first 01:30 is past: the next end is the second 01:30.
    expect(quietEndAfter(at('2026-11-01T01:00:00-05:00'), NY, q)).toBe(at('2026-11-01T01:30:00-05:00'));
  });

  it('ends when a fall-back moves the clock out of a daytime window', () => {
    // Quiet 01:30–03:00; at 01:59:59 EDT the clock falls back to 01:00 EST, outside the window.
    const q = { start: '01:30', end: '03:00' };
    expect(quietEndAfter(at('2026-11-01T01:45:00-04:00'), NY, q)).toBe(at('2026-11-01T01:00:00-05:00'));
  });

  it('returns a minute that is itself not quiet, and the minute before it is', () => {
    for (const [iso, tz] of [
      ['2026-03-07T23:59:00-05:00', NY],
      ['2026-10-03T22:00:00+10:00', SYD],
      ['2026-06-01T05:00:00+05:30', KOL],
    ] as const) {
      const end = quietEndAfter(at(iso), tz, QUIET);
      expect(isQuiet(end, tz, QUIET)).toBe(false);
      expect(isQuiet(end - MIN, tz, QUIET)).toBe(true);
    }
  });
});

describe('nextLocalDayStart', () => {
  it('is 08:00 the next local day with the default quiet hours', () => {
    expect(nextLocalDayStart(at('2026-11-23T15:00:00+08:00'), SH, QUIET)).toBe(
      at('2026-11-24T08:00:00+08:00'),
    );
    // 02:00 Beijing belongs to the 24th: the next day is the 25th.
    expect(nextLocalDayStart(at('2026-11-24T02:00:00+08:00'), SH, QUIET)).toBe(
      at('2026-11-25T08:00:00+08:00'),
    );
  });

  it('is local midnight when there are no quiet hours, in the debtor’s zone', () => {
    const none = { start: '00:00', end: '00:00' };
    expect(nextLocalDayStart(at('2026-06-01T10:00:00+05:30'), KOL, none)).toBe(
      at('2026-06-02T00:00:00+05:30'),
    );
  });

  it('crosses DST switches to exactly 08:00 local', () => {
    expect(formatZoned(nextLocalDayStart(at('2026-03-07T15:00:00-05:00'), NY, QUIET), NY)).toBe(
      '2026-03-08T08:00:00-04:00',
    );
    expect(formatZoned(nextLocalDayStart(at('2026-10-31T15:00:00-04:00'), NY, QUIET), NY)).toBe(
      '2026-11-01T08:00:00-05:00',
    );
    expect(formatZoned(nextLocalDayStart(at('2026-10-03T12:00:00+10:00'), SYD, QUIET), SYD)).toBe(
      '2026-10-04T08:00:00+11:00',
    );
  });

  it('starts the day after a midnight gap at its first instant (Santiago, 2026-09-06 00:00 → 01:00)', () => {
    const none = { start: '12:00', end: '12:00' };
    expect(
      formatZoned(
        nextLocalDayStart(at('2026-09-05T12:00:00-04:00'), 'America/Santiago', none),
        'America/Santiago',
      ),
    ).toBe('2026-09-06T01:00:00-03:00');
  });

  it('agrees with localDate on the day it lands on', () => {
    const t = at('2026-12-31T22:00:00+08:00');
    expect(localDate(nextLocalDayStart(t, SH, QUIET), SH)).toBe('2027-01-01');
  });
});

describe('QuietHoursSchema: the one shape of quiet hours (the policy’s and the guard’s)', () => {
  it('takes HH:MM from 00:00 to 23:59 for start and end', () => {
    expect(QuietHoursSchema.parse(QUIET)).toEqual(QUIET);
    expect(QuietHoursSchema.parse({ start: '00:00', end: '23:59' })).toEqual({
      start: '00:00',
      end: '23:59',
    });
  });

  it.each([
    [{ start: '25:00', end: '08:00' }, 'expected a time HH:MM (00:00 to 23:59)'],
    [{ start: '9pm', end: '08:00' }, 'expected a time HH:MM (00:00 to 23:59)'],
    [{ start: 2100, end: '08:00' }, 'expected a time HH:MM'],
    [{ start: '21:00' }, 'expected a time HH:MM'],
  ])('rejects %j', (value, message) => {
    const r = QuietHoursSchema.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message);
  });

  it('rejects an unknown field rather than ignoring it', () => {
    expect(QuietHoursSchema.safeParse({ ...QUIET, begin: '20:00' }).success).toBe(false);
  });
});
