import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonthsClamped,
  daysInMonth,
  fromDays,
  formatCivil,
  toDays,
  type LocalDate,
} from '../../src/time/calendar.ts';
import {
  plan,
  PlanResultSchema,
  type Option,
  type PlanRequest,
  type PlanResult,
} from '../../src/planning/planner.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { resolvePolicy, type Policy } from '../../src/planning/policy.ts';
import { propRuns } from '../support/props.ts';

/**
 * Properties of the planner over random balances, policies, offer dates and times and requests:
 * one per CONTRACTS §4 plan invariant and per §8 rule (equal middles, nothing due the same day
 * after 18:00), plus the capacity rule checked against an oracle written here from the
 * contract's words (and itself checked by brute force on tiny cases).
 */

const runs = { numRuns: propRuns() };

// ---------- generators ----------

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    maxInstallments: fc.oneof(fc.constantFrom(1, 2, 3, 6, 12, 24, 36), fc.integer({ min: 1, max: 36 })),
    minInstallment: fc.oneof(
      { arbitrary: fc.constantFrom(0.01, 1, 10, 50, 100, 500), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100), weight: 1 },
    ),
    maxPlanDays: fc.oneof(
      { arbitrary: fc.constantFrom(0, 1, 27, 28, 29, 30, 31, 59, 60, 61, 89, 90), weight: 1 },
      { arbitrary: fc.constantFrom(180, 365, 366, 730, 1095), weight: 2 },
      { arbitrary: fc.integer({ min: 0, max: 1100 }), weight: 2 },
    ),
    minDownPaymentRatio: fc.oneof(
      fc.constantFrom(0, 0.1, 0.15, 0.3333, 0.5),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
    ),
    firstDueWithinDays: fc.oneof(fc.constantFrom(0, 1, 7, 30, 31), fc.integer({ min: 0, max: 60 })),
    maxExtensionDays: fc.oneof(fc.constantFrom(0, 7, 30, 31), fc.integer({ min: 0, max: 120 })),
    roundTo: fc.oneof(
      { arbitrary: fc.constantFrom(1, 10, 100), weight: 4 },
      { arbitrary: fc.constantFrom(0.01, 0.5, 5), weight: 1 },
    ),
  })
  .map((o) => resolvePolicy(o));

const monthEnd = fc
  .record({ y: fc.integer({ min: 1990, max: 2299 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => formatCivil({ y, m, d: daysInMonth(y, m) }));

const todayArb: fc.Arbitrary<LocalDate> = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2028-02-29',
    '2000-02-29',
    '2024-02-28',
    '2023-02-28',
    '2100-02-28',
    '2026-01-31',
    '2026-01-30',
    '2026-01-29',
    '2026-12-31',
    '2025-12-31',
    '2026-11-30',
    '2026-11-23',
    '2026-03-31',
    '2026-08-31',
  ),
  monthEnd,
  fc.integer({ min: toDays('1990-01-01'), max: toDays('2299-12-31') }).map(fromDays),
);

/** 1 cent to 1,000,000 major units, log-uniform so that small balances are as common as large ones. */
const balanceArb = fc.oneof(
  { arbitrary: fc.integer({ min: 2000, max: 8000 }).map((e) => Math.round(10 ** (e / 1000))), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 1000 }), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 100_000_000 }), weight: 1 },
  { arbitrary: fc.constantFrom(1, 2, 99, 100, 101, 199, 200, 360000, 100_000_000), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 100_000 }).map((x) => x * 100), weight: 1 },
);

/** The local time of the offer: around 18:00 often, any minute of the day, or not said. */
const minutesArb: fc.Arbitrary<number | undefined> = fc.oneof(
  fc.constantFrom(0, 600, 1079, 1080, 1081, 1259, 1439),
  fc.integer({ min: 0, max: 1439 }),
  fc.constant(undefined),
);

interface Scenario {
  balance: number;
  policy: Policy;
  today: LocalDate;
  minutes?: number | undefined;
  request: PlanRequest;
}

