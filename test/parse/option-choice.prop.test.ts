import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorText } from '../../src/money.ts';
import { chooseOption } from '../../src/parse/option-choice.ts';
import { plan, type Option, type PlanResult } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { fromDays, toDays } from '../../src/time/calendar.ts';
import { propRuns } from '../support/props.ts';

/**
 * Over random plans from the real planner: every option named by any of its names, in any
 * locale's forms, bare or inside a sentence turning another option down, chooses exactly that
 * option; a bare yes is ambiguous with several options and agrees to the only one.
 */

const require = createRequire(import.meta.url);
const { numberToChinese } = require('chinese-number-format') as { numberToChinese: (n: number) => string };

const runs = { numRuns: propRuns() };

const policyArb = fc
  .record({
    maxInstallments: fc.oneof(fc.constantFrom(1, 2, 3, 6, 12, 24, 36), fc.integer({ min: 1, max: 36 })),
    minInstallment: fc.oneof(
      fc.constantFrom(0.01, 1, 10, 50, 100, 500),
      fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100),
    ),
    maxPlanDays: fc.oneof(fc.constantFrom(30, 90, 180, 365, 730, 1095), fc.integer({ min: 0, max: 1100 })),
    minDownPaymentRatio: fc.oneof(
      fc.constantFrom(0, 0.1, 0.3333),
      fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
    ),
    firstDueWithinDays: fc.integer({ min: 0, max: 31 }),
    maxExtensionDays: fc.integer({ min: 0, max: 60 }),
    roundTo: fc.constantFrom(0.01, 1, 5, 10, 100),
  })
  .map((p) => resolvePolicy(p));

