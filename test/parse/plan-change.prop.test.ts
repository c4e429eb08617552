import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, daysInMonth, formatCivil } from '../../src/time/calendar.ts';
import type { Option } from '../../src/planning/planner.ts';
import { PlanChangeSchema, readPlanChange } from '../../src/parse/plan-change.ts';
import { propRuns } from '../support/props.ts';

const runs = propRuns(300);
const ORDINAL_ZH = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const ORDINAL_EN = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** A monthly plan of 1–12 installments and a `today` up to two weeks before its first due date. */
const agreed = fc
  .record({
    y: fc.integer({ min: 2026, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    count: fc.integer({ min: 1, max: 12 }),
    lead: fc.integer({ min: 0, max: 14 }),
  })
  .map(({ y, m, d, count, lead }) => {
    const first = formatCivil({ y, m, d: Math.min(d, daysInMonth(y, m)) });
    const plan: Option = {
      id: 'A',
      kind: 'requested',
      reason: 'the count asked for',
      installments: Array.from({ length: count }, (_, k) => ({
        due: addMonthsClamped(first, k),
        amount: 10000,
      })),
    };
    return { plan, today: addDays(first, -lead) };
  });

describe('readPlanChange (properties)', () => {
  it('第N期晚K天 / "push the Nth payment back K days" moves installment N-1 by K days', () => {
    fc.assert(
      fc.property(agreed, fc.nat(11), fc.integer({ min: 1, max: 30 }), ({ plan, today }, k, days) => {
        fc.pre(k < plan.installments.length);
        const expected = { kind: 'move', index: k, to: null, byDays: days };
        expect(readPlanChange(`第${ORDINAL_ZH[k]}期能不能晚${days}天`, { plan, today })).toEqual(expected);
        if (k < ORDINAL_EN.length)
          expect(
            readPlanChange(`can I push the ${ORDINAL_EN[k]} payment back ${days} days`, { plan, today }),
          ).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });

  it('a bare day of the month for an installment is that day, after its due date', () => {
    fc.assert(
      fc.property(agreed, fc.nat(11), fc.integer({ min: 1, max: 28 }), ({ plan, today }, k, day) => {
        fc.pre(k < plan.installments.length);
        const got = readPlanChange(`第${ORDINAL_ZH[k]}期推到${day}号`, { plan, today });
        expect(got?.index).toBe(k);
        expect(got!.to! > plan.installments[k]!.due).toBe(true);
        expect(Number(got!.to!.slice(8, 10))).toBe(day);
        // The first such day after the due date: less than a month and a half later.
        expect(got!.to! <= addDays(plan.installments[k]!.due, 31)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('an installment the plan does not have, a question or a count is no move', () => {
    fc.assert(
      fc.property(agreed, fc.nat(11), ({ plan, today }, k) => {
        if (k >= plan.installments.length)
          expect(readPlanChange(`第${ORDINAL_ZH[k]}期推迟一周`, { plan, today })).toBeNull();
        expect(readPlanChange(`第${ORDINAL_ZH[k]}期多少钱`, { plan, today })).toBeNull();
        expect(readPlanChange(`分${ORDINAL_ZH[k]}期`, { plan, today })).toBeNull();
      }),
      { numRuns: runs },
    );
  });

  it('never throws; a move names an installment of the plan and a date not before today', () => {
    fc.assert(
      fc.property(
        agreed,
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc
            .array(
              fc.constantFrom(
                '第二期',
                '下期',
                '推迟',
                '晚',
                '一周',
                '15号',
                '下个月',
                'the 3rd payment',
                ' to the 20th',
                '?',
              ),
              {
                maxLength: 6,
              },
            )
            .map((p) => p.join('')),
        ),
        ({ plan, today }, text) => {
          const got = readPlanChange(text, { plan, today });
          if (got === null) return;
          expect(PlanChangeSchema.parse(got)).toEqual(got);
          expect(got.index).toBeLessThan(plan.installments.length);
          if (got.to !== null) expect(got.to >= today).toBe(true);
        },
      ),
      { numRuns: runs },
    );
  });
});
