import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, fromDays, toDays, type LocalDate } from '../../src/time/calendar.ts';
import type {
  Account,
  Act,
  AnswerTopic,
  Draft,
  ProactiveReason,
  RenderContext,
} from '../../src/dialogue/types.ts';
import { formatMoney } from '../../src/money.ts';
import { plan, type Option, type PlanRequest } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { render } from '../../src/messages/compose.ts';
import { MAX_SMS_CHARS } from '../../src/messages/sms-parts.ts';
import { propRuns } from '../support/props.ts';

/**
 * Properties of every rendered text over random accounts and random drafts, with offers made by
 * the real planner: CONTRACTS §4 for every outbound SMS, and what each act must say.
 */

const runs = { numRuns: propRuns() };
const POLICY = resolvePolicy();

// A local list; the compliance guard owns the full lexicon.
const BANNED = /骗子|老赖|家人|上门|曝光|报警|police|jail|family/i;
const DEBRIS = /undefined|null|NaN|\[object|\{\{|\$\{/;
const DEBT_WORDS = /欠|逾期|贷款|借款|还款|债|debt|loan|owe|payment|overdue|balance/i;

// ---------- accounts ----------

const HAN = [
  ...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰欧阳司马诸葛',
];
const LENDER_HAN = [...'安心贷信金融宝易花钱快惠民众诚华通达和乐享微融盈'];
const FIRST = [
  'Zhang',
  'Wei',
  'Li',
  'Na',
  'Maria',
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  "O'Brien",
  'José',
  'Anne-Marie',
  'Nguyen',
];
const LAST = [
  'Wei',
  'Smith',
  'Johnson',
  'Garcia',
  'Chen',
  'Williams',
  'Rodriguez',
  'Lee',
  'Müller',
  'Featherstonehaugh',
];

const hanString = (pool: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...pool), { minLength: min, maxLength: max }).map((a) => a.join(''));

const nameArb = fc.oneof(
  hanString(HAN, 2, 4),
  fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => `${f} ${l}`),
  fc.constantFrom(...FIRST),
);

/** Up to 10 characters, Chinese or Latin, with no word the checks below look for. */
const lenderArb = fc
  .oneof(
    hanString(LENDER_HAN, 1, 10),
    fc.stringMatching(/^[A-Z][a-z]{0,5}(?: [A-Z][a-z]{0,2})?$/),
    fc.constantFrom('Anxin', 'QuickCash', 'Acme Fin', 'Blue Sky', '安心贷', '花呗'),
  )
  .filter(
    (s) => s.length >= 1 && s.length <= 10 && !DEBT_WORDS.test(s) && !BANNED.test(s) && !DEBRIS.test(s),
  );

const todayArb: fc.Arbitrary<LocalDate> = fc
  .integer({ min: toDays('2025-01-01'), max: toDays('2030-12-31') })
  .map(fromDays);

const accountArb: fc.Arbitrary<Account> = fc.record({
  id: fc.constant('acc'),
  debtorName: nameArb,
  lender: lenderArb,
  // 1 cent to 1,000,000 major units.
  balance: fc.oneof(
    fc.integer({ min: 1, max: 100_000_000 }),
    fc.constantFrom(1, 99, 100, 360000, 100_000_000),
  ),
  currency: fc.constantFrom('CNY' as const, 'USD' as const),
  overdueDays: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 1, 3, 4, 6, 7, 8)),
  locale: fc.constantFrom('zh-CN' as const, 'en-US' as const),
  timezone: fc.constant('Asia/Shanghai'),
});

// ---------- drafts ----------

interface Case {
  ctx: RenderContext;
  draft: Draft;
}

function requestArb(balance: number, today: LocalDate): fc.Arbitrary<PlanRequest> {
  const amount = fc.oneof(fc.integer({ min: 1, max: balance }), fc.integer({ min: 1, max: 100_000 }));
  return fc.record(
    {
      monthlyCapacity: amount,
      payNow: amount,
      installments: fc.integer({ min: 1, max: 24 }),
      date: fc.integer({ min: -3, max: 60 }).map((n) => addDays(today, n)),
      extension: fc.boolean(),
    },
    { requiredKeys: [] },
  );
}