/** Amounts relative to the balance (mostly B / 10^x, x from 0 to 1.4) so they land on both sides of feasibility. */
const amountArb = (balance: number) =>
  fc.oneof(
    {
      arbitrary: fc
        .integer({ min: 0, max: 1400 })
        .map((x) => Math.max(1, Math.round(balance / 10 ** (x / 1000)))),
      weight: 5,
    },
    { arbitrary: fc.integer({ min: balance, max: balance * 2 }), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 100_000_000 }), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 1000 }).map((x) => x * 100), weight: 1 },
  );

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ balance: balanceArb, policy: policyArb, today: todayArb, minutes: minutesArb })
  .chain(({ balance, policy, today, minutes }) =>
    fc
      .record(
        {
          monthlyCapacity: amountArb(balance),
          payNow: amountArb(balance),
          installments: fc.integer({ min: 1, max: 48 }),
          date: fc.integer({ min: -3, max: 400 }).map((d) => fromDays(toDays(today) + d)),
          extension: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .map((request) => ({ balance, policy, today, minutes, request })),
  );

/** Scenarios that always state a capacity, sometimes nothing else. */
const capacityScenarioArb: fc.Arbitrary<Scenario & { capacity: number }> = scenarioArb.chain((s) =>
  fc.tuple(amountArb(s.balance), fc.boolean()).map(([capacity, alone]) => ({
    ...s,
    capacity,
    request: alone ? { monthlyCapacity: capacity } : { ...s.request, monthlyCapacity: capacity },
  })),
);

const run = (s: Scenario): PlanResult => plan(s);

// ---------- an oracle written from the contract ----------

/** ratio as the decimal it was written as: n / 10^k. */
function decimalRatio(ratio: number): { n: bigint; d: bigint } {
  const [m = '0', e = '0'] = ratio.toString().split('e');
  const [i = '0', f = ''] = m.split('.');
  const k = f.length - Number(e);
  return k >= 0 ? { n: BigInt(i + f), d: 10n ** BigInt(k) } : { n: BigInt(i + f) * 10n ** BigInt(-k), d: 1n };
}

/** amount ≥ ratio × balance, exactly. */
const meetsRatio = (amountMinor: number, ratio: number, balance: number): boolean => {
  const { n, d } = decimalRatio(ratio);
  return BigInt(amountMinor) * d >= n * BigInt(balance);
};

const minor = (major: number): number => Math.round(major * 100);

interface Limits {
  B: number;
  r: number;
  /** min(minInstallment, balance). */
  m: number;
  /** ratio × balance rounded up to roundTo (the §4 "minimum down payment"). */
  D: number;
  ratio: number;
  /** Days from today to the first day anything may be due: 1 for an evening offer (§8), else 0. */
  start: number;
  /** Whether §8's evening rule binds: an evening offer whose policy leaves some later date. */
  evening: boolean;
  /** A single payment has a date on or after `start`, within maxExtensionDays and maxPlanDays. */
  singleOk: boolean;
  /** Counts k ≥ 2 for which some first due in the window lets k monthly dues end within maxPlanDays. */
  dateCounts: number[];
}

const isEvening = (minutes: number | undefined): boolean => minutes !== undefined && minutes >= 18 * 60;

function limitsFrom(B: number, p: Policy, today: LocalDate, evening: boolean): Limits {
  const r = minor(p.roundTo);
  const m = Math.min(minor(p.minInstallment), B);
  // The least multiple of r that is ≥ ratio × B: ⌈n·B / (d·r)⌉ · r.
  const { n, d } = decimalRatio(p.minDownPaymentRatio);
  const D = Number((n * BigInt(B) + d * BigInt(r) - 1n) / (d * BigInt(r))) * r;
  const t = toDays(today);
  const start = evening ? 1 : 0;
  const firstLast = t + Math.min(p.firstDueWithinDays, p.maxPlanDays);
  const dateCounts: number[] = [];
  for (let k = 2; k <= p.maxInstallments; k++) {
    let ok = false;
    for (let d1 = t + start; d1 <= firstLast && !ok; d1++) {
      ok = toDays(addMonthsClamped(fromDays(d1), k - 1)) <= t + p.maxPlanDays;
    }
    if (ok) dateCounts.push(k);
  }
  const singleOk = start <= Math.min(p.maxExtensionDays, p.maxPlanDays);
  return { B, r, m, D, ratio: p.minDownPaymentRatio, start, evening, singleOk, dateCounts };
}

/**
 * The limits of one offer. An evening offer moves the first possible day to tomorrow; when the
 * policy's windows all close on the offer day that leaves no plan, and §4 comes first: the
 * offer is planned as a daytime one.
 */
function limitsOf(B: number, p: Policy, today: LocalDate, minutes?: number): Limits {
  const L = limitsFrom(B, p, today, isEvening(minutes));
  return L.evening && allowedCounts(L).length === 0 ? limitsFrom(B, p, today, false) : L;
}

const limitsOfScenario = (s: Scenario): Limits => limitsOf(s.balance, s.policy, s.today, s.minutes);

/** What checkPlanInvariants is told: the offer's time, unless the policy made it a daytime offer. */
const checkContext = (s: Scenario): Scenario =>
  limitsOfScenario(s).evening ? s : { ...s, minutes: undefined };

/** The bounds, in steps of r, of a k-installment plan's parts under `cap` (the first ≤ max(cap, D)). */
function steps(L: Limits, cap: number) {
  const { B, r, m } = L;
  return {
    // The first is a whole number of steps, at least m and at least the ratio (D is its least multiple of r).
    firstLow: Math.max(Math.ceil(m / r), L.D / r),
    firstTop: Math.floor(Math.max(cap, L.D) / r),
    midLow: Math.ceil(m / r),
    midTop: Math.floor(cap / r),
    // The sum of the first k−1 in steps: the remainder B − sum·r must be within [m, cap].
    needLeast: Math.ceil((B - cap) / r),
    needMost: Math.floor((B - m) / r),
  };
}

/**
 * Can k installments (k ≥ 2) have amounts within §4 and §8 with every installment ≤ cap, the
 * first ≤ max(cap, D)? The first is x steps, the k − 2 middles y steps each (§8: equal), the last
 * whatever remains. For a middle y, the first must bring the sum x + (k−2)·y into the last's
 * window and stay in its own bounds; some y in the middles' bounds must allow that.
 */
function amountsPossible(L: Limits, k: number, cap: number): boolean {
  const b = steps(L, cap);
  const n = k - 2;
  const xFits = (y: number) =>
    Math.max(b.firstLow, b.needLeast - n * y) <= Math.min(b.firstTop, b.needMost - n * y);
  if (b.firstLow > b.firstTop) return false;
  if (n === 0) return xFits(0);
  if (b.midLow > b.midTop) return false;
  // xFits(y) is an interval condition in y: y ≥ (needLeast − firstTop)/n and y ≤ (needMost − firstLow)/n.
  const yLow = Math.max(b.midLow, Math.ceil((b.needLeast - b.firstTop) / n));
  const yTop = Math.min(b.midTop, Math.floor((b.needMost - b.firstLow) / n));
  return yLow <= yTop && xFits(yLow);
}

/** §4 alone: the middles may differ, so every sum between the least and the most is reachable. */
function amountsPossibleAnyMiddles(L: Limits, k: number, cap: number): boolean {
  const b = steps(L, cap);
  if (b.firstLow > b.firstTop || (k > 2 && b.midLow > b.midTop)) return false;
  const least = b.firstLow + (k - 2) * b.midLow;
  const most = b.firstTop + (k - 2) * b.midTop;
  return Math.max(least, b.needLeast) <= Math.min(most, b.needMost);
}

/** Fewest installments of a monthly plan keeping `cap`, or null when none can. */
function fewestKeeping(L: Limits, cap: number): number | null {
  if (L.B <= cap && L.singleOk) return 1;
  for (const k of L.dateCounts) if (amountsPossible(L, k, cap)) return k;
  return null;
}

/** The lowest capacity any monthly plan within policy keeps. */
function lowestCapacity(L: Limits): number {
  let lo = 1;
  let hi = L.B;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fewestKeeping(L, mid) !== null) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The counts a plan may have at all (no capacity): 1 when it has a date, and every date-feasible k whose amounts fit. */
function allowedCounts(L: Limits): number[] {
  return [...(L.singleOk ? [1] : []), ...L.dateCounts.filter((k) => amountsPossible(L, k, L.B))];
}

/** The least capacity an option keeps in the §4 sense. */
function capacityOf(option: Option, D: number): number {
  const a = option.installments.map((x) => x.amount);
  if (a.length === 1) return a[0]!;
  return Math.max(1, ...a.slice(1), a[0]! > D ? a[0]! : 0);
}

const isMonthly = (option: Option): boolean =>
  option.installments.every((x, i) => x.due === addMonthsClamped(option.installments[0]!.due, i));

const days = (s: Scenario, due: string): number => toDays(due) - toDays(s.today);

// ---------- properties: one per §4 invariant ----------

describe('planner properties (§4 invariants)', () => {
  it('result is schema-valid: 1–3 options, ids A, B, C in order, no two identical', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const res = run(s);
        expect(PlanResultSchema.parse(res)).toEqual(res);
        expect(res.options.length).toBeGreaterThanOrEqual(1);
        expect(res.options.length).toBeLessThanOrEqual(3);
        expect(res.options.map((o) => o.id)).toEqual(['A', 'B', 'C'].slice(0, res.options.length));
        const keys = res.options.map((o) => JSON.stringify(o.installments));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      runs,
    );
  });

  it('amounts sum exactly to the balance, in integer minor units', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of run(s).options) {
          for (const { amount } of o.installments) expect(Number.isSafeInteger(amount)).toBe(true);
          expect(o.installments.reduce((t, x) => t + x.amount, 0)).toBe(s.balance);
        }
      }),
      runs,
    );
  });

  it('1 to maxInstallments installments', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of run(s).options) {
          expect(o.installments.length).toBeGreaterThanOrEqual(1);
          expect(o.installments.length).toBeLessThanOrEqual(s.policy.maxInstallments);
        }
      }),
      runs,
    );
  });

  it('each installment is at least min(minInstallment, balance), and positive', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const floor = Math.min(minor(s.policy.minInstallment), s.balance);
        for (const o of run(s).options) {
          for (const { amount } of o.installments) {
            expect(amount).toBeGreaterThanOrEqual(floor);
            expect(amount).toBeGreaterThan(0);
          }
        }
      }),
      runs,
    );
  });

  it('every amount but the last is a multiple of roundTo', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = minor(s.policy.roundTo);
        for (const o of run(s).options) {
          for (const { amount } of o.installments.slice(0, -1)) expect(amount % r).toBe(0);
        }
      }),
      runs,
    );
  });

  it('due dates strictly increase, the first on or after today, the last within maxPlanDays', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const L = limitsOfScenario(s);
        for (const o of run(s).options) {
          const d = o.installments.map((x) => days(s, x.due));
          for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThan(d[i - 1]!);
          expect(d[0]!).toBeGreaterThanOrEqual(L.start);
          expect(d[d.length - 1]!).toBeLessThanOrEqual(s.policy.maxPlanDays);
        }
      }),
      runs,
    );
  });

  it('with 2+ installments: first due within firstDueWithinDays and at least minDownPaymentRatio × balance', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of run(s).options.filter((x) => x.installments.length >= 2)) {
          const first = o.installments[0]!;
          expect(days(s, first.due)).toBeLessThanOrEqual(s.policy.firstDueWithinDays);
          expect(meetsRatio(first.amount, s.policy.minDownPaymentRatio, s.balance)).toBe(true);
          // Independently of the decimal reading: never short by more than float noise.
          expect(first.amount).toBeGreaterThanOrEqual(s.policy.minDownPaymentRatio * s.balance - 1e-6);
        }
      }),
      runs,
    );
  });

  it('with 1 installment: due within maxExtensionDays', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of run(s).options.filter((x) => x.installments.length === 1)) {
          expect(days(s, o.installments[0]!.due)).toBeLessThanOrEqual(s.policy.maxExtensionDays);
        }
      }),
      runs,
    );
  });

  it('checkPlanInvariants finds no violation in any option', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // A policy that leaves an evening offer no later date is planned as a daytime offer.
        for (const o of run(s).options) expect(checkPlanInvariants(o, checkContext(s))).toEqual([]);
      }),
      runs,
    );
  });

  it('checkPlanInvariants catches a tampered option', () => {
    const tamper = fc.constantFrom('sum', 'early', 'late', 'order', 'count', 'tiny', 'zero', 'middle');
    fc.assert(
      fc.property(scenarioArb, tamper, (s, how) => {
        const o = run(s).options[0]!;
        const list = o.installments.map((x) => ({ ...x }));
        const last = list[list.length - 1]!;
        const t = toDays(s.today);
        fc.pre(how !== 'middle' || list.length >= 4);
        switch (how) {
          case 'middle':
            // Same sum, same steps, the middles no longer equal.
            list[1]!.amount += minor(s.policy.roundTo);
            list[2]!.amount -= minor(s.policy.roundTo);
            break;
          case 'sum':
            last.amount += 1;
            break;
          case 'early':
            list[0]!.due = fromDays(t - 1);
            break;
          case 'late':
            last.due = fromDays(t + s.policy.maxPlanDays + 1);
            break;
          case 'order':
            list.push({ ...last });
            break;
          case 'count':
            while (list.length <= s.policy.maxInstallments) list.push({ due: last.due, amount: 0 });
            break;
          case 'tiny':
          case 'zero':
            list.push({ due: fromDays(toDays(last.due) + 1), amount: 0 });
            break;
        }
        expect(checkPlanInvariants({ installments: list }, s).length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('checkPlanInvariants flags a payment due on the day of an evening offer, and only then', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1439 }), (s, at) => {
        const daytime = { ...s, minutes: undefined };
        const o = run(daytime).options.find((x) => x.installments[0]!.due === s.today);
        fc.pre(o !== undefined);
        const found = checkPlanInvariants(o, { ...s, minutes: at });
        expect(found.some((v) => /18:00/.test(v))).toBe(at >= 18 * 60);
      }),
      runs,
    );
  });
});