/** Random plans with their options, from any kind of request the planner answers. */
const planArb: fc.Arbitrary<PlanResult> = fc
  .record({
    balance: fc.oneof(
      fc.integer({ min: 2000, max: 8000 }).map((e) => Math.round(10 ** (e / 1000))),
      fc.integer({ min: 1, max: 100_000_000 }),
    ),
    policy: policyArb,
    today: fc.integer({ min: toDays('2020-01-01'), max: toDays('2040-12-31') }).map(fromDays),
  })
  .chain(({ balance, policy, today }) =>
    fc
      .record(
        {
          monthlyCapacity: fc.integer({ min: 1, max: Math.max(1, balance) }),
          payNow: fc.integer({ min: 1, max: Math.max(1, balance) }),
          installments: fc.integer({ min: 1, max: 36 }),
          extension: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .map((request) => plan({ balance, policy, today, request })),
  );

const fullWidth = (s: string) => s.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const EN_ONES = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty'];
const enWord = (n: number) =>
  n < 20 ? EN_ONES[n]! : `${EN_TENS[Math.floor(n / 10)]!}${n % 10 ? `-${EN_ONES[n % 10]!}` : ''}`;
const ZH_POSITION = ['一', '二', '三'];
const EN_POSITION = ['first', 'second', 'third'];
const EN_POSITION_SHORT = ['1st', '2nd', '3rd'];

/** A way of naming an option; `alone` ones only work as the whole reply. */
interface Name {
  text: string;
  alone?: boolean;
}

function letterNames(o: Option): Name[] {
  const L = o.id;
  const l = L.toLowerCase();
  return [
    { text: L },
    { text: `${L}吧` },
    { text: `方案${L}` },
    { text: `${L}方案` },
    { text: `选${L}` },
    { text: `選${fullWidth(L)}` },
    { text: `揀${L}啦` },
    { text: `要${L}` },
    { text: `${L}得` },
    { text: `option ${l}` },
    { text: `plan ${L}` },
    { text: `${L} is fine` },
    { text: `I'll take ${L}` },
    { text: `${l} please` },
  ];
}

function ordinalNames(offers: Option[], i: number): Name[] {
  const n = i + 1;
  const names: Name[] = [
    { text: `第${ZH_POSITION[i]!}个` },
    { text: `第${n}個` },
    { text: `第${ZH_POSITION[i]!}種吧` },
    { text: `方案${ZH_POSITION[i]!}` },
    { text: `${ZH_POSITION[i]!}号方案` },
    { text: `選項${n}` },
    { text: `要嗰個第${ZH_POSITION[i]!}個` },
    { text: `the ${EN_POSITION[i]!} one` },
    { text: `the ${EN_POSITION_SHORT[i]!} option` },
    { text: `option ${n}` },
    { text: String(n), alone: true },
  ];
  if (offers.length >= 2 && i === offers.length - 1)
    names.push({ text: '最后一个' }, { text: '最後那個' }, { text: 'the last one' });
  if (offers.length === 3 && i === 1)
    names.push({ text: '中间那个' }, { text: '中間嗰個' }, { text: 'the middle one' });
  return names;
}

function countNames(n: number): Name[] {
  // A one-payment option is named as such; "1个月" is the period of an amount (一个月600).
  if (n === 1)
    return ['一次还清的', '一次性那个', 'pay in full', 'the single payment', 'the 1-payment one'].map(
      (text) => ({ text }),
    );
  const zh = numberToChinese(n);
  return [
    { text: `分${n}期那个` },
    { text: `${zh}期的` },
    { text: `${n}期` },
    { text: `${n}個月嗰個` },
    { text: `the ${n}-payment one` },
    { text: `the ${enWord(n)} payment one` },
    { text: `${n} installments` },
  ];
}

function amountNames(minor: number): Name[] {
  const plain = majorText(minor);
  const grouped = majorText(minor, true);
  const names: Name[] = [
    { text: `每月${plain}那个` },
    { text: `${plain}元的` },
    { text: `每個月${plain}嗰個` },
    { text: `${plain}蚊嗰個` },
    { text: `the $${grouped} one` },
    { text: `$${grouped} a month` },
  ];
  if (minor >= 1000) names.push({ text: `${grouped} that one` });
  return names;
}

/** Every name of option `i` that picks it out among `offers`. */
function namesOf(offers: Option[], i: number): Name[] {
  const o = offers[i]!;
  const names = [...letterNames(o), ...ordinalNames(offers, i)];
  const n = o.installments.length;
  if (offers.filter((x) => x.installments.length === n).length === 1) names.push(...countNames(n));
  const unique = o.installments
    .map((x) => x.amount)
    .filter((a) => offers.every((x) => x === o || !x.installments.some((y) => y.amount === a)));
  for (const a of new Set(unique)) names.push(...amountNames(a));
  return names;
}

/** Ways to say it: bare, politely, or while turning another option down. */
function sentences(name: Name, offers: Option[], i: number): string[] {
  if (name.alone) return [name.text];
  const out = [name.text, `好的,${name.text}`, `ok ${name.text}`, `${name.text},谢谢`, `嗯 ${name.text}`];
  for (const other of offers) {
    if (other === offers[i]) continue;
    out.push(
      `不要${other.id},${name.text}`,
      `${other.id}太多了,${name.text}`,
      `${other.id}唔得,${name.text}`,
      `not ${other.id}, ${name.text}`,
    );
  }
  return out;
}

const locales = fc.constantFrom('zh-CN' as const, 'en-US' as const);

describe('chooseOption over the planner’s options', () => {
  it('chooses exactly the option named, by any of its names, in any form', () => {
    fc.assert(
      fc.property(planArb, locales, fc.nat(), (result, locale, seed) => {
        const offers = result.options;
        offers.forEach((o, i) => {
          const names = namesOf(offers, i);
          // Every name, each in one sampled form (bare, polite, or beside a refusal) to keep runs quick.
          for (const [k, name] of names.entries()) {
            const forms = sentences(name, offers, i);
            const text = forms[(seed + k) % forms.length]!;
            const r = chooseOption(text, offers, locale);
            expect({ text, chosen: r.kind === 'chosen' ? r.option.id : r.kind }).toEqual({
              text,
              chosen: o.id,
            });
          }
        });
      }),
      runs,
    );
  });

  const BARE_YES = [
    '好的',
    '可以',
    '行',
    'ok',
    'OK',
    'sure',
    '得',
    '冇問題',
    '沒問題',
    '好啊',
    '可以的',
    'yes',
    'okay',
    '好的,谢谢',
    '得啦',
    'ok thanks',
    '好',
    '👍',
  ];

  it('reads a bare yes as ambiguous with several options, and as the only option with one', () => {
    fc.assert(
      fc.property(planArb, locales, fc.constantFrom(...BARE_YES), (result, locale, text) => {
        const r = chooseOption(text, result.options, locale);
        if (result.options.length >= 2) expect(r).toEqual({ kind: 'ambiguous' });
        else expect(r).toEqual({ kind: 'chosen', option: result.options[0], by: 'only_option' });
      }),
      runs,
    );
  });

  it('never throws, and only ever chooses or turns down options on the table', () => {
    fc.assert(
      fc.property(
        planArb,
        locales,
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        (result, locale, text) => {
          const ids = result.options.map((o) => o.id);
          const r = chooseOption(text, result.options, locale);
          if (r.kind === 'chosen') expect(result.options).toContain(r.option);
          if (r.kind === 'rejected') for (const id of r.optionIds) expect(ids).toContain(id);
        },
      ),
      runs,
    );
  });
});
