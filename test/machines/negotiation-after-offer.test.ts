import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  negotiationMachine,
  type JobKind,
  type NegotiationEvent,
  type ScheduleRequest,
} from '../../machines/negotiation.ts';
import { publicState } from '../../src/dialogue/conversation.ts';
import type { Account, Draft } from '../../src/dialogue/types.ts';
import { parse } from '../../src/parse/index.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { resolvePolicy, type PolicyOverride } from '../../src/planning/policy.ts';
import { parseInstant } from '../../src/time/calendar.ts';

/**
 * The machine after the first offer (CONTRACTS §8), event by event: the offer table, choosing,
 * answers from facts, the plan's life (payments, misses, a moved installment, the last
 * payment), handoffs that answer, third parties and opted-out debtors who write again.
 */

const base: Account = {
  id: 'a1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  hotline: '400-820-1234',
};

/** A machine on a Beijing clock (`'11-23 10:05'`), its effects recorded instead of performed. */
function harness(over: Partial<Account> = {}, policyOverride: PolicyOverride = { maxInstallments: 6 }) {
  const account = { ...base, ...over };
  const policy = resolvePolicy(policyOverride);
  const said: Draft[] = [];
  const scheduled: ScheduleRequest[] = [];
  const cancelled: { kinds?: JobKind[]; deferred?: boolean }[] = [];
  const machine = negotiationMachine.provide({
    actions: {
      say: (_, d) => void said.push(d),
      schedule: (_, r) => void scheduled.push(r),
      cancelSchedules: (_, p) => void cancelled.push(p),
    },
  });
  const actor = createActor(machine, { input: { account, policy } }).start();
  const clock = (when: string) => {
    const i = parseInstant(`2026-${when.replace(' ', 'T')}:00+08:00`)!;
    return { at: i.epochMs, today: i.localDate, minutes: i.localMinutes };
  };
  const send = (e: NegotiationEvent) => actor.send(e);
  const ctx = () => actor.getSnapshot().context;
  /** An SMS, parsed in context the way the runtime does: `offer` while offers are open. */
  const text = (t: string, when: string): Draft | undefined => {
    const n = said.length;
    const last = said.at(-1);
    const context =
      ctx().offers.length > 0 ? 'offer' : last?.acts.includes('clarify') ? 'clarify' : 'reminder';
    const c = clock(when);
    send({
      type: 'INBOUND',
      text: t,
      parsed: parse(t, { context, now: `2026-${when.replace(' ', 'T')}:00+08:00` }),
      ...c,
    });
    return said.length > n ? said.at(-1) : undefined;
  };
  const timer = (kind: JobKind, when: string, index?: number) => {
    const n = said.length;
    send({ type: 'TIMER', kind, index, ...clock(when) });
    return said.length > n ? said.at(-1) : undefined;
  };
  const pay = (amount: number, when: string) => {
    const n = said.length;
    send({ type: 'PAYMENT', amount, ...clock(when) });
    return said.length > n ? said.at(-1) : undefined;
  };
  send({ type: 'START', ...clock('11-23 10:00') });
  return {
    actor,
    said,
    scheduled,
    cancelled,
    send,
    text,
    timer,
    pay,
    ctx,
    state: () => publicState(actor.getSnapshot().value),
    account,
    policy,
  };
}

/** Offers for 能分4期吗: A 900 × 4 from Nov 30, B 1800 × 2. */
function withOffers(over?: Partial<Account>, policy?: PolicyOverride) {
  const h = harness(over, policy);
  h.text('能分4期吗', '11-23 10:05');
  expect(h.ctx().offers.map((o) => o.installments.length)).toEqual([4, 2]);
  return h;
}

function agreedA(over?: Partial<Account>, policy?: PolicyOverride) {
  const h = withOffers(over, policy);
  h.text('A', '11-23 10:10');
  expect(h.state()).toBe('agreed');
  return h;
}

describe('the offer table (§8 choosing)', () => {
  it('stays open across a follow-up: A吧 two days later agrees to A', () => {
    const h = withOffers();
    expect(h.timer('offer_followup', '11-25 10:05')).toMatchObject({ acts: ['followup'] });
    expect(h.ctx().offers).toHaveLength(2);
    expect(h.text('A吧', '11-25 12:00')).toMatchObject({ acts: ['confirm'], plan: { id: 'A' } });
  });

  it('a bare yes with two open asks which, and agrees to nothing', () => {
    const h = withOffers();
    expect(h.text('好的', '11-23 10:10')).toMatchObject({ kind: 'reply', acts: ['which_option'] });
    expect(h.state()).toBe('offer');
    expect(h.ctx().plan).toBeNull();
    expect(h.text('第二个', '11-23 10:12')).toMatchObject({ acts: ['confirm'], plan: { id: 'B' } });
  });

  it('"option B is fine" agrees to B, and a choice inside a refusal of the other agrees to it', () => {
    expect(withOffers().text('option B is fine', '11-23 10:10')?.plan?.id).toBe('B');
    expect(withOffers().text('A太多了,B可以', '11-23 10:10')?.plan?.id).toBe('B');
    expect(withOffers().text('揀B啦', '11-23 10:10')?.plan?.id).toBe('B');
  });

  it('a counter-figure after refusing one option is a new proposal, not the other option', () => {
    const h = withOffers();
    const d = h.text('每期900太多了,600可以吗', '11-23 10:10')!;
    expect(d.acts).toContain('offer');
    expect(h.ctx().plan).toBeNull();
  });

  it('a refusal without a figure that a longer plan would not change asks the monthly figure, as a round', () => {
    const h = harness({}, { maxInstallments: 4 });
    h.text('能分4期吗', '11-23 10:05');
    const rounds = h.ctx().rounds;
    expect(h.text('不行', '11-23 10:10')).toMatchObject({ acts: ['clarify'], askFigure: true });
    expect(h.ctx().rounds).toBe(rounds + 1);
    expect(h.ctx().offers).toHaveLength(2);
  });
});