describe('planner properties (§8: plans a human would write)', () => {
  it('in every option the installments between the first and the last are equal', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of run(s).options) {
          const middles = o.installments.slice(1, -1).map((x) => x.amount);
          expect(new Set(middles).size).toBeLessThanOrEqual(1);
        }
      }),
      runs,
    );
  });

  it('an offer at or after 18:00 local asks for nothing the same day', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const L = limitsOfScenario(s);
        const res = run(s);
        if (L.evening) for (const o of res.options) expect(o.installments[0]!.due > s.today).toBe(true);
        if (!isEvening(s.minutes)) {
          // Before 18:00 (or with no time given) the plans are exactly the daytime ones.
          expect(res).toEqual(run({ ...s, minutes: 0 }));
        }
      }),
      runs,
    );
  });

  it('an evening offer whose policy closes every window on the offer day keeps §4 and asks for today', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1080, max: 1439 }), (s, at) => {
        const evening = { ...s, minutes: at };
        fc.pre(!limitsOfScenario(evening).evening);
        const res = run(evening);
        expect(res).toEqual(run({ ...s, minutes: undefined }));
        for (const o of res.options) expect(checkPlanInvariants(o, checkContext(evening))).toEqual([]);
      }),
      { ...runs, numRuns: Math.max(20, Math.floor(runs.numRuns / 10)) },
    );
  });

  it('without a capacity, the last is never a whole roundTo step above the installment before it', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        fc.pre(s.request.monthlyCapacity == null);
        const r = minor(s.policy.roundTo);
        for (const o of run(s).options) {
          if (!['standard', 'requested', 'nearest', 'shorter'].includes(o.kind)) continue;
          const a = o.installments.map((x) => x.amount);
          if (a.length >= 2) expect(a[a.length - 1]! - a[a.length - 2]!).toBeLessThan(r);
        }
      }),
      runs,
    );
  });
});

