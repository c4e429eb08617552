import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorText, toMajor } from '../../src/money.ts';
import { INTENTS, type ParseResult } from '../../src/parse/index.ts';
import { PaymentTermsSchema, readPaymentTerms } from '../../src/parse/payment-terms.ts';
import { propRuns } from '../support/props.ts';

const runs = propRuns(300);

/** A sum a debtor might offer, in minor units: 10.00 to 99 999.99. */
const sum = fc.integer({ min: 1000, max: 9_999_999 });
const offered = (minor: number): ParseResult => ({
  intent: 'offer_amount',
  hardship: null,
  amount: toMajor(minor),
  installments: null,
  date: null,
});

/** Ways to say "X per period", X written as the debtor writes it. */
const PHRASES = {
  month: ['每月{x}', '一个月最多还{x}', '${x} a month', '{x} per month', '每個月可以還{x}'],
  half_month: ['每半个月{x}', '半个月还{x}', '{x} twice a month'],
  two_weeks: [
    '每两周{x}',
    '${x} every other week',
    '${x} every two weeks',
    '{x} biweekly',
    '每兩個禮拜還{x}',
  ],
  week: ['每周能还{x}', '${x} a week', '{x} per week', '{x} weekly', '一个礼拜还{x}'],
} as const;
const perMonth = {
  month: (x: number) => x,
  half_month: (x: number) => 2 * x,
  two_weeks: (x: number) => Math.floor((x * 26) / 12),
  week: (x: number) => Math.floor((x * 52) / 12),
};
type Period = keyof typeof PHRASES;
const periodic = fc
  .constantFrom(...(Object.keys(PHRASES) as Period[]))
  .chain((period) => fc.constantFrom(...PHRASES[period]).map((phrase) => ({ period, phrase })));

const anyParse: fc.Arbitrary<ParseResult> = fc.record({
  intent: fc.constantFrom(...INTENTS),
  hardship: fc.constantFrom(null, 'temporary' as const, 'long_term' as const),
  amount: fc.oneof(
    fc.constant(null),
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    fc.integer({ min: 1, max: 100_000 }),
  ),
  installments: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 36 })),
  date: fc.constant(null),
});
const anyText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc
    .array(
      fc.constantFrom('每周', '每月', '半个月', '先还', '一半', '剩下', '下个月', '500', '$', ' a week', ','),
      {
        maxLength: 8,
      },
    )
    .map((parts) => parts.join('')),
);
const contexts = fc.constantFrom('reminder' as const, 'clarify' as const, 'offer' as const);

describe('readPaymentTerms (properties)', () => {
  it('a figure per period is that figure per month: × 1, × 2, × 26 / 12, × 52 / 12, down to the cent', () => {
    fc.assert(
      fc.property(sum, periodic, contexts, (minor, { period, phrase }, context) => {
        const text = phrase.replace('{x}', majorText(minor));
        const got = readPaymentTerms(text, offered(minor), context);
        expect(got.monthlyCapacity).toBe(perMonth[period](minor));
        expect(got.payNow).toBeUndefined();
      }),
      { numRuns: runs },
    );
  });

  it('a figure per paycheck is that figure once per the pay period stated, a month when none is', () => {
    const PAY: Record<Period | 'none', readonly string[]> = {
      month: ['I get paid monthly', '我是月薪'],
      half_month: ['I get paid twice a month', '每半个月发一次工资'],
      two_weeks: ['I get paid biweekly', 'we get paid every two weeks', '工资每两周发一次', '我们双周发工资'],
      week: ['I get paid weekly', '我是周薪', '工资每周发'],
      none: [''],
    };
    const PER_PAYCHECK = ['I could put ${x} toward it each paycheck', '{x} every payday', '每次发工资还{x}'];
    const pay = fc
      .constantFrom(...(Object.keys(PAY) as (Period | 'none')[]))
      .chain((period) => fc.constantFrom(...PAY[period]).map((said) => ({ period, said })));
    fc.assert(
      fc.property(
        sum,
        pay,
        fc.constantFrom(...PER_PAYCHECK),
        contexts,
        (minor, { period, said }, per, context) => {
          const text = [said, per.replace('{x}', majorText(minor))].filter(Boolean).join(', ');
          const got = readPaymentTerms(text, offered(minor), context);
          expect(got.monthlyCapacity).toBe(perMonth[period === 'none' ? 'month' : period](minor));
          expect(got.payNow).toBeUndefined();
        },
      ),
      { numRuns: runs },
    );
  });

  it('a weekly figure makes between four and five of it a month', () => {
    fc.assert(
      fc.property(sum, (minor) => {
        const cap = readPaymentTerms(`每周${majorText(minor)}`, offered(minor), 'reminder').monthlyCapacity!;
        expect(cap).toBeGreaterThanOrEqual(4 * minor);
        expect(cap).toBeLessThanOrEqual(5 * minor);
      }),
      { numRuns: runs },
    );
  });

  it('never throws, and what it reads is whole positive minor units, the same on every call', () => {
    fc.assert(
      fc.property(anyText, anyParse, contexts, (text, parsed, context) => {
        const got = readPaymentTerms(text, parsed, context);
        expect(PaymentTermsSchema.strict().parse(got)).toEqual(got);
        expect(readPaymentTerms(text, parsed, context)).toEqual(got);
        if (got.split) expect(got.installments).toBe(2);
      }),
      { numRuns: runs },
    );
  });

  it('a figure already paid, disputed or a stranger’s is never a term', () => {
    fc.assert(
      fc.property(
        anyText,
        anyParse,
        contexts,
        fc.constantFrom('already_paid', 'dispute', 'wrong_party', 'opt_out' as const),
        (text, parsed, context, intent) => {
          expect(readPaymentTerms(text, { ...parsed, intent }, context)).toEqual({});
        },
      ),
      { numRuns: runs },
    );
  });
});
