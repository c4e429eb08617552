import { describe, expect, it } from 'vitest';
import { plan, type Option, type PlanInput, type PlanRequest } from '../../src/planning/planner.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';

/**
 * The seeds' "no money" script, step by step: 张伟 owes 安心贷 3600元, today is 2026-11-23.
 * After the clarifying question he states what he can pay; each answer gets concrete options.
 */

const amounts = (o: Option) => o.installments.map((x) => x.amount);
const dues = (o: Option) => o.installments.map((x) => x.due);

function offer(request: PlanRequest, overrides: Partial<PlanInput> & { policyOverride?: unknown } = {}) {
  const input: PlanInput = {
    balance: overrides.balance ?? 360000,
    policy: resolvePolicy(overrides.policyOverride),
    today: overrides.today ?? '2026-11-23',
    minutes: overrides.minutes,
    request,
  };
  const res = plan(input);
  for (const o of res.options) expect(checkPlanInvariants(o, input)).toEqual([]);
  return res;
}

describe('"我每个月最多还1000": a stated capacity', () => {
  const res = offer({ monthlyCapacity: 100000 });
  const a = res.options[0]!;

  it('offers a plan that keeps every installment at or under 1000元', () => {
    expect(res.feasible).toBe(true);
    expect(a.kind).toBe('capacity');
    expect(a.keepsCapacity).toBe(true);
    expect(Math.max(...amounts(a))).toBeLessThanOrEqual(100000);
  });

  it('uses the fewest installments, equal amounts, monthly from the latest first due (today + 7)', () => {
    expect(amounts(a)).toEqual([90000, 90000, 90000, 90000]);
    expect(dues(a)).toEqual(['2026-11-30', '2026-12-30', '2027-01-30', '2027-02-28']);
  });

  it('adds a shorter plan and a longer one, all different', () => {
    expect(res.options.map((o) => o.kind)).toEqual(['capacity', 'shorter', 'longer']);
    expect(amounts(res.options[1]!)).toEqual([180000, 180000]);
    expect(res.options[2]!.keepsCapacity).toBe(true);
    expect(res.options[2]!.installments.length).toBeGreaterThan(4);
  });

  it('explains every option', () => {
    for (const o of res.options) expect(o.reason).toMatch(/\w/);
  });
});

describe('"每月最多300": the first may rise to the minimum down payment', () => {
  it('keeps later installments at or under 300 with a 360 first payment (10% of 3600)', () => {
    const res = offer({ monthlyCapacity: 30000 });
    const a = res.options[0]!;
    expect(res.feasible).toBe(true);
    expect(a.keepsCapacity).toBe(true);
    expect(a.installments.length).toBe(12);
    expect(amounts(a)[0]).toBe(36000);
    expect(Math.max(...amounts(a).slice(1))).toBeLessThanOrEqual(30000);
    expect(a.reason).toMatch(/down payment/);
  });
});

describe('"每月只能还200": nothing within policy fits', () => {
  const res = offer({ monthlyCapacity: 20000 });

  it('says so and offers the closest plan', () => {
    expect(res.feasible).toBe(false);
    expect(res.reasonCode).toBe('capacity_too_low');
    expect(res.reason).toMatch(/200/);
    const a = res.options[0]!;
    expect(a.kind).toBe('closest');
    expect(a.keepsCapacity).toBe(false);
    expect(a.installments.length).toBe(12);
    expect(Math.max(...amounts(a).slice(1))).toBe(29500);
  });

  it('re-plans a counter-offer of 300 inside the same limits', () => {
    const counter = offer({ monthlyCapacity: 30000 });
    expect(counter.feasible).toBe(true);
    expect(counter.options[0]!.keepsCapacity).toBe(true);
  });

  it('names a capacity below the minimum installment', () => {
    const low = offer({ monthlyCapacity: 5000 });
    expect(low.feasible).toBe(false);
    expect(low.reasonCode).toBe('capacity_below_min_installment');
  });

  it('with maxInstallments 6 (the conversation example) the closest is 600 a month', () => {
    const six = offer({ monthlyCapacity: 30000 }, { policyOverride: { maxInstallments: 6 } });
    expect(six.feasible).toBe(false);
    expect(amounts(six.options[0]!)).toEqual([60000, 60000, 60000, 60000, 60000, 60000]);
  });
});

