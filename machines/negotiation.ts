import { assign, setup } from 'xstate';
import { addDays, type LocalDate } from '../src/time/calendar.ts';
import { answerTopic } from '../src/parse/answer-topic.ts';
import type { Account, Act, Draft, ProactiveReason } from '../src/dialogue/types.ts';
import { selectOption } from '../src/parse/option-choice.ts';
import { readPaymentTerms } from '../src/parse/payment-terms.ts';
import type { ParseContext, ParseResult } from '../src/parse/schema.ts';
import { plan, type Option, type PlanRequest } from '../src/planning/planner.ts';
import type { Policy } from '../src/planning/policy.ts';

/**
 * One negotiation per debtor (CONTRACTS §4, §6). The machine decides *what* to say (a Draft:
 * acts, offers, plan) and *what* to schedule; it never renders text, reads a clock or sends.
 * `say`, `schedule` and `cancelSchedules` are injected with `machine.provide()` by the runtime,
 * which renders, guards and archives every draft at one choke point.
 */

export type JobKind = 'offer_followup' | 'installment_due' | 'promise_missed' | 'silence_followup';

/** A deadline for the durable schedule: an instant, or a local date and time in the debtor's zone. */
export interface ScheduleRequest {
  kind: JobKind;
  at?: number;
  local?: { date: LocalDate; minutes: number };
  payload?: { index?: number };
}

