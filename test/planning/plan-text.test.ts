import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDays, toDays } from '../../src/time/calendar.ts';
import { dateText, describePlan } from '../../src/planning/plan-text.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/** The messages go out on the seeds' date, 2026-11-23: dates in 2027 carry their year. */
const zhCNY = { currency: 'CNY', locale: 'zh-CN', today: '2026-11-23' } as const;
const enUSD = { currency: 'USD', locale: 'en-US', today: '2026-11-23' } as const;

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
      '首期11月30日还360元,之后每月30日还295元,最后一期2027年2月28日还290元,共4期',
    );
    expect(describePlan(p, enUSD)).toBe(
      '$360 on Nov 30, then $295 monthly on the 30th, last $290 on Feb 28, 2027, 4 payments',
    );
  });

  it('all equal', () => {
    const p = monthly('2026-11-30', [90000, 90000, 90000, 90000]);
    expect(describePlan(p, zhCNY)).toBe('11月30日起每月30日还900元,共4期');
    expect(describePlan(p, enUSD)).toBe('$900 monthly on the 30th from Nov 30, 4 payments');
  });

  it('equal but the last', () => {
    const p = monthly('2026-11-23', [50000, 50000, 50000, 10000]);
    expect(describePlan(p, zhCNY)).toBe('11月23日起每月23日还500元,最后一期2027年2月23日还100元,共4期');
    expect(describePlan(p, enUSD)).toBe(
      '$500 monthly on the 23rd from Nov 23, last $100 on Feb 23, 2027, 4 payments',
    );
  });

  it('single payment', () => {
    const p = { installments: [{ due: '2026-12-20', amount: 360000 }] };
    expect(describePlan(p, zhCNY)).toBe('12月20日一次还清3600元');
    expect(describePlan(p, enUSD)).toBe('$3,600 in full on Dec 20');
    expect(describePlan(p, { ...enUSD, currency: 'CNY' })).toBe('¥3,600 in full on Dec 20');
    expect(describePlan(p, { ...zhCNY, currency: 'USD' })).toBe('12月20日一次还清3600美元');
  });

  it('two installments', () => {
    const p = monthly('2026-11-30', [180000, 180050]);
    expect(describePlan(p, zhCNY)).toBe('11月30日还1800元,12月30日还1800.50元,共2期');
    expect(describePlan(p, enUSD)).toBe('$1,800 on Nov 30 and $1,800.50 on Dec 30');
  });

  it('month ends say so', () => {
    const p = monthly('2028-01-31', [90000, 90000, 90000]);
    expect(p.installments.map((x) => x.due)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    const in2028 = { today: '2028-01-20' } as const;
    expect(describePlan(p, { ...zhCNY, ...in2028 })).toBe('1月31日起每月月底还900元,共3期');
    expect(describePlan(p, { ...enUSD, ...in2028 })).toBe(
      '$900 monthly at month end from Jan 31, 3 payments',
    );
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
      '首期11月30日还360元,之后每月30日还290元至300元,最后一期2027年2月28日还280元,共4期',
    );
    expect(describePlan(p, enUSD)).toBe(
      '$360 on Nov 30, then $290 to $300 monthly on the 30th, last $280 on Feb 28, 2027, 4 payments',
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

  it('a date in a later year than the message carries its year (CONTRACTS §8)', () => {
    expect(dateText('2027-01-05', 'zh-CN', '2026-12-28')).toBe('2027年1月5日');
    expect(dateText('2027-01-05', 'en-US', '2026-12-28')).toBe('Jan 5, 2027');
    expect(dateText('2026-12-31', 'zh-CN', '2026-12-28')).toBe('12月31日');
    expect(dateText('2026-12-31', 'en-US', '2026-12-28')).toBe('Dec 31');
    // Only later years: a date already past, in last year, reads as it always did.
    expect(dateText('2026-12-30', 'zh-CN', '2027-01-02')).toBe('12月30日');
    expect(dateText('2028-02-29', 'en-US', '2026-01-01')).toBe('Feb 29, 2028');
    expect(dateText('2027-01-05', 'zh-CN')).toBe('1月5日');
  });

  it('across Dec → Jan: the dates in the new year carry it, the others do not', () => {
    const dec20 = { today: '2026-12-20' } as const;
    const p = monthly('2026-12-27', [36000, 108000, 108000, 108000]);
    expect(describePlan(p, { ...zhCNY, ...dec20 })).toBe('首期12月27日还360元,之后每月27日还1080元,共4期');
    const q = monthly('2026-12-27', [36000, 108000, 108000, 100000]);
    expect(describePlan(q, { ...zhCNY, ...dec20 })).toBe(
      '首期12月27日还360元,之后每月27日还1080元,最后一期2027年3月27日还1000元,共4期',
    );
    expect(describePlan(q, { ...enUSD, ...dec20 })).toBe(
      '$360 on Dec 27, then $1,080 monthly on the 27th, last $1,000 on Mar 27, 2027, 4 payments',
    );
    const two = monthly('2026-12-30', [180000, 180050]);
    expect(describePlan(two, { ...zhCNY, ...dec20 })).toBe('12月30日还1800元,2027年1月30日还1800.50元,共2期');
    expect(describePlan(two, { ...enUSD, ...dec20 })).toBe('$1,800 on Dec 30 and $1,800.50 on Jan 30, 2027');
  });

  it('an offer made in late December due from January: every date carries the year', () => {
    const dec28 = { today: '2026-12-28' } as const;
    const p = monthly('2027-01-04', [50000, 50000, 50000, 10000]);
    expect(describePlan(p, { ...zhCNY, ...dec28 })).toBe(
      '2027年1月4日起每月4日还500元,最后一期2027年4月4日还100元,共4期',
    );
    expect(describePlan(p, { ...enUSD, ...dec28 })).toBe(
      '$500 monthly on the 4th from Jan 4, 2027, last $100 on Apr 4, 2027, 4 payments',
    );
    const single = { installments: [{ due: '2027-01-05', amount: 360000 }] };
    expect(describePlan(single, { ...zhCNY, ...dec28 })).toBe('2027年1月5日一次还清3600元');
    expect(describePlan(single, { ...enUSD, ...dec28 })).toBe('$3,600 in full on Jan 5, 2027');
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
      minutes: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
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
          minutes: s.minutes,
          request: { monthlyCapacity: s.capacity, installments: s.installments, payNow: s.payNow },
        });
        const year = Number(s.today.slice(0, 4));
        for (const o of res.options) {
          const zh = describePlan(o, { ...zhCNY, today: s.today });
          const en = describePlan(o, { ...enUSD, today: s.today });
          for (const text of [zh, en])
            expect(text).not.toMatch(/undefined|null|NaN|\[object|\{\{|\$\{|Infinity/);
          // Years appear for later years only, and each costs 5 characters in Chinese, 6 in English.
          const zhYears = [...zh.matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
          const enYears = [...en.matchAll(/, (\d{4})\b/g)].map((m) => Number(m[1]));
          for (const y of [...zhYears, ...enYears]) expect(y).toBeGreaterThan(year);
          expect(zhYears).toEqual(enYears);
          expect([...zh].length).toBeLessThanOrEqual(70 + 5 * zhYears.length);
          expect(en.length).toBeLessThanOrEqual(160 + 6 * enYears.length);
          // Seen from the last due's own year, no date carries a year.
          const lastYear = o.installments.at(-1)!.due.slice(0, 4);
          const sameYear = `${lastYear}-01-01`;
          expect(describePlan(o, { ...zhCNY, today: sameYear })).not.toMatch(/\d{4}年/);
          expect(describePlan(o, { ...enUSD, today: sameYear })).not.toMatch(/, \d{4}\b/);
        }
      }),
      { numRuns: propRuns() },
    );
  });
});