describe('answers from facts (§8)', () => {
  it('with a plan agreed: the next installment and what is left, and no plan offered', () => {
    const h = agreedA();
    const d = h.text('下一期是哪天,要还多少', '11-24 09:00')!;
    expect(d.acts).toEqual(['answer']);
    expect(d.answerTopics).toContain('next_installment');
    expect(d.facts).toMatchObject({
      planAgreed: true,
      next: { due: '2026-11-30', amount: 90000, index: 1, count: 4 },
      remaining: 360000,
    });
    expect(d.offers).toBeUndefined();
    expect(h.state()).toBe('agreed');
  });

  it('who is writing, even worded as an insult (是不是诈骗)', () => {
    const d = harness().text('这是哪家公司?是不是诈骗', '11-23 10:05')!;
    expect(d).toMatchObject({ acts: ['answer'] });
    expect(d.answerTopics).toContain('who');
  });

  it('late fees: a person decides; the conversation is flagged and the negotiation goes on', () => {
    const h = withOffers();
    const d = h.text('罚息能减免吗', '11-23 10:10')!;
    expect(d.answerTopics).toContain('late_fees');
    expect(h.ctx().attention).toMatchObject({ reason: 'late_fees' });
    expect(h.state()).toBe('offer');
    expect(h.ctx().offers).toHaveLength(2);
  });

  it('capacity in context: a monthly figure said as a promise answers the clarify question with offers', () => {
    const h = harness();
    h.text('没钱', '11-23 10:05');
    const d = h.text('暂时困难,月底发工资,一个月最多还700', '11-23 10:10')!;
    expect(d.acts).toContain('offer');
    expect(h.ctx().promise).toBeNull();
  });
});

describe("the plan's life (§8)", () => {
  it('a payment gets a proactive thank-you with what is left and the next due date', () => {
    const h = agreedA();
    const d = h.pay(90000, '11-29 15:00')!;
    expect(d).toMatchObject({ kind: 'proactive', acts: ['payment_received'], payment: 90000 });
    expect(d.facts).toMatchObject({ remaining: 270000, next: { due: '2026-12-30', index: 2 } });
  });

  it('the morning after a missed installment: one reminder; the next check follows', () => {
    const h = agreedA();
    const d = h.timer('installment_check', '12-01 10:00', 0)!;
    expect(d).toMatchObject({ kind: 'proactive', acts: ['reminder'], proactiveReason: 'installment_missed' });
    expect(d.installment).toMatchObject({ index: 1, amount: 90000 });
    expect(h.scheduled.at(-1)).toEqual({
      kind: 'installment_check',
      local: { date: '2026-12-31', minutes: 600 },
      payload: { index: 1 },
    });
  });

  it('a paid installment: no reminder, no check message', () => {
    const h = agreedA();
    h.pay(90000, '11-28 15:00');
    const n = h.said.length;
    h.timer('installment_due', '11-29 10:00', 0);
    h.timer('installment_check', '12-01 10:00', 0);
    expect(h.said).toHaveLength(n);
  });

  it('two missed in a row break the plan and reopen negotiation for what is left', () => {
    const h = agreedA();
    h.pay(50000, '11-30 12:00');
    h.timer('installment_check', '12-01 10:00', 0);
    const d = h.timer('installment_check', '12-31 10:00', 1)!;
    expect(h.state()).toBe('offer');
    expect(h.ctx().plan).toBeNull();
    expect(d).toMatchObject({
      kind: 'proactive',
      acts: ['followup', 'offer'],
      proactiveReason: 'plan_broken',
    });
    for (const o of d.offers!) {
      expect(o.installments.reduce((s, x) => s + x.amount, 0)).toBe(310000);
      expect(checkPlanInvariants(o, { balance: 310000, policy: h.policy, today: '2026-12-31' })).toEqual([]);
    }
  });

  it('…or, by policy, go to a person', () => {
    const h = agreedA({}, { maxInstallments: 6, onBrokenPlan: 'handoff' });
    h.timer('installment_check', '12-01 10:00', 0);
    const d = h.timer('installment_check', '12-31 10:00', 1)!;
    expect(h.state()).toBe('handoff');
    expect(d).toMatchObject({ kind: 'proactive', acts: ['followup', 'handoff'], handoffHours: 24 });
  });

  it('one installment moved: the whole plan, amounts and other dates unchanged, reminders rescheduled', () => {
    const h = agreedA();
    const d = h.text('第二期能不能晚一周', '11-24 09:00')!;
    expect(d).toMatchObject({ acts: ['confirm'], change: { kind: 'moved', index: 2, to: '2027-01-06' } });
    expect(d.plan!.installments.map((x) => x.due)).toEqual([
      '2026-11-30',
      '2027-01-06',
      '2027-01-30',
      '2027-02-28',
    ]);
    expect(h.state()).toBe('agreed');
    expect(h.cancelled.at(-1)).toEqual({ kinds: ['installment_due', 'installment_check'] });
  });

  it('a move beyond the policy: the limit and the latest date, the plan unchanged', () => {
    const h = agreedA();
    const d = h.text('第二期能推迟两个月吗', '11-24 09:00')!;
    expect(d.acts).toEqual(['reschedule']);
    expect(d.change).toMatchObject({ latest: '2027-01-29' });
    expect(h.ctx().plan!.installments[1]!.due).toBe('2026-12-30');
  });

  it('the last payment closes the conversation in paid, with a closing message', () => {
    const h = agreedA();
    h.pay(90000, '11-29 15:00');
    const d = h.pay(270000, '12-05 15:00')!;
    expect(h.state()).toBe('paid');
    expect(d).toMatchObject({ kind: 'proactive', acts: ['closing'] });
    expect(h.cancelled.at(-1)).toEqual({ kinds: undefined, deferred: false });
    expect(h.text('谢谢', '12-05 16:00')).toMatchObject({ acts: ['ack'] });
  });
});

