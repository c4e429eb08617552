import { checkPlanInvariants, type PlanCheckContext } from '../planning/invariants.ts';
import type { Draft } from './types.ts';

/**
 * Every plan invariant (CONTRACTS §4) a new offer breaks, each naming its option; empty when the
 * draft may go on to the guard. Only a message that makes the offer is checked: a follow-up
 * restates offers made on an earlier day, and was checked against that day when they were made.
 */
export function offerViolations(draft: Draft, ctx: PlanCheckContext): string[] {
  if (!draft.acts.includes('offer')) return [];
  return (draft.offers ?? []).flatMap((o) =>
    checkPlanInvariants(o, ctx).map((v) => `plan invariant, option ${o.id}: ${v}`),
  );
}
