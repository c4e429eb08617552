import { addDays, toDays, type LocalDate } from '../src/time/calendar.ts';
import { zonedParts } from '../src/time/timezone.ts';
import type { Act, AnswerTopic, Draft, Facts } from '../src/dialogue/types.ts';
import type { Option } from '../src/planning/planner.ts';
import { inbound, owedOf, planPaidOf, type Ctx, type Ev, type ScheduleRequest } from './context.ts';
import { nextIndex, nextInstallment, remainingOf } from './plan-life.ts';
import { topicsOf } from './readers.ts';

/**
 * What the machine says and schedules, as pure builders of Drafts and ScheduleRequests from the
 * context and the event. A draft's `state` is stamped by the runtime from the snapshot after the
 * transition: the state the conversation is in when the message goes out.
 */

type Args = { context: Ctx; event: Ev };

const HOUR = 3_600_000;
/** When a debtor goes quiet after an offer, one follow-up two days later. */
export const OFFER_FOLLOWUP_AFTER = 48 * HOUR;
/** When a debtor never answers the first reminder, one follow-up two days later. */
export const SILENCE_FOLLOWUP_AFTER = 48 * HOUR;
/** Reminders and re-contacts go out at 10:00 local (inside any sane quiet-hours window). */
const MORNING = 10 * 60;

export function draft(kind: Draft['kind'], acts: Act[], extra: Partial<Draft> = {}) {
  return (): Draft => ({ kind, acts, ...extra });
}

/** What an answer may state (§8 "Answers come from facts"), from the machine's own records. */
export function factsOf(ctx: Ctx, today: LocalDate, now: number): Facts {
  const p = ctx.plan;
  const paid = planPaidOf(ctx);
  const since = ctx.startedOn ? Math.max(0, toDays(today) - toDays(ctx.startedOn)) : 0;
  const by =
    ctx.handoffAt === null
      ? null
      : zonedParts(ctx.handoffAt + ctx.policy.handoffResponseHours * HOUR, ctx.account.timezone);
  return {
    owed: owedOf(ctx),
    overdueDays: ctx.account.overdueDays + since,
    planAgreed: p !== null,
    next: p ? nextInstallment(p, paid) : null,
    remaining: p ? remainingOf(p, paid) : null,
    offersOpen: ctx.offers.length > 0,
    optionIds: ctx.offers.map((o) => o.id),
    handoffBy: by ? { date: by.date, minutes: by.minutes } : null,
    handoffOverdue: ctx.handoffAt !== null && now > ctx.handoffAt + ctx.policy.handoffResponseHours * HOUR,
  };
}

const withFacts = (d: Draft, { context, event }: Args): Draft => ({
  ...d,
  facts: factsOf(context, event.today, event.at),
});

export function handoffDraft(a: Args): Draft {
  const intent = inbound(a.event)?.parsed.intent;
  const acts: Act[] = intent === 'complaint' ? ['deescalate', 'handoff'] : ['handoff'];
  return { kind: 'reply', acts, handoffHours: a.context.policy.handoffResponseHours };
}

/** A broken plan handed to a person: proactive, with what happened and the time frame. */
export function brokenHandoffDraft(a: Args): Draft {
  return withFacts(
    {
      kind: 'proactive',
      acts: ['followup', 'handoff'],
      proactiveReason: 'plan_broken',
      handoffHours: a.context.policy.handoffResponseHours,
    },
    a,
  );
}

/**
 * What a question may be answered about. While a person owns the conversation: who is writing,
 * when the person will be in touch, fees; and the account's figures unless the debt itself is
 * contested (a dispute, a payment said to be made), which only the person can speak to.
 */
export function topicsToAnswer(ctx: Ctx, e: Ev): AnswerTopic[] {
  const m = inbound(e);
  const topics = m ? topicsOf(m) : (['general'] as AnswerTopic[]);
  if (ctx.handoffAt === null) return topics;
  const contested = ctx.handoffReason === 'dispute' || ctx.handoffReason === 'already_paid';
  return topics.filter((t) =>
    ['who', 'handoff_eta', 'late_fees'].includes(t) ? true : !contested && t !== 'general',
  );
}

export function answerDraft(a: Args): Draft {
  const topics = topicsToAnswer(a.context, a.event);
  return withFacts(
    {
      kind: 'reply',
      acts: ['answer'],
      answerTopic: topics[0]!,
      answerTopics: topics,
      handoffHours: a.context.policy.handoffResponseHours,
    },
    a,
  );
}

/** A courteous acknowledgement; with a plan running it names the next installment. */
export const ackDraft = (a: Args): Draft => withFacts({ kind: 'reply', acts: ['ack'] }, a);

export const whichDraft = (a: Args): Draft => withFacts({ kind: 'reply', acts: ['which_option'] }, a);

/** While a person owns the conversation: a note that they will see it (what it is about). */
export function noteDraft(about: 'plan' | 'other', extra: Act[] = []) {
  return (a: Args): Draft =>
    withFacts({ kind: 'reply', acts: [...extra, 'handoff_note'], noteAbout: about }, a);
}

