import { guard, type GuardRule } from '../compliance/guard.ts';
import type { Account } from '../dialogue/types.ts';
import { rendered } from '../messages/index.ts';
import { MAX_SMS_CHARS } from '../messages/sms-parts.ts';
import { toMajor } from '../money.ts';
import {
  PLACEHOLDER_RE,
  TemplateNameSchema,
  type TemplateName,
  type TemplateOverrides,
} from '../messages/template-names.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { resolvePolicy } from '../planning/policy.ts';
import { zonedEpoch } from '../time/timezone.ts';
import { LocaleSchema, type Locale } from '../vocabulary.ts';
import { withLender } from './layering.ts';
import { sampleAccounts, sampleFor, SAMPLE_TODAY, withSampleContacts } from './samples.ts';
import { templatesOf, type Lender, type LenderBook } from './schema.ts';

/**
 * The start-up check of a lender's wording (CONTRACTS §10): every override is rendered with
 * sample data (samples.ts) as a conversation renders it, and put through the one guard
 * (src/compliance/guard.ts) at noon on the debtor's clock with no history, so only what the text
 * says is judged. An override the guard would block, one over the SMS limit, or one the sample
 * message does not use is an issue naming its key and the rule.
 */

export interface TemplateIssue {
  /** The key in the file: lenders.<name>.templates.<locale>.<template>[.<wording>]. */
  path: string;
  /** The guard's rule that blocks it, or `unused` (the composer would not say it). */
  rule: GuardRule | 'unused';
  reason: string;
}

type Problem = Omit<TemplateIssue, 'path'>;

/** The fixed words of a wording: a text that uses it contains each. */
const literals = (wording: string): string[] =>
  wording
    .split(PLACEHOLDER_RE)
    .filter((_, i) => i % 2 === 0)
    .map((s) => s.trim().replace(/^好的,/, ''))
    .filter((s) => s !== '');

/** One sample debtor reading the wording at `variant`: what is wrong, or null. */
function checkOne(
  raw: Account,
  lender: Lender,
  name: TemplateName,
  templates: TemplateOverrides,
  variant: 0 | 1,
): Problem | null {
  let account = withSampleContacts(withLender(raw, lender));
  const policy = resolvePolicy(account.policy, jurisdictionOf(account));
  const sample = sampleFor(name, account, policy);
  if (sample.overdueDays !== undefined) account = { ...account, overdueDays: sample.overdueDays };
  const ctx = { account, today: SAMPLE_TODAY, templates };
  // The second wording is what the composer sends when the first would repeat the last text.
  const first = rendered(sample.draft, ctx);
  const text = variant === 0 ? first : rendered(sample.draft, { ...ctx, previous: first });
  const who = `for ${JSON.stringify(account.debtorName)} owing ${toMajor(account.balance)} ${account.currency}`;
  const wording = templates[name]![variant]!;
  // Case aside: the English greeting lower-cases a sentence's first letter (Hi Maria, your …).
  const lower = text.toLowerCase();
  if (!literals(wording).every((l) => lower.includes(l.toLowerCase())))
    return { rule: 'unused', reason: `the sample message does not use this wording (${who}: ${text})` };
  const verdict = guard({
    text,
    kind: sample.draft.kind,
    acts: sample.draft.acts,
    locale: account.locale,
    lender: account.lender,
    timezone: account.timezone,
    quietHours: policy.quietHours,
    maxProactivePerDay: policy.maxProactivePerDay,
    now: zonedEpoch(SAMPLE_TODAY, 12 * 60, account.timezone),
    optedOut: sample.optedOut === true,
    optOutConfirmationSent: false,
    wrongParty: sample.wrongParty === true,
    proactiveSentAt: [],
    repliesToThisInbound: 0,
  });
  const v = verdict.violations[0];
  if (verdict.action !== 'block' || v === undefined) return null;
  const length = v.rule === 'max_length' ? ` (the SMS limit is ${MAX_SMS_CHARS})` : '';
  return { rule: v.rule, reason: `${v.reason}${length}, rendered ${who}: ${text}` };
}

function checkWording(
  lenderName: string,
  lender: Lender,
  locale: Locale,
  name: TemplateName,
  templates: TemplateOverrides,
  variant: 0 | 1,
): Problem | null {
  for (const account of sampleAccounts(locale, lenderName)) {
    const problem = checkOne(account, lender, name, templates, variant);
    if (problem) return problem;
  }
  return null;
}

/** Every issue of every lender's wording, in file order. Empty: every override may be sent. */
export function checkLenderTemplates(book: LenderBook): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const [lenderName, lender] of Object.entries(book)) {
    for (const locale of LocaleSchema.options) {
      const templates = templatesOf(lender, locale);
      if (!templates) continue;
      for (const key of Object.keys(templates)) {
        const name = TemplateNameSchema.parse(key);
        const wordings = templates[name]!;
        wordings.forEach((_, i) => {
          const problem = checkWording(lenderName, lender, locale, name, templates, i as 0 | 1);
          if (problem === null) return;
          const suffix = wordings.length > 1 ? `.${i}` : '';
          issues.push({ path: `lenders.${lenderName}.templates.${locale}.${name}${suffix}`, ...problem });
        });
      }
    }
  }
  return issues;
}
