import { z } from 'zod';
import { LocaleSchema } from '../vocabulary.ts';
import { LocalDateSchema } from '../time/calendar.ts';
import { CurrencySchema } from '../money.ts';
import { OptionSchema } from '../planning/planner.ts';
import { PolicyOverrideSchema } from '../planning/policy.ts';

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
]);
export type ProactiveReason = z.infer<typeof ProactiveReasonSchema>;

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
  proactiveReason: ProactiveReasonSchema.optional(),
  /** Promise being confirmed, amount in minor units. */
  promise: z
    .object({ amount: z.number().int().positive().nullable(), date: LocalDateSchema.nullable() })
    .optional(),
  /** The installment a reminder is about. */
  installment: z
    .object({
      due: LocalDateSchema,
      amount: z.number().int().positive(),
      index: z.number().int(),
      count: z.number().int(),
    })
    .optional(),
  /** Hardship the debtor named, so empathy can match it. */
  hardship: z.enum(['temporary', 'long_term']).nullable().optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Everything a template needs besides the draft. */
export interface RenderContext {
  account: Account;
  /** The local date the message goes out, for "today" wording. */
  today: string;
}
