import { and, assign, raise, setup } from 'xstate';
import type { Draft } from '../src/dialogue/types.ts';
import { roundToMinor } from '../src/money.ts';
import { readPaymentTerms } from '../src/parse/payment-terms.ts';
import type { ParseContext } from '../src/parse/schema.ts';
import { plan, type PlanRequest } from '../src/planning/planner.ts';
import {
  inbound,
  initialContext,
  owedOf,
  type AttentionReason,
  type Ctx,
  type Ev,
  type JobKind,
  type NegotiationContext,
  type NegotiationEvent,
  type NegotiationInput,
} from './context.ts';
import * as d from './drafts.ts';
import { guards } from './guards.ts';
import { choiceOf, thirdPartyIn } from './readers.ts';
import {
  confirmedEvent,
  judgedMove,
  pendingOf,
  readingCheckGuards,
  readingCheckTransitions,
} from './reading-check.ts';
import {
  cancelAll,
  cancelKinds,
  flag,
  OPT_OUT,
  PLAN_SCHEDULE,
  say,
  schedule,
  THIRD_PARTY,
  TO_A_PERSON,
  WRONG_PARTY,
} from './transitions.ts';

/**
 * One negotiation per debtor (CONTRACTS §4, §6, §8). The machine decides *what* to say (a
 * Draft: acts, offers, plan, facts) and *what* to schedule; it never renders text, reads a clock
 * or sends. `say`, `schedule` and `cancelSchedules` are injected with `machine.provide()` by the
 * runtime, which renders, guards and archives every draft at one choke point.
 *
 * Its parts: the context, events and schedule requests (context.ts), the guards (guards.ts),
 * the drafts and schedules (drafts.ts), the shared transitions and action objects
 * (transitions.ts), the arithmetic of an agreed plan (plan-life.ts) and what it reads in a
 * message beyond the parse result (readers.ts).
 */

export type {
  AttentionReason,
  Clock,
  JobKind,
  NegotiationContext,
  NegotiationEvent,
  NegotiationInput,
  ScheduleRequest,
} from './context.ts';
export { OFFER_FOLLOWUP_AFTER, SILENCE_FOLLOWUP_AFTER } from './drafts.ts';

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

