import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/dialogue/conversation.ts';
import type { Account } from '../../src/dialogue/types.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import type { Option } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/**
 * CONTRACTS §8 through the whole runtime (parser, machine, composer, guard): any name of an
 * option agrees to exactly that option, and a moved installment keeps every plan invariant
 * with the rest of the plan unchanged.
 */

const ZH_ORD = ['一', '二', '三'];
const EN_ORD = ['first', 'second', 'third'];

/** The ways a debtor names option `k` of `offers` (the other one named is turned down). */
function namesOf(offers: Option[], k: number, locale: Account['locale']): string[] {
  const o = offers[k]!;
  const other = offers[(k + 1) % offers.length]!.id;
  const n = o.installments.length;
  const countIsUnique = offers.filter((x) => x.installments.length === n).length === 1;
  const zh = [
    o.id,
    `方案${o.id}`,
    `选${o.id}吧`,
    `我要${o.id}`,
    `揀${o.id}啦`,
    `第${ZH_ORD[k]}个`,
    `第${ZH_ORD[k]}個方案`,
    ...(offers.length > 1 ? [`${other}太多了,${o.id}可以`] : []),
    ...(countIsUnique ? [`分${n}期那个`] : []),
  ];
  const en = [
    `option ${o.id}`,
    `plan ${o.id} please`,
    `the ${EN_ORD[k]} one`,
    `${o.id} works for me`,
    `I'll take ${o.id}`,
    ...(offers.length > 1 ? [`not ${other}, ${o.id}`] : []),
    ...(countIsUnique ? [`the ${n}-payment one`] : []),
  ];
  return locale === 'zh-CN' ? zh : en;
}

const accountArb = fc.record({
  locale: fc.constantFrom('zh-CN' as const, 'en-US' as const),
  balance: fc.integer({ min: 50_000, max: 2_000_000 }),
  overdueDays: fc.integer({ min: 1, max: 60 }),
  maxInstallments: fc.integer({ min: 2, max: 12 }),
});

/** A conversation with offers on the table: the debtor states a monthly figure at 10:05. */
function withOffers(a: Account) {
  const conv = Conversation.create(a.id, a);
  const t0 = Date.UTC(2026, 10, 23, 2, 0); // 10:00 in Beijing
  conv.start(t0);
  // A round figure: 315 would read as the consumer-rights day (a complaint), not a capacity.
  const monthly = Math.max(100, Math.ceil(a.balance / 100 / 4 / 10) * 10);
  const text = a.locale === 'zh-CN' ? `每月最多能还${monthly}` : `I can pay ${monthly} a month`;
  conv.receive(text, t0 + 5 * 60_000);
  return { conv, t0 };
}

/** The account a generated record stands for. */
function account(a: {
  locale: Account['locale'];
  balance: number;
  overdueDays: number;
  maxInstallments: number;
}): Account {
  return {
    id: 'p',
    debtorName: a.locale === 'zh-CN' ? '张伟' : 'Maria Lopez',
    lender: a.locale === 'zh-CN' ? '安心贷' : 'QuickCash',
    balance: a.balance,
    currency: a.locale === 'zh-CN' ? 'CNY' : 'USD',
    overdueDays: a.overdueDays,
    locale: a.locale,
    timezone: 'Asia/Shanghai',
    policy: { maxInstallments: a.maxInstallments },
  };
}

describe('choosing (CONTRACTS §8)', () => {
  it('every option, named any of its ways, agrees to exactly that option', () => {
    fc.assert(
      fc.property(accountArb, fc.nat(), fc.nat(), (a, pickOption, pickName) => {
        const acc = account(a);
        const { conv, t0 } = withOffers(acc);
        const offers = conv.context.offers;
        expect(offers.length).toBeGreaterThan(0);
        const k = pickOption % offers.length;
        const names = namesOf(offers, k, acc.locale);
        const name = names[pickName % names.length]!;
        const { out } = conv.receive(name, t0 + 9 * 60_000);
        expect(conv.state, `${name} → ${out[0]?.text}`).toBe('agreed');
        expect(conv.context.plan, name).toEqual(offers[k]);
        expect(out[0]?.plan?.id, name).toBe(offers[k]!.id);
      }),
      { numRuns: propRuns(200) },
    );
  });

  it('a bare yes agrees to the only option, and with several asks which and agrees to nothing', () => {
    fc.assert(
      fc.property(accountArb, fc.constantFrom('好的', '可以', 'ok', 'yes', '行'), (a, yes) => {
        const acc = account(a);
        const { conv, t0 } = withOffers(acc);
        const offers = conv.context.offers;
        const { out } = conv.receive(yes, t0 + 9 * 60_000);
        if (offers.length === 1) {
          expect(conv.state).toBe('agreed');
          expect(conv.context.plan).toEqual(offers[0]);
        } else {
          expect(out[0]?.acts).toEqual(['which_option']);
          expect(conv.state).toBe('offer');
          expect(conv.context.plan).toBeNull();
          expect(conv.context.offers).toEqual(offers);
        }
      }),
      { numRuns: propRuns(100) },
    );
  });
});

describe('changing an agreed plan (CONTRACTS §8)', () => {
  it('a moved installment keeps every §4 and §8 invariant; amounts and the other dates stay', () => {
    fc.assert(
      fc.property(accountArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 45 }), (a, pick, which, days) => {
        const acc = account(a);
        const { conv, t0 } = withOffers(acc);
        const offers = conv.context.offers;
        const k = pick % offers.length;
        conv.receive(offers[k]!.id, t0 + 9 * 60_000);
        const before = conv.context.plan!;
        const i = which % before.installments.length;
        const text =
          acc.locale === 'zh-CN'
            ? `第${i + 1}期能不能晚${days}天`
            : `can I move the ${['first', 'second', 'third', 'fourth', 'fifth', 'sixth'][i] ?? 'first'} payment back ${days} days?`;
        const { out } = conv.receive(text, t0 + 12 * 60_000);
        const after = conv.context.plan!;
        expect(conv.state).toBe('agreed');
        expect(after.installments.map((x) => x.amount)).toEqual(before.installments.map((x) => x.amount));
        const changed = after.installments.filter((x, j) => x.due !== before.installments[j]!.due);
        expect(changed.length).toBeLessThanOrEqual(1);
        const policy = resolvePolicy(acc.policy);
        expect(
          checkPlanInvariants(after, { balance: acc.balance, policy, today: conv.context.planFrom! }),
          text,
        ).toEqual([]);
        if (changed.length === 1) {
          // The reply confirms it and carries the whole plan (§8 replay rule).
          expect(out[0]?.acts).toEqual(['confirm']);
          expect(out[0]?.plan?.installments).toHaveLength(after.installments.length);
        } else expect(out[0]?.acts, `${text} → ${out[0]?.text}`).toEqual(['reschedule']);
      }),
      { numRuns: propRuns(200) },
    );
  });
});
