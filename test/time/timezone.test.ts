import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import {
  formatZoned,
  isQuiet,
  isTimeZone,
  localDate,
  nextLocalDayStart,
  parseHHMM,
  quietEndAfter,
  zonedEpoch,
  zonedParts,
} from '../../src/time/timezone.ts';

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

describe('zonedParts: the local date, minute of day and offset of an instant', () => {
  it('reads Beijing time (UTC+8, no DST)', () => {
    expect(zonedParts(at('2026-11-23T10:00:00+08:00'), SH)).toEqual({
      date: '2026-11-23',
      minutes: 600,
      offsetMinutes: 480,
    });
    // 23:59:59 UTC is already the next morning in Beijing.
    expect(zonedParts(at('2026-11-23T23:59:59Z'), SH)).toEqual({
      date: '2026-11-24',
      minutes: 479,
      offsetMinutes: 480,
    });
  });

  it('reads India (UTC+05:30)', () => {
    expect(zonedParts(at('2026-07-01T00:00:00Z'), KOL)).toEqual({
      date: '2026-07-01',
      minutes: 330,
      offsetMinutes: 330,
    });
    expect(zonedParts(at('2026-06-30T18:29:00Z'), KOL)).toEqual({
      date: '2026-06-30',
      minutes: 1439,
      offsetMinutes: 330,
    });
  });

  it('follows New York into daylight time on 2026-03-08 (02:00 EST → 03:00 EDT)', () => {
    const switchAt = at('2026-03-08T07:00:00Z');
    expect(zonedParts(switchAt - 1, NY)).toEqual({ date: '2026-03-08', minutes: 119, offsetMinutes: -300 });
    expect(zonedParts(switchAt, NY)).toEqual({ date: '2026-03-08', minutes: 180, offsetMinutes: -240 });
  });

  it('follows New York back to standard time on 2026-11-01 (01:59 EDT → 01:00 EST)', () => {
    const switchAt = at('2026-11-01T06:00:00Z');
    expect(zonedParts(switchAt - 1, NY)).toEqual({ date: '2026-11-01', minutes: 119, offsetMinutes: -240 });
    expect(zonedParts(switchAt, NY)).toEqual({ date: '2026-11-01', minutes: 60, offsetMinutes: -300 });
  });

  it('follows London between GMT and BST', () => {
    expect(zonedParts(at('2026-01-15T12:00:00Z'), LON).offsetMinutes).toBe(0);
    expect(zonedParts(at('2026-03-29T00:59:59Z'), LON)).toEqual({
      date: '2026-03-29',
      minutes: 59,
      offsetMinutes: 0,
    });
    expect(zonedParts(at('2026-03-29T01:00:00Z'), LON)).toEqual({
      date: '2026-03-29',
      minutes: 120,
      offsetMinutes: 60,
    });
    expect(zonedParts(at('2026-10-25T01:00:00Z'), LON)).toEqual({
      date: '2026-10-25',
      minutes: 60,
      offsetMinutes: 0,
    });
  });

  it('follows Sydney, whose summer (DST) is in January', () => {
    expect(zonedParts(at('2026-01-15T00:00:00Z'), SYD).offsetMinutes).toBe(660);
    expect(zonedParts(at('2026-07-15T00:00:00Z'), SYD).offsetMinutes).toBe(600);
    // DST ends 2026-04-05 03:00 AEDT (16:00Z on the 4th): the clock goes back to 02:00.
    expect(zonedParts(at('2026-04-04T16:00:00Z'), SYD)).toEqual({
      date: '2026-04-05',
      minutes: 120,
      offsetMinutes: 600,
    });
    // DST starts 2026-10-04 02:00 AEST (16:00Z on the 3rd): the clock jumps to 03:00.
    expect(zonedParts(at('2026-10-03T16:00:00Z'), SYD)).toEqual({
      date: '2026-10-04',
      minutes: 180,
      offsetMinutes: 660,
    });
  });

  it('rejects unknown zones and instants outside years 1–9999', () => {
    expect(() => zonedParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => zonedParts(Number.NaN, SH)).toThrow(RangeError);
    expect(() => zonedParts(8.64e15, SH)).toThrow(RangeError);
    expect(isTimeZone(NY)).toBe(true);
    expect(isTimeZone('Not/A_Zone')).toBe(false);
  });
});