describe('handoffs that answer (§8)', () => {
  it('one acknowledgement with the time frame, then notes and facts, never the acknowledgement again', () => {
    const h = withOffers({}, { maxInstallments: 6, handoffResponseHours: 48 });
    expect(h.text('转人工', '11-23 10:10')).toMatchObject({ acts: ['handoff'], handoffHours: 48 });
    expect(h.ctx().offers).toEqual([]);
    expect(h.text('剩下的钱可以分几次吗', '11-23 11:00')).toMatchObject({
      acts: ['handoff_note'],
      noteAbout: 'plan',
    });
    expect(h.text('喂', '11-23 11:05')).toMatchObject({ acts: ['handoff_note'], noteAbout: 'other' });
    const eta = h.text('什么时候有人联系我', '11-23 12:00')!;
    expect(eta).toMatchObject({
      acts: ['answer'],
      facts: { handoffBy: { date: '2026-11-25', minutes: 610 } },
    });
    expect(h.said.filter((d) => d.acts.includes('handoff'))).toHaveLength(1);
    expect(h.said.some((d) => d.acts.includes('offer') && h.said.indexOf(d) > 1)).toBe(false);
  });
});

describe('a person resolves a handoff', () => {
  it('with a plan agreed before it, the plan runs on with its reminders', () => {
    const h = agreedA();
    h.text('我要投诉', '11-24 09:00');
    expect(h.state()).toBe('handoff');
    h.send({ type: 'RESOLVE', at: Date.UTC(2026, 10, 24, 6, 0), today: '2026-11-24', minutes: 840 });
    expect(h.state()).toBe('agreed');
    expect(h.scheduled.slice(-2).map((r) => r.kind)).toEqual(['installment_due', 'installment_check']);
  });

  it('with everything paid meanwhile, it closes in paid', () => {
    const h = agreedA();
    h.text('我要投诉', '11-24 09:00');
    expect(h.pay(360000, '11-24 10:00')).toBeUndefined();
    h.send({ type: 'RESOLVE', at: Date.UTC(2026, 10, 24, 6, 0), today: '2026-11-24', minutes: 840 });
    expect(h.state()).toBe('paid');
    expect(h.said.at(-1)).toMatchObject({ acts: ['closing'] });
  });
});

describe('third parties and opted-out debtors (§8)', () => {
  it('a spouse who offers to pay: no amount, no plan, a person flagged, then silence', () => {
    const h = withOffers();
    expect(h.text('我是他爱人,钱我来还吧', '11-23 10:10')).toEqual({ kind: 'reply', acts: ['third_party'] });
    expect(h.state()).toBe('wrong_party');
    expect(h.ctx().attention).toMatchObject({ reason: 'third_party_offers_to_pay' });
    expect(h.text('多少钱', '11-23 10:12')).toBeUndefined();
  });

  it('an opted-out debtor who writes again: no message, a person flagged with the reason', () => {
    const h = harness();
    h.text('TD', '11-23 10:05');
    expect(h.text('之前退订了,现在想还款', '11-28 10:00')).toBeUndefined();
    expect(h.state()).toBe('opted_out');
    expect(h.ctx().attention).toMatchObject({ reason: 'wrote_after_opt_out' });
    h.send({ type: 'ATTENDED', at: 0, today: '2026-11-28', minutes: 660 });
    expect(h.ctx().attention).toBeNull();
  });
});
