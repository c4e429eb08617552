import { parseInstant, type Instant } from '../time/calendar.ts';
import { findAmounts, pickAmount } from './amount.ts';
import { findDates } from './dates.ts';
import { payFollows, pickDate } from './date-choice.ts';
import { findInstallments } from './installments.ts';
import { layers } from './canonical.ts';
import { repairHomophones } from './homophones.ts';
import { correctSpelling, hasReadableWords } from './spelling.ts';
import { views } from './clauses.ts';
import { detectHardship } from './hardship.ts';
import { classify } from './intent.ts';
import { classifierCanDecide, decideHybrid, modelThresholds, predictIntent } from './classifier/index.ts';
import { normalize } from './normalize.ts';
import { forgetScans } from './literal-scan.ts';
import type { Intent, Locale, ParseContext, Parsed } from './schema.ts';

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
const NOT_ABOUT_PAYING = new Set([
  'already_paid',
  'complaint',
  'abusive',
  'opt_out',
  'request_human',
  'decline',
]);

// A batch of messages usually shares one reference instant: read its string once.
let lastNow: { text: string; instant: Instant | null } | undefined;
function instantOf(text: string): Instant | null {
  if (lastNow?.text !== text) lastNow = { text, instant: parseInstant(text) };
  return lastNow.instant;
}

/** One raw debtor SMS → meaning (CONTRACTS §2). Pure: same input, same output; never throws on text. */
export function parse(text: string, options: ParseOptions): Parsed {
  const { cut, context, now } = prepare(text, options);
  // The gates' scans are remembered within one message only (literal-scan.ts).
  forgetScans();
  const ruled = readByRules(cut, context, now);
  // The classifier reads what the rules could not (CONTRACTS §2 precedence stays the rules'):
  // where they said `other` or were unsure, and over them only when it is very sure.
  const { intent, confidence } = ruled.parsed;
  const t = modelThresholds();
  if (!classifierCanDecide(intent, confidence, t) || datedPromise(ruled.parsed)) return ruled.parsed;
  // The classifier was trained on normalize()d text (scripts/train-intent.ts), not the canonical.
  const norm = ruled.normalized ?? normalize(cut);
  if (!hasReadableWords(norm)) return ruled.parsed;
  const prediction = predictIntent(norm, context);
  const chosen = decideHybrid(intent, confidence, prediction, t);
  if (chosen === intent) return ruled.parsed;
  return parsedFor(
    ruled.analysis,
    chosen,
    round2(Math.min(CLASSIFIER_CONFIDENCE_CAP, prediction.p)),
    `classifier(p=${round2(prediction.p)}; rules: ${ruled.parsed.reason})`,
  );
}

/** A figure with a day to pay it: the classifier reads no dates, so it cannot weigh this commitment. */
const datedPromise = (p: Parsed): boolean =>
  p.intent === 'promise_to_pay' && p.date !== null && p.amount !== null;

/**
 * A reading only the classifier made is never sure: its p is not calibrated on unseen text (on
 * the blind batches of test/fixtures/README.md its decisions were right about five times in six),
 * so it never reads as surer than 0.7: the dialogue's reading check (machines/reading-check.ts)
 * asks before acting on anything below that, and an option the option reader names outright
 * (CONTRACTS §8) still agrees at once.
 */
const CLASSIFIER_CONFIDENCE_CAP = 0.7;

/** The rules alone, without the classifier: for training and measuring it (scripts/train-intent.ts). */
export function parseByRules(text: string, options: ParseOptions): Parsed {
  const { cut, context, now } = prepare(text, options);
  forgetScans();
  return readByRules(cut, context, now).parsed;
}

function prepare(text: string, options: ParseOptions): { cut: string; context: ParseContext; now: Instant } {
  const now = typeof options.now === 'string' ? instantOf(options.now) : options.now;
  if (!now) throw new RangeError(`now: not an ISO 8601 instant with an offset: ${String(options.now)}`);
  return { cut: String(text).slice(0, MAX_ANALYSED_CHARS), context: options.context ?? 'reminder', now };
}

