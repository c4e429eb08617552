import { readFileSync } from 'node:fs';
import type { Intent, ParseContext } from '../schema.ts';
import { classifierCanDecide, decideHybrid } from './hybrid.ts';
import { decodePinyinTable } from './pinyin-table.ts';
import {
  loadPredictor,
  ModelFileSchema,
  type HybridThresholds,
  type Prediction,
  type Predictor,
} from './model-file.ts';

/**
 * The committed intent model (model.json, written by `npm run train:intent`), loaded once on
 * first use: a parser that never consults the classifier never pays for reading it.
 */

export const MODEL_PATH = new URL('./model.json', import.meta.url);

let predictor: Predictor | undefined;

export function committedPredictor(): Predictor {
  if (!predictor) {
    const file = ModelFileSchema.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
    predictor = loadPredictor(file, decodePinyinTable(file.pinyin));
  }
  return predictor;
}

/** The committed model's intent for normalised text (normalize() from ../normalize.ts). Never throws on text. */
export function predictIntent(normText: string, context: ParseContext): Prediction {
  return committedPredictor().predict(normText, context);
}

export function modelThresholds(): HybridThresholds {
  return committedPredictor().hybrid;
}

/**
 * For src/parse/index.ts: the intent to report, given the rules' intent and confidence (1 when
 * the rules have no score) and the normalised text. Runs the classifier only when it can change
 * the answer, so with the shipped thresholds most messages never pay for it.
 */
export function hybridIntent(
  rulesIntent: Intent,
  rulesConfidence: number,
  normText: string,
  context: ParseContext,
): Intent {
  const t = modelThresholds();
  if (!classifierCanDecide(rulesIntent, rulesConfidence, t)) return rulesIntent;
  return decideHybrid(rulesIntent, rulesConfidence, predictIntent(normText, context), t);
}