describe('"我只能先还500": an amount offered now', () => {
  it('becomes the first installment today, the rest monthly at about that level', () => {
    const res = offer({ payNow: 50000 });
    const a = res.options[0]!;
    expect(a.kind).toBe('paynow');
    expect(a.installments[0]).toEqual({ due: '2026-11-23', amount: 50000 });
    expect(Math.max(...amounts(a).slice(1))).toBeLessThanOrEqual(50000);
  });

  it('"月底先还2000" starts on the date asked for', () => {
    const res = offer({ payNow: 200000, date: '2026-11-30' });
    expect(res.options[0]!.installments[0]).toEqual({ due: '2026-11-30', amount: 200000 });
  });

  it('with a capacity too, the rest keeps the capacity', () => {
    const res = offer({ payNow: 50000, monthlyCapacity: 80000 });
    const p = res.options.find((o) => o.kind === 'paynow')!;
    expect(p.installments[0]!.amount).toBe(50000);
    expect(Math.max(...amounts(p).slice(1))).toBeLessThanOrEqual(80000);
  });

  it('too little now (50 < 360 down payment): the minimum first payment instead', () => {
    const res = offer({ payNow: 5000 });
    const a = res.options[0]!;
    expect(a.kind).toBe('downpayment');
    expect(amounts(a)[0]).toBe(36000);
    expect(a.reason).toMatch(/below the minimum first payment/);
  });

  it('the whole balance now is a single payment today', () => {
    const res = offer({ payNow: 400000 });
    expect(res.options[0]!.installments).toEqual([{ due: '2026-11-23', amount: 360000 }]);
  });
});

describe('"分3期可以吗": an installment count', () => {
  it('offers exactly 3 when allowed', () => {
    const res = offer({ installments: 3 });
    expect(res.options[0]!.kind).toBe('requested');
    expect(amounts(res.options[0]!)).toEqual([120000, 120000, 120000]);
  });

  it('offers the nearest allowed count otherwise (24 → 12)', () => {
    const res = offer({ installments: 24 });
    expect(res.options[0]!.kind).toBe('nearest');
    expect(res.options[0]!.installments.length).toBe(12);
    expect(res.options[0]!.reason).toMatch(/24.*12/);
  });
});

describe('"宽限到12月20日": an extension', () => {
  it('is one payment on the date asked for', () => {
    const res = offer({ date: '2026-12-20' });
    expect(res.options[0]!.kind).toBe('single');
    expect(res.options[0]!.installments).toEqual([{ due: '2026-12-20', amount: 360000 }]);
  });

  it('past maxExtensionDays, on the latest date allowed', () => {
    const res = offer({ date: '2027-01-15' });
    expect(res.options[0]!.installments).toEqual([{ due: '2026-12-23', amount: 360000 }]);
  });

  it('without a date, on the latest date allowed', () => {
    const res = offer({ extension: true });
    expect(res.options[0]!.installments).toEqual([{ due: '2026-12-23', amount: 360000 }]);
  });

  it('also offers installment plans', () => {
    expect(offer({ date: '2026-12-20' }).options.length).toBe(3);
  });
});

describe('nothing asked for yet', () => {
  it('offers 3, 6 and 12 equal monthly installments', () => {
    const res = offer({});
    expect(res.options.map((o) => o.installments.length)).toEqual([3, 6, 12]);
    expect(res.options.every((o) => o.kind === 'standard')).toBe(true);
  });
});

