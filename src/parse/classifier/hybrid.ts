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
 * A stop request the rules saw is never overridden: sending to someone who said stop is a
 * compliance breach, while a false opt-out only ends one conversation early.
 */
const NEVER_OVERRIDDEN: ReadonlySet<Intent> = new Set<Intent>(['opt_out']);

/** The pure decision, for evaluation and for callers that already hold a prediction. */
export function decideHybrid(
  rulesIntent: Intent,
  rulesConfidence: number,
  prediction: Prediction,
  t: HybridThresholds,
): Intent {
  if (rulesIntent === 'other' || rulesConfidence < RULES_UNSURE_BELOW)
    return prediction.p >= t.otherAt ? prediction.intent : rulesIntent;
  if (NEVER_OVERRIDDEN.has(rulesIntent) || t.overrideAt === null) return rulesIntent;
  return prediction.p >= t.overrideAt ? prediction.intent : rulesIntent;
}

/** Whether the classifier needs to run at all: callers skip its cost when it cannot change the answer. */
export function classifierCanDecide(
  rulesIntent: Intent,
  rulesConfidence: number,
  t: HybridThresholds,
): boolean {
  if (rulesIntent === 'other' || rulesConfidence < RULES_UNSURE_BELOW) return true;
  return t.overrideAt !== null && !NEVER_OVERRIDDEN.has(rulesIntent);
}
