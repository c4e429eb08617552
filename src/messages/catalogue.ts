import { addDays, type LocalDate } from '../time/calendar.ts';
import type { Installment, Option } from '../planning/planner.ts';
import type { Account, Act, AnswerTopic, Draft } from '../dialogue/types.ts';

/**
 * The shape every locale's catalogue has, and the facts both read the same way. A catalogue
 * holds one locale's wording: one function per act, plus the few words that frame a message
 * (who is writing, the greeting, the courtesy close). Which acts a message says, in which order
 * and at which level of detail is the composer's (compose.ts); a catalogue only words them.
 */

/** Acts the templates word; an `agent` message is written by a person. */
export type WordedAct = Exclude<Act, 'agent'>;

/** How much wording a level keeps: 0 everything, 3 the bare facts. */
export type Detail = 0 | 1 | 2 | 3;

/** What an act's wording may read: the draft, the account, and the level the composer chose. */
export interface ActContext {
  draft: Draft;
  account: Account;
  today: LocalDate;
  /** The lender's name, cleaned of anything that would break the signature rule or the layout. */
  lender: string;
  detail: Detail;
  /** The message says this one act and nothing else. */
  alone: boolean;
  /** Whether the message also says `act`. */
  has: (act: Act) => boolean;
  money: (minor: number) => string;
  /**
   * Which wording: 0 first; 1 when wording 0 would repeat, word for word, the last text this
   * debtor received (§8 "never the same text twice in a row"). Every act words both differently.
   */
  variant: Variant;
}

export type Variant = 0 | 1;

/** One of two wordings by the variant: `pick(c, a, b)`. */
export const pick = <T>(c: Pick<ActContext, 'variant'>, first: T, second: T): T =>
  c.variant === 0 ? first : second;

export type ActWording = (c: ActContext) => string;

/** One locale's wording: every act (a missing one is a type error) and the message's frame. */
export interface Catalogue extends Readonly<Record<WordedAct, ActWording>> {
  /** What opens every message: the signature 【lender】 or the lender's name. */
  header: (lender: string) => string;
  /** The body addressed to the debtor by name. */
  greet: (name: string, body: string) => string;
  /** The courtesy close of a statement. */
  close: string;
  /** What joins a message's parts: Chinese runs its sentences together, English spaces them. */
  separator: string;
  /** A due date the way plan-text writes it: 12月4日 / Dec 4. */
  day: (date: LocalDate, today?: LocalDate) => string;
  /** The courtesy close of the second wording (a repeat must differ in its last words too). */
  closeAgain: string;
  /** One plan in words at a level of detail, as the offer and the confirmation word it. */
  plan: (c: ActContext, option: Pick<Option, 'installments'>, detail: Detail) => string;
}

export type OverdueStage = 'due' | 'gentle' | 'consequences' | 'plan';

/**
 * The seeds' tone by days overdue: 1–3 a gentle reminder, 4–6 the consequences (罚息, 征信) as
 * facts, 7+ the consequences and an installment plan. Day 7 is in both of the seeds' ranges
 * (4–7 后果, 7天以上 方案); the plan wording there still states the consequences, so it keeps both.
 */
export function overdueStage(overdueDays: number): OverdueStage {
  if (overdueDays <= 0) return 'due';
  if (overdueDays <= 3) return 'gentle';
  if (overdueDays <= 6) return 'consequences';
  return 'plan';
}

/** A date the wording names as today or tomorrow, when it is one of those. */
export function nearDay(date: LocalDate, today: LocalDate): 'today' | 'tomorrow' | null {
  if (date === today) return 'today';
  if (date === addDays(today, 1)) return 'tomorrow';
  return null;
}

/** Every topic a question asks about, the first first; 'general' when none was read. */
export function topicsOf(draft: Draft): AnswerTopic[] {
  const list = draft.answerTopics ?? [];
  if (list.length > 0) return [...new Set(list)];
  return [draft.answerTopic ?? 'general'];
}

/** Offers introduced by a proactive message's own words (a follow-up, a broken plan's notice). */
export const offersIntroduced = (c: ActContext): boolean =>
  c.has('followup') &&
  (c.draft.proactiveReason === 'offer_followup' || c.draft.proactiveReason === 'plan_broken');

