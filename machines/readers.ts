import { addDays, type LocalDate } from '../src/time/calendar.ts';
import type { AnswerTopic } from '../src/dialogue/types.ts';
import { answerTopics } from '../src/parse/answer-topic.ts';
import { chooseOption, type OptionChoice } from '../src/parse/option-choice.ts';
import { readPaymentTerms } from '../src/parse/payment-terms.ts';
import { readPlanChange } from '../src/parse/plan-change.ts';
import type { Locale, ParseContext } from '../src/parse/schema.ts';
import { reopensAfterOptOut, thirdPartyOf, type ThirdParty } from '../src/parse/third-party.ts';
import type { Option } from '../src/planning/planner.ts';
import type { Ctx, Inbound } from './context.ts';

/**
 * What the machine reads in a debtor's message beyond the parse result, through the pure
 * readers of src/parse: which option it names, what it asks, whether a third party wrote,
 * whether it moves an installment, whether a figure is terms rather than a promise. One seam,
 * so the statechart and its guards read an inbound event, not raw text.
 */

/**
 * Which offered option a message agrees to (CONTRACTS §8): any name of one option, also inside
 * a sentence turning another down; a bare yes with several open is ambiguous.
 */
export const choiceOf = (m: Inbound, offers: Option[], locale: Locale): OptionChoice =>
  chooseOption(m.text, offers, locale);

/** Every topic a question asks about, in the order asked; ['general'] when none is known. */
export const topicsOf = (m: Inbound): AnswerTopic[] => answerTopics(m.text);

/** A writer who names their tie to the debtor (我是他爱人, "I'm his wife"), and whether they offer to pay. */
export const thirdPartyIn = (m: Inbound): ThirdParty | null => thirdPartyOf(m.text);

/** An opted-out debtor asking to pay or to talk again (之前退订了,现在想还款). */
export const reopensIn = (m: Inbound): boolean => reopensAfterOptOut(m.text);

/**
 * A wish to move one installment of the agreed plan: which one (0-based), and to which date
 * (null: not said, 晚几天). A shift (晚一周) counts from the installment's own due date.
 */
export function planChangeIn(
  m: Inbound,
  plan: Option,
  next: number,
): { index: number; to: LocalDate | null } | null {
  const change = readPlanChange(m.text, { plan, today: m.today, nextIndex: next });
  if (!change) return null;
  const due = plan.installments[change.index]!.due;
  return { index: change.index, to: change.to ?? (change.byDays ? addDays(due, change.byDays) : null) };
}

/** What the bot last asked, as far as the machine's own record tells. */
const askedBy = (ctx: Ctx): ParseContext =>
  ctx.offers.length > 0 ? 'offer' : ctx.clarified && ctx.plan === null ? 'clarify' : 'reminder';

/**
 * A figure said as a promise that states terms instead: a figure per period (一个月最多还700,
 * "$60 every other week"), half now and the rest later, a count. Those get offers, not a
 * promise on record (§8 capacity in context).
 */
export function statesTermsIn(m: Inbound, ctx: Ctx): boolean {
  const terms = readPaymentTerms(m.text, m.parsed, askedBy(ctx));
  return terms.monthlyCapacity !== undefined || terms.split !== undefined || terms.installments !== undefined;
}
