import { z } from 'zod';
import { LocalDateSchema, isValidDate, toDays, type LocalDate } from '../time/calendar.ts';
import { ceilRatio, majorText, toMinor } from '../money.ts';
import { isEveningOffer } from './invariants.ts';
import {
  amountsFor,
  capacityAmounts,
  capLimits,
  ceilTo,
  clamp,
  evenAmounts,
  floorTo,
  lowestKeepableCapacity,
  planContext,
  schedule,
  share,
  uncapped,
  type Limits,
  type PlanContext,
} from './plan-shape.ts';
import type { Policy } from './policy.ts';

/**
 * The planner turns what a debtor said (a monthly capacity, an amount now, a count, a date)
 * into 1–3 concrete repayment options, each inside every CONTRACTS §4 limit. Pure: the caller
 * passes `today` and the local time of the offer; all money is integer minor units.
 *
 * Every 2+ installment plan here is monthly on the first due's day of month (clamped at month
 * end) with the amounts shaped as: a first installment (which may be the down payment), equal
 * middle installments, and the remainder in the last (§8: a plan a human would write). That
 * shape is what the SMS can say in one sentence, and it is the shape the capacity rule asks for.
 */

const amount = z.number().int().positive();

/** Amounts in minor units. `null` is accepted as "not said", which is how the parser reports it. */
export const PlanRequestSchema = z.strictObject({
  /** The most the debtor can pay per month. */
  monthlyCapacity: amount.nullish(),
  /** An amount offered now (先还500): becomes the first installment when the policy allows. */
  payNow: amount.nullish(),
  /** A number of installments asked for (分3期). */
  installments: z.number().int().positive().nullish(),
  /** A date asked for: the single payment's date for an extension, else the first due date. */
  date: LocalDateSchema.nullish(),
  /** An extension (one later payment) asked for; implied by a bare date. */
  extension: z.boolean().nullish(),
});
export type PlanRequest = z.input<typeof PlanRequestSchema>;

export const InstallmentSchema = z.object({ due: LocalDateSchema, amount });
export type Installment = z.infer<typeof InstallmentSchema>;

export const OptionKindSchema = z.enum([
  'capacity', // keeps the stated monthly capacity with the fewest installments
  'closest', // the stated capacity cannot be kept: the plan with the lowest installments allowed
  'longer', // more, smaller installments, still within the capacity
  'shorter', // fewer, larger installments than option A
  'single', // one payment: the extension asked for
  'requested', // the installment count asked for
  'nearest', // the allowed count nearest to the one asked for
  'paynow', // the amount offered now as the first installment
  'downpayment', // the amount offered now is too small to start a plan: the minimum first payment instead
  'standard', // a default plan when the debtor has asked for nothing specific
]);
export type OptionKind = z.infer<typeof OptionKindSchema>;

export const OptionIdSchema = z.enum(['A', 'B', 'C']);

export const OptionSchema = z.object({
  id: OptionIdSchema,
  kind: OptionKindSchema,
  installments: z.array(InstallmentSchema).min(1),
  /** Present when a capacity was stated: whether this option keeps it (§4). */
  keepsCapacity: z.boolean().optional(),
  /** Why this option was offered, in plain words (PIPL: automated decisions must be explainable). */
  reason: z.string().min(1),
});
export type Option = z.infer<typeof OptionSchema>;

export const PlanReasonCodeSchema = z.enum(['capacity_below_min_installment', 'capacity_too_low']);

export const PlanResultSchema = z.object({
  /** False when a capacity was stated and no plan within policy keeps it. */
  feasible: z.boolean(),
  reason: z.string().optional(),
  reasonCode: PlanReasonCodeSchema.optional(),
  options: z.array(OptionSchema).min(1).max(3),
});
export type PlanResult = z.infer<typeof PlanResultSchema>;

export interface PlanInput {
  /** Minor units, integer > 0. */
  balance: number;
  /** A resolved policy (see resolvePolicy). */
  policy: Policy;
  /** The debtor's local calendar date. */
  today: LocalDate;
  /**
   * The debtor's local time of the offer, minutes since midnight (ZonedParts.minutes). From
   * 18:00 nothing is due the same day (§8). Omitted: a daytime offer.
   */
  minutes?: number;
  request?: PlanRequest;
}

/** Balance ceiling: keeps count × amount sums far inside the safe-integer range. */
const MAX_BALANCE = 1e13;

const money = (minor: number): string => majorText(minor, true);