describe('plans a human would write (CONTRACTS §8)', () => {
  it('"分3期" of $1,450: equal, the remainder a little lower in the last', () => {
    expect(amounts(offer({ installments: 3 }, { balance: 145000 }).options[0]!)).toEqual([
      48400, 48400, 48200,
    ]);
  });

  it('a remainder less than one roundTo step (cents) goes on the last, above the others', () => {
    const res = offer({ installments: 6 }, { balance: 360050 });
    expect(amounts(res.options[0]!)).toEqual([60000, 60000, 60000, 60000, 60000, 60050]);
  });

  it('the closest plan has equal middles (it was 110, 110, 100, 100, 100)', () => {
    const res = offer(
      { monthlyCapacity: 3335 },
      {
        balance: 73669,
        today: '2026-07-11',
        policyOverride: { maxInstallments: 36, maxPlanDays: 1095, roundTo: 10 },
      },
    );
    expect(res.options[0]!.kind).toBe('closest');
    expect(amounts(res.options[0]!)).toEqual([12000, 10000, 10000, 10000, 10000, 10000, 11669]);
  });

  it('middles held at the minimum installment: the first takes the surplus, so the last stays within a step', () => {
    const res = offer({ installments: 12 }, { balance: 133590, policyOverride: { roundTo: 10 } });
    expect(amounts(res.options[0]!)).toEqual([23000, ...Array(10).fill(10000), 10590]);
  });
});

describe('an offer at or after 18:00 local asks for nothing the same day (CONTRACTS §8)', () => {
  it('"我只能先还500" at 17:59 is due today; at 18:00, tomorrow', () => {
    const first = (minutes: number) => offer({ payNow: 50000 }, { minutes }).options[0]!.installments[0];
    expect(first(17 * 60 + 59)).toEqual({ due: '2026-11-23', amount: 50000 });
    expect(first(18 * 60)).toEqual({ due: '2026-11-24', amount: 50000 });
  });

  it('the whole balance now, at 20:00, is one payment tomorrow', () => {
    const res = offer({ payNow: 400000 }, { minutes: 20 * 60 });
    expect(res.options[0]!.installments).toEqual([{ due: '2026-11-24', amount: 360000 }]);
  });

  it('today, asked for at 21:00, becomes tomorrow', () => {
    const res = offer({ date: '2026-11-23' }, { minutes: 21 * 60 });
    expect(res.options[0]!.kind).toBe('single');
    expect(res.options[0]!.installments).toEqual([{ due: '2026-11-24', amount: 360000 }]);
    for (const o of res.options) expect(o.installments[0]!.due).toBe('2026-11-24');
  });

  it('firstDueWithinDays 0: installments must start today, so in the evening one payment is offered', () => {
    const policyOverride = { firstDueWithinDays: 0 };
    expect(offer({ installments: 3 }, { policyOverride }).options.map(amounts)).toEqual([
      [120000, 120000, 120000],
      [180000, 180000],
    ]);
    const evening = offer({ installments: 3 }, { policyOverride, minutes: 19 * 60 });
    expect(evening.options.map((o) => o.kind)).toEqual(['nearest']);
    expect(evening.options[0]!.installments).toEqual([{ due: '2026-11-24', amount: 360000 }]);
  });

  it('maxExtensionDays 0: a single payment must be today, so in the evening installments are offered instead', () => {
    const res = offer({ extension: true }, { policyOverride: { maxExtensionDays: 0 }, minutes: 19 * 60 });
    expect(res.options.map((o) => o.installments.length)).toEqual([3, 6, 12]);
  });

  it('a policy whose every window closes on the offer day: §4 comes first, the evening offer asks for today', () => {
    const input: PlanInput = {
      balance: 360000,
      policy: resolvePolicy({ maxPlanDays: 0 }),
      today: '2026-11-23',
      minutes: 19 * 60,
    };
    const res = plan(input);
    expect(res.options.map((o) => o.installments)).toEqual([[{ due: '2026-11-23', amount: 360000 }]]);
    expect(checkPlanInvariants(res.options[0]!, { ...input, minutes: undefined })).toEqual([]);
    expect(checkPlanInvariants(res.options[0]!, input)).toEqual([
      'first due 2026-11-23 is the day of an offer made at or after 18:00',
    ]);
  });

  it('a capacity plan due a week out is the same in the evening', () => {
    expect(offer({ monthlyCapacity: 100000 }, { minutes: 22 * 60 })).toEqual(
      offer({ monthlyCapacity: 100000 }, { minutes: 9 * 60 }),
    );
  });

  it('rejects a time that is not a minute of the day', () => {
    const base = { balance: 100, policy: resolvePolicy(), today: '2026-11-23' };
    for (const minutes of [-1, 1440, 18.5, Number.NaN])
      expect(() => plan({ ...base, minutes })).toThrow(/minutes/);
  });
});

