import { z } from 'zod';
import { LocaleSchema } from '../vocabulary.ts';
import { LocalDateSchema } from '../time/calendar.ts';
import { CurrencySchema } from '../money.ts';
import { OptionSchema } from '../planning/planner.ts';
import { PolicyOverrideSchema } from '../planning/policy.ts';
import type { TemplateOverrides } from '../messages/template-names.ts';

/** An IANA time zone this runtime knows (Asia/Shanghai, America/New_York). */
export const TimeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');

/** The conversation's language: the shared Locale (src/vocabulary.ts), under the dialogue's name. */
export { LocaleSchema as DialogueLocaleSchema, type Locale as DialogueLocale } from '../vocabulary.ts';

/**
 * The debtor's account as the dialogue sees it. `balance` is in minor units (分/cents) inside;
 * the boundaries (conversation files, the accounts API) take major units and convert.
 */
export const AccountSchema = z.object({
  id: z.string().min(1),
  phone: z.string().optional(),
  debtorName: z.string().min(1).max(40),
  lender: z.string().min(1).max(20),
  balance: z.number().int().positive(),
  currency: CurrencySchema,
  overdueDays: z.number().int().min(0),
  locale: LocaleSchema,
  timezone: TimeZoneSchema,
  policy: PolicyOverrideSchema.optional(),
  /** CONTRACTS §8: the lender's own payment instructions, quoted verbatim when asked how to pay. */
  howToPay: z.string().trim().min(1).max(200).optional(),
  /** CONTRACTS §8: the lender's official number, given with its name when asked who is writing. */
  hotline: z.string().trim().min(1).max(40).optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/** CONTRACTS §6 dialogue acts (fixed names first), plus ours. */
export const ActSchema = z.enum([
  'reminder',
  'followup',
  'empathy',
  'clarify',
  'offer',
  'confirm',
  'answer',
  'handoff',
  'deescalate',
  'opt_out_confirm',
  // ours
  'apology', // to a wrong party: no word of any debt
  'ack', // a courteous acknowledgement of anything else
  'agent', // written by a person in the agent-assist panel
  'which_option', // a bare yes with several options open: which one? (agrees to nothing)
  'third_party', // to someone who says they are not the debtor but knows them: no word of any debt
  'payment_received', // thanks for a recorded payment, with what is left and the next due date
  'closing', // the last payment is in: the account is settled
  'handoff_note', // while a person owns the conversation: they will see this message
  'reschedule', // an installment move the policy does not allow, or a move to be named
  'check_reading', // a low-confidence reading put back as a yes/no question before acting on it
  'ask_meaning', // the debtor said no to that question: what did they mean?
]);
export type Act = z.infer<typeof ActSchema>;

/**
 * What a question is about, so the answer template can answer it. `who` also covers "is this a
 * scam?"; `late_fees` is a waiver question, answered with "a person decides"; `handoff_eta` asks
 * when the person a handoff promised will get in touch.
 */
export const AnswerTopicSchema = z.enum([
  'balance',
  'how_to_pay',
  'who',
  'credit',
  'general',
  'next_installment',
  'remaining',
  'overdue_days',
  'late_fees',
  'handoff_eta',
]);
export type AnswerTopic = z.infer<typeof AnswerTopicSchema>;

/** Why a proactive message is sent. */
export const ProactiveReasonSchema = z.enum([
  'first_reminder',
  'offer_followup',
  'installment_due',
  'promise_missed',
  'silence_followup',
  'installment_missed', // the morning after an installment that was not paid in full
  'plan_broken', // two installments missed in a row: the plan is off, new offers for what is left
  'payment_received',
  'paid_in_full',
]);
export type ProactiveReason = z.infer<typeof ProactiveReasonSchema>;

const minor = z.number().int();
/** One installment of an agreed plan, as a message names it (第2期(共4期), installment 2 of 4). */
export const InstallmentRefSchema = z.object({
  due: LocalDateSchema,
  /** Minor units: what is still to pay of this installment. */
  amount: z.number().int().positive(),
  /** 1-based. */
  index: z.number().int(),
  count: z.number().int(),
});

/**
 * What an answer may state, computed by the machine from its own records (CONTRACTS §8 "Answers
 * come from facts"): the template words them and never works them out itself.
 */
export const FactsSchema = z.object({
  /** Minor units: the balance less the payments recorded. */
  owed: minor,
  /** Days overdue today: the account's figure at the first contact, plus the days since. */
  overdueDays: z.number().int().min(0),
  /** An agreed plan is running: answers state its facts and never suggest another plan. */
  planAgreed: z.boolean(),
  /** With a plan: the next installment not yet paid in full. */
  next: InstallmentRefSchema.nullable(),
  /** With a plan: the sum of what is unpaid (minor units). */
  remaining: minor.nullable(),
  /** Offers are on the table. */
  offersOpen: z.boolean(),
  /** Their ids, for "reply A/B/C" (the offers themselves are not restated). */
  optionIds: z.array(z.string()),
  /** In a handoff: the local date and time by which a person will be in touch. */
  handoffBy: z.object({ date: LocalDateSchema, minutes: z.number().int() }).nullable(),
  /** That time has passed and the debtor is still waiting. */
  handoffOverdue: z.boolean(),
});
export type Facts = z.infer<typeof FactsSchema>;

/** A request to move one installment of an agreed plan, and what became of it. */
export const PlanChangeSchema = z.object({
  /** `moved`: done; `refused`: beyond the policy; `ask`: which date? (a wish to move without one). */
  kind: z.enum(['moved', 'refused', 'ask']),
  /** 1-based, of `count`. */
  index: z.number().int(),
  count: z.number().int(),
  from: LocalDateSchema,
  to: LocalDateSchema.nullable(),
  /** The latest date the policy allows for this installment; null: it cannot move at all. */
  latest: LocalDateSchema.nullable(),
  /** maxExtensionDays, for "at most 30 days later". */
  limitDays: z.number().int(),
});
export type PlanChange = z.infer<typeof PlanChangeSchema>;

/** What a low-confidence reading would have done: the action the bot asks about before taking it. */
export const CheckAboutSchema = z.enum(['accept', 'promise', 'plan_change', 'dispute', 'already_paid']);
export type CheckAbout = z.infer<typeof CheckAboutSchema>;

/** The reading a check_reading question puts back to the debtor (and an ask_meaning follows up). */
export const ReadingCheckSchema = z.object({
  about: CheckAboutSchema,
  /** accept: the option the message seemed to choose. */
  option: OptionSchema.optional(),
  /** promise: what the message seemed to promise (minor units). */
  promise: z
    .object({ amount: z.number().int().positive().nullable(), date: LocalDateSchema.nullable() })
    .optional(),
  /** plan_change: the move the message seemed to ask for, as judged (kind `moved`). */
  change: PlanChangeSchema.optional(),
});
export type ReadingCheck = z.infer<typeof ReadingCheckSchema>;

/**
 * What the dialogue machine decides to say, before it has words: the templates render a Draft
 * into text, the compliance guard then decides whether that text may go out now.
 */
export const DraftSchema = z.object({
  kind: z.enum(['reply', 'proactive']),
  acts: z.array(ActSchema).min(1),
  /** The machine state when the message is sent (CONTRACTS §6 `state`); stamped by the runtime. */
  state: z.string().optional(),
  offers: z.array(OptionSchema).optional(),
  plan: OptionSchema.optional(),
  /** A plan that did not fit the stated capacity: say so. */
  infeasible: z.boolean().optional(),
  answerTopic: AnswerTopicSchema.optional(),
  /** Every topic a question asks about, in the order the answer takes them (answerTopic is the first). */
  answerTopics: z.array(AnswerTopicSchema).optional(),
  facts: FactsSchema.optional(),
  change: PlanChangeSchema.optional(),
  /** A payment just recorded (minor units). */
  payment: z.number().int().positive().optional(),
  /** The time frame a handoff acknowledgement promises (policy handoffResponseHours). */
  handoffHours: z.number().int().positive().optional(),
  /** What a handoff note is about: a plan wish (分期, a date) or anything else. */
  noteAbout: z.enum(['plan', 'other']).optional(),
  /** A refusal without a figure: ask the most the debtor can pay a month. */
  askFigure: z.boolean().optional(),
  proactiveReason: ProactiveReasonSchema.optional(),
  /** Promise being confirmed, amount in minor units. */
  promise: z
    .object({ amount: z.number().int().positive().nullable(), date: LocalDateSchema.nullable() })
    .optional(),
  /** The installment a reminder is about. */
  installment: InstallmentRefSchema.optional(),
  /** Hardship the debtor named, so empathy can match it. */
  hardship: z.enum(['temporary', 'long_term']).nullable().optional(),
  /** check_reading / ask_meaning: the reading asked about. */
  check: ReadingCheckSchema.optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Everything a template needs besides the draft. */
export interface RenderContext {
  account: Account;
  /** The local date the message goes out, for "today" wording. */
  today: string;
  /** The last text this debtor received: the composer never sends the same text twice in a row. */
  previous?: string;
  /**
   * The texts still waiting for their time (quiet hours, the daily cap): they go out after the
   * last one received, in an order the new message may fall anywhere in, so it may end up next
   * to any of them.
   */
  waiting?: readonly string[];
  /** The lender's own wording in the account's locale (CONTRACTS §10), over the catalogue's. */
  templates?: TemplateOverrides;
}
