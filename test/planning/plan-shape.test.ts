import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  amountsFor,
  capLimits,
  planContext,
  schedule,
  share,
  uncapped,
} from '../../src/planning/plan-shape.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/**
 * One plan's shape: equal middles (CONTRACTS §8), the remainder last, inside the limits; and
 * the dates, never on the day of an evening offer.
 */

describe('share: an even share in steps of roundTo', () => {
  it('rounds down when the last would be less than one step above the others', () => {
    expect(share(360050, 12, 100)).toBe(30000); // 11 × 300 + 300.50
    expect(share(361000, 3, 10000)).toBe(120000); // 2 × 1200 + 1210
  });

  it('rounds up when that would leave the last a whole step or more above', () => {
    expect(share(145000, 3, 100)).toBe(48400); // 2 × 484 + 482, not 2 × 483 + 484
    expect(share(2000000, 6, 100)).toBe(333400); // 5 × 3334 + 3330
  });

  it('is exact when the total divides', () => {
    expect(share(360000, 12, 100)).toBe(30000);
  });
});

describe('amountsFor', () => {
  const policy = resolvePolicy({ roundTo: 1, minInstallment: 1, minDownPaymentRatio: 0.1 });

  it('finds equal middles whenever some exist, and only then (brute force on small plans)', () => {
    const tiny = fc.record({
      balance: fc.integer({ min: 100, max: 3000 }),
      k: fc.integer({ min: 2, max: 6 }),
      cap: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }),
      prefFirst: fc.integer({ min: 0, max: 3000 }),
      prefMid: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(tiny, ({ balance, k, cap, prefFirst, prefMid }) => {
        const c = planContext(balance, policy, '2026-11-23', false);
        const lim = cap === undefined ? uncapped(c) : capLimits(c, cap);
        const ok = (a: number[]) =>
          a.every((x) => x >= c.minAmount) &&
          a.slice(0, -1).every((x) => x % c.r === 0) &&
          a[0]! >= c.firstFloor &&
          a[0]! <= lim.firstMax &&
          a.slice(1, -1).every((x) => x <= lim.midMax) &&
          a[a.length - 1]! <= lim.lastMax &&
          a.reduce((t, x) => t + x, 0) === balance;
        let exists = false;
        for (let x = c.r; x < balance && !exists; x += c.r) {
          if (k === 2) exists = ok([x, balance - x]);
          for (let y = c.r; k > 2 && x + (k - 2) * y < balance && !exists; y += c.r)
            exists = ok([x, ...Array<number>(k - 2).fill(y), balance - x - (k - 2) * y]);
        }
        const a = amountsFor(c, k, lim, prefFirst, prefMid);
        expect(a !== null).toBe(exists);
        if (a) {
          expect(a).toHaveLength(k);
          expect(ok(a)).toBe(true);
          expect(new Set(a.slice(1, -1)).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: propRuns() },
    );
  });

  it('keeps the preferred middles and first when they fit', () => {
    const c = planContext(360000, resolvePolicy(), '2026-11-23', false);
    expect(amountsFor(c, 4, uncapped(c), 36000, 108000)).toEqual([36000, 108000, 108000, 108000]);
  });
});

describe('schedule', () => {
  const policy = resolvePolicy();

  it('monthly from the preferred first due, within the windows', () => {
    const c = planContext(360000, policy, '2026-11-23', false);
    expect(schedule(c, [120000, 120000, 120000], 0).map((x) => x.due)).toEqual([
      '2026-11-23',
      '2026-12-23',
      '2027-01-23',
    ]);
  });

  it('in the evening, never on the offer day', () => {
    const c = planContext(360000, policy, '2026-11-23', true);
    expect(schedule(c, [360000], 0)[0]!.due).toBe('2026-11-24');
    expect(schedule(c, [180000, 180000], 0)[0]!.due).toBe('2026-11-24');
  });
});
