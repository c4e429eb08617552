import { addDays, type LocalDate } from '../src/time/calendar.ts';
import { checkPlanInvariants } from '../src/planning/invariants.ts';
import type { Option } from '../src/planning/planner.ts';
import type { Policy } from '../src/planning/policy.ts';
import type { PlanChange } from '../src/dialogue/types.ts';

/**
 * The life of an agreed plan, as arithmetic (CONTRACTS §8): payments cover the installments in
 * order, so what is paid, what is next and what is left all follow from one number, the minor
 * units paid toward the plan. Pure: no clock, no context, no messages.
 */

/** The sum of installments 0…i (minor units). */
export function paidThrough(plan: Option, i: number): number {
  let sum = 0;
  for (let k = 0; k <= i && k < plan.installments.length; k++) sum += plan.installments[k]!.amount;
  return sum;
}

export const planTotal = (plan: Option): number => paidThrough(plan, plan.installments.length - 1);

/** The index of the first installment not paid in full; the count when all are. */
export function nextIndex(plan: Option, paid: number): number {
  const i = plan.installments.findIndex((_, k) => paidThrough(plan, k) > paid);
  return i < 0 ? plan.installments.length : i;
}

/** The next installment not paid in full, with what is still to pay of it; null when all are. */
export function nextInstallment(
  plan: Option,
  paid: number,
): { due: LocalDate; amount: number; index: number; count: number } | null {
  const i = nextIndex(plan, paid);
  if (i >= plan.installments.length) return null;
  return {
    due: plan.installments[i]!.due,
    amount: paidThrough(plan, i) - paid,
    index: i + 1,
    count: plan.installments.length,
  };
}

/** What is left of the plan: the unpaid installments' sum. */
export const remainingOf = (plan: Option, paid: number): number => Math.max(0, planTotal(plan) - paid);

/**
 * The verdict the morning after installment i fell due: paid in full, missed (one reminder), or
 * broken (the installment before it is still unpaid too: two missed in a row).
 */
export function checkInstallment(plan: Option, paid: number, i: number): 'paid' | 'missed' | 'broken' {
  if (paid >= paidThrough(plan, i)) return 'paid';
  if (i >= 1 && paid < paidThrough(plan, i - 1)) return 'broken';
  return 'missed';
}

/**
 * The latest date installment i may move to: at most maxExtensionDays after its due date,
 * before the next installment, and inside every §4 limit of a plan offered on `offeredOn`
 * (a first installment of several within firstDueWithinDays, a single one within
 * maxExtensionDays, the last within maxPlanDays). Null when it cannot move at all.
 */
export function latestMove(plan: Option, i: number, policy: Policy, offeredOn: LocalDate): LocalDate | null {
  const list = plan.installments;
  const n = list.length;
  const due = list[i]!.due;
  const limits: LocalDate[] = [addDays(due, policy.maxExtensionDays)];
  if (i + 1 < n) limits.push(addDays(list[i + 1]!.due, -1));
  else limits.push(addDays(offeredOn, policy.maxPlanDays));
  if (i === 0 && n >= 2) limits.push(addDays(offeredOn, policy.firstDueWithinDays));
  if (n === 1) limits.push(addDays(offeredOn, policy.maxExtensionDays));
  const latest = limits.reduce((a, b) => (a < b ? a : b));
  return latest > due ? latest : null;
}

/** The plan with installment i due on `to`; every amount and every other date unchanged. */
export function moveInstallment(plan: Option, i: number, to: LocalDate): Option {
  return {
    ...plan,
    installments: plan.installments.map((x, k) => (k === i ? { ...x, due: to } : x)),
  };
}

/**
 * A debtor's wish to move installment i to `to` (or to a date not yet named), judged against the
 * policy: the moved plan when allowed, else what the reply says about the limit. A moved plan is
 * checked against every plan invariant once more before it is accepted.
 */
export function judgeMove(
  plan: Option,
  i: number,
  to: LocalDate | null,
  ctx: { policy: Policy; offeredOn: LocalDate; today: LocalDate },
): { change: PlanChange; plan: Option | null } {
  const from = plan.installments[i]!.due;
  const latest = latestMove(plan, i, ctx.policy, ctx.offeredOn);
  const base = {
    index: i + 1,
    count: plan.installments.length,
    from,
    to,
    latest,
    limitDays: ctx.policy.maxExtensionDays,
  };
  if (to === null) return { change: { kind: 'ask', ...base }, plan: null };
  const allowed = latest !== null && to > from && to <= latest && to >= ctx.today;
  if (!allowed) return { change: { kind: 'refused', ...base }, plan: null };
  const moved = moveInstallment(plan, i, to);
  const broken = checkPlanInvariants(moved, {
    balance: planTotal(plan),
    policy: ctx.policy,
    today: ctx.offeredOn,
  });
  if (broken.length > 0) return { change: { kind: 'refused', ...base }, plan: null };
  return { change: { kind: 'moved', ...base }, plan: moved };
}