export interface NegotiationContext {
  account: Account;
  policy: Policy;
  /** Offer messages sent so far. */
  rounds: number;
  clarified: boolean;
  capacity: number | null;
  hardship: 'temporary' | 'long_term' | null;
  offers: Option[];
  infeasible: boolean;
  plan: Option | null;
  promise: { amount: number | null; date: LocalDate | null } | null;
  /** Who asked for a person, and why (for the agent). */
  handoffReason: string | null;
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
  | ({ type: 'RESOLVE' } & Clock);

export interface NegotiationInput {
  account: Account;
  policy: Policy;
}

const HOUR = 3_600_000;
/** When a debtor goes quiet after an offer, one follow-up two days later. */
export const OFFER_FOLLOWUP_AFTER = 48 * HOUR;
/** When a debtor never answers the first reminder, one follow-up two days later. */
export const SILENCE_FOLLOWUP_AFTER = 48 * HOUR;
/** Reminders and re-contacts go out at 10:00 local (inside any sane quiet-hours window). */
const MORNING = 10 * 60;

const intentIs =
  (...intents: ParseResult['intent'][]) =>
  ({ event }: { event: NegotiationEvent }) =>
    event.type === 'INBOUND' && intents.includes(event.parsed.intent);

type Ctx = NegotiationContext;
type Ev = NegotiationEvent;
const inbound = (e: Ev): Extract<Ev, { type: 'INBOUND' }> | null => (e.type === 'INBOUND' ? e : null);
const majorToMinor = (x: number): number => Math.round(x * 100);

/** The planner request built from what the debtor just said, over what they said before. */
export function requestFrom(ctx: Ctx, e: Ev): PlanRequest {
  const m = inbound(e);
  const req: PlanRequest = {};
  if (ctx.capacity !== null) req.monthlyCapacity = ctx.capacity;
  if (!m) return req;
  const p = m.parsed;
  // What the bot last asked. The event does not carry the parse context (and `clarified` is
  // already set when offers are planned), so the clarify answer is not told apart here yet.
  const asked: ParseContext = ctx.offers.length > 0 ? 'offer' : 'reminder';
  const terms = readPaymentTerms(m.text, p, asked);
  if (terms.payNow !== undefined) req.payNow = terms.payNow;
  if (terms.monthlyCapacity !== undefined) req.monthlyCapacity = terms.monthlyCapacity;
  if (terms.installments !== undefined) req.installments = terms.installments;
  if (p.intent === 'request_extension') {
    req.extension = true;
    if (p.date !== null) req.date = p.date;
  }
  if (p.intent === 'decline' && ctx.offers.length > 0) {
    // A refusal without a figure: go longer than anything offered so far.
    const longest = Math.max(...ctx.offers.map((o) => o.installments.length));
    req.installments = Math.min(ctx.policy.maxInstallments, longest + 3);
  }
  if (
    p.intent === 'no_money' &&
    (p.hardship ?? ctx.hardship) === 'long_term' &&
    req.monthlyCapacity === undefined
  ) {
    req.installments = ctx.policy.maxInstallments;
  }
  if (
    p.intent === 'no_money' &&
    (p.hardship ?? ctx.hardship) === 'temporary' &&
    req.monthlyCapacity === undefined
  ) {
    req.extension = true;
  }
  return req;
}

/**
 * A stated capacity, an installment or extension request, the answer to the clarify question,
 * hardship after clarifying, or a refusal of offers on the table: all get concrete offers.
 */
function wantsAPlan(ctx: Ctx, e: Ev): boolean {
  const m = inbound(e);
  if (!m) return false;
  const i = m.parsed.intent;
  if (i === 'offer_amount' || i === 'request_installment' || i === 'request_extension') return true;
  if (i === 'no_money') return ctx.clarified || m.parsed.amount !== null;
  if (i === 'decline') return ctx.offers.length > 0;
  return false;
}

export const negotiationMachine = setup({
  types: {
    context: {} as NegotiationContext,
    events: {} as NegotiationEvent,
    input: {} as NegotiationInput,
  },
  actions: {
    /** Injected: render, guard, send or defer, archive. */
    say: (_args, _draft: Draft) => {},
    /** Injected: put a deadline in the durable schedule. */
    schedule: (_args, _req: ScheduleRequest) => {},
    /**
     * Injected: drop pending deadlines (all, or of some kinds). `deferred` also drops replies
     * waiting for quiet hours to end: after an opt-out or to a wrong party they must not go out.
     */
    cancelSchedules: (_args, _p: { kinds?: JobKind[]; deferred?: boolean }) => {},

    planOffers: assign(({ context, event }) => {
      const request = requestFrom(context, event);
      const result = plan({
        balance: context.account.balance,
        policy: context.policy,
        today: event.today,
        minutes: event.minutes,
        request,
      });
      return {
        offers: result.options,
        infeasible: !result.feasible,
        capacity: request.monthlyCapacity ?? context.capacity,
        hardship: inbound(event)?.parsed.hardship ?? context.hardship,
        rounds: context.rounds + 1,
      };
    }),
    markClarified: assign(({ context, event }) => ({
      clarified: true,
      hardship: inbound(event)?.parsed.hardship ?? context.hardship,
    })),
    acceptOffer: assign(({ context, event }) => {
      const m = inbound(event)!;
      return { plan: selectOption(m.text, context.offers, m.parsed.amount, m.parsed.installments) };
    }),
    recordPromise: assign(({ event }) => {
      const p = inbound(event)!.parsed;
      return { promise: { amount: p.amount === null ? null : majorToMinor(p.amount), date: p.date } };
    }),
    recordHandoff: assign(({ event }) => ({
      handoffReason: inbound(event)?.parsed.intent ?? 'negotiation_rounds_exhausted',
    })),
    clearHandoff: assign({ handoffReason: null }),
  },
  guards: {
    isOptOut: intentIs('opt_out'),
    isWrongParty: intentIs('wrong_party'),
    needsPerson: intentIs('dispute', 'already_paid', 'complaint', 'request_human'),
    isAbusive: intentIs('abusive'),
    isQuestion: intentIs('question'),
    isAccept: intentIs('accept'),
    isDecline: intentIs('decline'),
    isPromise: intentIs('promise_to_pay'),
    isSilenceTimer: ({ event }) => event.type === 'TIMER' && event.kind === 'silence_followup',
    isOfferTimer: ({ event }) => event.type === 'TIMER' && event.kind === 'offer_followup',
    isPromiseTimer: ({ event }) => event.type === 'TIMER' && event.kind === 'promise_missed',
    isInstallmentTimer: ({ event }) => event.type === 'TIMER' && event.kind === 'installment_due',
    /** Whatever the debtor said calls for concrete offers now. */
    wantsAPlan: ({ context, event }) => wantsAPlan(context, event),
    roundsExhaustedForPlan: ({ context, event }) =>
      wantsAPlan(context, event) && context.rounds >= context.policy.maxNegotiationRounds,
    needsClarifying: ({ context, event }) =>
      !context.clarified &&
      event.type === 'INBOUND' &&
      event.parsed.intent === 'no_money' &&
      event.parsed.amount === null,
  },
}).createMachine({
  id: 'negotiation',
  context: ({ input }) => ({
    account: input.account,
    policy: input.policy,
    rounds: 0,
    clarified: false,
    capacity: null,
    hardship: null,
    offers: [],
    infeasible: false,
    plan: null,
    promise: null,
    handoffReason: null,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        BEGIN: { target: 'active' },
        START: {
          target: 'active',
          actions: [
            { type: 'say', params: draft('proactive', ['reminder'], { proactiveReason: 'first_reminder' }) },
            {
              type: 'schedule',
              params: ({ event }) => ({ kind: 'silence_followup', at: event.at + SILENCE_FOLLOWUP_AFTER }),
            },
          ],
        },
      },
    },
    // Every live state shares these handlers; a child's own handlers are tried first.
    active: {
      initial: 'reminded',
      on: {
        INBOUND: [
          {
            guard: 'isOptOut',
            target: 'opted_out',
            actions: [cancelAll(true), { type: 'say', params: draft('reply', ['opt_out_confirm']) }],
          },
          {
            guard: 'isWrongParty',
            target: 'wrong_party',
            actions: [cancelAll(true), { type: 'say', params: draft('reply', ['apology']) }],
          },
          {
            guard: 'needsPerson',
            target: 'handoff',
            actions: ['recordHandoff', cancelAll(), { type: 'say', params: handoffDraft }],
          },
          {
            guard: 'isAbusive',
            actions: [
              cancelKinds('offer_followup', 'silence_followup'),
              { type: 'say', params: draft('reply', ['deescalate']) },
            ],
          },
          {
            guard: 'isQuestion',
            actions: [cancelKinds('silence_followup'), { type: 'say', params: answerDraft }],
          },
          {
            guard: 'isPromise',
            target: '.promised',
            actions: [
              'recordPromise',
              cancelKinds('offer_followup', 'silence_followup', 'promise_missed'),
              { type: 'say', params: promiseDraft },
              { type: 'schedule', params: promiseCheck },
            ],
          },
          {
            guard: 'needsClarifying',
            target: '.clarify',
            actions: [
              'markClarified',
              cancelKinds('silence_followup'),
              {
                type: 'say',
                params: ({ event }) => ({
                  kind: 'reply',
                  acts: ['empathy', 'clarify'],
                  hardship: inbound(event)?.parsed.hardship ?? null,
                }),
              },
            ],
          },
          {
            guard: 'roundsExhaustedForPlan',
            target: 'handoff',
            actions: ['recordHandoff', cancelAll(), { type: 'say', params: handoffDraft }],
          },
          {
            guard: 'wantsAPlan',
            target: '.offer',
            actions: [
              'markClarified',
              'planOffers',
              cancelKinds('silence_followup', 'offer_followup'),
              { type: 'say', params: offerDraft },
              { type: 'schedule', params: offerFollowup },
            ],
          },
          { actions: [cancelKinds('silence_followup'), { type: 'say', params: draft('reply', ['ack']) }] },
        ],
      },
      states: {
        reminded: {
          on: {
            TIMER: {
              guard: 'isSilenceTimer',
              actions: {
                type: 'say',
                params: draft('proactive', ['followup'], { proactiveReason: 'silence_followup' }),
              },
            },
          },
        },
        clarify: {},
        offer: {
          on: {
            INBOUND: [
              {
                guard: 'isAccept',
                target: 'agreed',
                actions: [
                  'acceptOffer',
                  cancelKinds('offer_followup'),
                  {
                    type: 'say',
                    params: ({ context }) => ({ kind: 'reply', acts: ['confirm'], plan: context.plan! }),
                  },
                  { type: 'schedule', params: firstInstallmentReminder },
                ],
              },
            ],
            TIMER: {
              guard: 'isOfferTimer',
              actions: {
                type: 'say',
                params: ({ context }) => ({
                  kind: 'proactive',
                  acts: ['followup'],
                  offers: context.offers,
                  proactiveReason: 'offer_followup',
                }),
              },
            },
          },
        },
        promised: {
          on: {
            TIMER: {
              guard: 'isPromiseTimer',
              target: 'reminded',
              actions: {
                type: 'say',
                params: ({ context }) => ({
                  kind: 'proactive',
                  acts: ['followup'],
                  promise: context.promise ?? undefined,
                  proactiveReason: 'promise_missed',
                }),
              },
            },
          },
        },
        agreed: {
          on: {
            // A promise about an agreed plan (这个月25号先还第一期) is noted; the plan and its reminders stand.
            INBOUND: [
              { guard: 'isPromise', actions: ['recordPromise', { type: 'say', params: promiseDraft }] },
            ],
            TIMER: {
              guard: 'isInstallmentTimer',
              actions: [
                { type: 'say', params: installmentReminder },
                { type: 'schedule', params: nextInstallmentReminder },
              ],
            },
          },
        },
      },
    },
    handoff: {
      // A person owns the conversation: answer each SMS with the handoff notice, nothing else.
      on: {
        INBOUND: [
          {
            guard: 'isOptOut',
            target: 'opted_out',
            actions: [cancelAll(true), { type: 'say', params: draft('reply', ['opt_out_confirm']) }],
          },
          {
            guard: 'isWrongParty',
            target: 'wrong_party',
            actions: [cancelAll(true), { type: 'say', params: draft('reply', ['apology']) }],
          },
          { guard: 'isAbusive', actions: { type: 'say', params: draft('reply', ['deescalate', 'handoff']) } },
          { actions: { type: 'say', params: draft('reply', ['handoff']) } },
        ],
        RESOLVE: { target: 'active.reminded', actions: ['clearHandoff'] },
      },
    },
    // One confirmation was sent on the way in; from here on, silence.
    opted_out: { type: 'final' },
    // The number is not the debtor's: one apology on the way in, then silence.
    wrong_party: { type: 'final' },
  },
});