export function offerDraft({ context, event }: Args): Draft {
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

/** A refusal without a figure that a longer plan would not change: ask the figure (§8). */
export const askFigureDraft = (): Draft => ({ kind: 'reply', acts: ['clarify'], askFigure: true });

/** Two installments missed in a row: new offers for what is left, proactively. */
export function brokenOfferDraft(a: Args): Draft {
  return withFacts(
    {
      kind: 'proactive',
      acts: ['followup', 'offer'],
      offers: a.context.offers,
      infeasible: a.context.infeasible,
      proactiveReason: 'plan_broken',
    },
    a,
  );
}

export function promiseDraft({ context }: Args): Draft {
  return { kind: 'reply', acts: ['confirm'], promise: context.promise ?? { amount: null, date: null } };
}

export function confirmDraft({ context }: Args): Draft {
  return { kind: 'reply', acts: ['confirm'], plan: context.plan! };
}

/** The reply to a move: the confirmation with the whole plan, or the limit and the latest date. */
export function moveDraft(a: Args): Draft {
  const change = a.context.change!;
  if (change.kind === 'moved') return { kind: 'reply', acts: ['confirm'], plan: a.context.plan!, change };
  return withFacts({ kind: 'reply', acts: ['reschedule'], change }, a);
}

/** A recorded payment: a thank-you with what is left and the next due date (proactive). */
export function paymentDraft(a: Args): Draft {
  const amount = a.event.type === 'PAYMENT' ? a.event.amount : undefined;
  return withFacts(
    {
      kind: 'proactive',
      acts: ['payment_received'],
      proactiveReason: 'payment_received',
      ...(amount ? { payment: amount } : {}),
    },
    a,
  );
}

/** The last payment: the account is settled. */
export function closingDraft(a: Args): Draft {
  const amount = a.event.type === 'PAYMENT' ? a.event.amount : undefined;
  return withFacts(
    {
      kind: 'proactive',
      acts: ['closing'],
      proactiveReason: 'paid_in_full',
      ...(amount ? { payment: amount } : {}),
    },
    a,
  );
}

export const thirdPartyDraft = (): Draft => ({ kind: 'reply', acts: ['third_party'] });

// --- schedules ---------------------------------------------------------------------------

/** Re-contact the morning after a promised date (or three days on, when no date was named). */
export function promiseCheck({ context, event }: Args): ScheduleRequest {
  const date = context.promise?.date ?? addDays(event.today, 2);
  return { kind: 'promise_missed', local: { date: addDays(date, 1), minutes: MORNING } };
}

export function offerFollowup({ event }: Args): ScheduleRequest {
  return { kind: 'offer_followup', at: event.at + OFFER_FOLLOWUP_AFTER };
}

export function silenceFollowup({ event }: Args): ScheduleRequest {
  return { kind: 'silence_followup', at: event.at + SILENCE_FOLLOWUP_AFTER };
}

/** The reminder the morning before the next unpaid installment (none when its eve has passed). */
export function upcomingReminder({ context, event }: Args): ScheduleRequest {
  return reminderFor(context.plan!, nextIndex(context.plan!, planPaidOf(context)), event.today);
}

/** After a reminder: the one before the installment after it. */
export function nextInstallmentReminder({ context, event }: Args): ScheduleRequest {
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

/** The check the morning after the next unpaid installment falls due. */
export function upcomingCheck({ context }: Args): ScheduleRequest {
  return checkFor(context.plan!, nextIndex(context.plan!, planPaidOf(context)));
}

/** After a check: the one after the following installment. */
export function nextCheck({ context, event }: Args): ScheduleRequest {
  return checkFor(context.plan!, event.type === 'TIMER' ? (event.index ?? 0) + 1 : 0);
}

function checkFor(p: Option, i: number): ScheduleRequest {
  if (i >= p.installments.length) return { kind: 'installment_check' };
  return {
    kind: 'installment_check',
    local: { date: addDays(p.installments[i]!.due, 1), minutes: MORNING },
    payload: { index: i },
  };
}

export function installmentReminder({ context, event }: Args): Draft {
  const p = context.plan!;
  const index = event.type === 'TIMER' ? (event.index ?? 0) : 0;
  const at = Math.min(index, p.installments.length - 1);
  const inst = p.installments[at]!;
  // Part paid already: the reminder asks for what is left of it.
  const next = nextInstallment(p, planPaidOf(context));
  const amount = next && next.index === at + 1 ? next.amount : inst.amount;
  return {
    kind: 'proactive',
    acts: ['reminder'],
    plan: p,
    proactiveReason: 'installment_due',
    installment: { due: inst.due, amount, index: at + 1, count: p.installments.length },
  };
}

/** The morning after a missed installment: what is still to pay of it. */
export function missedReminder(a: Args): Draft {
  const facts = factsOf(a.context, a.event.today, a.event.at);
  return {
    kind: 'proactive',
    acts: ['reminder'],
    plan: a.context.plan!,
    proactiveReason: 'installment_missed',
    facts,
    ...(facts.next ? { installment: facts.next } : {}),
  };
}
