import { describe, expect, it } from 'vitest';
import { coversFloor, jurisdictionOf, quietFloorsOf } from '../../src/planning/legal-floors.ts';
import {
  DEFAULT_POLICY,
  PolicyError,
  PolicyOverrideSchema,
  PolicySchema,
  resolvePolicy,
} from '../../src/planning/policy.ts';

describe('PolicySchema', () => {
  it('has exactly the CONTRACTS §3 names and defaults, and the §8 ones', () => {
    expect(PolicySchema.parse({})).toEqual({
      maxInstallments: 12,
      minInstallment: 100,
      maxPlanDays: 365,
      minDownPaymentRatio: 0.1,
      firstDueWithinDays: 7,
      maxExtensionDays: 30,
      roundTo: 1,
      maxNegotiationRounds: 3,
      maxProactivePerDay: 3,
      // CONTRACTS §8: the time frame a handoff promises; what two missed installments lead to.
      handoffResponseHours: 24,
      onBrokenPlan: 'renegotiate',
      quietHours: { start: '21:00', end: '08:00' },
    });
    expect(DEFAULT_POLICY).toEqual(PolicySchema.parse({}));
  });

  it('accepts an override with any subset of fields, quietHours fields included', () => {
    expect(PolicyOverrideSchema.parse({})).toEqual({});
    expect(PolicyOverrideSchema.parse({ quietHours: { end: '09:00' } })).toEqual({
      quietHours: { end: '09:00' },
    });
  });

  it('keeps DEFAULT_POLICY immutable', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.quietHours)).toBe(true);
  });
});

describe('resolvePolicy', () => {
  it('returns the defaults without an override', () => {
    expect(resolvePolicy()).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy({})).toEqual(DEFAULT_POLICY);
  });

  it('merges field by field, quietHours too', () => {
    // 22:00–08:00 is China's floor: enough for a Chinese account, not for one of unknown jurisdiction.
    const p = resolvePolicy({ maxInstallments: 6, roundTo: 10, quietHours: { start: '22:00' } }, 'CN');
    expect(p).toEqual({
      ...DEFAULT_POLICY,
      maxInstallments: 6,
      roundTo: 10,
      quietHours: { start: '22:00', end: '08:00' },
    });
    expect(DEFAULT_POLICY.maxInstallments).toBe(12);
  });

  it('accepts the edges of every range', () => {
    expect(() =>
      resolvePolicy({
        maxInstallments: 120,
        minInstallment: 0.01,
        maxPlanDays: 0,
        minDownPaymentRatio: 1,
        firstDueWithinDays: 0,
        maxExtensionDays: 0,
        roundTo: 0.5,
        maxNegotiationRounds: 1,
        maxProactivePerDay: 0,
        quietHours: { start: '21:00', end: '08:00' },
      }),
    ).not.toThrow();
    expect(resolvePolicy({ maxProactivePerDay: 3 }).maxProactivePerDay).toBe(3);
    // Quiet all day but a minute: stricter than any floor, so allowed.
    expect(resolvePolicy({ quietHours: { start: '08:01', end: '08:00' } }).quietHours).toEqual({
      start: '08:01',
      end: '08:00',
    });
  });

  it.each([
    [{ maxInstallments: 0 }, 'policy.maxInstallments: expected an integer from 1 to 120'],
    [{ maxInstallments: 2.5 }, 'policy.maxInstallments: expected an integer from 1 to 120'],
    [{ maxInstallments: 121 }, 'policy.maxInstallments: expected an integer from 1 to 120'],
    [{ maxInstallments: '6' }, 'policy.maxInstallments: expected an integer from 1 to 120'],
    [{ minInstallment: 0 }, 'policy.minInstallment: expected an amount > 0'],
    [{ minInstallment: 1.005 }, 'policy.minInstallment: expected an amount > 0'],
    [{ roundTo: -1 }, 'policy.roundTo: expected an amount > 0'],
    [{ minDownPaymentRatio: 1.5 }, 'policy.minDownPaymentRatio: expected a number from 0 to 1'],
    [{ minDownPaymentRatio: -0.1 }, 'policy.minDownPaymentRatio: expected a number from 0 to 1'],
    [{ maxPlanDays: -1 }, 'policy.maxPlanDays: expected an integer from 0 to 3660'],
    [{ firstDueWithinDays: 1.5 }, 'policy.firstDueWithinDays: expected an integer'],
    [{ maxExtensionDays: null }, 'policy.maxExtensionDays: expected an integer'],
    [{ maxNegotiationRounds: 0 }, 'policy.maxNegotiationRounds: expected an integer'],
    [{ maxProactivePerDay: -1 }, 'policy.maxProactivePerDay: expected an integer'],
    [{ quietHours: { start: '9pm' } }, 'policy.quietHours.start: expected a time HH:MM'],
    [{ quietHours: { end: '24:00' } }, 'policy.quietHours.end: expected a time HH:MM'],
    [{ quietHours: 'night' }, 'policy.quietHours: '],
    [{ maxInstalments: 6 }, 'policy.maxInstalments: unknown field'],
    [{ quietHours: { begin: '21:00' } }, 'policy.quietHours.begin: unknown field'],
    ['strict', 'policy: expected an object'],
    [[], 'policy: expected an object'],
  ])('rejects %j naming the field', (override, message) => {
    expect(() => resolvePolicy(override)).toThrow(PolicyError);
    expect(() => resolvePolicy(override)).toThrow(message);
  });

  it('reports every bad field at once', () => {
    try {
      resolvePolicy({ maxInstallments: 0, roundTo: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as PolicyError).issues.map((i) => i.path)).toEqual([
        'policy.maxInstallments',
        'policy.roundTo',
      ]);
    }
  });
});

