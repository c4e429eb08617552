import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import { formatZoned, isTimeZone, zonedEpoch, zonedParts } from '../../src/time/timezone.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const LON = 'Europe/London';
const SYD = 'Australia/Sydney';
const KOL = 'Asia/Kolkata';

/** Epoch ms of an ISO instant with its offset. */
const at = (iso: string): number => {
  const i = parseInstant(iso);
  if (!i) throw new Error(`bad instant ${iso}`);
  return i.epochMs;
};

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