/** The machine's states, for coverage reports. */
export const NEGOTIATION_STATES = [
  'idle',
  'active.reminded',
  'active.clarify',
  'active.offer',
  'active.promised',
  'active.agreed',
  'handoff',
  'opted_out',
  'wrong_party',
] as const;

// --- draft builders (pure) -----------------------------------------------------------------

type Args = { context: Ctx; event: Ev };

// A draft's `state` is stamped by the runtime from the snapshot after the transition: the state
// the conversation is in when the message goes out.

function draft(kind: Draft['kind'], acts: Act[], extra: Partial<Draft> = {}) {
  return (): Draft => ({ kind, acts, ...extra });
}

function handoffDraft({ event }: Args): Draft {
  const intent = inbound(event)?.parsed.intent;
  const acts: Act[] = intent === 'complaint' ? ['deescalate', 'handoff'] : ['handoff'];
  return { kind: 'reply', acts };
}

function answerDraft({ event }: Args): Draft {
  return { kind: 'reply', acts: ['answer'], answerTopic: answerTopic(inbound(event)?.text ?? '') };
}

function offerDraft({ context, event }: Args): Draft {
  const m = inbound(event);
  const acts: Act[] =
    m && (m.parsed.intent === 'no_money' || m.parsed.hardship !== null) ? ['empathy', 'offer'] : ['offer'];
  return {
    kind: 'reply',
    acts,
    offers: context.offers,
    infeasible: context.infeasible,
    hardship: context.hardship,
  };
}