/** The rules' reading: the canonical text, then, when they are unsure, its homophone repair. */
function readByRules(
  cut: string,
  context: ParseContext,
  now: Instant,
): { parsed: Parsed; analysis: Analysis; normalized: string | null } {
  // English slips are rare tokens and cheap to look up: corrected on every message.
  const { canonical, normalized } = layers(cut);
  const spelled = correctSpelling(canonical);
  const norm = spelled.text;
  const spelling = spelled.corrections.length ? [`spelling(${list(spelled.corrections)})`] : [];
  const analysis = analyse(norm, context, now);
  const rules = analysis.parsed;
  const first = { parsed: withRepairs(rules, spelling), analysis, normalized };
  if (!needsRepair(first.parsed) || !HAS_HAN.test(norm)) return first;
  // The lexicons found nothing or were unsure: try the text with homophone slips repaired.
  const r = repairHomophones(norm);
  if (r.repairs.length === 0) return first;
  // Judged on the rules' own confidence: a repaired reading wins when it is surer, or when the
  // first found nothing at all.
  const repaired = analyse(r.text, context, now);
  const second = repaired.parsed;
  // …or, reading the same intent, it finds a field the first missed (失叶 → 失业: a hardship).
  const addsField = second.intent === first.parsed.intent && filled(second) > filled(first.parsed);
  if (
    second.intent === 'other' ||
    (first.parsed.intent !== 'other' && second.confidence <= rules.confidence && !addsField)
  )
    return first;
  return {
    parsed: withRepairs(second, [...spelling, `pinyin(${list(r.repairs)})`]),
    analysis: repaired,
    normalized,
  };
}

const filled = (r: Parsed): number =>
  [r.amount, r.date, r.installments, r.hardship].filter((x) => x !== null).length;

const list = (xs: { from: string; to: string }[]): string => xs.map((x) => `${x.from}→${x.to}`).join(',');

/** A reading of repaired text is less sure (15 % per layer that changed it) and says which. */
function withRepairs(r: Parsed, how: string[]): Parsed {
  if (how.length === 0) return r;
  return withDecision(r, round2(r.confidence * 0.85 ** how.length), `${r.reason}+${how.join('+')}`);
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
const CURRENCY = /[$¥元块蚊]|\b(?:dollars?|bucks|usd|rmb)\b/;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** What the rules found in one canonical text, before the intent decides which fields count. */
interface Analysis {
  parsed: Parsed;
  scope: string;
  dates: ReturnType<typeof findDates>;
  raw: Pick<Parsed, 'amount' | 'date' | 'installments' | 'hardship'>;
}

/** The rules over one canonical text: clause views, fields, intent. */
function analyse(norm: string, context: ParseContext, now: Instant): Analysis {
  const v = views(norm);
  // Fields come from the clauses about this debt only (another bill's day is not a pay day).
  const scope = v.focus;
  const dates = findDates(scope, now);
  const date = pickDate(scope, dates, now.localDate);
  const installments = findInstallments(scope);
  // "more payments? like 10": the count, not a sum (a bare figure equal to the count it names)
  const picked = pickAmount(findAmounts(scope, dates));
  const amount = picked !== null && picked === installments && !CURRENCY.test(scope) ? null : picked;
  const hardship = detectHardship(v.asserted);
  const dateAt = dates.find((d) => d.date === date)?.start ?? null;
  const decision = classify(
    { asserted: v.asserted, focus: v.focus || v.asserted, insult: v.insult },
    context,
    { amount, date, installments, hardship, dateAt },
  );
  const partial = { scope, dates, raw: { amount, date, installments, hardship } };
  return {
    scope,
    dates,
    raw: partial.raw,
    parsed: parsedFor(partial, decision.intent, decision.confidence, decision.reason),
  };
}

/**
 * The fields an intent keeps of what the rules found, with its decision. Every Parsed is built
 * by these two as one literal in one key order (the order JSON output shows): an object spread
 * followed by more keys made V8 build a fresh hidden class on every parse (about a quarter of a
 * short message's time, docs/decisions.md).
 */
function parsedFor(a: Omit<Analysis, 'parsed'>, intent: Intent, confidence: number, reason: string): Parsed {
  const { amount, date, installments, hardship } = a.raw;
  // Figures and dates in a dispute or a wrong-party reply are claims about the debt, not money
  // or a day offered; a deadline asked about is the lender's date, not the debtor's.
  const aboutTheDebt = intent === 'dispute' || intent === 'wrong_party';
  return {
    intent,
    // A third party's circumstances (很久没联络了) are not the debtor's hardship, nor is a hardship
    // word asked about ("what do you mean by temporary?").
    hardship: intent === 'wrong_party' || reason === 'question.what-it-means' ? null : hardship,
    amount: aboutTheDebt ? null : amount,
    // …nor is a count of payments they say were made (我之前還嗰兩期都冇計到).
    installments: aboutTheDebt ? null : installments,
    date:
      aboutTheDebt ||
      intent === 'question' ||
      (NOT_ABOUT_PAYING.has(intent) && !payFollows(a.scope, a.dates, date))
        ? null
        : date,
    confidence,
    reason,
  };
}

/** `r` with another confidence and reason, its keys in the same order. */
const withDecision = (r: Parsed, confidence: number, reason: string): Parsed => ({
  intent: r.intent,
  hardship: r.hardship,
  amount: r.amount,
  installments: r.installments,
  date: r.date,
  confidence,
  reason,
});