describe('zonedEpoch: a local wall time to an instant', () => {
  it('inverts zonedParts in Beijing and Kolkata', () => {
    expect(zonedEpoch('2026-11-23', 600, SH)).toBe(at('2026-11-23T10:00:00+08:00'));
    expect(zonedEpoch('2026-11-23', 600, KOL)).toBe(at('2026-11-23T10:00:00+05:30'));
  });

  it('moves a wall time in the spring-forward gap to the first instant after it', () => {
    // 02:30 never happens in New York on 2026-03-08: the first valid instant is 03:00 EDT.
    expect(zonedEpoch('2026-03-08', 150, NY)).toBe(at('2026-03-08T03:00:00-04:00'));
    expect(zonedEpoch('2026-03-08', 120, NY)).toBe(at('2026-03-08T03:00:00-04:00'));
    expect(zonedEpoch('2026-03-08', 180, NY)).toBe(at('2026-03-08T03:00:00-04:00'));
    expect(zonedEpoch('2026-03-08', 119, NY)).toBe(at('2026-03-08T01:59:00-05:00'));
    // London's gap is 01:00–02:00 on 2026-03-29; Sydney's 02:00–03:00 on 2026-10-04.
    expect(zonedEpoch('2026-03-29', 90, LON)).toBe(at('2026-03-29T02:00:00+01:00'));
    expect(zonedEpoch('2026-10-04', 150, SYD)).toBe(at('2026-10-04T03:00:00+11:00'));
  });

  it('takes the earlier of two instants in the fall-back overlap', () => {
    expect(zonedEpoch('2026-11-01', 90, NY)).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(zonedEpoch('2026-10-25', 90, LON)).toBe(at('2026-10-25T01:30:00+01:00'));
    expect(zonedEpoch('2026-04-05', 150, SYD)).toBe(at('2026-04-05T02:30:00+11:00'));
  });

  it('handles a zone that skipped a whole day (Samoa, 2011-12-30) and a midnight gap (Santiago)', () => {
    expect(zonedEpoch('2011-12-30', 600, 'Pacific/Apia')).toBe(at('2011-12-31T00:00:00+14:00'));
    expect(zonedEpoch('2026-09-06', 0, 'America/Santiago')).toBe(at('2026-09-06T01:00:00-03:00'));
  });

  it('rejects impossible dates and fractional minutes', () => {
    expect(() => zonedEpoch('2026-02-30', 0, SH)).toThrow(RangeError);
    expect(() => zonedEpoch('2026-02-03', 1.5, SH)).toThrow(RangeError);
  });
});

describe('formatZoned', () => {
  it('writes seconds and the offset, never Z', () => {
    expect(formatZoned(at('2026-11-23T02:00:00Z'), SH)).toBe('2026-11-23T10:00:00+08:00');
    expect(formatZoned(at('2026-01-15T12:00:07.900Z'), LON)).toBe('2026-01-15T12:00:07+00:00');
    expect(formatZoned(at('2026-06-01T04:30:00Z'), KOL)).toBe('2026-06-01T10:00:00+05:30');
    expect(formatZoned(at('2026-03-08T07:00:00Z'), NY)).toBe('2026-03-08T03:00:00-04:00');
    expect(formatZoned(at('2026-11-01T06:30:00Z'), NY)).toBe('2026-11-01T01:30:00-05:00');
    expect(formatZoned(at('2026-11-01T05:30:00Z'), NY)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('round-trips through parseInstant', () => {
    for (const t of [at('2026-03-08T06:59:59Z'), at('2026-11-01T06:00:00Z'), at('2030-12-31T23:59:59Z')]) {
      for (const tz of [SH, NY, LON, SYD, KOL]) expect(parseInstant(formatZoned(t, tz))!.epochMs).toBe(t);
    }
  });
});

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
