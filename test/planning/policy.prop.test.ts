import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coversFloor,
  MAX_PROACTIVE_PER_DAY,
  quietFloorsOf,
  type Jurisdiction,
} from '../../src/planning/legal-floors.ts';
import { PolicyError, resolvePolicy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/**
 * resolvePolicy never gives out a policy looser than the law: whatever an account's override
 * says, what comes back keeps the jurisdiction's quiet hours and the daily cap, and what does
 * not is refused with the field it got wrong.
 */

const clock = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 1, 29, 30, 59) })
  .map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
// Near the floors' edges as often as anywhere.
const edgeClock = fc.oneof(
  clock,
  fc.constantFrom(
    '07:59',
    '08:00',
    '08:01',
    '20:59',
    '21:00',
    '21:01',
    '21:59',
    '22:00',
    '22:01',
    '00:00',
    '23:59',
  ),
);
const jurisdiction = fc.constantFrom<Jurisdiction>('CN', 'US', 'unknown');
const override = fc.record(
  {
    maxProactivePerDay: fc.integer({ min: -1, max: 100 }),
    quietHours: fc.record({ start: edgeClock, end: edgeClock }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('resolvePolicy keeps the legal floors', () => {
  it('accepts an override only when the resolved window covers every floor and the cap is ≤ 3', () => {
    fc.assert(
      fc.property(override, jurisdiction, (o, j) => {
        let policy;
        try {
          policy = resolvePolicy(o, j);
        } catch (err) {
          expect(err).toBeInstanceOf(PolicyError);
          return;
        }
        for (const floor of quietFloorsOf(j)) expect(coversFloor(policy.quietHours, floor)).toBe(true);
        expect(policy.quietHours.start).not.toBe(policy.quietHours.end);
        expect(policy.maxProactivePerDay).toBeLessThanOrEqual(MAX_PROACTIVE_PER_DAY);
        expect(policy.maxProactivePerDay).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: propRuns(500) },
    );
  });

  it('refuses every window that leaves a floor open, naming policy.quietHours', () => {
    fc.assert(
      fc.property(edgeClock, edgeClock, jurisdiction, (start, end, j) => {
        const w = { start, end };
        fc.pre(quietFloorsOf(j).some((f) => !coversFloor(w, f)));
        try {
          resolvePolicy({ quietHours: w }, j);
          expect.unreachable(`${start}–${end} accepted for ${j}`);
        } catch (err) {
          expect(err).toBeInstanceOf(PolicyError);
          expect((err as PolicyError).issues.map((i) => i.path)).toEqual(['policy.quietHours']);
        }
      }),
      { numRuns: propRuns(500) },
    );
  });

  it('refuses every cap above 3, naming policy.maxProactivePerDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_PROACTIVE_PER_DAY + 1, max: 1e6 }), jurisdiction, (cap, j) => {
        expect(() => resolvePolicy({ maxProactivePerDay: cap }, j)).toThrow('policy.maxProactivePerDay:');
      }),
      { numRuns: propRuns(200) },
    );
  });

  it('accepts every window that covers the floors: the floor widened at either end', () => {
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    const clockOf = (m: number) => {
      const d = ((m % 1440) + 1440) % 1440;
      return `${String(Math.floor(d / 60)).padStart(2, '0')}:${String(d % 60).padStart(2, '0')}`;
    };
    const widened = jurisdiction.chain((j) => {
      // The union of the floors that hold: for the US and for unknown, 21:00–08:00.
      const start = Math.min(...quietFloorsOf(j).map((f) => minutes(f.start)));
      const length = 1440 - start + minutes('08:00');
      const spare = 1440 - length - 1; // start ≠ end
      return fc
        .integer({ min: 0, max: spare })
        .chain((before) => fc.integer({ min: 0, max: spare - before }).map((after) => ({ before, after })))
        .map(({ before, after }) => ({
          j,
          window: { start: clockOf(start - before), end: clockOf(minutes('08:00') + after) },
        }));
    });
    fc.assert(
      fc.property(widened, ({ j, window }) => {
        expect(resolvePolicy({ quietHours: window }, j).quietHours).toEqual(window);
      }),
      { numRuns: propRuns(500) },
    );
  });
});