describe('checkPlanInvariants and §8', () => {
  const input = { balance: 100000, policy: resolvePolicy(), today: '2026-11-23' };
  const dues = ['2026-11-30', '2026-12-30', '2027-01-30', '2027-02-28'];
  const monthly = (xs: number[]) => ({ installments: xs.map((amount, i) => ({ due: dues[i]!, amount })) });

  it('reports middle installments that differ', () => {
    const plan4 = monthly([25000, 25000, 26000, 24000]);
    expect(checkPlanInvariants(plan4, input)).toEqual(['middle installments differ: 25000, 26000']);
    expect(checkPlanInvariants(monthly([25000, 25000, 25000, 25000]), input)).toEqual([]);
  });

  it('reports a payment due on the day of an evening offer, not of a daytime one', () => {
    const today = { installments: [{ due: '2026-11-23', amount: 100000 }] };
    expect(checkPlanInvariants(today, { ...input, minutes: 17 * 60 + 59 })).toEqual([]);
    expect(checkPlanInvariants(today, { ...input, minutes: 18 * 60 })).toHaveLength(1);
  });
});

describe('edge cases', () => {
  it('a 1-cent balance is one payment of 1 cent', () => {
    const res = offer({ monthlyCapacity: 1 }, { balance: 1 });
    expect(res.options).toHaveLength(1);
    expect(amounts(res.options[0]!)).toEqual([1]);
    expect(res.feasible).toBe(true);
  });

  it('a balance under minInstallment is paid in one', () => {
    const res = offer({ installments: 3 }, { balance: 5000 });
    expect(res.options.map((o) => o.installments.length)).toEqual([1]);
  });

  it('a balance under twice the minimum cannot be split', () => {
    const res = offer({}, { balance: 15000 });
    expect(res.options.map(amounts)).toEqual([[15000]]);
    expect(offer({}, { balance: 20000 }).options.map(amounts)).toContainEqual([10000, 10000]);
  });

  it('roundTo larger than the balance leaves only a single payment', () => {
    const res = offer(
      { installments: 3 },
      { balance: 8000, policyOverride: { roundTo: 100, minInstallment: 1 } },
    );
    expect(res.options.map(amounts)).toEqual([[8000]]);
  });

  it('roundTo 100: installments in whole hundreds, remainder last', () => {
    const res = offer({ installments: 7 }, { balance: 360050, policyOverride: { roundTo: 100 } });
    const a = amounts(res.options[0]!);
    expect(a.slice(0, -1).every((x) => x % 10000 === 0)).toBe(true);
    expect(a.reduce((t, x) => t + x, 0)).toBe(360050);
  });

  it('maxInstallments 1: a single payment, and a low capacity is infeasible', () => {
    const res = offer({ monthlyCapacity: 100000 }, { policyOverride: { maxInstallments: 1 } });
    expect(res.feasible).toBe(false);
    expect(res.options.map((o) => o.installments.length)).toEqual([1]);
  });

  it('minDownPaymentRatio 0 lets the first be as small as the others', () => {
    const res = offer({ monthlyCapacity: 30000 }, { policyOverride: { minDownPaymentRatio: 0 } });
    expect(Math.max(...amounts(res.options[0]!))).toBeLessThanOrEqual(30000);
  });

  it('minDownPaymentRatio 0.5 puts half up front', () => {
    const res = offer({ monthlyCapacity: 50000 }, { policyOverride: { minDownPaymentRatio: 0.5 } });
    const a = amounts(res.options[0]!);
    expect(a[0]).toBe(180000);
    expect(Math.max(...a.slice(1))).toBeLessThanOrEqual(50000);
  });

  it('monthly from Jan 31 of a leap year: Feb 29, Mar 31, Apr 30', () => {
    const res = offer(
      { installments: 4 },
      { today: '2028-01-31', policyOverride: { firstDueWithinDays: 0 } },
    );
    expect(dues(res.options[0]!)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
  });

  it('monthly from Jan 31 of a common year: Feb 28', () => {
    const res = offer(
      { installments: 2 },
      { today: '2027-01-31', policyOverride: { firstDueWithinDays: 0 } },
    );
    expect(dues(res.options[0]!)).toEqual(['2027-01-31', '2027-02-28']);
  });

  it('from Feb 29: the 29th of each month, Feb 28 the next year', () => {
    const res = offer(
      { installments: 12 },
      { today: '2028-02-29', policyOverride: { firstDueWithinDays: 0 } },
    );
    expect(dues(res.options[0]!).slice(0, 2)).toEqual(['2028-02-29', '2028-03-29']);
    expect(dues(res.options[0]!)[11]).toBe('2029-01-29');
    const next = offer(
      { installments: 13 },
      {
        today: '2028-02-29',
        policyOverride: { firstDueWithinDays: 0, maxInstallments: 13, maxPlanDays: 366 },
      },
    );
    expect(dues(next.options[0]!)[12]).toBe('2029-02-28');
  });

  it('from Dec 31 across the year end', () => {
    const res = offer(
      { installments: 3 },
      { today: '2026-12-31', policyOverride: { firstDueWithinDays: 0 } },
    );
    expect(dues(res.options[0]!)).toEqual(['2026-12-31', '2027-01-31', '2027-02-28']);
  });

  it('a short maxPlanDays moves the first due earlier so the plan still fits', () => {
    // Plan ends by Mar 2 (31 days): a first due on Feb 6 (today + 7) would put the second on Mar 6.
    const res = offer({ installments: 2 }, { today: '2027-01-30', policyOverride: { maxPlanDays: 31 } });
    expect(dues(res.options[0]!)).toEqual(['2027-02-02', '2027-03-02']);
  });

  it('a date asked for in the past is ignored', () => {
    const res = offer({ date: '2026-11-01' });
    expect(res.options[0]!.installments).toEqual([{ due: '2026-12-23', amount: 360000 }]);
  });

  it('rejects a bad balance, date or request', () => {
    const policy = resolvePolicy();
    expect(() => plan({ balance: 0, policy, today: '2026-11-23' })).toThrow(/balance/);
    expect(() => plan({ balance: 1.5, policy, today: '2026-11-23' })).toThrow(/balance/);
    expect(() => plan({ balance: 100, policy, today: '2026-02-30' })).toThrow(/today/);
    expect(() => plan({ balance: 100, policy, today: '2026-11-23', request: { installments: 0 } })).toThrow();
    expect(() =>
      plan({ balance: 100, policy, today: '2026-11-23', request: { capacity: 5 } as unknown as PlanRequest }),
    ).toThrow();
  });

  it('accepts the parser\'s nulls as "not said"', () => {
    const res = offer({
      monthlyCapacity: null,
      payNow: null,
      installments: null,
      date: null,
      extension: null,
    });
    expect(res.options.map((o) => o.kind)).toEqual(['standard', 'standard', 'standard']);
  });
});
