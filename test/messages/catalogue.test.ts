import { describe, expect, it } from 'vitest';
import {
  nearDay,
  offeredIds,
  overdueStage,
  planFigures,
  proactiveActs,
  type ActContext,
} from '../../src/messages/catalogue.ts';
import type { Draft } from '../../src/dialogue/types.ts';
import { planA, planB, planC, TODAY, zhAccount } from '../support/messages.ts';

/** The facts both catalogues read the same way, whatever words they put them in. */

describe('the overdue stage sets the first reminder’s tone', () => {
  it('stages: 1–3 gentle, 4–6 consequences, 7+ a plan', () => {
    expect([0, 1, 3, 4, 6, 7, 400].map(overdueStage)).toEqual([
      'due',
      'gentle',
      'gentle',
      'consequences',
      'consequences',
      'plan',
      'plan',
    ]);
  });
});

describe('dates and ids', () => {
  it('today and tomorrow are named as such, any other day by its date', () => {
    expect(nearDay('2026-11-23', TODAY)).toBe('today');
    expect(nearDay('2026-11-24', TODAY)).toBe('tomorrow');
    expect(nearDay('2026-11-25', TODAY)).toBeNull();
    expect(nearDay('2026-11-22', TODAY)).toBeNull();
  });

  it('a follow-up names the offers still open, else A/B/C', () => {
    expect(offeredIds({ kind: 'proactive', acts: ['followup'], offers: [planA, planC] })).toEqual(['A', 'C']);
    expect(offeredIds({ kind: 'proactive', acts: ['followup'] })).toEqual(['A', 'B', 'C']);
  });
});

describe('the figures of a plan’s lean wording', () => {
  it('level 0 and plans of one or two installments keep the full sentence', () => {
    expect(planFigures(planA, 0)).toBeNull();
    expect(planFigures(planC, 2)).toBeNull();
  });

  it('first 360, then 1080 a month: exact, not steady', () => {
    expect(planFigures(planA, 1)).toEqual({
      count: 4,
      first: planA.installments[0],
      last: 108000,
      mid: 108000,
      even: true,
      approx: false,
      namesLast: false,
      steady: false,
    });
  });

  it('600 a month from the first: steady', () => {
    expect(planFigures(planB, 2)).toMatchObject({ count: 6, mid: 60000, steady: true, approx: false });
  });

  it('a different last is named at level 1 and makes the monthly amount "about" at level 2', () => {
    const unevenLast = {
      installments: [...planA.installments.slice(0, -1), { due: '2027-02-28', amount: 50000 }],
    };
    expect(planFigures(unevenLast, 1)).toMatchObject({ namesLast: true, approx: false });
    expect(planFigures(unevenLast, 2)).toMatchObject({ namesLast: false, approx: true });
  });
});

describe('which reason wording the reminder and follow-up acts say', () => {
  const acts = proactiveActs({
    firstReminder: () => 'first',
    installmentDue: () => 'installment',
    promiseMissed: () => 'promise',
    installmentMissed: () => 'missed',
    planBroken: () => 'broken',
    offersOpen: () => 'offers',
    silence: () => 'silence',
  });
  const at = (draft: Partial<Draft>): ActContext => ({
    draft: { kind: 'proactive', acts: ['reminder'], ...draft },
    account: zhAccount,
    today: TODAY,
    lender: zhAccount.lender,
    detail: 0,
    alone: true,
    has: () => false,
    money: String,
    variant: 0,
  });

  it('each reason has its own wording, under either act', () => {
    for (const act of [acts.reminder, acts.followup]) {
      expect(act(at({ proactiveReason: 'first_reminder' }))).toBe('first');
      expect(act(at({ proactiveReason: 'installment_due' }))).toBe('installment');
      expect(act(at({ proactiveReason: 'promise_missed' }))).toBe('promise');
      expect(act(at({ proactiveReason: 'offer_followup' }))).toBe('offers');
      expect(act(at({ proactiveReason: 'silence_followup' }))).toBe('silence');
      expect(act(at({ proactiveReason: 'installment_missed' }))).toBe('missed');
      expect(act(at({ proactiveReason: 'plan_broken' }))).toBe('broken');
    }
  });

  it('without a reason, a reminder is the first one (or an installment’s), a follow-up the silence one', () => {
    expect(acts.reminder(at({}))).toBe('first');
    expect(
      acts.reminder(at({ installment: { due: '2026-12-30', amount: 108000, index: 2, count: 4 } })),
    ).toBe('installment');
    expect(acts.followup(at({}))).toBe('silence');
  });
});
