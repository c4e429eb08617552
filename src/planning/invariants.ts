import { isValidDate, toDays, type LocalDate } from '../time/calendar.ts';
import { ceilRatio, toMinor } from '../money.ts';
import type { Policy } from './policy.ts';

/**
 * The CONTRACTS §4 plan invariants as a checker, independent of how the planner builds plans:
 * the property tests run it on every generated option, and the dialogue's outbound guard can
 * run it on any offer before it is sent.
 */

export interface PlanToCheck {
  installments: readonly { due: string; amount: number }[];
}

export interface PlanCheckContext {
  /** Minor units. */
  balance: number;
  policy: Policy;
  /** The debtor's local date on the day of the offer. */
  today: LocalDate;
}

/** Every violated invariant, in words; empty when the plan is within policy. */
export function checkPlanInvariants(
  option: PlanToCheck,
  { balance, policy, today }: PlanCheckContext,
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
