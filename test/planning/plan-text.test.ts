import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDays, toDays } from '../../src/time/calendar.ts';
import { describePlan } from '../../src/planning/plan-text.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

const zhCNY = { currency: 'CNY', locale: 'zh-CN' } as const;
const enUSD = { currency: 'USD', locale: 'en-US' } as const;

const monthly = (first: string, amounts: number[]) => ({
  installments: amounts.map((amount, i) => {
    const [y, m, d] = first.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) + i;
    const yy = Math.floor(total / 12);
    const mm = (total % 12) + 1;
    const dim = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    return {
      due: `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, dim)).padStart(2, '0')}`,
      amount,
    };
  }),
});

describe('describePlan', () => {
  it("first, then equal monthly: the seeds' sentence", () => {
    const p = monthly('2026-11-30', [36000, 108000, 108000, 108000]);
    expect(describePlan(p, zhCNY)).toBe('首期11月30日还360元,之后每月30日还1080元,共4期');
    expect(describePlan(monthly('2026-11-30', [12400, ...Array(8).fill(13900)]), enUSD)).toBe(
      '$124 on Nov 30, then $139 monthly on the 30th, 9 payments',
    );
  });

  it('a different last installment is named', () => {
    const p = monthly('2026-11-30', [36000, 29500, 29500, 29000]);
    expect(describePlan(p, zhCNY)).toBe(
      '首期11月30日还360元,之后每月30日还295元,最后一期2月28日还290元,共4期',
    );
    expect(describePlan(p, enUSD)).toBe(
      '$360 on Nov 30, then $295 monthly on the 30th, last $290 on Feb 28, 4 payments',
    );
  });

  it('all equal', () => {
    const p = monthly('2026-11-30', [90000, 90000, 90000, 90000]);
    expect(describePlan(p, zhCNY)).toBe('11月30日起每月30日还900元,共4期');
    expect(describePlan(p, enUSD)).toBe('$900 monthly on the 30th from Nov 30, 4 payments');
  });

  it('equal but the last', () => {
    const p = monthly('2026-11-23', [50000, 50000, 50000, 10000]);
    expect(describePlan(p, zhCNY)).toBe('11月23日起每月23日还500元,最后一期2月23日还100元,共4期');
    expect(describePlan(p, enUSD)).toBe(
      '$500 monthly on the 23rd from Nov 23, last $100 on Feb 23, 4 payments',
    );
  });

  it('single payment', () => {
    const p = { installments: [{ due: '2026-12-20', amount: 360000 }] };
    expect(describePlan(p, zhCNY)).toBe('12月20日一次还清3600元');
    expect(describePlan(p, enUSD)).toBe('$3,600 in full on Dec 20');
    expect(describePlan(p, { currency: 'CNY', locale: 'en-US' })).toBe('¥3,600 in full on Dec 20');
    expect(describePlan(p, { currency: 'USD', locale: 'zh-CN' })).toBe('12月20日一次还清3600美元');
  });

  it('two installments', () => {
    const p = monthly('2026-11-30', [180000, 180050]);
    expect(describePlan(p, zhCNY)).toBe('11月30日还1800元,12月30日还1800.50元,共2期');
    expect(describePlan(p, enUSD)).toBe('$1,800 on Nov 30 and $1,800.50 on Dec 30');
  });

  it('month ends say so', () => {
    const p = monthly('2028-01-31', [90000, 90000, 90000]);
    expect(p.installments.map((x) => x.due)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(describePlan(p, zhCNY)).toBe('1月31日起每月月底还900元,共3期');
    expect(describePlan(p, enUSD)).toBe('$900 monthly at month end from Jan 31, 3 payments');
  });

  it('ordinals', () => {
    const say = (d: string) => describePlan(monthly(d, [100, 100, 100]), enUSD);
    expect(say('2026-11-01')).toMatch(/on the 1st /);
    expect(say('2026-11-02')).toMatch(/on the 2nd /);
    expect(say('2026-11-03')).toMatch(/on the 3rd /);
    expect(say('2026-11-11')).toMatch(/on the 11th /);
    expect(say('2026-11-12')).toMatch(/on the 12th /);
    expect(say('2026-11-13')).toMatch(/on the 13th /);
    expect(say('2026-11-21')).toMatch(/on the 21st /);
    expect(say('2026-11-22')).toMatch(/on the 22nd /);
    expect(say('2026-10-31')).toMatch(/at month end/);
  });

  it('uneven middles are given as a range', () => {
    const p = monthly('2026-11-30', [36000, 30000, 29000, 28000]);
    expect(describePlan(p, zhCNY)).toBe(
      '首期11月30日还360元,之后每月30日还290元至300元,最后一期2月28日还280元,共4期',
    );
    expect(describePlan(p, enUSD)).toBe(
      '$360 on Nov 30, then $290 to $300 monthly on the 30th, last $280 on Feb 28, 4 payments',
    );
  });

  it('a plan that is not monthly still gets a true sentence', () => {
    const p = {
      installments: [
        { due: '2026-11-30', amount: 10000 },
        { due: '2026-12-05', amount: 10000 },
        { due: '2026-12-20', amount: 5000 },
      ],
    };
    expect(describePlan(p, zhCNY)).toBe('共3期,首期11月30日还100元,最后一期12月20日还50元');
    expect(describePlan(p, enUSD)).toBe('3 payments from Nov 30 to Dec 20: first $100, last $50');
  });

  it('refuses an empty plan', () => {
    expect(() => describePlan({ installments: [] }, zhCNY)).toThrow();
  });

  it('every planner option reads cleanly and fits one SMS', () => {
    const scenario = fc.record({
      balance: fc.integer({ min: 2000, max: 8000 }).map((e) => Math.round(10 ** (e / 1000))),
      today: fc.integer({ min: toDays('2020-01-01'), max: toDays('2040-12-31') }).map(fromDays),
      maxInstallments: fc.integer({ min: 1, max: 36 }),
      roundTo: fc.constantFrom(0.01, 1, 10, 100),
      capacity: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: undefined }),
      installments: fc.option(fc.integer({ min: 1, max: 36 }), { nil: undefined }),
      payNow: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = resolvePolicy({
          maxInstallments: s.maxInstallments,
          roundTo: s.roundTo,
          maxPlanDays: 1100,
        });
        const res = plan({
          balance: s.balance,
          policy,
          today: s.today,
          request: { monthlyCapacity: s.capacity, installments: s.installments, payNow: s.payNow },
        });
        for (const o of res.options) {
          const zh = describePlan(o, zhCNY);
          const en = describePlan(o, enUSD);
          for (const text of [zh, en])
            expect(text).not.toMatch(/undefined|null|NaN|\[object|\{\{|\$\{|Infinity/);
          const uniform = new Set(o.installments.slice(1, -1).map((x) => x.amount)).size <= 1;
          if (uniform) expect([...zh].length).toBeLessThanOrEqual(70);
          expect(en.length).toBeLessThanOrEqual(160);
        }
      }),
      { numRuns: propRuns() },
    );
  });
});