describe('planner properties (capacity rule)', () => {
  it('the oracles agree with brute-force enumeration of every plan on tiny cases', () => {
    const tiny = fc.record({
      B: fc.integer({ min: 1, max: 900 }),
      cap: fc.integer({ min: 1, max: 900 }),
      k: fc.integer({ min: 2, max: 5 }),
      r: fc.constantFrom(100, 200, 50),
      minInstallment: fc.constantFrom(0.01, 0.5, 1, 2, 3.5),
      ratio: fc.constantFrom(0, 0.1, 0.25, 0.3333, 0.5),
    });
    fc.assert(
      fc.property(tiny, ({ B, cap, k, r, minInstallment, ratio }) => {
        const policy = resolvePolicy({ roundTo: r / 100, minInstallment, minDownPaymentRatio: ratio });
        const L = limitsOf(B, policy, '2026-01-31');
        let found = false;
        let foundEqual = false;
        const search = (prefix: number[]): void => {
          if (found && foundEqual) return;
          const used = prefix.reduce((t, x) => t + x, 0);
          if (prefix.length === k - 1) {
            const all = [...prefix, B - used];
            const ok =
              all.every((a) => a >= L.m) &&
              meetsRatio(all[0]!, ratio, B) &&
              all[0]! <= Math.max(cap, L.D) &&
              all.slice(1).every((a) => a <= cap);
            found ||= ok;
            foundEqual ||= ok && new Set(all.slice(1, -1)).size <= 1;
            return;
          }
          for (let a = r; used + a < B; a += r) search([...prefix, a]);
        };
        search([]);
        expect(amountsPossible(L, k, cap)).toBe(foundEqual);
        expect(amountsPossibleAnyMiddles(L, k, cap)).toBe(found);
      }),
      runs,
    );
  });

  it('equal middles (§8) lose a capacity §4 alone could keep only where the first and the last have less room than the middles have installments', () => {
    fc.assert(
      fc.property(capacityScenarioArb, fc.integer({ min: 3, max: 36 }), (s, k) => {
        const L = limitsOfScenario(s);
        const equal = amountsPossible(L, k, s.capacity);
        const any = amountsPossibleAnyMiddles(L, k, s.capacity);
        if (equal) expect(any).toBe(true);
        if (any && !equal) {
          const b = steps(L, s.capacity);
          const least = b.firstLow + (k - 2) * b.midLow;
          const most = b.firstTop + (k - 2) * b.midTop;
          const lastRoom = Math.min(most, b.needMost) - Math.max(least, b.needLeast);
          expect(b.firstTop - b.firstLow + lastRoom).toBeLessThan(k - 3);
        }
      }),
      runs,
    );
  });

  it('when a plan within policy can keep the capacity, some option does, due monthly; else feasible is false', () => {
    fc.assert(
      fc.property(capacityScenarioArb, (s) => {
        const res = run(s);
        const L = limitsOfScenario(s);
        const can = fewestKeeping(L, s.capacity) !== null;
        expect(res.feasible).toBe(can);
        const keeping = res.options.filter(
          (o) =>
            capacityOf(o, L.D) <= s.capacity &&
            isMonthly(o) &&
            checkPlanInvariants(o, checkContext(s)).length === 0,
        );
        if (can) {
          expect(keeping.length).toBeGreaterThan(0);
          expect(res.reason).toBeUndefined();
        } else {
          expect(keeping).toEqual([]);
          expect(res.reason).toMatch(/\S/);
          expect(res.reasonCode).toBeDefined();
        }
        for (const o of res.options) expect(o.keepsCapacity).toBe(capacityOf(o, L.D) <= s.capacity);
      }),
      runs,
    );
  });

  it('option A keeps the capacity with the fewest installments when any plan can', () => {
    fc.assert(
      fc.property(capacityScenarioArb, (s) => {
        const L = limitsOfScenario(s);
        const fewest = fewestKeeping(L, s.capacity);
        fc.pre(fewest !== null);
        const a = run(s).options[0]!;
        expect(a.kind).toBe('capacity');
        expect(a.keepsCapacity).toBe(true);
        expect(a.installments.length).toBe(fewest);
        expect(isMonthly(a)).toBe(true);
      }),
      runs,
    );
  });

  it('when no plan keeps the capacity, option A is the closest: the lowest capacity any plan keeps', () => {
    fc.assert(
      fc.property(capacityScenarioArb, (s) => {
        const L = limitsOfScenario(s);
        fc.pre(fewestKeeping(L, s.capacity) === null);
        const res = run(s);
        const a = res.options[0]!;
        expect(res.feasible).toBe(false);
        expect(a.kind).toBe('closest');
        expect(capacityOf(a, L.D)).toBe(lowestCapacity(L));
        expect(isMonthly(a)).toBe(true);
      }),
      runs,
    );
  });

  it('a counter-offer with a higher capacity never loses feasibility', () => {
    fc.assert(
      fc.property(capacityScenarioArb, fc.integer({ min: 1, max: 1_000_000 }), (s, more) => {
        const first = run(s);
        const counter = run({ ...s, request: { ...s.request, monthlyCapacity: s.capacity + more } });
        if (first.feasible) expect(counter.feasible).toBe(true);
      }),
      runs,
    );
  });
});

