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

export const ParseResultSchema = z.object({
  intent: IntentSchema,
  hardship: HardshipSchema.nullable(),
  /** Major units (yuan, dollars); decimals allowed. */
  amount: z.number().nullable(),
  installments: z.number().int().nullable(),
  /** YYYY-MM-DD in the local calendar of `now`'s offset. */
  date: z.string().nullable(),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;
