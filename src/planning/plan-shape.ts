import { addMonthsClamped, fromDays, toDays, type LocalDate } from '../time/calendar.ts';
import { ceilRatio, toMinor } from '../money.ts';
import type { Installment } from './planner.ts';
import type { Policy } from './policy.ts';

/**
 * One plan's shape for a given count, within one call's limits: the amounts (a first, which may
 * be the down payment, equal middles, the remainder last: §8) and the monthly due dates (on the
 * first due's day of month, clamped at month end). All in integer minor units and day numbers.
 * The planner decides which counts and preferences to offer; this module only makes them fit.
 */

export const floorTo = (x: number, r: number): number => Math.floor(x / r) * r;
export const ceilTo = (x: number, r: number): number => Math.ceil(x / r) * r;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/** Everything about one call that does not depend on the option being built, in minor units and day numbers. */
export interface PlanContext {
  balance: number;
  todayN: number;
  /** The first day anything may be due: today, or tomorrow for an offer at or after 18:00 (§8). */
  earliestN: number;
  /** roundTo. */
  r: number;
  /** min(minInstallment, balance): no installment may be smaller. */
  minAmount: number;
  /** minAmount rounded up to r: the floor for every installment but the last. */
  minStep: number;
  /** The minimum down payment: ratio × balance rounded up to r. */
  down: number;
  /** The smallest first installment of a 2+ plan: max(down, minStep). */
  firstFloor: number;
  /** Latest first due of a 2+ plan. */
  firstDueLast: number;
  /** Latest due of any installment. */
  lastDue: number;
  /** Latest date of a single payment. */
  singleLast: number;
  /** A single payment has a date: earliestN ≤ singleLast (false only for an evening offer). */
  singleOk: boolean;
  /** Most installments any monthly plan can have for this balance, date and policy; 1 when none of 2+ can. */
  maxCount: number;
}

/** Limits on a plan's amounts on top of the policy's: a fixed first (an amount offered now), a capacity. */
export interface Limits {
  firstMin: number;
  firstMax: number;
  midMax: number;
  lastMax: number;
}

/** Number of monthly dates from `startN` (on its day of month, clamped) on or before `lastN`. */
function monthlyCount(startN: number, lastN: number): number {
  if (lastN < startN) return 0;
  const s = fromDays(startN);
  const l = fromDays(lastN);
  const months =
    (Number(l.slice(0, 4)) - Number(s.slice(0, 4))) * 12 + (Number(l.slice(5, 7)) - Number(s.slice(5, 7)));
  // The date `months` months on lands in lastN's month; it counts only if its clamped day is not past lastN's day.
  return toDays(addMonthsClamped(s, months)) <= lastN ? months + 1 : months;
}

const monthlyDue = (firstN: number, i: number): LocalDate => addMonthsClamped(fromDays(firstN), i);

/** No limits beyond the policy's. */
export function uncapped(c: PlanContext): Limits {
  return { firstMin: 0, firstMax: c.balance, midMax: c.balance, lastMax: c.balance };
}

/** The §4 capacity relaxation: every installment ≤ X, except that the first may rise to the down payment. */
export function capLimits(c: PlanContext, capacity: number): Limits {
  return {
    firstMin: 0,
    firstMax: Math.max(floorTo(capacity, c.r), c.down),
    midMax: capacity,
    lastMax: capacity,
  };
}

/**
 * The amounts a k-installment plan may take within `lim`, counted in steps of r: the first is
 * x steps, each of the n = k − 2 middles y steps (equal, §8), and the last is the remainder
 * B − (x + n·y)·r. The last is valid exactly when s = x + n·y lies in [s0, s1]. For a fixed y
 * the x that fit form an interval, and the y for which it is not empty form one too, [ya, yb]:
 * so feasibility is a few comparisons, whatever the balance.
 */
function shapeBounds(c: PlanContext, k: number, lim: Limits) {
  const r = c.r;
  const n = k - 2;
  const x0 = Math.max(c.firstFloor, ceilTo(lim.firstMin, r)) / r;
  const x1 = Math.floor(Math.min(lim.firstMax, c.balance) / r);
  const s0 = Math.max(0, Math.ceil((c.balance - lim.lastMax) / r));
  const s1 = Math.floor((c.balance - c.minAmount) / r);
  if (x0 > x1 || s0 > s1) return null;
  if (n === 0) return Math.max(x0, s0) <= Math.min(x1, s1) ? { n, x0, x1, s0, s1, ya: 0, yb: 0 } : null;
  const ya = Math.max(c.minStep / r, Math.ceil((s0 - x1) / n));
  const yb = Math.min(Math.floor(Math.min(lim.midMax, c.balance) / r), Math.floor((s1 - x0) / n));
  return ya <= yb ? { n, x0, x1, s0, s1, ya, yb } : null;
}

/**
 * Amounts for k ≥ 2 installments within `lim`: the middles as near `prefMid` as the limits
 * allow, then the first as near `prefFirst`; the last takes the remainder. Null when no amounts fit.
 */
