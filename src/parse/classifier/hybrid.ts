import type { Intent } from '../schema.ts';
import type { HybridThresholds, Prediction } from './model-file.ts';

/**
 * Rules first, the classifier second: how the two intents are combined (pure; the committed
 * model's `hybridIntent` in model.ts applies it). The thresholds are chosen by cross-validation
 * on the training files only (scripts/train-intent.ts) and stored in the model file.
 */

/** Rules reporting a confidence under this are treated as if they had said `other`. */
export const RULES_UNSURE_BELOW = 0.5;

/**
 * An intent above accept in the §2 precedence table that the rules saw (a stop request, a third
 * party, a dispute, a payment claim, a complaint, an insult, a call for a person) is never
 * overridden: the rules found its own words, and precedence says it wins. Overriding them would
 * also be the costly mistake (sending to someone who said stop, telling a stranger about the
 * debt, CONTRACTS §4), while a false one only pauses one conversation until a person looks. On
 * the blind batches such overrides were right as often as wrong.
 */
const NEVER_OVERRIDDEN: ReadonlySet<Intent> = new Set<Intent>([
  'opt_out',
  'wrong_party',
  'dispute',
  'already_paid',
  'complaint',
  'abusive',
  'request_human',
]);

/** The pure decision, for evaluation and for callers that already hold a prediction. */
export function decideHybrid(
  rulesIntent: Intent,
  rulesConfidence: number,
  prediction: Prediction,
  t: HybridThresholds,
): Intent {
  // A question the rules read (A同B有咩分別) is never turned into agreeing to a plan: accepting
  // acts on the debtor's behalf, asking does not.
  if (rulesIntent === 'question' && prediction.intent === 'accept') return rulesIntent;
  // A greeting or an acknowledgement the rules recognised (other at 0.9) stays `other`.
  if (rulesConfidence < RULES_UNSURE_BELOW)
    return prediction.p >= t.otherAt ? prediction.intent : rulesIntent;
  if (rulesIntent === 'other' || NEVER_OVERRIDDEN.has(rulesIntent) || t.overrideAt === null)
    return rulesIntent;
  return prediction.p >= t.overrideAt ? prediction.intent : rulesIntent;
}

/** Whether the classifier needs to run at all: callers skip its cost when it cannot change the answer. */
export function classifierCanDecide(
  rulesIntent: Intent,
  rulesConfidence: number,
  t: HybridThresholds,
): boolean {
  if (rulesConfidence < RULES_UNSURE_BELOW) return true;
  return t.overrideAt !== null && rulesIntent !== 'other' && !NEVER_OVERRIDDEN.has(rulesIntent);
}
