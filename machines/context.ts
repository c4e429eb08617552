import type { LocalDate } from '../src/time/calendar.ts';
import type { Account, CheckAbout, PlanChange } from '../src/dialogue/types.ts';
import type { ParseResult } from '../src/parse/schema.ts';
import type { Option } from '../src/planning/planner.ts';
import type { Policy } from '../src/planning/policy.ts';
import type { Hardship } from '../src/vocabulary.ts';

/**
 * What the negotiation machine remembers, what it is told and what it asks the runtime to
 * schedule. Plain JSON throughout: the runtime persists the snapshot as is.
 */

export type JobKind =
  | 'offer_followup'
  | 'installment_due'
  /** The morning after an installment fell due: paid, missed (one reminder) or the plan broken. */
  | 'installment_check'
  | 'promise_missed'
  | 'silence_followup';

/** A deadline for the durable schedule: an instant, or a local date and time in the debtor's zone. */
export interface ScheduleRequest {
  kind: JobKind;
  at?: number;
  local?: { date: LocalDate; minutes: number };
  payload?: { index?: number };
}

/** Why a conversation waits for a person outside a handoff (the panel's "needs a person" list). */
export type AttentionReason =
  | 'third_party' // someone other than the debtor wrote
  | 'third_party_offers_to_pay' // …and offered to pay: a person decides what may be said
  | 'late_fees' // a question about late fees or a waiver: a person decides
  | 'wrote_after_opt_out'; // an opted-out debtor wrote again: the bot stays silent

export interface NegotiationContext {
  account: Account;
  policy: Policy;
  /** Offer messages sent so far (and questions that replaced one: they count as a round too). */
  rounds: number;
  clarified: boolean;
  capacity: number | null;
  hardship: Hardship | null;
  /** The offer table: open until replaced, agreed, or the debtor hands off (§8). */
  offers: Option[];
  /** The local date the offers on the table were made: an agreed plan's §4 limits count from it. */
  offeredOn: LocalDate | null;
  infeasible: boolean;
  plan: Option | null;
  /** `offeredOn` of the agreed plan. */
  planFrom: LocalDate | null;
  /** The last move of an installment asked for, and what became of it (for the reply). */
  change: PlanChange | null;
  /** `paid` when the plan was agreed: what the plan's installments have received is paid − this. */
  planPaidFrom: number;
  promise: { amount: number | null; date: LocalDate | null } | null;
  /** Minor units recorded as paid since the conversation began. */
  paid: number;
  /** The local date of the first contact, for the days overdue today. */
  startedOn: LocalDate | null;
  /** Who asked for a person, and why (for the agent). */
  handoffReason: string | null;
  /** When the handoff acknowledgement (with its time frame) went out, epoch ms. */
  handoffAt: number | null;
  /** A person should look at this conversation, and why. */
  attention: { reason: AttentionReason; at: number } | null;
  /**
   * A low-confidence reading the bot asked about instead of acting on (reading-check.ts): what
   * it would have done, and the message itself, so that a yes acts on exactly that message.
   */
  pending: PendingReading | null;
}

/** A message whose reading was too unsure to act on, waiting for the debtor's yes or no. */
export interface PendingReading {
  about: CheckAbout;
  text: string;
  parsed: ParseResult;
  /** accept: the option it seemed to choose (a yes must still choose it). */
  optionId: string | null;
}

export interface Clock {
  /** Epoch milliseconds of the event. */
  at: number;
  /** The debtor's local date at `at`. */
  today: LocalDate;
  /** The debtor's local time at `at`, minutes since midnight: an evening offer asks for nothing that day. */
  minutes: number;
}

export type NegotiationEvent =
  | ({ type: 'START' } & Clock)
  /** A debtor who texts before any reminder: the conversation begins without one. */
  | ({ type: 'BEGIN' } & Clock)
  | ({ type: 'INBOUND'; text: string; parsed: ParseResult } & Clock)
  | ({ type: 'TIMER'; kind: JobKind; index?: number } & Clock)
  /** A payment recorded against the account (POST /api/payments), minor units. */
  | ({ type: 'PAYMENT'; amount: number } & Clock)
  /** A person resolved a handoff. */
  | ({ type: 'RESOLVE' } & Clock)
  /** A person has seen what needed their attention. */
  | ({ type: 'ATTENDED' } & Clock);

export interface NegotiationInput {
  account: Account;
  policy: Policy;
}

export const initialContext = ({ account, policy }: NegotiationInput): NegotiationContext => ({
  account,
  policy,
  rounds: 0,
  clarified: false,
  capacity: null,
  hardship: null,
  offers: [],
  offeredOn: null,
  infeasible: false,
  plan: null,
  planFrom: null,
  change: null,
  planPaidFrom: 0,
  promise: null,
  paid: 0,
  startedOn: null,
  handoffReason: null,
  handoffAt: null,
  attention: null,
  pending: null,
});

export type Ctx = NegotiationContext;
export type Ev = NegotiationEvent;
export type Inbound = Extract<Ev, { type: 'INBOUND' }>;
export const inbound = (e: Ev): Inbound | null => (e.type === 'INBOUND' ? e : null);

/** What the debtor still owes: the balance less every payment recorded. */
export const owedOf = (ctx: Ctx): number => Math.max(0, ctx.account.balance - ctx.paid);
/** What the agreed plan's installments have received. */
export const planPaidOf = (ctx: Ctx): number => ctx.paid - ctx.planPaidFrom;
