import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  negotiationMachine,
  type NegotiationEvent,
  type ScheduleRequest,
} from '../../machines/negotiation.ts';
import { publicState } from '../../src/dialogue/conversation.ts';
import type { Account, Draft } from '../../src/dialogue/types.ts';
import { parse } from '../../src/parse/index.ts';
import { addDays } from '../../src/time/calendar.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';

const account: Account = {
  id: 'a1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};
const policy = resolvePolicy({ maxInstallments: 6 });
const today = '2026-11-23';
const t0 = Date.UTC(2026, 10, 23, 2, 0); // 10:00 in Beijing

/** A machine whose side effects are recorded instead of performed. */
function harness() {
  const said: Draft[] = [];
  const scheduled: ScheduleRequest[] = [];
  const cancelled: (string[] | undefined)[] = [];
  const machine = negotiationMachine.provide({
    actions: {
      say: (_, d) => void said.push(d),
      schedule: (_, r) => void scheduled.push(r),
      cancelSchedules: (_, p) => void cancelled.push(p.kinds),
    },
  });
  const actor = createActor(machine, { input: { account, policy } }).start();
  let minute = 0;
  const send = (e: NegotiationEvent) => actor.send(e);
  const text = (t: string, context: 'reminder' | 'clarify' | 'offer' = 'reminder') => {
    minute += 5;
    send({
      type: 'INBOUND',
      text: t,
      parsed: parse(t, { context, now: '2026-11-23T10:00:00+08:00' }),
      at: t0 + minute * 60_000,
      today,
      minutes: 600 + minute,
    });
    return said.at(-1);
  };
  send({ type: 'START', at: t0, today, minutes: 600 });
  return {
    actor,
    said,
    scheduled,
    cancelled,
    text,
    state: () => publicState(actor.getSnapshot().value),
    send,
  };
}

describe('the "no money" script: 理解 → 引导具体问题 → 给出选项', () => {
  it('opens with a proactive reminder and a silence follow-up in the schedule', () => {
    const h = harness();
    expect(h.state()).toBe('reminded');
    expect(h.said[0]).toMatchObject({ kind: 'proactive', acts: ['reminder'] });
    expect(h.scheduled[0]).toMatchObject({ kind: 'silence_followup', at: t0 + 48 * 3_600_000 });
  });

  it('answers a first 没钱 with empathy and the clarifying question, before any offer', () => {
    const h = harness();
    expect(h.text('我现在真的没钱')).toMatchObject({ acts: ['empathy', 'clarify'] });
    expect(h.state()).toBe('clarify');
    expect(h.said.some((d) => d.acts.includes('offer'))).toBe(false);
  });

  it('answers the clarify answer with concrete offers inside policy, then confirms the accepted one', () => {
    const h = harness();
    h.text('我现在真的没钱');
    const offer = h.text('暂时的', 'clarify')!;
    expect(offer.acts).toEqual(['empathy', 'offer']);
    expect(h.state()).toBe('offer');
    expect(offer.offers!.length).toBeGreaterThan(0);
    for (const o of offer.offers!)
      expect(checkPlanInvariants(o, { balance: account.balance, policy, today })).toEqual([]);
    const confirm = h.text('第二个方案', 'offer')!;
    expect(h.state()).toBe('agreed');
    expect(confirm.acts).toEqual(['confirm']);
    expect(confirm.plan).toEqual(offer.offers![1]);
    // The plan's life is scheduled: the reminder before its first installment and the check after it.
    const due = offer.offers![1]!.installments[0]!.due;
    expect(h.scheduled.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'installment_due' }),
      { kind: 'installment_check', local: { date: addDays(due, 1), minutes: 600 }, payload: { index: 0 } },
    ]);
  });

  it('keeps a stated monthly capacity (CONTRACTS §4 capacity rule)', () => {
    const h = harness();
    const offer = h.text('每月最多能还1000')!;
    expect(offer.acts).toEqual(['offer']);
    expect(offer.offers!.some((o) => o.installments.every((i) => i.amount <= 100000))).toBe(true);
  });

  it('an offer at or after 18:00 local asks for nothing the same day (CONTRACTS §8)', () => {
    const h = harness();
    const evening = (minutes: number) => {
      const t = '我只能先还500';
      h.send({
        type: 'INBOUND',
        text: t,
        parsed: parse(t, { context: 'reminder', now: '2026-11-23T10:00:00+08:00' }),
        at: t0 + (minutes - 600) * 60_000,
        today,
        minutes,
      });
      return h.said.at(-1)!.offers!.map((o) => o.installments[0]!.due);
    };
    expect(evening(17 * 60 + 59)).toContain(today);
    const late = evening(18 * 60);
    expect(late.length).toBeGreaterThan(0);
    for (const due of late) expect(due > today).toBe(true);
  });

  it('offers the closest plan, saying so, when the capacity fits no plan', () => {
    const h = harness();
    const offer = h.text('每月只能还50')!;
    expect(offer.infeasible).toBe(true);
    expect(offer.offers!.length).toBeGreaterThan(0);
  });

  it('hands off after maxNegotiationRounds rounds (offer messages, or the figure asked instead of repeating them)', () => {
    const h = harness();
    h.text('能分期吗');
    h.text('不行', 'offer');
    h.text('太多了', 'offer');
    const rounds = h.said.filter((d) => d.acts.includes('offer') || d.askFigure);
    expect(rounds).toHaveLength(3);
    expect(h.text('还是不行', 'offer')).toMatchObject({ acts: ['handoff'] });
    expect(h.state()).toBe('handoff');
  });
});

