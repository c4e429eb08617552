import type { ParseResult } from '../src/parse/schema.ts';
import { roundToMinor } from '../src/money.ts';
import { plan } from '../src/planning/planner.ts';
import { inbound, owedOf, planPaidOf, type Ctx, type Ev, type JobKind } from './context.ts';
import { topicsToAnswer } from './drafts.ts';
import { checkInstallment, nextIndex, paidThrough } from './plan-life.ts';
import { choiceOf, planChangeIn, reopensIn, statesTermsIn, thirdPartyIn, topicsOf } from './readers.ts';

/**
 * The negotiation's guards: pure predicates of the context and the event, named for what they
 * decide. The statechart (negotiation.ts) reads as a list of these.
 */

type Args = { context: Ctx; event: Ev };
type Intent = ParseResult['intent'];

export const intentIs =
  (...intents: Intent[]) =>
  ({ event }: { event: Ev }): boolean =>
    event.type === 'INBOUND' && intents.includes(event.parsed.intent);

const timerIs =
  (kind: JobKind) =>
  ({ event }: { event: Ev }): boolean =>
    event.type === 'TIMER' && event.kind === kind;

/** Intents that outrank any choice of an option: stop, not me, a dispute, a person, abuse. */
const OUTRANKS_A_CHOICE: readonly Intent[] = [
  'opt_out',
  'wrong_party',
  'dispute',
  'already_paid',
  'complaint',
  'request_human',
  'abusive',
  'question', // last: a question does not outrank a move of an installment
];

/** Intents that are about a plan: while a person owns the conversation, the note says they will discuss it. */
const ABOUT_A_PLAN: readonly Intent[] = [
  'accept',
  'decline',
  'promise_to_pay',
  'offer_amount',
  'request_installment',
  'request_extension',
  'no_money',
];

/** A question mark or a question word: "是不是诈骗?", "is this a scam". */
const ASKS = /[??]|吗|是不是|是否|哪家|哪个|\bis (?:this|it|that)\b|\bare you\b|\b(?:who|what|which)\b/i;

/** Topics a question about an agreed plan asks (not 剩下: "剩下的钱可以分几次吗" asks for a new plan). */
const PLAN_FACTS: readonly string[] = [
  'next_installment',
  'how_to_pay',
  'who',
  'overdue_days',
  'handoff_eta',
];

/** What an opted-out debtor may say without a person being asked to look. */
const QUIET_AFTER_OPT_OUT: readonly Intent[] = ['opt_out', 'other', 'abusive', 'decline'];

/** Intents that state terms of their own: a figure, a count, a date, hardship. */
const STATES_TERMS: readonly Intent[] = [
  'promise_to_pay',
  'offer_amount',
  'request_installment',
  'request_extension',
  'no_money',
];
/** Words that point at one of the options: 那个, the … one, option. */
const POINTS = /那个|这个|那种|这种|那套|的那|那一|这一|\bone\b|\boption\b|\bplan\b|方案/i;

const choiceNow = ({ context, event }: Args) => {
  const m = inbound(event);
  if (!m || context.offers.length === 0 || OUTRANKS_A_CHOICE.includes(m.parsed.intent)) return null;
  const choice = choiceOf(m, context.offers, context.account.locale);
  // "我只能先还500" restates a figure; "先还500那个" points at the option that has it. With a
  // figure of their own (a capacity, a count, a date), only a pointed choice agrees.
  if (
    choice.kind === 'chosen' &&
    (choice.by === 'amount' || choice.by === 'count') &&
    STATES_TERMS.includes(m.parsed.intent) &&
    !POINTS.test(m.text)
  )
    return { kind: 'none' as const };
  // "每期600太多了,400可以吗": the option left after a refusal is not taken when the message
  // names a figure of its own that no installment of it has: that is a counter-offer.
  if (choice.kind === 'chosen' && choice.by === 'only_option' && m.parsed.amount !== null) {
    const figure = roundToMinor(m.parsed.amount);
    if (!choice.option.installments.some((i) => i.amount === figure)) return { kind: 'none' as const };
  }
  return choice;
};