/** The acts combinations the dialogue machine sends, plus any mix of acts for robustness. */
const MACHINE_COMBOS: { kind: Draft['kind']; acts: Act[]; reason?: ProactiveReason }[] = [
  { kind: 'proactive', acts: ['reminder'], reason: 'first_reminder' },
  { kind: 'proactive', acts: ['reminder'], reason: 'installment_due' },
  { kind: 'proactive', acts: ['followup'], reason: 'offer_followup' },
  { kind: 'proactive', acts: ['followup', 'offer'], reason: 'offer_followup' },
  { kind: 'proactive', acts: ['followup'], reason: 'promise_missed' },
  { kind: 'proactive', acts: ['followup'], reason: 'silence_followup' },
  { kind: 'reply', acts: ['empathy', 'clarify'] },
  { kind: 'reply', acts: ['clarify'] },
  { kind: 'reply', acts: ['offer'] },
  { kind: 'reply', acts: ['empathy', 'offer'] },
  { kind: 'reply', acts: ['answer', 'offer'] },
  { kind: 'reply', acts: ['confirm'] },
  { kind: 'reply', acts: ['answer'] },
  { kind: 'reply', acts: ['handoff'] },
  { kind: 'reply', acts: ['empathy', 'handoff'] },
  { kind: 'reply', acts: ['deescalate'] },
  { kind: 'reply', acts: ['deescalate', 'handoff'] },
  { kind: 'reply', acts: ['opt_out_confirm'] },
  { kind: 'reply', acts: ['apology'] },
  { kind: 'reply', acts: ['ack'] },
];
const ALL_ACTS: Act[] = [
  'reminder',
  'followup',
  'empathy',
  'clarify',
  'offer',
  'confirm',
  'answer',
  'handoff',
  'deescalate',
  'opt_out_confirm',
  'apology',
  'ack',
];
const REASONS: ProactiveReason[] = [
  'first_reminder',
  'offer_followup',
  'installment_due',
  'promise_missed',
  'silence_followup',
];
const TOPICS: AnswerTopic[] = ['balance', 'how_to_pay', 'who', 'credit', 'general'];

const shapeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MACHINE_COMBOS) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('reply' as const, 'proactive' as const),
      acts: fc.shuffledSubarray(ALL_ACTS, { minLength: 1 }),
      reason: fc.constantFrom(...REASONS),
    }),
  },
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({ account: accountArb, today: todayArb, shape: shapeArb })
  .chain(({ account, today, shape }) =>
    fc
      .record({
        request: requestArb(account.balance, today),
        pick: fc.nat(),
        index: fc.nat(),
        topic: fc.constantFrom(...TOPICS),
        hardship: fc.constantFrom(null, 'temporary' as const, 'long_term' as const, undefined),
        promise: fc.record({
          amount: fc.option(fc.integer({ min: 1, max: account.balance })),
          date: fc.option(fc.integer({ min: -5, max: 30 }).map((n) => addDays(today, n))),
        }),
        dueShift: fc.integer({ min: -3, max: 40 }),
      })
      .map(({ request, pick, index, topic, hardship, promise, dueShift }): Case => {
        const result = plan({ balance: account.balance, policy: POLICY, today, request });
        const chosen = result.options[pick % result.options.length]!;
        const count = chosen.installments.length;
        const i = index % count;
        const draft: Draft = {
          kind: shape.kind,
          acts: shape.acts,
          state: 'any',
          offers: result.options,
          plan: chosen,
          infeasible: !result.feasible,
          answerTopic: topic,
          proactiveReason: shape.reason,
          promise,
          installment: {
            due: addDays(today, dueShift),
            amount: chosen.installments[i]!.amount,
            index: i + 1,
            count,
          },
          hardship,
        };
        return { ctx: { account, today }, draft };
      }),
  );

// ---------- properties ----------

const show = (c: Case, text: string) =>
  `${JSON.stringify(c.draft.acts)} ${c.draft.proactiveReason ?? ''} ${c.ctx.account.locale}\n${text}`;

const dayText = (date: string, zh: boolean): string => {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return zh
    ? `${m}月${d}日`
    : `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${d}`;
};

const money = (c: Case, minor: number) => formatMoney(minor, c.ctx.account.currency, c.ctx.account.locale);
const has = (c: Case, act: Act) => c.draft.acts.includes(act);
const isMachineCombo = (c: Case) => MACHINE_COMBOS.some((m) => m.acts.join() === c.draft.acts.join());
/** The acts that replace everything else in a message. */
const exclusive = (c: Case) => has(c, 'apology') || has(c, 'opt_out_confirm');