const namedGuards = guards(requestFrom);

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
    schedule: (_args, _req: ReturnType<typeof d.offerFollowup>) => {},
    /**
     * Injected: drop pending deadlines (all, or of some kinds). `deferred` also drops replies
     * waiting for quiet hours to end: after an opt-out or to a wrong party they must not go out.
     */
    cancelSchedules: (_args, _p: { kinds?: JobKind[]; deferred?: boolean }) => {},

    planOffers: assign(({ context, event }) => {
      const request = requestFrom(context, event);
      const result = plan({
        balance: owedOf(context),
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
    /** The day the offers on the table were made: an agreed plan's §4 limits count from it. */
    stampOffers: assign(({ event }) => ({ offeredOn: event.today })),
    markStarted: assign(({ context, event }) => ({ startedOn: context.startedOn ?? event.today })),
    markClarified: assign(({ context, event }) => ({
      clarified: true,
      hardship: inbound(event)?.parsed.hardship ?? context.hardship,
    })),
    /** A question instead of an offer still counts as a round: rounds end in a handoff. */
    countRound: assign(({ context }) => ({ rounds: context.rounds + 1 })),
    acceptOffer: assign(({ context, event }) => {
      const choice = choiceOf(inbound(event)!, context.offers, context.account.locale);
      return {
        plan: choice.kind === 'chosen' ? choice.option : context.offers[0]!,
        planFrom: context.offeredOn ?? event.today,
        planPaidFrom: context.paid,
        offers: [],
        promise: null,
        change: null,
      };
    }),
    recordPromise: assign(({ event }) => {
      const p = inbound(event)!.parsed;
      return { promise: { amount: p.amount === null ? null : roundToMinor(p.amount), date: p.date } };
    }),
    recordPayment: assign(({ context, event }) =>
      event.type === 'PAYMENT' ? { paid: context.paid + event.amount } : {},
    ),
    /** Offers leave the table with the promise: paid down, opted out, not the debtor. */
    withdrawOffers: assign({ offers: [], promise: null, pending: null }),
    dropPlan: assign({ plan: null, planFrom: null, change: null }),
    /** Move one installment, or say why not (§8): the judgement is kept for the reply. */
    judgeMove: assign(({ context, event }) => judgedMove(context, inbound(event)!)),
    recordHandoff: assign(({ event }) => ({
      handoffReason:
        inbound(event)?.parsed.intent ??
        (event.type === 'TIMER' ? 'plan_broken' : 'negotiation_rounds_exhausted'),
      handoffAt: event.at,
      // A person takes over: the offer table is cleared (§8 "until … the debtor hands off").
      offers: [],
      pending: null,
    })),
    clearHandoff: assign({ handoffReason: null, handoffAt: null, attention: null }),
    flag: assign(({ event }, p: { reason: AttentionReason }) => ({
      attention: { reason: p.reason, at: event.at },
    })),
    flagThirdParty: assign(({ event }) => ({
      attention: {
        reason: thirdPartyIn(inbound(event)!)?.offersToPay ? 'third_party_offers_to_pay' : 'third_party',
        at: event.at,
      } as const,
    })),
    clearAttention: assign({ attention: null }),
    // Asking before acting on an unsure reading (reading-check.ts).
    keepPending: assign(({ context, event }) => ({
      pending: pendingOf(namedGuards, { context, event }, false),
    })),
    keepPendingInPlan: assign(({ context, event }) => ({
      pending: pendingOf(namedGuards, { context, event }, true),
    })),
    dropPending: assign({ pending: null }),
    /** A yes: the message asked about, read again as confirmed, takes its transition now. */
    actOnPending: raise(({ context, event }) => confirmedEvent(context, event)),
    /** The question lapsed: the message that arrived instead is read on its own. */
    readAgain: raise(({ event }) => event),
  },
  guards: { ...namedGuards, ...readingCheckGuards(namedGuards) },
}).createMachine({
  id: 'negotiation',
  context: ({ input }) => initialContext(input),
  initial: 'idle',
  // Wherever no state says otherwise: a payment is recorded, a person's look clears the flag.
  on: {
    PAYMENT: { actions: 'recordPayment' },
    ATTENDED: { actions: 'clearAttention' },
  },
  states: {
    idle: {
      on: {
        BEGIN: { target: 'active', actions: 'markStarted' },
        START: {
          target: 'active',
          actions: [
            'markStarted',
            say(d.draft('proactive', ['reminder'], { proactiveReason: 'first_reminder' })),
            schedule(d.silenceFollowup),
          ],
        },
      },
    },
    // Every live state shares these handlers; a child's own handlers are tried first.
    active: {
      initial: 'reminded',
      on: {
        INBOUND: [
          OPT_OUT,
          THIRD_PARTY,
          WRONG_PARTY,
          ...readingCheckTransitions(false),
          TO_A_PERSON,
          { guard: 'asksWhoWrites', actions: [cancelKinds('silence_followup'), say(d.answerDraft)] },
          {
            guard: 'isAbusive',
            actions: [
              cancelKinds('offer_followup', 'silence_followup'),
              say(d.draft('reply', ['deescalate'])),
            ],
          },
          {
            // A person decides fees and waivers: say so, flag it, keep negotiating.
            guard: 'asksAboutFees',
            actions: [flag('late_fees'), cancelKinds('silence_followup'), say(d.answerDraft)],
          },
          {
            guard: 'choseAnOption',
            target: '.agreed',
            actions: [
              'acceptOffer',
              cancelKinds('offer_followup', 'silence_followup', 'promise_missed'),
              say(d.confirmDraft),
              ...PLAN_SCHEDULE,
            ],
          },
          { guard: 'asksWhich', actions: [cancelKinds('silence_followup'), say(d.whichDraft)] },
          { guard: 'isQuestion', actions: [cancelKinds('silence_followup'), say(d.answerDraft)] },
          {
            guard: 'isPromise',
            target: '.promised',
            actions: [
              'recordPromise',
              cancelKinds('offer_followup', 'silence_followup', 'promise_missed'),
              say(d.promiseDraft),
              schedule(d.promiseCheck),
            ],
          },
          {
            guard: 'needsClarifying',
            target: '.clarify',
            actions: [
              'markClarified',
              cancelKinds('silence_followup'),
              say(({ event }) => ({
                kind: 'reply',
                acts: ['empathy', 'clarify'],
                hardship: inbound(event)?.parsed.hardship ?? null,
              })),
            ],
          },
          {
            guard: 'roundsExhaustedForPlan',
            target: 'handoff',
            actions: ['recordHandoff', cancelAll(), say(d.handoffDraft)],
          },
          {
            guard: 'refusalWouldRepeat',
            target: '.offer',
            actions: ['countRound', cancelKinds('silence_followup'), say(d.askFigureDraft)],
          },
          {
            guard: 'wantsAPlan',
            target: '.offer',
            actions: [
              // A new plan asked for with one agreed (每月只能还300了) replaces it.
              'dropPlan',
              'markClarified',
              'planOffers',
              'stampOffers',
              cancelKinds('silence_followup', 'offer_followup', 'installment_due', 'installment_check'),
              say(d.offerDraft),
              schedule(d.offerFollowup),
            ],
          },
          { actions: [cancelKinds('silence_followup'), say(d.ackDraft)] },
        ],
        PAYMENT: [
          {
            guard: 'settles',
            target: 'paid',
            actions: ['recordPayment', cancelAll(), say(d.closingDraft)],
          },
          {
            target: '.reminded',
            actions: [
              'recordPayment',
              'withdrawOffers',
              cancelKinds('offer_followup', 'promise_missed'),
              say(d.paymentDraft),
            ],
          },
        ],
      },
      states: {
        reminded: {
          on: {
            TIMER: {
              guard: 'isSilenceTimer',
              actions: say(d.draft('proactive', ['followup'], { proactiveReason: 'silence_followup' })),
            },
          },
        },
        clarify: {},
        offer: {
          on: {
            TIMER: {
              // The offers stay on the table (§8): the follow-up repeats them.
              guard: 'isOfferTimer',
              actions: say(({ context }) => ({
                kind: 'proactive',
                acts: ['followup'],
                offers: context.offers,
                proactiveReason: 'offer_followup',
              })),
            },
          },
        },
        promised: {
          on: {
            TIMER: {
              guard: 'isPromiseTimer',
              target: 'reminded',
              actions: say(({ context }) => ({
                kind: 'proactive',
                acts: ['followup'],
                promise: context.promise ?? undefined,
                proactiveReason: 'promise_missed',
              })),
            },
          },
        },
        // The plan's life (§8): reminders, checks, payments, one installment moved.
        agreed: {
          on: {
            INBOUND: [
              ...readingCheckTransitions(true),
              // A promise about an agreed plan (这个月25号先还第一期) is noted; the plan and its reminders stand.
              { guard: 'isPromise', actions: ['recordPromise', say(d.promiseDraft)] },
              {
                guard: 'movesAnInstallment',
                actions: [
                  'judgeMove',
                  cancelKinds('installment_due', 'installment_check'),
                  ...PLAN_SCHEDULE,
                  say(d.moveDraft),
                ],
              },
              // Answers come from the plan's facts and never re-offer plans (§8).
              { guard: 'asksAFact', actions: say(d.answerDraft) },
              { guard: 'wantsMoreTime', actions: ['judgeMove', say(d.moveDraft)] },
            ],
            PAYMENT: [
              {
                guard: 'settles',
                target: '#negotiation.paid',
                actions: ['recordPayment', cancelAll(), say(d.closingDraft)],
              },
              { actions: ['recordPayment', say(d.paymentDraft)] },
            ],
            TIMER: [
              {
                guard: and(['isInstallmentTimer', 'installmentAlreadyPaid']),
                actions: schedule(d.nextInstallmentReminder),
              },
              {
                guard: 'isInstallmentTimer',
                actions: [say(d.installmentReminder), schedule(d.nextInstallmentReminder)],
              },
              {
                guard: and(['isCheckTimer', 'planBroken', 'brokenGoesToPerson']),
                target: '#negotiation.handoff',
                actions: ['recordHandoff', cancelAll(), say(d.brokenHandoffDraft), 'dropPlan'],
              },
              {
                // Two missed in a row: the plan is off; new offers for what is left.
                guard: and(['isCheckTimer', 'planBroken']),
                target: 'offer',
                actions: [
                  'dropPlan',
                  'planOffers',
                  'stampOffers',
                  cancelKinds('installment_due', 'installment_check'),
                  say(d.brokenOfferDraft),
                  schedule(d.offerFollowup),
                ],
              },
              {
                guard: and(['isCheckTimer', 'installmentMissed']),
                actions: [say(d.missedReminder), schedule(d.nextCheck)],
              },
              { guard: 'isCheckTimer', actions: schedule(d.nextCheck) },
            ],
          },
        },
      },
    },
    // A person owns the conversation: one acknowledgement was sent on the way in; from here on,
    // short factual answers or a note that the person will see the message, never offers.
    handoff: {
      on: {
        INBOUND: [
          OPT_OUT,
          THIRD_PARTY,
          WRONG_PARTY,
          { guard: 'isAbusive', actions: say(d.noteDraft('other', ['deescalate'])) },
          { guard: 'asksAboutFees', actions: [flag('late_fees'), say(d.answerDraft)] },
          { guard: 'answerableInHandoff', actions: say(d.answerDraft) },
          { guard: 'aboutAPlan', actions: say(d.noteDraft('plan')) },
          { actions: say(d.noteDraft('other')) },
        ],
        RESOLVE: [
          { guard: 'isSettled', target: 'paid', actions: ['clearHandoff', say(d.closingDraft)] },
          // A plan agreed before the handoff runs on, with its reminders and checks again.
          { guard: 'hasPlan', target: 'active.agreed', actions: ['clearHandoff', ...PLAN_SCHEDULE] },
          { target: 'active.reminded', actions: ['clearHandoff'] },
        ],
      },
    },
    // Everything is paid: the closing message went out on the way in; replies stay courteous.
    paid: {
      on: {
        INBOUND: [
          OPT_OUT,
          THIRD_PARTY,
          WRONG_PARTY,
          TO_A_PERSON,
          { guard: 'isAbusive', actions: say(d.draft('reply', ['deescalate'])) },
          { guard: 'isQuestion', actions: say(d.answerDraft) },
          { actions: say(d.ackDraft) },
        ],
      },
    },
    // One confirmation was sent on the way in; from here on, silence. A debtor who writes again
    // (之前退订了,现在想还款) gets no message, and a person is told.
    opted_out: {
      on: { INBOUND: { guard: 'wroteAgain', actions: flag('wrote_after_opt_out') } },
    },
    // The number is not the debtor's: one apology (or the third-party note) on the way in, then
    // silence. Not final, so that a person can still clear the flag.
    wrong_party: {},
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
  'paid',
  'opted_out',
  'wrong_party',
] as const;
