import { parseInstant, type Instant } from '../time/calendar.ts';
import { findAmounts, pickAmount } from './amount.ts';
import { findDates, payFollows, pickDate } from './dates.ts';
import { findInstallments } from './installments.ts';
import { canonical } from './canonical.ts';
import { repairHomophones } from './homophones.ts';
import { correctSpelling } from './spelling.ts';
import { views } from './clauses.ts';
import { detectHardship } from './hardship.ts';
import { classify } from './intent.ts';
import type { Locale, ParseContext, Parsed } from './schema.ts';

export * from './schema.ts';
export { normalize } from './normalize.ts';
export { canonical } from './canonical.ts';
export { classify, type IntentFeatures } from './intent.ts';

export interface ParseOptions {
  context?: ParseContext;
  locale?: Locale;
  /** The reference instant with its UTC offset (ISO string or parsed); required: the core reads no clock. */
  now: string | Instant;
}

/**
 * An SMS is at most a few hundred characters; longer input is cut before matching so that a
 * 10 000-character paste costs the same as a long SMS (every regex here is linear, the cut bounds
 * the constant).
 */
export const MAX_ANALYSED_CHARS = 2000;

/**
 * Intents whose dates are about something else (a past payment, a complaint filed today): their
 * date counts only when a payment follows it (已经还了1000,剩下的月底还; 别发了,明天还500).
 */
const NOT_ABOUT_PAYING = new Set(['already_paid', 'complaint', 'abusive', 'opt_out', 'request_human']);

/** One raw debtor SMS → meaning (CONTRACTS §2). Pure: same input, same output; never throws on text. */
export function parse(text: string, options: ParseOptions): Parsed {
  const now = typeof options.now === 'string' ? parseInstant(options.now) : options.now;
  if (!now) throw new RangeError(`now: not an ISO 8601 instant with an offset: ${String(options.now)}`);
  const context = options.context ?? 'reminder';
  // English slips are rare tokens and cheap to look up: corrected on every message.
  const spelled = correctSpelling(canonical(String(text).slice(0, MAX_ANALYSED_CHARS)));
  const norm = spelled.text;
  const spelling = spelled.corrections.length ? [`spelling(${list(spelled.corrections)})`] : [];
  const rules = analyse(norm, context, now);
  const first = withRepairs(rules, spelling);
  if (!needsRepair(first) || !HAS_HAN.test(norm)) return first;
  // The lexicons found nothing or were unsure: try the text with homophone slips repaired.
  const r = repairHomophones(norm);
  if (r.repairs.length === 0) return first;
  // Judged on the rules' own confidence: a repaired reading wins when it is surer, or when the
  // first found nothing at all.
  const second = analyse(r.text, context, now);
  // …or, reading the same intent, it finds a field the first missed (失叶 → 失业: a hardship).
  const addsField = second.intent === first.intent && filled(second) > filled(first);
  if (
    second.intent === 'other' ||
    (first.intent !== 'other' && second.confidence <= rules.confidence && !addsField)
  )
    return first;
  return withRepairs(second, [...spelling, `pinyin(${list(r.repairs)})`]);
}

const filled = (r: Parsed): number =>
  [r.amount, r.date, r.installments, r.hardship].filter((x) => x !== null).length;

const list = (xs: { from: string; to: string }[]): string => xs.map((x) => `${x.from}→${x.to}`).join(',');

/** A reading of repaired text is less sure (15 % per layer that changed it) and says which. */
function withRepairs(r: Parsed, how: string[]): Parsed {
  if (how.length === 0) return r;
  return {
    ...r,
    confidence: round2(r.confidence * 0.85 ** how.length),
    reason: `${r.reason}+${how.join('+')}`,
  };
}

/**
 * Below this rule-level confidence, or on `other` and `question` (where a keyword it could not
 * read ends up), the parser tries the repair layers.
 */
const UNSURE = 0.8;
// A figure without a day may have its day misspelled (月低还500), a hardship its cause (失叶).
const needsRepair = (r: Parsed): boolean =>
  r.intent === 'other' ||
  r.intent === 'question' ||
  r.confidence < UNSURE ||
  (r.intent === 'offer_amount' && r.date === null) ||
  (r.intent === 'no_money' && r.hardship === null);
const HAS_HAN = /\p{Script=Han}/u;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The rules over one canonical text: clause views, fields, intent. */
function analyse(norm: string, context: ParseContext, now: Instant): Parsed {
  const v = views(norm);
  // Fields come from the clauses about this debt only (another bill's day is not a pay day).
  const scope = v.focus;
  const dates = findDates(scope, now);
  const date = pickDate(scope, dates, now.localDate);
  const amount = pickAmount(findAmounts(scope, dates));
  const installments = findInstallments(scope);
  const hardship = detectHardship(v.asserted);
  const dateAt = dates.find((d) => d.date === date)?.start ?? null;
  const decision = classify(
    { asserted: v.asserted, focus: v.focus || v.asserted, insult: v.insult },
    context,
    { amount, date, installments, hardship, dateAt },
  );
  const intent = decision.intent;
  // Figures and dates in a dispute or a wrong-party reply are claims about the debt, not money
  // or a day offered; a deadline asked about is the lender's date, not the debtor's.
  const aboutTheDebt = intent === 'dispute' || intent === 'wrong_party';
  return {
    intent,
    // A third party's circumstances (很久没联络了) are not the debtor's hardship.
    hardship: intent === 'wrong_party' ? null : hardship,
    amount: aboutTheDebt ? null : amount,
    installments,
    date:
      aboutTheDebt ||
      intent === 'question' ||
      (NOT_ABOUT_PAYING.has(intent) && !payFollows(scope, dates, date))
        ? null
        : date,
    confidence: decision.confidence,
    reason: decision.reason,
  };
}
