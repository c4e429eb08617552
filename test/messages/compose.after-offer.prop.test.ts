import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/messages/compose.ts';
import { MAX_SMS_CHARS } from '../../src/messages/sms-parts.ts';
import type { Account, Act, AnswerTopic, Draft, Facts, ProactiveReason } from '../../src/dialogue/types.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { addDays, fromDays, toDays } from '../../src/time/calendar.ts';
import { propRuns } from '../support/props.ts';

/**
 * The composer after the first offer (CONTRACTS §8), over random accounts and the drafts the
 * machine sends from then on: every text keeps §4, a third party hears no word of any debt, and
 * a draft rendered right after its own text comes out in other words (no text twice in a row).
 */

const runs = { numRuns: propRuns() };
const DEBRIS = /undefined|null|NaN|\[object|\{\{|\$\{/;
const DEBT_WORDS = /欠|逾期|贷款|借款|还款|债|金额|分期|debt|loan|owe|payment|overdue|balance|installment/i;

/** Every act combination the machine sends (CONTRACTS §6 acts and ours), with its reason. */
const COMBOS: { kind: Draft['kind']; acts: Act[]; reason?: ProactiveReason }[] = [
  { kind: 'proactive', acts: ['reminder'], reason: 'first_reminder' },
  { kind: 'proactive', acts: ['reminder'], reason: 'installment_due' },
  { kind: 'proactive', acts: ['reminder'], reason: 'installment_missed' },
  { kind: 'proactive', acts: ['followup'], reason: 'offer_followup' },
  { kind: 'proactive', acts: ['followup'], reason: 'promise_missed' },
  { kind: 'proactive', acts: ['followup'], reason: 'silence_followup' },
  { kind: 'proactive', acts: ['followup', 'offer'], reason: 'plan_broken' },
  { kind: 'proactive', acts: ['followup', 'handoff'], reason: 'plan_broken' },
  { kind: 'proactive', acts: ['payment_received'], reason: 'payment_received' },
  { kind: 'proactive', acts: ['closing'], reason: 'paid_in_full' },
  { kind: 'reply', acts: ['empathy', 'clarify'] },
  { kind: 'reply', acts: ['clarify'] },
  { kind: 'reply', acts: ['offer'] },
  { kind: 'reply', acts: ['empathy', 'offer'] },
  { kind: 'reply', acts: ['confirm'] },
  { kind: 'reply', acts: ['answer'] },
  { kind: 'reply', acts: ['which_option'] },
  { kind: 'reply', acts: ['reschedule'] },
  { kind: 'reply', acts: ['handoff'] },
  { kind: 'reply', acts: ['deescalate', 'handoff'] },
  { kind: 'reply', acts: ['handoff_note'] },
  { kind: 'reply', acts: ['deescalate', 'handoff_note'] },
  { kind: 'reply', acts: ['deescalate'] },
  { kind: 'reply', acts: ['ack'] },
  { kind: 'reply', acts: ['third_party'] },
  { kind: 'reply', acts: ['apology'] },
  { kind: 'reply', acts: ['opt_out_confirm'] },
];
const TOPICS: AnswerTopic[] = [
  'balance',
  'how_to_pay',
  'who',
  'credit',
  'general',
  'next_installment',
  'remaining',
  'overdue_days',
  'late_fees',
  'handoff_eta',
];

const accountArb: fc.Arbitrary<Account> = fc.record(
  {
    id: fc.constant('acc'),
    debtorName: fc.constantFrom('张伟', '欧阳娜娜', 'Maria Lopez', 'Anne-Marie Featherstonehaugh'),
    lender: fc.constantFrom('安心贷', '惠民消费金融', 'QuickCash', 'Lakeshore Finance'),
    balance: fc.integer({ min: 100, max: 100_000_000 }),
    currency: fc.constantFrom('CNY' as const, 'USD' as const),
    overdueDays: fc.integer({ min: 0, max: 400 }),
    locale: fc.constantFrom('zh-CN' as const, 'en-US' as const),
    timezone: fc.constant('Asia/Shanghai'),
    hotline: fc.constantFrom('400-820-1234', '95188', '1-800-555-0142'),
    howToPay: fc.constantFrom(
      '在App「我的借款」页面点“立即还款”,或转账至对公账户(户名:安心贷科技有限公司,账号6222 0000 1234 5678)',
      'Pay online at example.com/pay, or by card on 1-800-555-0142, any day between 8am and 8pm.',
    ),
  },
  {
    requiredKeys: ['id', 'debtorName', 'lender', 'balance', 'currency', 'overdueDays', 'locale', 'timezone'],
  },
);

const caseArb = fc
  .record({
    account: accountArb,
    today: fc.integer({ min: toDays('2025-01-01'), max: toDays('2030-12-31') }).map(fromDays),
    shape: fc.constantFrom(...COMBOS),
    topics: fc.subarray(TOPICS, { minLength: 1, maxLength: 3 }),
    installments: fc.integer({ min: 1, max: 12 }),
    paidShare: fc.integer({ min: 0, max: 100 }),
    move: fc.record({
      kind: fc.constantFrom('moved' as const, 'refused' as const, 'ask' as const),
      shift: fc.integer({ min: 1, max: 40 }),
      latestNull: fc.boolean(),
    }),
    flags: fc.record({
      offersOpen: fc.boolean(),
      handoff: fc.boolean(),
      overdue: fc.boolean(),
      note: fc.boolean(),
    }),
  })
  .map(({ account, today, shape, topics, installments, paidShare, move, flags }) => {
    const result = plan({
      balance: account.balance,
      policy: resolvePolicy(),
      today,
      request: { installments },
    });
    const p = result.options[0]!;
    const paid = Math.floor((account.balance * paidShare) / 100);
    let left = paid;
    const idx = p.installments.findIndex((i) => (left -= i.amount) < 0);
    const i = idx < 0 ? p.installments.length - 1 : idx;
    const facts: Facts = {
      owed: account.balance - paid,
      overdueDays: account.overdueDays,
      planAgreed: shape.acts.includes('offer') ? false : true,
      next:
        idx < 0
          ? null
          : { due: p.installments[i]!.due, amount: -left, index: i + 1, count: p.installments.length },
      remaining: account.balance - paid,
      offersOpen: flags.offersOpen,
      optionIds: result.options.map((o) => o.id),
      handoffBy: flags.handoff ? { date: addDays(today, 1), minutes: 630 } : null,
      handoffOverdue: flags.handoff && flags.overdue,
    };
    const from = p.installments[i]!.due;
    const draft: Draft = {
      kind: shape.kind,
      acts: shape.acts,
      state: 'any',
      ...(shape.reason ? { proactiveReason: shape.reason } : {}),
      offers: shape.acts.includes('offer') ? result.options : undefined,
      plan: p,
      answerTopic: topics[0],
      answerTopics: topics,
      facts,
      payment: Math.max(1, paid),
      handoffHours: 24,
      noteAbout: flags.note ? 'plan' : 'other',
      change: {
        kind: move.kind,
        index: i + 1,
        count: p.installments.length,
        from,
        to: move.kind === 'ask' ? null : addDays(from, move.shift),
        latest: move.latestNull ? null : addDays(from, 30),
        limitDays: 30,
      },
      installment: facts.next ?? {
        due: from,
        amount: p.installments[i]!.amount,
        index: i + 1,
        count: p.installments.length,
      },
    };
    if (!shape.acts.includes('confirm') || move.kind !== 'moved') delete draft.change;
    if (shape.acts.includes('reschedule') && move.kind === 'moved')
      draft.change = {
        kind: 'refused',
        index: i + 1,
        count: p.installments.length,
        from,
        to: addDays(from, 60),
        latest: null,
        limitDays: 30,
      };
    return { draft, ctx: { account, today } };
  });

const show = (c: { draft: Draft }, text: string) =>
  `${c.draft.acts.join('+')} ${c.draft.proactiveReason ?? ''}\n${text}`;

describe('the composer after the first offer', () => {
  it('§4 for every text: ≤ 350 characters, signed or named, no debris, proactive texts end with the hint', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const text = render(c.draft, c.ctx);
        const { lender, locale } = c.ctx.account;
        expect(text.length, show(c, text)).toBeLessThanOrEqual(MAX_SMS_CHARS);
        expect(text.startsWith(locale === 'zh-CN' ? `【${lender}】` : `${lender}: `), show(c, text)).toBe(
          true,
        );
        expect(text, show(c, text)).not.toMatch(DEBRIS);
        // Never a signature alone: something is said.
        const body = text
          .replace(`【${lender}】`, '')
          .replace(`${lender}: `, '')
          .replace(/回复R拒收|Reply STOP to opt out\./, '');
        expect(body.trim().length, show(c, text)).toBeGreaterThan(4);
        if (c.draft.kind === 'proactive')
          expect(
            text.endsWith(locale === 'zh-CN' ? '回复R拒收' : 'Reply STOP to opt out.'),
            show(c, text),
          ).toBe(true);
      }),
      runs,
    );
  });

  it('a third party hears no name, no amount, no word of any debt: only the hotline', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!c.draft.acts.includes('third_party')) return;
        const text = render(c.draft, c.ctx);
        const { lender, hotline, debtorName } = c.ctx.account;
        const body = text.replace(lender, '').replace(hotline ?? '\u0000', '');
        expect(body, show(c, text)).not.toMatch(DEBT_WORDS);
        expect(body, show(c, text)).not.toMatch(/\d/);
        expect(text.includes(debtorName), show(c, text)).toBe(false);
        if (hotline) expect(text, show(c, text)).toContain(hotline);
      }),
      runs,
    );
  });

  it('never the same text twice in a row: after its own text, a draft comes out in other words', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const first = render(c.draft, c.ctx);
        const again = render(c.draft, { ...c.ctx, previous: first });
        expect(again, show(c, first)).not.toBe(first);
        // …and the third time it may be the first wording again: it differs from the second.
        expect(render(c.draft, { ...c.ctx, previous: again })).toBe(first);
        expect(again.length, show(c, again)).toBeLessThanOrEqual(MAX_SMS_CHARS);
      }),
      runs,
    );
  });
});