describe('planner properties (requests)', () => {
  it('an installment count asked for is offered, or the nearest count the policy allows', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 48 }), (s, n) => {
        const res = run({ ...s, request: { ...s.request, installments: n } });
        const allowed = allowedCounts(limitsOfScenario(s));
        const nearest = allowed.reduce((best, k) => (Math.abs(k - n) < Math.abs(best - n) ? k : best));
        expect(res.options.some((o) => o.installments.length === nearest)).toBe(true);
      }),
      runs,
    );
  });

  it('an extension asked for gets a single payment on the date asked (tomorrow for today, in the evening), or the latest allowed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const q = s.request;
        const extension =
          q.extension ??
          (q.date != null && q.monthlyCapacity == null && q.payNow == null && q.installments == null);
        fc.pre(extension === true);
        // With capacity, amount-now and count all asked as well, the three slots may be taken.
        fc.pre(!(q.monthlyCapacity != null && q.payNow != null && q.installments != null));
        const L = limitsOfScenario(s);
        fc.pre(L.singleOk);
        const t = toDays(s.today);
        const limit = t + Math.min(s.policy.maxExtensionDays, s.policy.maxPlanDays);
        const asked =
          q.date != null && toDays(q.date) >= t ? Math.max(toDays(q.date), t + L.start) : undefined;
        const expected = fromDays(asked === undefined ? limit : Math.min(asked, limit));
        const singles = run(s).options.filter((o) => o.installments.length === 1);
        expect(
          singles.some((o) => o.installments[0]!.due === expected && o.installments[0]!.amount === s.balance),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('an amount offered now becomes the first installment when it meets the down-payment rules', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const p = s.request.payNow;
        fc.pre(p != null);
        const res = run(s);
        const L = limitsOfScenario(s);
        if (p >= s.balance) {
          fc.pre(L.singleOk);
          expect(
            res.options.some((o) => o.installments.length === 1 && o.installments[0]!.amount === s.balance),
          ).toBe(true);
          return;
        }
        const first = Math.min(Math.floor(p / L.r) * L.r, Math.floor((s.balance - L.m) / L.r) * L.r);
        const twoPossible = allowedCounts(L).some((k) => k >= 2);
        const meets =
          first >= L.m && first > 0 && meetsRatio(first, L.ratio, s.balance) && s.balance - first >= L.m;
        fc.pre(twoPossible && meets);
        expect(
          res.options.some((o) => o.installments.length >= 2 && o.installments[0]!.amount === first),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(run(structuredClone(s))).toEqual(run(s));
      }),
      runs,
    );
  });
});
