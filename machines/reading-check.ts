import type { CheckAbout, Draft, PlanChange } from '../src/dialogue/types.ts';
import { roundToMinor } from '../src/money.ts';
import type { ParseResult } from '../src/parse/schema.ts';
import { classifierOverNothing } from '../src/parse/reason.ts';
import { yesNoOf } from '../src/parse/yes-no.ts';
import type { Option } from '../src/planning/planner.ts';
import { inbound, planPaidOf, type Ctx, type Ev, type Inbound } from './context.ts';
import { factsOf } from './drafts.ts';
import type { guards } from './guards.ts';
import { judgeMove, nextIndex } from './plan-life.ts';
import { choiceOf, planChangeIn } from './readers.ts';
import { cancelKinds, say } from './transitions.ts';

/**
 * Asking before acting on an unsure reading (issue 14). When a message the parser read with
 * low confidence would agree to a plan, record a promise, move an installment or hand a
 * dispute or a payment claim to a person, the bot puts that reading back to the debtor as one
 * yes/no question instead (act `check_reading`); the reading waits in the context (`pending`,
 * so a restored snapshot still knows it). A bare yes then acts on exactly that message, a bare
 * no gets "what did you mean?" (act `ask_meaning`), anything else is read as a new message.
 * An opt-out, a wrong number or a third party is never asked about: those transitions come
 * first in every list, whatever the confidence (CONTRACTS §4).
 */

/**
 * Readings below this confidence are asked about before they are acted on. Chosen from the
 * labelled fixtures (docs/decisions.md, "Asking before acting"; `npm run eval:confidence`): below
 * 0.70 are both of the action readings the parser gets wrong, above it none, and only one right
 * action reading sits below it.
 */
export const CHECK_BELOW = 0.7;

/** A parse the dialogue should not act on without asking (parses archived before confidence had none). */
export const isUnsure = (p: Pick<ParseResult, 'confidence'>): boolean =>
  p.confidence !== undefined && p.confidence < CHECK_BELOW;

/**
 * Whether the action follows from the parser's unsure reading. An agreement or a promise does
 * from any reading but `other`, which is no reading at all: "A please" reads as `other` (0.45)
 * and agrees because the option is named to the dialogue's own reader, which CONTRACTS §8 makes
 * decisive ("any way a debtor names one option … agrees to exactly that option"). A move of an
 * installment follows from a `request_extension`; "can I move the second payment back a week?"
 * reads as a `question` (0.60) and moves because the plan-change reader named the installment
 * (§8 again). A dispute or a payment claim hands off on the parser's word alone.
 */
function followsFrom(action: Action, intent: ParseResult['intent'], reason?: string): boolean {
  const { about } = action;
  // A classifier's guess over rules that read nothing (src/parse/reason.ts) is no reading either,
  // when the option reader itself names the option; otherwise it is what the bot would act on
  // (a pocket-dialled "zzz" read as accept must not agree to the first plan).
  if (about === 'accept' && classifierOverNothing(reason)) return action.optionId === null;
  if (about === 'accept' || about === 'promise') return intent !== 'other';
  if (about === 'plan_change') return intent === 'request_extension';
  return intent === about;
}

type Args = { context: Ctx; event: Ev };
type Guards = ReturnType<typeof guards>;

/** The move of one installment a message asks for, judged against the policy (CONTRACTS §8). */
export function judgedMove(ctx: Ctx, m: Inbound): { change: PlanChange; plan: Option } {
  const p = ctx.plan!;
  const next = nextIndex(p, planPaidOf(ctx));
  const wish = planChangeIn(m, p, next) ?? { index: next, to: null };
  const { change, plan: moved } = judgeMove(p, Math.min(wish.index, p.installments.length - 1), wish.to, {
    policy: ctx.policy,
    offeredOn: ctx.planFrom ?? m.today,
    today: m.today,
  });
  return { change, plan: moved ?? p };
}

interface Action {
  about: CheckAbout;
  optionId: string | null;
}

/**
 * What the statechart would do with this message, when that is one of the actions worth asking
 * about; null otherwise. It mirrors the order of the INBOUND lists of negotiation.ts: with a plan
 * agreed (`inPlan`) a promise and a move are tried first, then the shared list (a person, who
 * writes, abuse, fees, a choice of option, a question, a promise).
 */
function actionOf(g: Guards, a: Args, inPlan: boolean): Action | null {
  const m = inbound(a.event);
  if (!m) return null;
  const intent = m.parsed.intent;
  if (intent === 'opt_out' || intent === 'wrong_party' || g.isThirdParty(a)) return null;
  if (intent === 'dispute' || intent === 'already_paid') return { about: intent, optionId: null };
  if (inPlan) {
    if (g.isPromise(a)) return { about: 'promise', optionId: null };
    if (g.movesAnInstallment(a))
      return judgedMove(a.context, m).change.kind === 'moved'
        ? { about: 'plan_change', optionId: null }
        : null;
  }
  if (g.needsPerson(a) || g.asksWhoWrites(a) || g.isAbusive(a) || g.asksAboutFees(a)) return null;
  if (g.choseAnOption(a)) {
    const choice = choiceOf(m, a.context.offers, a.context.account.locale);
    return { about: 'accept', optionId: choice.kind === 'chosen' ? choice.option.id : null };
  }
  if (g.asksWhich(a) || g.isQuestion(a)) return null;
  if (g.isPromise(a)) return { about: 'promise', optionId: null };
  return null;
}

