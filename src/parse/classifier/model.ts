import { readFileSync } from 'node:fs';
import type { ParseContext } from '../schema.ts';
import { decodePinyinTable } from './pinyin-table.ts';
import { loadPredictor, ModelFileSchema, type HybridThresholds, type Prediction, type Predictor } from './model-file.ts';

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
