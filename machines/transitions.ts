import type { Draft } from '../src/dialogue/types.ts';
import type { AttentionReason, Ctx, Ev, JobKind, ScheduleRequest } from './context.ts';
import * as d from './drafts.ts';

/**
 * The statechart's building blocks: action objects that name an injected effect with its
 * parameters, and the transitions every live state shares (stop, not the debtor, a person).
 * negotiation.ts reads as a list of these.
 */

type Args = { context: Ctx; event: Ev };

/** Every timer; with `deferred`, also the replies waiting for quiet hours to end. */
export function cancelAll(deferred = false) {
  return { type: 'cancelSchedules' as const, params: { kinds: undefined, deferred } };
}
export function cancelKinds(...kinds: JobKind[]) {
  return { type: 'cancelSchedules' as const, params: { kinds } };
}
export const say = (params: (a: Args) => Draft) => ({ type: 'say' as const, params });
export const schedule = (params: (a: Args) => ScheduleRequest) => ({
  type: 'schedule' as const,
  params,
});
export const flag = (reason: AttentionReason) => ({ type: 'flag' as const, params: { reason } });

// Transitions every live state shares, first in each state's list: stop, not me, someone else.
export const OPT_OUT = {
  guard: 'isOptOut',
  target: '#negotiation.opted_out',
  actions: [cancelAll(true), 'withdrawOffers', say(d.draft('reply', ['opt_out_confirm']))],
} as const;
export const THIRD_PARTY = {
  guard: 'isThirdParty',
  target: '#negotiation.wrong_party',
  actions: [cancelAll(true), 'withdrawOffers', 'flagThirdParty', say(d.thirdPartyDraft)],
} as const;
export const WRONG_PARTY = {
  guard: 'isWrongParty',
  target: '#negotiation.wrong_party',
  actions: [cancelAll(true), 'withdrawOffers', say(d.draft('reply', ['apology']))],
} as const;
export const TO_A_PERSON = {
  guard: 'needsPerson',
  target: '#negotiation.handoff',
  actions: ['recordHandoff', cancelAll(), say(d.handoffDraft)],
} as const;
/** A plan agreed or the offers put aside: the first reminder and the first check of the plan. */
export const PLAN_SCHEDULE = [schedule(d.upcomingReminder), schedule(d.upcomingCheck)] as const;