/** The message asked about, now confirmed: its own text and reading, at the time of the yes. */
export function confirmedEvent(ctx: Ctx, e: Ev): Inbound {
  const p = ctx.pending!;
  const parsed = { ...p.parsed, confidence: 1, reason: `${p.parsed.reason ?? 'unknown'}+confirmed` };
  return { type: 'INBOUND', text: p.text, parsed, at: e.at, today: e.today, minutes: e.minutes };
}

const answerIs = (e: Ev, yn: 'yes' | 'no'): boolean => {
  const m = inbound(e);
  return m !== null && m.parsed.intent !== 'opt_out' && yesNoOf(m.text) === yn;
};

const sameAction = (x: Action | null, y: Action | null): boolean =>
  x !== null && y !== null && x.about === y.about && x.optionId === y.optionId;

export function readingCheckGuards(g: Guards) {
  const unsure = (inPlan: boolean) => (a: Args) => {
    const m = inbound(a.event);
    if (!m || !isUnsure(m.parsed)) return false;
    const action = actionOf(g, a, inPlan);
    return action !== null && followsFrom(action, m.parsed.intent, m.parsed.reason);
  };
  // A yes acts only while the message still means what was asked (the same option, the same move).
  const confirms = (inPlan: boolean) => (a: Args) => {
    const p = a.context.pending;
    if (!p || !answerIs(a.event, 'yes')) return false;
    const then = { about: p.about, optionId: p.optionId };
    return sameAction(
      then,
      actionOf(g, { context: a.context, event: confirmedEvent(a.context, a.event) }, inPlan),
    );
  };
  return {
    /** An unsure reading that would act: ask first. */
    checkFirst: unsure(false),
    checkFirstInPlan: unsure(true),
    /** A bare yes to the question: act on the message asked about. */
    confirmsPending: confirms(false),
    confirmsPendingInPlan: confirms(true),
    /** A bare no: ask what they meant. */
    deniesPending: ({ context, event }: Args) => context.pending !== null && answerIs(event, 'no'),
    /** Anything else while a question waits: the question lapses, the message is read on its own. */
    hasPending: ({ context, event }: Args) => context.pending !== null && event.type === 'INBOUND',
  };
}

/** The reading to keep while the question waits (the action it would take, as actionOf found it). */
export function pendingOf(g: Guards, a: Args, inPlan: boolean): Ctx['pending'] {
  const m = inbound(a.event)!;
  const action = actionOf(g, a, inPlan)!;
  return { about: action.about, optionId: action.optionId, text: m.text, parsed: m.parsed };
}

/** The yes/no question: the reading in words (the plan chosen, the promise, the move). */
export function checkDraft({ context, event }: Args): Draft {
  const p = context.pending!;
  const m = { ...confirmedEvent(context, event), parsed: p.parsed };
  const base = { kind: 'reply' as const, acts: ['check_reading' as const] };
  switch (p.about) {
    case 'accept': {
      const option = context.offers.find((o) => o.id === p.optionId);
      return { ...base, check: { about: 'accept', ...(option ? { option } : {}) } };
    }
    case 'promise':
      return {
        ...base,
        check: {
          about: 'promise',
          promise: {
            amount: p.parsed.amount === null ? null : roundToMinor(p.parsed.amount),
            date: p.parsed.date,
          },
        },
      };
    case 'plan_change':
      return { ...base, check: { about: 'plan_change', change: judgedMove(context, m).change } };
    default:
      return { ...base, check: { about: p.about } };
  }
}

/** After a no: what did they mean? (The options still open are named again.) */
export function askMeaningDraft({ context, event }: Args): Draft {
  return {
    kind: 'reply',
    acts: ['ask_meaning'],
    check: { about: context.pending!.about },
    facts: factsOf(context, event.today, event.at),
  };
}

/**
 * The transitions of a question and its answer, first in a state's INBOUND list after the stop,
 * wrong-number and third-party ones (whose guards never read a yes, a no or an unsure action).
 */
export function readingCheckTransitions(inPlan: boolean) {
  return [
    { guard: inPlan ? 'confirmsPendingInPlan' : 'confirmsPending', actions: ['actOnPending', 'dropPending'] },
    {
      guard: 'deniesPending',
      actions: [cancelKinds('silence_followup'), say(askMeaningDraft), 'dropPending'],
    },
    { guard: 'hasPending', actions: ['dropPending', 'readAgain'] },
    {
      guard: inPlan ? 'checkFirstInPlan' : 'checkFirst',
      actions: [
        inPlan ? 'keepPendingInPlan' : 'keepPending',
        cancelKinds('silence_followup'),
        say(checkDraft),
      ],
    },
  ] as const;
}
