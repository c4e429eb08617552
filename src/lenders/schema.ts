import { z } from 'zod';
import { checkLenderName } from '../compliance/lender-name.ts';
import { LocaleTemplatesSchema, type TemplateOverrides } from '../messages/template-names.ts';
import { PolicyOverrideSchema, resolvePolicy } from '../planning/policy.ts';
import type { Locale } from '../vocabulary.ts';

/**
 * CONTRACTS §10: the lender configuration file (`HUIKUAN_CONFIG`), one schema for the file and
 * its parts. Per lender: its official number, its payment instructions, a policy over the §3
 * defaults, and its own wording of the messages by name (src/messages/template-names.ts), per
 * locale. Strict objects throughout: a misspelt key is an error naming it, never a default.
 */

/** A policy over the §3 defaults that keeps every legal floor (legal-floors.ts). */
const LenderPolicySchema = PolicyOverrideSchema.superRefine((p, ctx) => {
  try {
    // A lender's accounts may be anywhere: its policy keeps every jurisdiction's floor.
    resolvePolicy(p, 'unknown');
  } catch (err) {
    for (const issue of (err as { issues?: { path: string; message: string }[] }).issues ?? []) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path.split('.').slice(1),
        message: issue.message,
      });
    }
  }
});

export const LenderSchema = z.strictObject({
  /** CONTRACTS §8: given with the lender's name when a debtor asks who is writing. */
  hotline: z.string().trim().min(1, 'expected a phone number').max(40, 'at most 40 characters').optional(),
  /** CONTRACTS §8: quoted verbatim when a debtor asks how to pay. */
  howToPay: z
    .string()
    .trim()
    .min(1, 'expected payment instructions')
    .max(200, 'at most 200 characters')
    .optional(),
  policy: LenderPolicySchema.optional(),
  templates: z
    .strictObject({ 'zh-CN': LocaleTemplatesSchema.optional(), 'en-US': LocaleTemplatesSchema.optional() })
    .optional(),
});
export type Lender = z.infer<typeof LenderSchema>;

/** Why a name may not sign every SMS as an account's `lender` (≤ 20 characters, lender-name.ts), or null. */
function lenderNameIssue(name: string): string | null {
  if (name.trim() === '') return 'expected a lender name';
  if (name.length > 20) return 'a lender name has at most 20 characters';
  return checkLenderName(name);
}

export const LenderConfigSchema = z.strictObject({
  // Names checked here rather than as the record's key schema, so an error names the key itself.
  lenders: z.record(z.string(), LenderSchema).superRefine((lenders, ctx) => {
    for (const name of Object.keys(lenders)) {
      const refused = lenderNameIssue(name);
      if (refused !== null) ctx.addIssue({ code: 'custom', path: [name], message: refused });
    }
  }),
});
export type LenderConfig = z.infer<typeof LenderConfigSchema>;

/** The lenders by name, as every part of the service reads them. Empty: no configuration file. */
export type LenderBook = Readonly<Record<string, Lender>>;

export const NO_LENDERS: LenderBook = Object.freeze({});

/** A lender's own wording in one locale (validated by LocaleTemplatesSchema). */
export const templatesOf = (lender: Lender | undefined, locale: Locale): TemplateOverrides | undefined =>
  lender?.templates?.[locale] as TemplateOverrides | undefined;