export function amountsFor(
  c: PlanContext,
  k: number,
  lim: Limits,
  prefFirst: number,
  prefMid: number,
): number[] | null {
  const b = shapeBounds(c, k, lim);
  if (!b) return null;
  const r = c.r;
  const y = b.n > 0 ? clamp(Math.round(prefMid / r), b.ya, b.yb) : 0;
  const xHi = Math.min(b.x1, b.s1 - b.n * y);
  let x = clamp(Math.round(prefFirst / r), Math.max(b.x0, b.s0 - b.n * y), xHi);
  // Middles held down by the limits leave the last a step or more above them: the first takes
  // what it may of that, so the last stays within a step of the others.
  const over = b.n > 0 ? Math.floor((c.balance - (x + b.n * y) * r) / r) - y : 0;
  if (over > 0) x = Math.min(x + over, xHi);
  return [x * r, ...Array.from({ length: b.n }, () => y * r), c.balance - (x + b.n * y) * r];
}

/**
 * An even share of `total` over `parts` installments in steps of r: rounded down when that
 * leaves the last less than one step above the others (only what roundTo cannot spread), else
 * rounded up, so that the last comes out at or below the others.
 */
export function share(total: number, parts: number, r: number): number {
  const down = Math.floor(total / (parts * r)) * r;
  return total - parts * down < r ? down : down + r;
}

/** Preferences for an even plan: equal amounts, except that the first rises to the policy floor. */
function evenPrefs(c: PlanContext, k: number): [number, number] {
  const q = share(c.balance, k, c.r);
  if (q >= c.firstFloor) return [q, q];
  return [c.firstFloor, share(c.balance - c.firstFloor, k - 1, c.r)];
}

/** k installments as even as `lim` allows, the remainder last. */
export function evenAmounts(c: PlanContext, k: number, lim: Limits): number[] | null {
  const [f, q] = evenPrefs(c, k);
  return amountsFor(c, k, lim, f, q);
}

/** The fewest monthly installments that keep the capacity: one payment when it fits and has a date. */
export function capacityAmounts(c: PlanContext, capacity: number): number[] | null {
  if (c.balance <= capacity && c.singleOk) return [c.balance];
  const lim = capLimits(c, capacity);
  for (let k = 2; k <= c.maxCount; k++) {
    const a = evenAmounts(c, k, lim);
    if (a) return a;
  }
  return null;
}

/** The lowest capacity any plan can keep: capacity feasibility is monotone, so bisect. */
export function lowestKeepableCapacity(c: PlanContext, above: number): number {
  let lo = above + 1;
  let hi = c.balance;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (capacityAmounts(c, mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The latest first due from which k monthly installments end within maxPlanDays (the due dates move monotonically with the first). */
function latestFirstDue(c: PlanContext, k: number): number {
  let lo = c.earliestN;
  let hi = c.firstDueLast;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (toDays(monthlyDue(mid, k - 1)) <= c.lastDue) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Monthly due dates for the amounts, the first as near `preferredFirst` as the windows allow. */
export function schedule(c: PlanContext, amounts: number[], preferredFirst: number): Installment[] {
  const k = amounts.length;
  const firstN =
    k === 1
      ? clamp(preferredFirst, c.earliestN, c.singleLast)
      : clamp(preferredFirst, c.earliestN, latestFirstDue(c, k));
  return amounts.map((a, i) => ({ due: monthlyDue(firstN, i), amount: a }));
}

/** The limits of one call, in minor units and day numbers; `evening`: nothing may be due today (§8). */
export function planContext(
  balance: number,
  policy: Policy,
  today: LocalDate,
  evening: boolean,
): PlanContext {
  const r = toMinor(policy.roundTo);
  const minAmount = Math.min(toMinor(policy.minInstallment), balance);
  const minStep = ceilTo(minAmount, r);
  const down = ceilTo(ceilRatio(balance, policy.minDownPaymentRatio), r);
  const todayN = toDays(today);
  const earliestN = todayN + (evening ? 1 : 0);
  const lastDue = todayN + policy.maxPlanDays;
  const singleLast = todayN + Math.min(policy.maxExtensionDays, policy.maxPlanDays);
  const c: PlanContext = {
    balance,
    todayN,
    earliestN,
    r,
    minAmount,
    minStep,
    down,
    firstFloor: Math.max(down, minStep),
    firstDueLast: todayN + Math.min(policy.firstDueWithinDays, policy.maxPlanDays),
    lastDue,
    singleLast,
    singleOk: earliestN <= singleLast,
    maxCount: 1,
  };
  // Allowed counts are contiguous (2..K): a larger count only raises the sum of the minimums.
  const byDates =
    earliestN <= c.firstDueLast ? Math.min(policy.maxInstallments, monthlyCount(earliestN, lastDue)) : 0;
  for (let k = byDates; k >= 2; k--) {
    if (shapeBounds(c, k, uncapped(c))) {
      c.maxCount = k;
      break;
    }
  }
  return c;
}
