import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  PolicyError,
  PolicyOverrideSchema,
  PolicySchema,
  resolvePolicy,
} from '../../src/planning/policy.ts';

describe('PolicySchema', () => {
  it('has exactly the CONTRACTS §3 names and defaults', () => {
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
    const p = resolvePolicy({ maxInstallments: 6, roundTo: 10, quietHours: { start: '22:00' } });
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
        quietHours: { start: '00:00', end: '23:59' },
      }),
    ).not.toThrow();
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
