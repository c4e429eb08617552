import { isValidDate, toDays, type LocalDate } from '../time/calendar.ts';
import { ceilRatio, toMinor } from '../money.ts';
import type { Policy } from './policy.ts';

/**
 * The CONTRACTS §4 plan invariants, and §8's "plans a human would write", as a checker,
 * independent of how the planner builds plans: the property tests run it on every generated
 * option, and the dialogue's outbound guard can run it on any offer before it is sent.
 */

/** §8: an offer sent at or after 18:00 local asks for nothing the same day. */
export const EVENING_STARTS = 18 * 60;

/** Whether an offer made at `minutes` past local midnight is an evening offer; unknown is daytime. */
export const isEveningOffer = (minutes: number | undefined): boolean =>
  minutes !== undefined && minutes >= EVENING_STARTS;

export interface PlanToCheck {
  installments: readonly { due: string; amount: number }[];
}

export interface PlanCheckContext {
  /** Minor units. */
  balance: number;
  policy: Policy;
  /** The debtor's local date on the day of the offer. */
  today: LocalDate;
  /** The debtor's local time of the offer, minutes since midnight; omitted, the §8 evening check is skipped. */
  minutes?: number;
}

/** Every violated invariant, in words; empty when the plan is within policy. */
export function checkPlanInvariants(
  option: PlanToCheck,
  { balance, policy, today, minutes }: PlanCheckContext,
): string[] {
  const out: string[] = [];
  const list = option.installments;
  const k = list.length;
  if (k < 1 || k > policy.maxInstallments)
    out.push(`${k} installments, allowed 1 to ${policy.maxInstallments}`);
  if (k === 0) return out;

  const r = toMinor(policy.roundTo);
  const floor = Math.min(toMinor(policy.minInstallment), balance);
  let sum = 0;
  list.forEach(({ amount }, i) => {
    // Zero and negative amounts are not installments, whatever minInstallment says.
    if (!Number.isSafeInteger(amount) || amount <= 0)
      out.push(`installment ${i + 1}: amount ${amount} is not a positive integer`);
    else if (amount < floor) out.push(`installment ${i + 1}: amount ${amount} is below the minimum ${floor}`);
    if (i < k - 1 && amount % r !== 0)
      out.push(`installment ${i + 1}: amount ${amount} is not a multiple of ${r}`);
    sum += amount;
  });
  if (sum !== balance) out.push(`amounts sum to ${sum}, balance is ${balance}`);
  // §8: the installments between the first and the last are equal.
  const middles = list.slice(1, -1).map(({ amount }) => amount);
  if (middles.some((a) => a !== middles[0]))
    out.push(`middle installments differ: ${[...new Set(middles)].join(', ')}`);

  const badDates = list.filter(({ due }) => typeof due !== 'string' || !isValidDate(due));
  if (badDates.length > 0) {
    out.push(`invalid due dates: ${badDates.map((x) => String(x.due)).join(', ')}`);
    return out;
  }
  const t = toDays(today);
  const days = list.map(({ due }) => toDays(due) - t);
  for (let i = 1; i < k; i++) {
    if (days[i]! <= days[i - 1]!) out.push(`installment ${i + 1} is not due after installment ${i}`);
  }
  const first = days[0]!;
  const last = days[k - 1]!;
  if (first < 0) out.push(`first due ${list[0]!.due} is before today ${today}`);
  if (first === 0 && isEveningOffer(minutes))
    out.push(`first due ${list[0]!.due} is the day of an offer made at or after 18:00`);
  if (last > policy.maxPlanDays) out.push(`last due is ${last} days out, limit ${policy.maxPlanDays}`);
  if (k >= 2) {
    if (first > policy.firstDueWithinDays) {
      out.push(`first due is ${first} days out, limit ${policy.firstDueWithinDays}`);
    }
    const down = ceilRatio(balance, policy.minDownPaymentRatio);
    if (list[0]!.amount < down) out.push(`first amount ${list[0]!.amount} is below the down payment ${down}`);
  } else if (first > policy.maxExtensionDays) {
    out.push(`single payment is ${first} days out, extension limit ${policy.maxExtensionDays}`);
  }
  return out;
}
