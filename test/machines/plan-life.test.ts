import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkInstallment,
  judgeMove,
  latestMove,
  nextInstallment,
  paidThrough,
  remainingOf,
} from '../../machines/plan-life.ts';
import { addDays } from '../../src/time/calendar.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { plan, type Option } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/** 360 on Nov 30, then 1080 a month: the contract's example plan, offered on Nov 23. */
const planA: Option = {
  id: 'A',
  kind: 'standard',
  reason: 'example',
  installments: [
    { due: '2026-11-30', amount: 36000 },
    { due: '2026-12-30', amount: 108000 },
    { due: '2027-01-30', amount: 108000 },
    { due: '2027-02-28', amount: 108000 },
  ],
};
const policy = resolvePolicy();
const offeredOn = '2026-11-23';

describe('payments cover the installments in order', () => {
  it('what is paid through each installment', () => {
    expect([0, 1, 2, 3].map((i) => paidThrough(planA, i))).toEqual([36000, 144000, 252000, 360000]);
  });

  it('the next installment is the first not paid in full, with what is still to pay of it', () => {
    expect(nextInstallment(planA, 0)).toEqual({ due: '2026-11-30', amount: 36000, index: 1, count: 4 });
    expect(nextInstallment(planA, 36000)).toEqual({ due: '2026-12-30', amount: 108000, index: 2, count: 4 });
    // Part of the second paid early: the rest of it is what is next.
    expect(nextInstallment(planA, 50000)).toMatchObject({ index: 2, amount: 94000 });
    expect(nextInstallment(planA, 360000)).toBeNull();
  });

  it('what is left is the sum of the unpaid installments', () => {
    expect(remainingOf(planA, 0)).toBe(360000);
    expect(remainingOf(planA, 144000)).toBe(216000);
    expect(remainingOf(planA, 400000)).toBe(0);
  });
});

describe('the morning after an installment falls due', () => {
  it('paid in full: nothing to say', () => {
    expect(checkInstallment(planA, 36000, 0)).toBe('paid');
    expect(checkInstallment(planA, 144000, 1)).toBe('paid');
  });

  it('one missed: one reminder', () => {
    expect(checkInstallment(planA, 0, 0)).toBe('missed');
    // The first was caught up, the second is short: one missed, not two.
    expect(checkInstallment(planA, 36000, 1)).toBe('missed');
  });

  it('the one before still unpaid too: two missed in a row, the plan is broken', () => {
    expect(checkInstallment(planA, 0, 1)).toBe('broken');
    expect(checkInstallment(planA, 100000, 2)).toBe('broken');
  });
});

describe('moving one installment (CONTRACTS §8)', () => {
  it('at most maxExtensionDays later, and before the next installment', () => {
    // Dec 30 + 30 days is Jan 29, the day before the third installment.
    expect(latestMove(planA, 1, policy, offeredOn)).toBe('2027-01-29');
    // Jan 30 + 30 = Mar 1, but the fourth is due Feb 28: Feb 27 at the latest.
    expect(latestMove(planA, 2, policy, offeredOn)).toBe('2027-02-27');
    expect(latestMove(planA, 3, policy, offeredOn)).toBe('2027-03-30');
  });

  it('a first installment of several stays within firstDueWithinDays of the offer', () => {
    // Due on the 7th day after the offer already: it cannot move at all.
    expect(latestMove(planA, 0, policy, offeredOn)).toBeNull();
    expect(latestMove(planA, 0, resolvePolicy({ firstDueWithinDays: 10 }), offeredOn)).toBe('2026-12-03');
  });

  it('allowed: the whole plan with that one date changed', () => {
    const r = judgeMove(planA, 1, '2027-01-06', { policy, offeredOn, today: '2026-12-01' });
    expect(r.change).toMatchObject({ kind: 'moved', index: 2, from: '2026-12-30', to: '2027-01-06' });
    expect(r.plan!.installments.map((x) => x.due)).toEqual([
      '2026-11-30',
      '2027-01-06',
      '2027-01-30',
      '2027-02-28',
    ]);
    expect(r.plan!.installments.map((x) => x.amount)).toEqual(planA.installments.map((x) => x.amount));
  });

  it('beyond the limit: refused, with the latest allowed date', () => {
    const r = judgeMove(planA, 1, '2027-02-28', { policy, offeredOn, today: '2026-12-01' });
    expect(r).toEqual({
      plan: null,
      change: {
        kind: 'refused',
        index: 2,
        count: 4,
        from: '2026-12-30',
        to: '2027-02-28',
        latest: '2027-01-29',
        limitDays: 30,
      },
    });
  });

  it('an earlier date or one in the past is no move; no date yet asks which', () => {
    expect(judgeMove(planA, 1, '2026-12-20', { policy, offeredOn, today: '2026-12-01' }).change.kind).toBe(
      'refused',
    );
    expect(judgeMove(planA, 1, null, { policy, offeredOn, today: '2026-12-01' }).change).toMatchObject({
      kind: 'ask',
      latest: '2027-01-29',
    });
  });

  it('a move the planner could not have offered is refused: every plan invariant still holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000, max: 5_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        fc.integer({ min: -5, max: 60 }),
        (balance, installments, pick, days) => {
          const p = plan({ balance, policy, today: offeredOn, request: { installments } }).options[0]!;
          const i = pick % p.installments.length;
          const to = addDays(p.installments[i]!.due, days);
          const r = judgeMove(p, i, to, { policy, offeredOn, today: offeredOn });
          if (r.plan === null) return;
          expect(checkPlanInvariants(r.plan, { balance, policy, today: offeredOn })).toEqual([]);
          expect(r.plan.installments.filter((x, k) => x.due !== p.installments[k]!.due)).toHaveLength(1);
          expect(days).toBeGreaterThan(0);
          expect(days).toBeLessThanOrEqual(policy.maxExtensionDays);
        },
      ),
      { numRuns: propRuns(300) },
    );
  });
});
