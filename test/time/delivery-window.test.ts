import { describe, expect, it } from 'vitest';
import { quietStartAtOrAfter, validitySeconds } from '../../src/time/delivery-window.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const QUIET = { start: '21:00', end: '08:00' };
const TWILIO = { minSeconds: 120, maxSeconds: 36_000, marginSeconds: 30 };

const at = (iso: string): number => Date.parse(iso);
const validity = (iso: string, tz = SH, quietHours = QUIET) =>
  validitySeconds({ now: at(iso), timezone: tz, quietHours, limits: TWILIO });

describe('quietStartAtOrAfter', () => {
  it('is the next local start time when it is not quiet now', () => {
    expect(quietStartAtOrAfter(at('2026-11-23T20:00:00+08:00'), SH, QUIET)).toBe(
      at('2026-11-23T21:00:00+08:00'),
    );
    expect(quietStartAtOrAfter(at('2026-11-23T08:00:00+08:00'), SH, QUIET)).toBe(
      at('2026-11-23T21:00:00+08:00'),
    );
    // a window inside one day that has passed today begins tomorrow
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietStartAtOrAfter(at('2026-11-23T15:00:00+08:00'), SH, lunch)).toBe(
      at('2026-11-24T12:00:00+08:00'),
    );
  });

  it('is the instant itself inside quiet hours, and null without quiet hours', () => {
    const night = at('2026-11-23T23:30:00+08:00');
    expect(quietStartAtOrAfter(night, SH, QUIET)).toBe(night);
    expect(quietStartAtOrAfter(night, SH, { start: '08:00', end: '08:00' })).toBeNull();
  });

  it('is the DST transition when spring-forward jumps over the start time into quiet hours', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:30 never happens that night.
    const early = { start: '02:30', end: '06:00' };
    expect(quietStartAtOrAfter(at('2026-03-08T01:00:00-05:00'), NY, early)).toBe(at('2026-03-08T07:00:00Z'));
    // the next night it is 02:30 EDT again
    expect(quietStartAtOrAfter(at('2026-03-08T12:00:00-04:00'), NY, early)).toBe(
      at('2026-03-09T02:30:00-04:00'),
    );
  });

  it('follows the local clock across fall-back (an hour longer that evening in UTC terms)', () => {
    // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST; 21:00 that day is EST (-05:00).
    expect(quietStartAtOrAfter(at('2026-10-31T22:00:00-04:00'), NY, { start: '21:00', end: '21:30' })).toBe(
      at('2026-11-01T21:00:00-05:00'),
    );
  });
});

describe('validitySeconds (Twilio: 120 s floor, 36 000 s cap, 30 s margin)', () => {
  it('ends the margin before quiet hours begin', () => {
    expect(validity('2026-11-23T20:00:00+08:00')).toBe(3600 - 30);
    expect(validity('2026-11-23T20:00:00.999+08:00')).toBe(3599 - 30); // whole seconds, rounded down
  });

  it('is capped at the provider maximum far from quiet hours, and without any', () => {
    expect(validity('2026-11-23T09:00:00+08:00')).toBe(36_000);
    expect(validity('2026-11-23T03:00:00+08:00', SH, { start: '00:00', end: '00:00' })).toBe(36_000);
  });

  it('is null (do not send now) under the floor, and inside quiet hours', () => {
    expect(validity('2026-11-23T20:57:30+08:00')).toBe(120); // 150 s left: exactly the floor
    expect(validity('2026-11-23T20:57:31+08:00')).toBeNull();
    expect(validity('2026-11-23T21:00:00+08:00')).toBeNull();
    expect(validity('2026-11-24T07:59:59+08:00')).toBeNull();
  });
});