interface Draft {
  kind: OptionKind;
  installments: Installment[];
  reason: string;
}

/** §4: every installment ≤ X, except that the first of a 2+ plan may rise to the minimum down payment. */
export function keepsCapacity(
  installments: readonly Installment[],
  capacity: number,
  downPayment: number,
): boolean {
  return installments.every((inst, i) =>
    i === 0 && installments.length > 1
      ? inst.amount <= Math.max(capacity, downPayment)
      : inst.amount <= capacity,
  );
}

/** The minimum down payment of §4 in minor units: minDownPaymentRatio × balance rounded up to roundTo. */
export function minDownPayment(balance: number, policy: Policy): number {
  return ceilTo(ceilRatio(balance, policy.minDownPaymentRatio), toMinor(policy.roundTo));
}

/** The allowed count nearest to the one asked for: 1 only when a single payment has a date. */
function nearestCount(c: PlanContext, asked: number): number {
  return c.maxCount < 2 ? 1 : clamp(asked, c.singleOk ? 1 : 2, c.maxCount);
}

/** A single payment's date: the one asked for when allowed, the latest allowed when later, else the fallback. */
function singleDate(c: PlanContext, askedN: number | undefined, fallback: number): number {
  if (askedN === undefined || askedN < c.earliestN) return fallback;
  return Math.min(askedN, c.singleLast);
}

interface Request {
  capacity: number | undefined;
  payNow: number | undefined;
  count: number | undefined;
  dateN: number | undefined;
  extension: boolean;
}

function capacityDraft(c: PlanContext, req: Request, amounts: number[], capacity: number): Draft {
  const k = amounts.length;
  if (k === 1) {
    const due = singleDate(c, req.dateN, Math.min(c.firstDueLast, c.singleLast));
    return {
      kind: 'capacity',
      installments: schedule(c, amounts, due),
      reason: `the whole balance ${money(c.balance)} is within the stated capacity of ${money(capacity)} a month`,
    };
  }
  const raised = amounts[0]! > capacity ? `; the first is the minimum down payment ${money(c.down)}` : '';
  return {
    kind: 'capacity',
    installments: schedule(c, amounts, req.dateN ?? c.firstDueLast),
    reason: `the fewest monthly installments (${k}) that keep each at or under the stated ${money(capacity)}${raised}`,
  };
}

function closestDraft(c: PlanContext, req: Request, capacity: number): { draft: Draft; lowest: number } {
  const lowest = lowestKeepableCapacity(c, capacity);
  const amounts = capacityAmounts(c, lowest)!;
  const due = amounts.length === 1 ? Math.min(c.firstDueLast, c.singleLast) : (req.dateN ?? c.firstDueLast);
  return {
    lowest,
    draft: {
      kind: 'closest',
      installments: schedule(c, amounts, due),
      reason: `no plan within the lender's limits keeps every installment at or under ${money(capacity)}; the lowest possible is ${money(lowest)} (${amounts.length} installment${amounts.length > 1 ? 's' : ''})`,
    },
  };
}

/**
 * The amount offered now as the first installment; the rest monthly at about the stated
 * capacity, or, without one, at about the amount offered (what the debtor showed they can pay).
 */
function payNowDraft(c: PlanContext, req: Request, payNow: number): Draft | null {
  const now = req.dateN ?? c.earliestN;
  if (payNow >= c.balance) {
    if (!c.singleOk) return null;
    return {
      kind: 'paynow',
      installments: schedule(c, [c.balance], singleDate(c, req.dateN, c.earliestN)),
      reason: `the ${money(payNow)} offered now covers the whole balance ${money(c.balance)}`,
    };
  }
  if (c.maxCount < 2) return null;
  const first = Math.min(floorTo(payNow, c.r), floorTo(c.balance - c.minAmount, c.r));
  const honoured = first >= c.firstFloor;
  const a1 = honoured ? first : c.firstFloor;
  if (a1 > c.balance - c.minAmount) return null;
  const level = req.capacity ?? Math.max(payNow, c.minAmount);
  const fixed = (cap: number): Limits => ({ firstMin: a1, firstMax: a1, midMax: cap, lastMax: cap });
  let amounts: number[] | null = null;
  for (let k = 2; k <= c.maxCount && !amounts; k++) {
    amounts = amountsFor(c, k, fixed(level), a1, share(c.balance - a1, k - 1, c.r));
  }
  // The level cannot be kept: spread the rest over the most installments allowed instead.
  for (let k = c.maxCount; k >= 2 && !amounts; k--) {
    amounts = amountsFor(c, k, fixed(c.balance), a1, share(c.balance - a1, k - 1, c.r));
  }
  if (!amounts) return null;
  const rounded = honoured && first < payNow ? ` (rounded to ${money(first)})` : '';
  return {
    kind: honoured ? 'paynow' : 'downpayment',
    installments: schedule(c, amounts, now),
    reason: honoured
      ? `the ${money(payNow)} offered now as the first installment${rounded}, the rest monthly`
      : `the ${money(payNow)} offered now is below the minimum first payment ${money(a1)}; the plan starts with that`,
  };
}

