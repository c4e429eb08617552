import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { negotiationMachine, type NegotiationEvent } from '../../machines/negotiation.ts';
import { CHECK_BELOW } from '../../machines/reading-check.ts';
import { Conversation, publicState } from '../../src/dialogue/conversation.ts';
import type { Account, Draft } from '../../src/dialogue/types.ts';
import { parse, type ParseContext } from '../../src/parse/index.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { parseInstant } from '../../src/time/calendar.ts';

/**
 * Asking before acting on an unsure reading (machines/reading-check.ts, issue 14): a reading
 * below CHECK_BELOW that would agree to a plan, record a promise, move an installment or hand a
 * dispute to a person is put back as one yes/no question; a yes acts on exactly that message,
 * a no asks what they meant, an opt-out is honoured whatever the confidence.
 *
 * Where the parser itself reads a message unsurely (到25号, "gimme til the 15th") its own reading
 * is used; elsewhere a reading is lowered below the threshold (`unsure`), the parser's values
 * being the parser's to tune.
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
};

const LOW = CHECK_BELOW - 0.2;

function harness(over: Partial<Account> = {}) {
  const account = { ...base, ...over };
  const policy = resolvePolicy({ maxInstallments: 6 });
  const said: Draft[] = [];
  const machine = negotiationMachine.provide({
    actions: { say: (_, d) => void said.push(d), schedule: () => {}, cancelSchedules: () => {} },
  });
  const actor = createActor(machine, { input: { account, policy } }).start();
  const offset = account.locale === 'zh-CN' ? '+08:00' : '-05:00';
  const iso = (when: string) => `2026-${when.replace(' ', 'T')}:00${offset}`;
  const clock = (when: string) => {
    const i = parseInstant(iso(when))!;
    return { at: i.epochMs, today: i.localDate, minutes: i.localMinutes };
  };
  const ctx = () => actor.getSnapshot().context;
  /** An SMS read by the parser in context; `confidence` lowers the reading where given. */
  const text = (t: string, when: string, confidence?: number): Draft | undefined => {
    const n = said.length;
    const context: ParseContext = ctx().offers.length > 0 ? 'offer' : 'reminder';
    const parsed = parse(t, { context, locale: account.locale, now: iso(when) });
    const e: NegotiationEvent = {
      type: 'INBOUND',
      text: t,
      parsed: confidence === undefined ? parsed : { ...parsed, confidence },
      ...clock(when),
    };
    actor.send(e);
    return said.length > n ? said.at(-1) : undefined;
  };
  actor.send({ type: 'START', ...clock('11-23 10:00') });
  return { said, text, ctx, state: () => publicState(actor.getSnapshot().value), actor };
}

/** Offers for 能分4期吗: A 900 × 4 from Nov 30, B 1800 × 2. */
function withOffers() {
  const h = harness();
  h.text('能分4期吗', '11-23 10:05');
  expect(h.ctx().offers.map((o) => o.id)).toEqual(['A', 'B']);
  return h;
}

describe('an unsure accept', () => {
  it('asks which plan was meant, naming it, and agrees to nothing', () => {
    const h = withOffers();
    const d = h.text('B', '11-23 10:10', LOW)!;
    expect(d).toMatchObject({ kind: 'reply', acts: ['check_reading'], check: { about: 'accept' } });
    expect(d.check?.option).toEqual(h.ctx().offers[1]);
    expect(h.ctx().plan).toBeNull();
    expect(h.ctx().offers).toHaveLength(2);
    expect(h.state()).toBe('offer');
    expect(h.ctx().pending).toMatchObject({ about: 'accept', optionId: 'B', text: 'B' });
  });

  it('a yes then agrees to exactly that option', () => {
    const h = withOffers();
    const b = h.ctx().offers[1]!;
    h.text('B', '11-23 10:10', LOW);
    const d = h.text('是的', '11-23 10:11')!;
    expect(d).toMatchObject({ acts: ['confirm'], plan: { id: 'B' } });
    expect(h.ctx().plan).toEqual(b);
    expect(h.state()).toBe('agreed');
    expect(h.ctx().pending).toBeNull();
  });

  it('a no agrees to nothing and asks what they meant, the offers still open', () => {
    const h = withOffers();
    h.text('B', '11-23 10:10', LOW);
    const d = h.text('不是', '11-23 10:11')!;
    expect(d).toMatchObject({ acts: ['ask_meaning'], check: { about: 'accept' } });
    expect(d.facts?.optionIds).toEqual(['A', 'B']);
    expect(h.ctx().plan).toBeNull();
    expect(h.ctx().offers).toHaveLength(2);
    expect(h.ctx().pending).toBeNull();
    // …and a yes after that answers nothing that is still pending.
    expect(h.text('是', '11-23 10:12')?.acts).not.toContain('confirm');
    expect(h.ctx().plan).toBeNull();
  });

  it('a sure reading agrees at once, as before', () => {
    const h = withOffers();
    expect(h.text('B', '11-23 10:10')).toMatchObject({ acts: ['confirm'], plan: { id: 'B' } });
  });

  it('anything but a yes or a no is read on its own: naming the other option agrees to it', () => {
    const h = withOffers();
    h.text('B', '11-23 10:10', LOW);
    expect(h.text('A', '11-23 10:11')).toMatchObject({ acts: ['confirm'], plan: { id: 'A' } });
    expect(h.ctx().pending).toBeNull();
  });
});