describe('the legal floors (issue 12: a policy cannot switch quiet hours or the cap off)', () => {
  it.each([
    ['08:00', '08:00', 'start and end are both 08:00, which leaves no hour quiet'],
    ['23:59', '00:00', '23:59–00:00 does not cover the legal quiet hours'],
    ['02:00', '05:00', '02:00–05:00 does not cover the legal quiet hours'],
    ['00:00', '23:59', '00:00–23:59 does not cover the legal quiet hours'],
    ['08:00', '21:00', '08:00–21:00 does not cover the legal quiet hours'],
    ['21:30', '08:00', '21:30–08:00 does not cover the legal quiet hours 21:00–08:00 (US)'],
    [
      '21:00',
      '07:59',
      '21:00–07:59 does not cover the legal quiet hours 22:00–08:00 (China) and 21:00–08:00 (US)',
    ],
  ])('refuses quiet hours %s–%s, naming the field and the floor', (start, end, message) => {
    expect(() => resolvePolicy({ quietHours: { start, end } })).toThrow(PolicyError);
    expect(() => resolvePolicy({ quietHours: { start, end } })).toThrow(`policy.quietHours: ${message}`);
  });

  it("holds a China account to China's floor, a US account to the US's, an unknown one to both", () => {
    const chinaFloor = { quietHours: { start: '22:00', end: '08:00' } };
    expect(resolvePolicy(chinaFloor, 'CN').quietHours).toEqual({ start: '22:00', end: '08:00' });
    expect(() => resolvePolicy(chinaFloor, 'US')).toThrow('21:00–08:00 (US)');
    expect(() => resolvePolicy(chinaFloor)).toThrow("the account's jurisdiction is not known");
    expect(() => resolvePolicy({ quietHours: { end: '09:00' } }, 'CN')).not.toThrow();
    expect(() => resolvePolicy({ quietHours: { end: '07:59' } }, 'CN')).toThrow('22:00–08:00 (China)');
  });

  it('caps proactive messages at 3 a day, the harassment line', () => {
    expect(() => resolvePolicy({ maxProactivePerDay: 100 })).toThrow(
      'policy.maxProactivePerDay: expected an integer from 0 to 3 (more than 3 proactive messages a day is harassment)',
    );
    expect(() => resolvePolicy({ maxProactivePerDay: 4 })).toThrow(PolicyError);
  });

  it('tells the jurisdiction from the time zone, the phone and the currency, when they agree', () => {
    expect(jurisdictionOf({ timezone: 'Asia/Shanghai', currency: 'CNY', phone: '+8613800138000' })).toBe(
      'CN',
    );
    expect(jurisdictionOf({ timezone: 'Asia/Shanghai', currency: 'CNY' })).toBe('CN');
    expect(jurisdictionOf({ timezone: 'America/Chicago', currency: 'USD', phone: '+14155550100' })).toBe(
      'US',
    );
    // Any disagreement, or a place that is neither: both floors.
    expect(jurisdictionOf({ timezone: 'Asia/Shanghai', currency: 'CNY', phone: '+14155550100' })).toBe(
      'unknown',
    );
    expect(jurisdictionOf({ timezone: 'Australia/Sydney', currency: 'CNY' })).toBe('unknown');
    expect(jurisdictionOf({ timezone: 'Europe/London', currency: 'USD' })).toBe('unknown');
    expect(quietFloorsOf('unknown').map((f) => f.name)).toEqual(['China', 'US']);
  });

  it('reads a window as [start, end), wrapping midnight, as the guard does', () => {
    const us = quietFloorsOf('US')[0]!;
    expect(coversFloor({ start: '21:00', end: '08:00' }, us)).toBe(true);
    expect(coversFloor({ start: '20:00', end: '09:00' }, us)).toBe(true);
    expect(coversFloor({ start: '00:00', end: '00:00' }, us)).toBe(false);
    expect(coversFloor({ start: '21:01', end: '08:00' }, us)).toBe(false);
    expect(coversFloor({ start: '21:00', end: '20:59' }, us)).toBe(true);
  });

  it('keeps the §3 default, which covers both floors', () => {
    expect(resolvePolicy({}, 'unknown').quietHours).toEqual({ start: '21:00', end: '08:00' });
    for (const f of quietFloorsOf()) expect(coversFloor(DEFAULT_POLICY.quietHours, f)).toBe(true);
  });
});