function requestedDraft(c: PlanContext, req: Request, asked: number): Draft {
  const k = nearestCount(c, asked);
  const kind: OptionKind = k === asked ? 'requested' : 'nearest';
  const why =
    kind === 'requested'
      ? `the ${k} installments asked for`
      : `${asked} installments asked for; ${k} is the nearest the lender allows`;
  if (k === 1) {
    const due = singleDate(c, req.dateN, Math.min(c.firstDueLast, c.singleLast));
    return { kind, installments: schedule(c, [c.balance], due), reason: why };
  }
  // Within the capacity when one was stated and it can be kept at this count.
  const amounts =
    (req.capacity !== undefined ? evenAmounts(c, k, capLimits(c, req.capacity)) : null) ??
    evenAmounts(c, k, uncapped(c))!;
  return { kind, installments: schedule(c, amounts, req.dateN ?? c.firstDueLast), reason: why };
}

function singleDraft(c: PlanContext, req: Request): Draft | null {
  if (!c.singleOk) return null;
  const due = singleDate(c, req.dateN, c.singleLast);
  const asked = req.dateN !== undefined;
  const reason = !asked
    ? `one payment of the whole balance at the latest date allowed (${due - c.todayN} days)`
    : due === req.dateN
      ? 'one payment of the whole balance on the date asked for'
      : `the date asked for is past the ${due - c.todayN}-day limit; one payment on the latest date allowed`;
  return { kind: 'single', installments: schedule(c, [c.balance], due), reason };
}

/** The whole balance in one payment at the ordinary first-due date: what is left when no plan can split it. */
function wholeDraft(c: PlanContext, req: Request): Draft | null {
  if (!c.singleOk) return null;
  const due = singleDate(c, req.dateN, Math.min(c.firstDueLast, c.singleLast));
  return {
    kind: 'standard',
    installments: schedule(c, [c.balance], due),
    reason: `one payment of the whole balance ${money(c.balance)}: the lender's limits allow no installments for it`,
  };
}

/** What is offered when nothing asked for can be: one payment, or (in the evening, when one has no date) the fewest installments. */
function fallbackDraft(c: PlanContext, req: Request): Draft {
  const k = nearestCount(c, 2);
  return wholeDraft(c, req) ?? evenDraft(c, req, k, 'standard', `${k} equal monthly installments`)!;
}

function evenDraft(
  c: PlanContext,
  req: Request,
  k: number,
  kind: OptionKind,
  reason: string,
  capacity?: number,
): Draft | null {
  const lim = capacity === undefined ? uncapped(c) : capLimits(c, capacity);
  const amounts = evenAmounts(c, k, lim);
  return amounts && { kind, installments: schedule(c, amounts, req.dateN ?? c.firstDueLast), reason };
}

function toRequest(c: PlanContext, raw: PlanRequest | undefined): Request {
  const r = PlanRequestSchema.parse(raw ?? {});
  const dateN = r.date ? toDays(r.date) : undefined;
  const capacity = r.monthlyCapacity ?? undefined;
  const payNow = r.payNow ?? undefined;
  const count = r.installments ?? undefined;
  return {
    capacity,
    payNow,
    count,
    // A date before today cannot be met; it is ignored rather than moved. Today, asked for in
    // the evening, becomes tomorrow: an evening offer asks for nothing the same day (§8).
    dateN: dateN !== undefined && dateN >= c.todayN ? Math.max(dateN, c.earliestN) : undefined,
    // A bare date (周五还) asks for time; with a count, a capacity or an amount it only anchors the plan.
    extension:
      r.extension ??
      (dateN !== undefined && capacity === undefined && payNow === undefined && count === undefined),
  };
}

const sameInstallments = (a: Installment[], b: Installment[]): boolean =>
  a.length === b.length && a.every((x, i) => x.due === b[i]!.due && x.amount === b[i]!.amount);

