import { z } from 'zod';
import { HardshipSchema, LocaleSchema } from '../vocabulary.ts';

/** CONTRACTS §2: the closed intent set, in precedence order (earlier wins). */
export const INTENTS = [
  'opt_out',
  'wrong_party',
  'dispute',
  'already_paid',
  'complaint',
  'abusive',
  'request_human',
  'accept',
  'decline',
  'promise_to_pay',
  'offer_amount',
  'request_installment',
  'request_extension',
  'no_money',
  'question',
  'other',
] as const;

export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

export const ContextSchema = z.enum(['reminder', 'clarify', 'offer']);
export type ParseContext = z.infer<typeof ContextSchema>;

export { LocaleSchema, HardshipSchema, type Locale, type Hardship } from '../vocabulary.ts';

/** One line of `npm run parse` input. `text` may be any string at all. */
export const ParseInputSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  context: ContextSchema.default('reminder'),
  locale: LocaleSchema.default('zh-CN'),
  now: z.string().optional(),
});
export type ParseInput = z.infer<typeof ParseInputSchema>;

/** An intent with how sure the deciding rule (or model) is, and which rule or model it was. */
export const DecisionSchema = z.object({
  intent: IntentSchema,
  /** 0 = a guess, 1 = certain. */
  confidence: z.number().min(0).max(1),
  /** The deciding rule or model, e.g. `opt_out.keyword`, `promise_to_pay.verb+date`, `+pinyin`. */
  reason: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ParseResultSchema = z.object({
  intent: IntentSchema,
  hardship: HardshipSchema.nullable(),
  /** Major units (yuan, dollars); decimals allowed. */
  amount: z.number().nullable(),
  installments: z.number().int().nullable(),
  /** YYYY-MM-DD in the local calendar of `now`'s offset. */
  date: z.string().nullable(),
  // Every parse carries these (see Parsed); parses archived before they existed do not.
  confidence: DecisionSchema.shape.confidence.optional(),
  reason: DecisionSchema.shape.reason.optional(),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;
/** What parse() returns: a ParseResult whose decision is always stated. */
export type Parsed = ParseResult & Decision;