describe('an opt-out is honoured whatever the confidence (CONTRACTS §4)', () => {
  it('an unsure stop opts out at once', () => {
    const h = withOffers();
    expect(h.text('退订', '11-23 10:10', 0.05)).toMatchObject({ acts: ['opt_out_confirm'] });
    expect(h.state()).toBe('opted_out');
  });

  it('a stop instead of an answer opts out, and the pending reading goes with the offers', () => {
    const h = withOffers();
    h.text('B', '11-23 10:10', LOW);
    expect(h.text('STOP', '11-23 10:11', LOW)).toMatchObject({ acts: ['opt_out_confirm'] });
    expect(h.state()).toBe('opted_out');
    expect(h.ctx().plan).toBeNull();
    expect(h.ctx().pending).toBeNull();
  });
});

describe('an unsure promise (the parser reads 到25号 and "gimme til the 15th" unsurely)', () => {
  it('asks whether that is the promise, and records none until a yes', () => {
    const h = harness();
    const d = h.text('到25号', '11-23 10:05')!;
    expect(d).toMatchObject({
      acts: ['check_reading'],
      check: { about: 'promise', promise: { amount: null, date: '2026-11-25' } },
    });
    expect(h.ctx().promise).toBeNull();
    expect(h.state()).toBe('reminded');
    expect(h.text('对', '11-23 10:06')).toMatchObject({
      acts: ['confirm'],
      promise: { amount: null, date: '2026-11-25' },
    });
    expect(h.state()).toBe('promised');
  });

  it('a no records nothing; what they meant then gets its own answer', () => {
    const h = harness({ locale: 'en-US', currency: 'USD', timezone: 'America/New_York' });
    expect(h.text('ok the 15th', '11-23 10:05')?.acts).toEqual(['check_reading']);
    expect(h.text('no', '11-23 10:06')).toMatchObject({ acts: ['ask_meaning'], check: { about: 'promise' } });
    expect(h.ctx().promise).toBeNull();
    expect(h.text('can I have more time until the 15th', '11-23 10:07')?.acts).toContain('offer');
  });
});

describe('an unsure dispute or payment claim', () => {
  it('asks before handing off; a yes hands off', () => {
    const h = harness();
    const d = h.text('我已经还了', '11-23 10:05', LOW)!;
    expect(d).toMatchObject({ acts: ['check_reading'], check: { about: 'already_paid' } });
    expect(h.state()).toBe('reminded');
    expect(h.text('是的', '11-23 10:06')?.acts).toContain('handoff');
    expect(h.state()).toBe('handoff');
  });

  it('a no keeps negotiating', () => {
    const h = harness();
    h.text('金额不对', '11-23 10:05', LOW);
    expect(h.text('不对', '11-23 10:06')).toMatchObject({
      acts: ['ask_meaning'],
      check: { about: 'dispute' },
    });
    expect(h.state()).toBe('reminded');
  });
});

describe('an unsure move of an agreed installment', () => {
  it('asks with the dates; a yes moves it', () => {
    const h = withOffers();
    h.text('A', '11-23 10:10');
    expect(h.state()).toBe('agreed');
    const before = h.ctx().plan!;
    const d = h.text('第二期能不能晚一周', '11-24 09:00', LOW)!;
    expect(d).toMatchObject({
      acts: ['check_reading'],
      check: { about: 'plan_change', change: { kind: 'moved', index: 2, to: '2027-01-06' } },
    });
    expect(h.ctx().plan).toEqual(before);
    expect(h.text('yes', '11-24 09:01')).toMatchObject({ acts: ['confirm'], change: { kind: 'moved' } });
    expect(h.ctx().plan!.installments[1]!.due).toBe('2027-01-06');
  });
});

describe('a question mid-way survives a restart', () => {
  it('a conversation restored from its JSON while the question waits acts on the yes', () => {
    const conv = Conversation.create('c1', base);
    const at = (when: string) => parseInstant(`2026-${when.replace(' ', 'T')}:00+08:00`)!.epochMs;
    conv.start(at('11-23 10:00'));
    const asked = conv.receive('到25号', at('11-23 10:05')).out;
    expect(asked.map((m) => m.acts)).toEqual([['check_reading']]);
    const restored = Conversation.restore(JSON.parse(JSON.stringify(conv.toJSON())));
    expect(restored.context.pending).toMatchObject({ about: 'promise', text: '到25号' });
    const { out } = restored.receive('是', at('11-23 10:07'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ acts: ['confirm'], state: 'promised' });
    expect(restored.context.promise).toEqual({ amount: null, date: '2026-11-25' });
  });
});