describe('the composer: every text, every act combination', () => {
  it('§4: ≤ 350 characters, signed, one 【】 pair in Chinese, no debris, no banned word, deterministic', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const text = render(c.draft, c.ctx);
        const { lender, locale } = c.ctx.account;
        expect(text.length, show(c, text)).toBeLessThanOrEqual(MAX_SMS_CHARS);
        if (locale === 'zh-CN') {
          expect(text.startsWith(`【${lender}】`), show(c, text)).toBe(true);
          expect(text.match(/【/g)?.length, show(c, text)).toBe(1);
          expect(text.match(/】/g)?.length, show(c, text)).toBe(1);
        } else {
          expect(text.startsWith(`${lender}: `), show(c, text)).toBe(true);
        }
        expect(text, show(c, text)).not.toMatch(DEBRIS);
        expect(text, show(c, text)).not.toMatch(BANNED);
        expect(render(structuredClone(c.draft), structuredClone(c.ctx))).toBe(text);
      }),
      runs,
    );
  });

  it('proactive texts end with the opt-out hint', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const text = render(c.draft, c.ctx);
        const hint = c.ctx.account.locale === 'zh-CN' ? '回复R拒收' : 'Reply STOP to opt out.';
        if (c.draft.kind === 'proactive') expect(text.endsWith(hint), show(c, text)).toBe(true);
      }),
      runs,
    );
  });

  it('a wrong party and an opt-out hear no word of any debt: no digit, no debt word, no name', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!exclusive(c)) return;
        const text = render(c.draft, c.ctx);
        expect(text, show(c, text)).not.toMatch(/\d/);
        expect(text, show(c, text)).not.toMatch(DEBT_WORDS);
        expect(text.includes(c.ctx.account.debtorName), show(c, text)).toBe(false);
      }),
      runs,
    );
  });

  it('offers name every option id and every option’s first amount', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!has(c, 'offer') || has(c, 'handoff') || exclusive(c)) return;
        const text = render(c.draft, c.ctx);
        for (const o of c.draft.offers as Option[]) {
          expect(text, show(c, text)).toContain(`${o.id}. `);
          expect(text, show(c, text)).toContain(money(c, o.installments[0]!.amount));
          expect(text, show(c, text)).toContain(
            dayText(o.installments[0]!.due, c.ctx.account.locale === 'zh-CN'),
          );
        }
      }),
      runs,
    );
  });

  it('a handoff carries no offers', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!has(c, 'handoff') || exclusive(c)) return;
        const text = render(c.draft, c.ctx);
        for (const o of c.draft.offers as Option[]) expect(text, show(c, text)).not.toContain(`${o.id}. `);
      }),
      runs,
    );
  });

  it('confirmations state the first amount and the first date; promises their amount and date', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!has(c, 'confirm') || exclusive(c)) return;
        const zh = c.ctx.account.locale === 'zh-CN';
        const text = render(c.draft, c.ctx);
        const first = c.draft.plan!.installments[0]!;
        expect(text, show(c, text)).toContain(money(c, first.amount));
        expect(text, show(c, text)).toContain(dayText(first.due, zh));
        const promise = render({ ...c.draft, plan: undefined }, c.ctx);
        const p = c.draft.promise!;
        if (p.amount !== null) expect(promise, show(c, promise)).toContain(money(c, p.amount));
        if (p.date !== null) expect(promise, show(c, promise)).toContain(dayText(p.date, zh));
      }),
      runs,
    );
  });

  it('first reminders state the balance and the days overdue', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.draft.acts.join() !== 'reminder' || c.draft.proactiveReason !== 'first_reminder') return;
        const text = render(c.draft, c.ctx);
        expect(text, show(c, text)).toContain(money(c, c.ctx.account.balance));
        if (c.ctx.account.overdueDays > 0)
          expect(text, show(c, text)).toContain(String(c.ctx.account.overdueDays));
      }),
      runs,
    );
  });

  it('the machine’s single-purpose messages stay within two SMS segments for the usual names', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (!isMachineCombo(c) || has(c, 'offer')) return;
        const text = render(c.draft, c.ctx);
        expect(text.length, show(c, text)).toBeLessThanOrEqual(c.ctx.account.locale === 'zh-CN' ? 140 : 300);
      }),
      runs,
    );
  });

  it('every one of the 4 095 act combinations, both locales, both kinds: §4 holds', () => {
    const account: Account = {
      id: 'acc',
      debtorName: 'Anne-Marie Featherstonehaugh',
      lender: '安心贷安心贷安心贷安',
      balance: 98_765_432,
      currency: 'USD',
      overdueDays: 10,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    };
    const today = '2026-01-31';
    const result = plan({
      balance: account.balance,
      policy: POLICY,
      today,
      request: { monthlyCapacity: 100 },
    });
    for (let mask = 1; mask < 1 << ALL_ACTS.length; mask++) {
      const acts = ALL_ACTS.filter((_, i) => mask & (1 << i));
      for (const locale of ['zh-CN', 'en-US'] as const) {
        for (const kind of ['reply', 'proactive'] as const) {
          const c: Case = {
            ctx: { account: { ...account, locale }, today },
            draft: {
              kind,
              acts,
              state: 'any',
              offers: result.options,
              plan: result.options[0],
              infeasible: !result.feasible,
              answerTopic: 'credit',
              proactiveReason: 'offer_followup',
              promise: { amount: 12345, date: '2026-02-03' },
              hardship: 'long_term',
            },
          };
          const text = render(c.draft, c.ctx);
          expect(text.length, show(c, text)).toBeLessThanOrEqual(MAX_SMS_CHARS);
          expect(
            text.startsWith(locale === 'zh-CN' ? `【${account.lender}】` : `${account.lender}: `),
            show(c, text),
          ).toBe(true);
          expect(text, show(c, text)).not.toMatch(DEBRIS);
          expect(text, show(c, text)).not.toMatch(BANNED);
          if (kind === 'proactive')
            expect(
              text.endsWith(locale === 'zh-CN' ? '回复R拒收' : 'Reply STOP to opt out.'),
              show(c, text),
            ).toBe(true);
          if (exclusive(c))
            expect(text, show(c, text)).not.toMatch(
              /\d|欠|逾期|贷款|借款|还款|debt|loan|owe|payment|overdue|balance/i,
            );
          else if (has(c, 'offer') && !has(c, 'handoff')) {
            for (const o of result.options)
              expect(text, show(c, text)).toContain(money(c, o.installments[0]!.amount));
          }
        }
      }
    }
  });
});