/**
 * A stated capacity, an installment or extension request, the answer to the clarify question,
 * hardship after clarifying, a per-period figure said as a promise (一个月最多还700), or a refusal
 * of offers on the table: all get concrete offers.
 */
export function wantsAPlan(ctx: Ctx, e: Ev): boolean {
  const m = inbound(e);
  if (!m) return false;
  const i = m.parsed.intent;
  if (i === 'offer_amount' || i === 'request_installment' || i === 'request_extension') return true;
  if (i === 'no_money') return ctx.clarified || m.parsed.amount !== null;
  if (i === 'decline') return ctx.offers.length > 0;
  if (i === 'promise_to_pay' || i === 'question') return statesTermsIn(m, ctx);
  return false;
}

const sameOffers = (a: Ctx['offers'], b: Ctx['offers']): boolean =>
  a.length === b.length &&
  a.every((o, k) => JSON.stringify(o.installments) === JSON.stringify(b[k]!.installments));

/** The planner request for a refusal, injected to keep requestFrom where it is (negotiation.ts). */
export type RequestFrom = (ctx: Ctx, e: Ev) => Parameters<typeof plan>[0]['request'];

export const guards = (requestFrom: RequestFrom) => ({
  isOptOut: intentIs('opt_out'),
  isWrongParty: intentIs('wrong_party'),
  /** Someone who knows the debtor writes (我是他爱人, I'm his wife): not the debtor. */
  isThirdParty: ({ event }: Args) => {
    const m = inbound(event);
    return m !== null && m.parsed.intent !== 'opt_out' && thirdPartyIn(m) !== null;
  },
  needsPerson: intentIs('dispute', 'already_paid', 'complaint', 'request_human'),
  isAbusive: intentIs('abusive'),
  /** A question, unless it states terms to plan with (could I pay half now and the rest next month?). */
  isQuestion: ({ context, event }: Args) => {
    const m = inbound(event);
    return m !== null && m.parsed.intent === 'question' && !statesTermsIn(m, context);
  },
  /** While a person owns the conversation: a question the bot may still answer with facts. */
  answerableInHandoff: (a: Args) => {
    const m = inbound(a.event);
    if (!m) return false;
    const topics = topicsToAnswer(a.context, a.event);
    // "how long do I have to wait" need not read as a question to be one.
    const asked = m.parsed.intent === 'question' || topics.some((t) => t === 'handoff_eta' || t === 'who');
    return asked && topics.length > 0;
  },
  /** A question about late fees or a waiver: a person decides. */
  asksAboutFees: ({ event }: Args) => {
    const m = inbound(event);
    return m !== null && ['question', 'other'].includes(m.parsed.intent) && topicsOf(m).includes('late_fees');
  },
  /**
   * Who is writing / is this a scam, even when the parser hears an insult in 诈骗: answered with
   * the lender's name and official number, which is what calms a worried debtor.
   */
  asksWhoWrites: ({ event }: Args) => {
    const m = inbound(event);
    return (
      m !== null &&
      ['abusive', 'question', 'other'].includes(m.parsed.intent) &&
      ASKS.test(m.text) &&
      topicsOf(m).includes('who')
    );
  },
  /** With a plan agreed: a question about its facts, whatever else the parser heard in it (下一期…要还多少). */
  asksAFact: ({ event }: Args) => {
    const m = inbound(event);
    if (!m || OUTRANKS_A_CHOICE.includes(m.parsed.intent)) return m?.parsed.intent === 'question';
    return topicsOf(m).some((t) => PLAN_FACTS.includes(t));
  },
  isPromise: ({ context, event }: Args) => {
    const m = inbound(event);
    return m !== null && m.parsed.intent === 'promise_to_pay' && !statesTermsIn(m, context);
  },
  /** The message names exactly one of the options on the table. */
  choseAnOption: (a: Args) => choiceNow(a)?.kind === 'chosen',
  /** A yes that could mean several options (好的 with three open): ask which, agree to nothing. */
  asksWhich: (a: Args) => {
    const choice = choiceNow(a);
    const m = inbound(a.event)!;
    return (
      choice?.kind === 'ambiguous' ||
      (choice?.kind === 'none' && m.parsed.intent === 'accept' && a.context.offers.length > 1)
    );
  },
  isSilenceTimer: timerIs('silence_followup'),
  isOfferTimer: timerIs('offer_followup'),
  isPromiseTimer: timerIs('promise_missed'),
  isInstallmentTimer: timerIs('installment_due'),
  /** The installment a reminder is about is already paid in full: no reminder. */
  installmentAlreadyPaid: ({ context, event }: Args) =>
    event.type === 'TIMER' &&
    context.plan !== null &&
    planPaidOf(context) >= paidThrough(context.plan, event.index ?? 0),
  isCheckTimer: timerIs('installment_check'),
  installmentMissed: ({ context, event }: Args) =>
    event.type === 'TIMER' &&
    context.plan !== null &&
    checkInstallment(context.plan, planPaidOf(context), event.index ?? 0) === 'missed',
  planBroken: ({ context, event }: Args) =>
    event.type === 'TIMER' &&
    context.plan !== null &&
    checkInstallment(context.plan, planPaidOf(context), event.index ?? 0) === 'broken',
  /** A broken plan goes to a person when the policy says so, or when no round is left. */
  brokenGoesToPerson: ({ context }: Args) =>
    context.policy.onBrokenPlan === 'handoff' || context.rounds >= context.policy.maxNegotiationRounds,
  /** Whatever the debtor said calls for concrete offers now. */
  wantsAPlan: ({ context, event }: Args) => wantsAPlan(context, event),
  roundsExhaustedForPlan: ({ context, event }: Args) =>
    wantsAPlan(context, event) && context.rounds >= context.policy.maxNegotiationRounds,
  /**
   * A refusal without a figure whose longer plan would be the offers already on the table: ask
   * the monthly figure instead of sending the same offers again (§8).
   */
  refusalWouldRepeat: ({ context, event }: Args) => {
    const m = inbound(event);
    if (!m || m.parsed.intent !== 'decline' || m.parsed.amount !== null || context.offers.length === 0)
      return false;
    const again = plan({
      balance: owedOf(context),
      policy: context.policy,
      today: event.today,
      request: requestFrom(context, event),
    });
    return sameOffers(again.options, context.offers);
  },
  needsClarifying: ({ context, event }: Args) =>
    !context.clarified &&
    event.type === 'INBOUND' &&
    event.parsed.intent === 'no_money' &&
    event.parsed.amount === null,
  /** With a plan agreed: a wish to move one installment (第二期能不能晚一周). */
  movesAnInstallment: ({ context, event }: Args) => {
    const m = inbound(event);
    // "can I move the second payment?" is a question and a move: only stop, not me and a person outrank it.
    if (!m || !context.plan || OUTRANKS_A_CHOICE.slice(0, -1).includes(m.parsed.intent)) return false;
    return planChangeIn(m, context.plan, nextIndex(context.plan, planPaidOf(context))) !== null;
  },
  /** With a plan agreed: more time asked for without a date, or no money this time round. */
  wantsMoreTime: intentIs('request_extension', 'no_money'),
  /** The payment settles everything owed. */
  settles: ({ context, event }: Args) => event.type === 'PAYMENT' && owedOf(context) - event.amount <= 0,
  isSettled: ({ context }: Args) => owedOf(context) <= 0,
  hasPlan: ({ context }: Args) => context.plan !== null,
  aboutAPlan: ({ event }: Args) => {
    const m = inbound(event);
    return m !== null && ABOUT_A_PLAN.includes(m.parsed.intent);
  },
  /**
   * An opted-out debtor writes again about the debt (之前退订了,现在想还款), a question, a
   * dispute, a wrong number: a person should know. Another stop, a thanks or an insult is not.
   */
  wroteAgain: ({ event }: Args) => {
    const m = inbound(event);
    return m !== null && (reopensIn(m) || !QUIET_AFTER_OPT_OUT.includes(m.parsed.intent));
  },
});
