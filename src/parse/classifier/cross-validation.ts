import type { Intent } from '../schema.ts';
import { decideHybrid } from './hybrid.ts';
import type { HybridThresholds, Prediction } from './model-file.ts';

/**
 * Leave-one-file-out evaluation of rules, classifier and hybrid, and the choice of the hybrid's
 * thresholds from training folds only. Pure: the caller supplies the messages (with the rules'
 * intent already computed) and a `fit` that trains on some and returns a predictor.
 */

export interface EvalMessage {
  file: string;
  normText: string;
  context: 'reminder' | 'clarify' | 'offer';
  gold: Intent;
  rules: Intent;
  /** The rules' confidence; when absent, `other` is their fallback (0.45) and anything else sure (1). */
  rulesConfidence?: number;
}

export type Fit = (training: readonly EvalMessage[]) => (m: EvalMessage) => Prediction;

export interface Score {
  accuracy: number;
  macroF1: number;
}

/** Accuracy and macro-F1 over the intents present in the gold labels (as src/parse/evaluate.ts). */
export function score(gold: readonly Intent[], got: readonly Intent[]): Score {
  const tp = new Map<Intent, number>();
  const predicted = new Map<Intent, number>();
  const support = new Map<Intent, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = got[i]!;
    support.set(g, (support.get(g) ?? 0) + 1);
    predicted.set(p, (predicted.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    }
  });
  let f1Sum = 0;
  for (const [intent, n] of support) {
    const t = tp.get(intent) ?? 0;
    const precision = predicted.get(intent) ? t / predicted.get(intent)! : 0;
    const recall = t / n;
    f1Sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return {
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: support.size ? f1Sum / support.size : 0,
  };
}

/**
 * Candidate thresholds, the most conservative first: a later candidate replaces an earlier one
 * only when strictly better, so ties keep the classifier out.
 */
const OTHER_AT = [1.01, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0];
const OVERRIDE_AT: (number | null)[] = [null, 0.99, 0.98, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5];

export const THRESHOLD_GRID: HybridThresholds[] = OTHER_AT.flatMap((otherAt) =>
  OVERRIDE_AT.map((overrideAt) => ({ otherAt, overrideAt })),
);

/** The hybrid's intents for messages whose out-of-fold predictions are known. */
export function hybridIntents(
  msgs: readonly EvalMessage[],
  predictions: readonly Prediction[],
  t: HybridThresholds,
): Intent[] {
  return msgs.map((m, i) =>
    decideHybrid(m.rules, m.rulesConfidence ?? (m.rules === 'other' ? 0.45 : 1), predictions[i]!, t),
  );
}

/** The grid point with the best hybrid accuracy on out-of-fold predictions. */
export function chooseThresholds(
  msgs: readonly EvalMessage[],
  predictions: readonly Prediction[],
): HybridThresholds {
  const gold = msgs.map((m) => m.gold);
  let best = THRESHOLD_GRID[0]!;
  let bestAcc = -1;
  for (const t of THRESHOLD_GRID) {
    const acc = score(gold, hybridIntents(msgs, predictions, t)).accuracy;
    if (acc > bestAcc) {
      best = t;
      bestAcc = acc;
    }
  }
  return best;
}

/** Each file's messages predicted by a model fitted on the other files. */
export function outOfFold(msgs: readonly EvalMessage[], files: readonly string[], fit: Fit): Prediction[] {
  const out: Prediction[] = new Array(msgs.length);
  for (const held of files) {
    const predict = fit(msgs.filter((m) => m.file !== held));
    msgs.forEach((m, i) => {
      if (m.file === held) out[i] = predict(m);
    });
  }
  return out;
}

export interface FoldResult {
  file: string;
  messages: number;
  rules: Score;
  classifier: Score;
  hybrid: Score;
  thresholds: HybridThresholds;
  /** Messages whose intent the hybrid changed from the rules', and how many of those changes were right. */
  changed: number;
  changedRight: number;
}

/**
 * Leave one file out, for each file: thresholds come from an inner leave-one-file-out over the
 * remaining files, never from the held-out one. Also returns the outer out-of-fold predictions,
 * from which the shipped thresholds are chosen.
 */
export function leaveOneFileOut(
  msgs: readonly EvalMessage[],
  files: readonly string[],
  fit: Fit,
  progress: (line: string) => void = () => {},
): { folds: FoldResult[]; predictions: Prediction[] } {
  const predictions: Prediction[] = new Array(msgs.length);
  const folds = files.map((held) => {
    const trainFiles = files.filter((f) => f !== held);
    const training = msgs.filter((m) => m.file !== held);
    const thresholds = chooseThresholds(training, outOfFold(training, trainFiles, fit));
    const predict = fit(training);
    const test = msgs.filter((m) => m.file === held);
    const preds = test.map(predict);
    let j = 0;
    msgs.forEach((m, i) => {
      if (m.file === held) predictions[i] = preds[j++]!;
    });
    const gold = test.map((m) => m.gold);
    const hybrid = hybridIntents(test, preds, thresholds);
    const changed = test.filter((m, i) => hybrid[i] !== m.rules);
    const result: FoldResult = {
      file: held,
      messages: test.length,
      rules: score(
        gold,
        test.map((m) => m.rules),
      ),
      classifier: score(
        gold,
        preds.map((p) => p.intent),
      ),
      hybrid: score(gold, hybrid),
      thresholds,
      changed: changed.length,
      changedRight: test.filter((m, i) => hybrid[i] !== m.rules && hybrid[i] === m.gold).length,
    };
    progress(`held out ${held}: thresholds ${JSON.stringify(thresholds)}`);
    return result;
  });
  return { folds, predictions };
}
