import { describe, expect, it } from 'vitest';
import { guard, type GuardInput } from '../../src/compliance/guard.ts';
import { nextSendableAt } from '../../src/compliance/timing-rules.ts';
import { at, en, enProactive, expectBlocked, expectSent, reasons, rules, zh, zhProactive } from './inputs.ts';

/**
 * The guard's timing rules as a specification: quiet hours and the daily cap, which defer a
 * message (never drop it) to the first instant both allow.
 */

describe('quiet_hours: sent between 08:00 and 21:00 in the debtor’s local time, deferred (never dropped) otherwise', () => {
  it('a reminder at 21:30 Beijing time is deferred to 08:00 the next morning', () => {
    const v = guard(zhProactive({ now: at('2026-11-23T21:30:00+08:00') }));
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(rules(v)).toEqual(['quiet_hours']);
    expect(reasons(v, 'quiet_hours')).toContain('2026-11-23T21:30:00+08:00');
    expect(reasons(v, 'quiet_hours')).toContain('2026-11-24T08:00:00+08:00');
  });

  it('a reply arriving at 07:59 waits one minute; at 08:00 and 20:59 it goes at once; at 21:00 it waits', () => {
    expect(guard(zh({ now: at('2026-11-23T07:59:00+08:00') })).until).toBe(at('2026-11-23T08:00:00+08:00'));
    expectSent(zh({ now: at('2026-11-23T08:00:00+08:00') }));
    expectSent(zh({ now: at('2026-11-23T20:59:59+08:00') }));
    expect(guard(zh({ now: at('2026-11-23T21:00:00+08:00') })).action).toBe('defer');
  });

  it('a reply at 22:15 in New York on the eve of the spring-forward goes at 08:00 EDT', () => {
    const v = guard(en({ now: at('2026-03-07T22:15:00-05:00') }));
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-03-08T08:00:00-04:00'));
  });

  it('a deferred message re-checked at its `until` is sent', () => {
    const first = guard(enProactive({ now: at('2026-10-31T23:00:00-04:00') }));
    expect(first.until).toBe(at('2026-11-01T08:00:00-05:00'));
    expectSent(enProactive({ now: first.until! }));
  });

  it('uses the debtor’s zone: 09:00 in New York is 22:00 in Beijing', () => {
    const now = at('2026-11-23T09:00:00-05:00');
    expectSent(en({ now }));
    expect(guard(en({ now, timezone: 'Asia/Shanghai' })).action).toBe('defer');
  });

  it('respects a lender’s own quiet hours, including none at all', () => {
    const strict = { start: '20:00', end: '09:00' };
    expect(guard(zh({ now: at('2026-11-23T08:30:00+08:00'), quietHours: strict })).until).toBe(
      at('2026-11-23T09:00:00+08:00'),
    );
    expectSent(zh({ now: at('2026-11-23T03:00:00+08:00'), quietHours: { start: '00:00', end: '00:00' } }));
  });
});

describe('daily_cap: at most maxProactivePerDay proactive messages per local day', () => {
  const today = (hhmm: string) => at(`2026-11-23T${hhmm}:00+08:00`);

  it('a second proactive message beyond a cap of one is deferred to tomorrow at 08:00', () => {
    const v = guard(
      zhProactive({ maxProactivePerDay: 1, proactiveSentAt: [today('10:00')], now: today('15:00') }),
    );
    expect(v.action).toBe('defer');
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
    expect(rules(v)).toEqual(['daily_cap']);
    expect(reasons(v, 'daily_cap')).toContain('2026-11-23');
  });

  it('a fourth proactive message beyond the default cap of three is deferred to tomorrow (English, New York)', () => {
    const sent = ['09:00', '12:00', '15:00'].map((h) => at(`2026-11-23T${h}:00-05:00`));
    const v = guard(enProactive({ proactiveSentAt: sent, now: at('2026-11-23T18:00:00-05:00') }));
    expect(v.until).toBe(at('2026-11-24T08:00:00-05:00'));
    expectSent(enProactive({ proactiveSentAt: sent, now: v.until! }));
  });

  it('the third of three goes out', () => {
    expectSent(zhProactive({ proactiveSentAt: [today('09:00'), today('12:00')], now: today('15:00') }));
  });

  it('counts local days, not UTC days', () => {
    // 20:00 EST on the 23rd is 01:00Z on the 24th, the same UTC day as 10:00 EST on the 24th.
    expectSent(
      enProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [at('2026-11-23T20:00:00-05:00')],
        now: at('2026-11-24T10:00:00-05:00'),
      }),
    );
  });

  it('counts messages already scheduled later today', () => {
    const v = guard(
      zhProactive({ maxProactivePerDay: 1, proactiveSentAt: [today('18:00')], now: today('10:00') }),
    );
    expect(v.until).toBe(at('2026-11-24T08:00:00+08:00'));
  });

  it('skips days that are already full', () => {
    const v = guard(
      zhProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [today('09:00'), at('2026-11-24T09:00:00+08:00')],
        now: today('15:00'),
      }),
    );
    expect(v.until).toBe(at('2026-11-25T08:00:00+08:00'));
    expect(reasons(v, 'daily_cap')).toContain('2026-11-24');
  });

  it('a proactive message in quiet hours whose next morning is full waits for the morning after', () => {
    const v = guard(
      zhProactive({
        maxProactivePerDay: 1,
        proactiveSentAt: [at('2026-11-24T09:00:00+08:00')],
        now: today('22:00'),
      }),
    );
    expect(v.until).toBe(at('2026-11-25T08:00:00+08:00'));
    expect(rules(v)).toEqual(['quiet_hours', 'daily_cap']);
  });

  it('does not cap replies', () => {
    expectSent(
      zh({ proactiveSentAt: [today('09:00'), today('09:30'), today('09:45')], now: today('15:00') }),
    );
  });

  it('blocks every proactive message when the cap is 0', () => {
    expectBlocked(zhProactive({ maxProactivePerDay: 0 }), 'daily_cap');
    expectSent(zh({ maxProactivePerDay: 0 }));
  });
});

describe('nextSendableAt: the timing rules alone, for a re-check at send time', () => {
  const timing = (over: Partial<GuardInput> = {}) => {
    const { now, timezone, quietHours, kind, maxProactivePerDay, proactiveSentAt } = zh(over);
    return { now, timezone, quietHours, kind, maxProactivePerDay, proactiveSentAt };
  };

  it('is now itself when the message may go now', () => {
    const now = at('2026-11-23T10:00:00+08:00');
    expect(nextSendableAt(timing({ now }))).toBe(now);
  });

  it('is the end of quiet hours inside them', () => {
    expect(nextSendableAt(timing({ now: at('2026-11-23T22:00:00+08:00') }))).toBe(
      at('2026-11-24T08:00:00+08:00'),
    );
  });

  it('agrees with the guard’s `until` on a full day, and is null when no proactive message may ever go', () => {
    const input = zhProactive({
      maxProactivePerDay: 1,
      proactiveSentAt: [at('2026-11-23T09:00:00+08:00')],
      now: at('2026-11-23T15:00:00+08:00'),
    });
    expect(nextSendableAt(input)).toBe(guard(input).until);
    expect(nextSendableAt(timing({ kind: 'proactive', maxProactivePerDay: 0 }))).toBeNull();
    expect(nextSendableAt(timing({ kind: 'reply', maxProactivePerDay: 0 }))).toBe(timing().now);
  });
});