describe('CONTRACTS §4 dialogue rules', () => {
  it('opt-out: one confirmation, everything pending cancelled, then silence', () => {
    const h = harness();
    expect(h.text('别再发了')).toMatchObject({ acts: ['opt_out_confirm'] });
    expect(h.state()).toBe('opted_out');
    expect(h.cancelled.at(-1)).toBeUndefined();
    const n = h.said.length;
    h.text('没钱');
    h.send({
      type: 'TIMER',
      kind: 'silence_followup',
      at: t0 + 49 * 3_600_000,
      today: '2026-11-25',
      minutes: 660,
    });
    expect(h.said).toHaveLength(n);
  });

  it('wrong party: an apology, then silence', () => {
    const h = harness();
    expect(h.text('打错了')).toMatchObject({ acts: ['apology'] });
    const n = h.said.length;
    h.text('你们是谁?');
    expect(h.said).toHaveLength(n);
    expect(h.state()).toBe('wrong_party');
  });

  it.each(['我没借过', '已经还了', '我要投诉', '转人工'])(
    '%s hands off to a person: no more offers or proactive messages',
    (t) => {
      const h = harness();
      expect(h.text(t)!.acts).toContain('handoff');
      expect(h.state()).toBe('handoff');
      // One acknowledgement (§8): later messages get a note that the person will see them, never offers.
      const later = h.text('能分期吗')!;
      expect(later).toMatchObject({ acts: ['handoff_note'], noteAbout: 'plan' });
      expect(later.offers).toBeUndefined();
      h.send({
        type: 'TIMER',
        kind: 'silence_followup',
        at: t0 + 49 * 3_600_000,
        today: '2026-11-25',
        minutes: 660,
      });
      expect(h.said.at(-1)!.kind).toBe('reply');
    },
  );

  it('abusive: de-escalation, the state unchanged', () => {
    const h = harness();
    h.text('我现在真的没钱');
    expect(h.text('骗子', 'clarify')).toMatchObject({ acts: ['deescalate'] });
    expect(h.state()).toBe('clarify');
  });

  it('a promise is recorded with amount and date, confirmed, and checked the morning after', () => {
    const h = harness();
    expect(h.text('月底先还2000')).toMatchObject({
      acts: ['confirm'],
      promise: { amount: 200000, date: '2026-11-30' },
    });
    expect(h.state()).toBe('promised');
    expect(h.scheduled.at(-1)).toEqual({
      kind: 'promise_missed',
      local: { date: '2026-12-01', minutes: 600 },
    });
  });

  it('a question gets an answer on its topic, the state unchanged', () => {
    const h = harness();
    expect(h.text('我欠多少钱?')).toMatchObject({ acts: ['answer'], answerTopic: 'balance' });
    expect(h.state()).toBe('reminded');
  });
});

describe('a person in the loop', () => {
  it('resolving a handoff lets the bot resume from reminded, with the rounds it had', () => {
    const h = harness();
    h.text('能分期吗');
    h.text('我要投诉');
    expect(h.state()).toBe('handoff');
    h.send({ type: 'RESOLVE', at: t0 + 3_600_000, today, minutes: 660 });
    expect(h.state()).toBe('reminded');
    expect(h.actor.getSnapshot().context.handoffReason).toBeNull();
    expect(h.text('每月能还600')).toMatchObject({ acts: ['offer'] });
    expect(h.actor.getSnapshot().context.rounds).toBe(2);
  });
});