/** The option ids a follow-up names: the offers still open, else the usual three. */
export function offeredIds(draft: Draft): string[] {
  const ids = (draft.offers ?? []).map((o) => o.id);
  if (ids.length > 0) return ids;
  const open = draft.facts?.optionIds ?? [];
  return open.length > 0 ? open : ['A', 'B', 'C'];
}

/** The installment a plan reminder is about: the draft's, else the plan's next one from today. */
export function dueInstallment(
  c: ActContext,
): { due: LocalDate; amount: number; index: number; count: number } | null {
  if (c.draft.installment) return c.draft.installment;
  const list = c.draft.plan?.installments;
  if (!list || list.length === 0) return null;
  const i = list.findIndex((x) => x.due >= c.today);
  const at = i < 0 ? list.length - 1 : i;
  return { ...list[at]!, index: at + 1, count: list.length };
}

/** The numbers a plan's lean wording names (levels 1–3, three or more installments). */
export interface PlanFigures {
  count: number;
  first: Installment;
  last: number;
  /** The largest middle installment: the monthly amount. */
  mid: number;
  /** The middles are all the same. */
  even: boolean;
  /** The monthly amount is "about" (even middles) or "up to" (uneven) rather than exact. */
  approx: boolean;
  /** Level 1 names a last installment that differs from the monthly amount. */
  namesLast: boolean;
  /** The first installment is the monthly amount: "from Nov 30", not "first …, then". */
  steady: boolean;
}

/**
 * One plan at a level of detail. Every form names the first amount and its date. null: level 0
 * or at most two installments, which describePlan's full sentence says. Otherwise 1: first, the
 * monthly amount, a different last, the count; 2: first, the monthly amount ("about" when the
 * last differs), the count; 3: first and the count.
 */
export function planFigures(option: Pick<Option, 'installments'>, detail: Detail): PlanFigures | null {
  const list = option.installments;
  if (detail === 0 || list.length <= 2) return null;
  const count = list.length;
  const first = list[0]!;
  const last = list[count - 1]!.amount;
  const mids = list.slice(1, -1).map((x) => x.amount);
  const mid = Math.max(...mids);
  const even = mids.every((a) => a === mid);
  // Middles that differ by a rounding step are "up to" the larger; a different last is named or, at 2, "about".
  const lastDiffers = last !== mid;
  return {
    count,
    first,
    last,
    mid,
    even,
    approx: !even || (detail === 2 && lastDiffers),
    namesLast: detail === 1 && lastDiffers,
    steady: first.amount === mid && even,
  };
}

/** The wording of each proactive reason, which the reminder and follow-up acts choose from. */
export interface ReasonWording {
  /** The first reminder: the four parts, in the tone of the overdue stage. */
  firstReminder: ActWording;
  installmentDue: ActWording;
  promiseMissed: ActWording;
  /** The morning after an installment that was not paid in full. */
  installmentMissed: ActWording;
  /** Two installments missed in a row: the plan is off; new offers (or a person) follow. */
  planBroken: ActWording;
  /** The offers sent before are still open. */
  offersOpen: ActWording;
  /** silence_followup, or a follow-up without a reason. */
  silence: ActWording;
}

/**
 * The reminder and follow-up acts from a locale's reason wording: which reason says what is the
 * same in every locale, so it is decided here once.
 */
export function proactiveActs(w: ReasonWording): Pick<Catalogue, 'reminder' | 'followup'> {
  const followupBody: ActWording = (c) => {
    switch (c.draft.proactiveReason) {
      case 'promise_missed':
        return w.promiseMissed(c);
      case 'offer_followup':
        return w.offersOpen(c);
      case 'installment_missed':
        return w.installmentMissed(c);
      case 'plan_broken':
        return w.planBroken(c);
      default:
        return w.silence(c);
    }
  };
  return {
    reminder: (c) => {
      switch (c.draft.proactiveReason) {
        case 'installment_due':
          return w.installmentDue(c);
        case 'offer_followup':
        case 'promise_missed':
        case 'silence_followup':
        case 'installment_missed':
        case 'plan_broken':
          return followupBody(c);
        case 'first_reminder':
          return w.firstReminder(c);
        default:
          return c.draft.installment ? w.installmentDue(c) : w.firstReminder(c);
      }
    },
    followup: (c) => {
      switch (c.draft.proactiveReason) {
        case 'installment_due':
          return w.installmentDue(c);
        case 'first_reminder':
          return w.firstReminder(c);
        default:
          return followupBody(c);
      }
    },
  };
}