function promiseDraft({ context }: Args): Draft {
  return { kind: 'reply', acts: ['confirm'], promise: context.promise ?? { amount: null, date: null } };
}

/** Re-contact the morning after a promised date (or three days on, when no date was named). */
function promiseCheck({ context, event }: Args): ScheduleRequest {
  const date = context.promise?.date ?? addDays(event.today, 2);
  return { kind: 'promise_missed', local: { date: addDays(date, 1), minutes: MORNING } };
}

function offerFollowup({ event }: Args): ScheduleRequest {
  return { kind: 'offer_followup', at: event.at + OFFER_FOLLOWUP_AFTER };
}

/** A reminder the morning before each installment falls due (the first one may be today: no reminder). */
function firstInstallmentReminder({ context, event }: Args): ScheduleRequest {
  return reminderFor(context.plan!, 0, event.today);
}

function nextInstallmentReminder({ context, event }: Args): ScheduleRequest {
  const index = event.type === 'TIMER' ? (event.index ?? 0) + 1 : 0;
  return reminderFor(context.plan!, index, event.today);
}

function reminderFor(p: Option, index: number, today: LocalDate): ScheduleRequest {
  let i = index;
  while (i < p.installments.length && addDays(p.installments[i]!.due, -1) < today) i++;
  // No time: nothing left to remind of (a request without a time schedules nothing).
  if (i >= p.installments.length) return { kind: 'installment_due' };
  return {
    kind: 'installment_due',
    local: { date: addDays(p.installments[i]!.due, -1), minutes: MORNING },
    payload: { index: i },
  };
}

function installmentReminder({ context, event }: Args): Draft {
  const p = context.plan!;
  const index = event.type === 'TIMER' ? (event.index ?? 0) : 0;
  const inst = p.installments[Math.min(index, p.installments.length - 1)]!;
  return {
    kind: 'proactive',
    acts: ['reminder'],
    plan: p,
    proactiveReason: 'installment_due' satisfies ProactiveReason,
    installment: { due: inst.due, amount: inst.amount, index: index + 1, count: p.installments.length },
  };
}

/** Every timer; with `deferred`, also the replies waiting for quiet hours to end. */
function cancelAll(deferred = false) {
  return { type: 'cancelSchedules' as const, params: { kinds: undefined, deferred } };
}
function cancelKinds(...kinds: JobKind[]) {
  return { type: 'cancelSchedules' as const, params: { kinds } };
}
