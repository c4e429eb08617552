import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slope } from '../../bench/stats.ts';
import { propRuns } from '../support/props.ts';

/** Distinct, sorted sample times (seconds or minutes), as a soak takes them. */
const times = fc
  .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 200 })
  .map((xs) => xs.sort((a, b) => a - b));
const real = fc.double({ min: -1e4, max: 1e4, noNaN: true });

describe('slope: the least-squares line through a series', () => {
  it('is 0 for a constant series', () => {
    fc.assert(
      fc.property(times, real, (xs, c) => {
        expect(
          slope(
            xs,
            xs.map(() => c),
          ),
        ).toBe(0);
      }),
      { numRuns: propRuns() },
    );
  });

  it('returns the slope of a linear series, whatever its intercept', () => {
    fc.assert(
      fc.property(times, real, real, (xs, a, b) => {
        const got = slope(
          xs,
          xs.map((x) => a * x + b),
        );
        expect(got).toBeCloseTo(a, 6);
      }),
      { numRuns: propRuns() },
    );
  });

  it('is the same for the series shifted in time (timestamps as x)', () => {
    fc.assert(
      fc.property(times, real, fc.integer({ min: 0, max: 2e12 }), (xs, a, t0) => {
        const ys = xs.map((x) => a * x);
        expect(
          slope(
            xs.map((x) => x + t0),
            ys,
          ),
        ).toBeCloseTo(a, 3);
      }),
      { numRuns: propRuns() },
    );
  });

  it('is undefined (NaN) below two distinct times, and refuses mismatched series', () => {
    expect(slope([], [])).toBeNaN();
    expect(slope([5], [1])).toBeNaN();
    expect(slope([5, 5, 5], [1, 2, 3])).toBeNaN();
    expect(() => slope([1, 2], [1])).toThrow(/2 xs but 1 ys/);
  });

  it('is positive for a noisy rising series and matches a hand-worked case', () => {
    // (0,1) (1,3) (2,2) (3,5): mean x 1.5, mean y 2.75; Σdx·dy = 5.5, Σdx² = 5.
    expect(slope([0, 1, 2, 3], [1, 3, 2, 5])).toBeCloseTo(1.1, 12);
  });
});