/**
 * Plan the options for one debtor message. Candidates are built in order of how directly they
 * answer what the debtor said (capacity, amount now, count, extension), then alternatives
 * (shorter, longer, defaults); the first three distinct ones become A, B, C.
 */
export function plan(input: PlanInput): PlanResult {
  const { balance, policy, today } = input;
  if (!Number.isSafeInteger(balance) || balance <= 0 || balance > MAX_BALANCE) {
    throw new RangeError(
      `balance must be an integer number of minor units from 1 to ${MAX_BALANCE}, got ${String(balance)}`,
    );
  }
  if (typeof today !== 'string' || !isValidDate(today))
    throw new RangeError(`today must be a date YYYY-MM-DD, got ${String(today)}`);
  const { minutes } = input;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 0 && minutes < 1440))
    throw new RangeError(`minutes must be an integer from 0 to 1439, got ${String(minutes)}`);
  const evening = planContext(balance, policy, today, isEveningOffer(minutes));
  // A policy whose every window closes on the offer day leaves an evening offer no later date:
  // §4's limits are the lender's and come first, so such an offer asks for payment today.
  const c = evening.singleOk || evening.maxCount >= 2 ? evening : planContext(balance, policy, today, false);
  const req = toRequest(c, input.request);

  const drafts: (Draft | null)[] = [];
  let feasible = true;
  let reason: string | undefined;
  let reasonCode: PlanResult['reasonCode'];
  let capacityCount: number | undefined;

  if (req.capacity !== undefined) {
    const amounts = capacityAmounts(c, req.capacity);
    if (amounts) {
      capacityCount = amounts.length;
      drafts.push(capacityDraft(c, req, amounts, req.capacity));
    } else {
      const { draft, lowest } = closestDraft(c, req, req.capacity);
      feasible = false;
      reasonCode = req.capacity < c.minAmount ? 'capacity_below_min_installment' : 'capacity_too_low';
      reason =
        reasonCode === 'capacity_below_min_installment'
          ? `the stated capacity ${money(req.capacity)} a month is below the minimum installment ${money(c.minAmount)}`
          : `the stated capacity ${money(req.capacity)} a month cannot cover the balance ${money(balance)} within ${c.maxCount} installment(s) and ${policy.maxPlanDays} days; the lowest possible is ${money(lowest)}`;
      drafts.push(draft);
    }
  }
  if (req.payNow !== undefined) drafts.push(payNowDraft(c, req, req.payNow));
  if (req.count !== undefined) drafts.push(requestedDraft(c, req, req.count));
  if (req.extension) drafts.push(singleDraft(c, req));

  const lead = drafts.find((d) => d !== null);
  const leadCount = lead?.installments.length ?? 0;
  if (leadCount >= 3) {
    const k = Math.max(2, Math.ceil(leadCount / 2));
    drafts.push(
      evenDraft(c, req, k, 'shorter', `fewer installments (${k}) with larger amounts, to finish sooner`),
    );
  }
  if (capacityCount !== undefined && capacityCount >= 2 && capacityCount < c.maxCount) {
    const k = Math.min(c.maxCount, capacityCount + Math.max(1, Math.ceil(capacityCount / 2)));
    drafts.push(
      evenDraft(
        c,
        req,
        k,
        'longer',
        `more, smaller installments (${k}), still within the stated capacity`,
        req.capacity,
      ),
    );
  }
  if (req.capacity === undefined && req.payNow === undefined && req.count === undefined) {
    for (const k of [3, 6, 12]) {
      const n = nearestCount(c, k);
      drafts.push(
        n === 1 ? wholeDraft(c, req) : evenDraft(c, req, n, 'standard', `${n} equal monthly installments`),
      );
    }
  }

  const chosen: Draft[] = [];
  for (const d of drafts) {
    if (d && chosen.length < 3 && !chosen.some((x) => sameInstallments(x.installments, d.installments)))
      chosen.push(d);
  }
  if (chosen.length === 0) chosen.push(fallbackDraft(c, req));

  const ids = ['A', 'B', 'C'] as const;
  const options: Option[] = chosen.map((d, i) => ({
    id: ids[i]!,
    kind: d.kind,
    installments: d.installments,
    ...(req.capacity !== undefined
      ? { keepsCapacity: keepsCapacity(d.installments, req.capacity, c.down) }
      : {}),
    reason: d.reason,
  }));
  return { feasible, ...(reason !== undefined ? { reason, reasonCode } : {}), options };
}
