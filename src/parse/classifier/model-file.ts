import { z } from 'zod';
import { IntentSchema, INTENTS, type Intent, type ParseContext } from '../schema.ts';
import { FEATURE_BITS, FEATURE_DIM, MAX_FEATURES, writeFeatures } from './features.ts';
import { PinyinTableDataSchema, type PinyinTable } from './pinyin-table.ts';
import type { SoftmaxWeights } from './train.ts';

/**
 * The committed model file (model.json) and the predictor it loads into. Weights are quantised
 * to int8 per bucket (one float scale per bucket) and near-zero buckets are pruned, so the file
 * stays small; training scores its folds through this same encoding, so the measured accuracy
 * is the shipped model's.
 */

export const HybridThresholdsSchema = z.object({
  /** The classifier overrides a rules intent other than `other` when its p reaches this; null = never. */
  overrideAt: z.number().nullable(),
  /** When the rules say `other`, the classifier's intent is taken when its p reaches this. */
  otherAt: z.number(),
});
export type HybridThresholds = z.infer<typeof HybridThresholdsSchema>;

export const TrainingMetaSchema = z.object({
  script: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string(), messages: z.number().int() })),
  /** The newest commit date among the training files (the data's date, never the wall clock). */
  dataDate: z.string().nullable(),
  perIntent: z.record(z.string(), z.number().int()),
  hyper: z.object({
    l2: z.number(),
    maxIterations: z.number(),
    memory: z.number(),
    tolerance: z.number(),
    pruneBelow: z.number(),
  }),
  randomness: z.string(),
  iterations: z.number().int(),
  objective: z.number(),
  featuresSeen: z.number().int(),
  pinyinSource: z.string(),
});
export type TrainingMeta = z.infer<typeof TrainingMetaSchema>;

export const ModelFileSchema = z.object({
  format: z.literal('huikuan-intent-softmax/1'),
  /** Every intent once, in the order of the weights' columns. */
  classes: z
    .array(IntentSchema)
    .length(INTENTS.length)
    .refine((c) => new Set(c).size === c.length, 'each intent once'),
  featureBits: z.literal(FEATURE_BITS),
  bias: z.array(z.number()),
  /** Base64: LEB128 gaps between ascending buckets; float32 LE scales; int8 weights, classes per bucket. */
  buckets: z.string(),
  scales: z.string(),
  weights: z.string(),
  hybrid: HybridThresholdsSchema,
  pinyin: PinyinTableDataSchema,
  training: TrainingMetaSchema,
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

/** The row table's mark for a pruned bucket. */
const NO_ROW = 0xffff;

export interface Prediction {
  intent: Intent;
  /** The probability of `intent`. */
  p: number;
  /** One probability per intent, summing to 1. */
  distribution: Record<Intent, number>;
}

export interface Predictor {
  predict(normText: string, context: ParseContext): Prediction;
  readonly hybrid: HybridThresholds;
  readonly buckets: number;
}

/** Quantises trained weights: buckets whose largest |weight| is under `pruneBelow` are dropped. */
export function encodeWeights(
  w: SoftmaxWeights,
  pruneBelow: number,
): Pick<ModelFile, 'bias' | 'buckets' | 'scales' | 'weights'> {
  const K = w.classes;
  const gaps: number[] = [];
  const scales: number[] = [];
  const q: number[] = [];
  let prev = 0;
  for (let r = 0; r < w.buckets.length; r++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(w.weights[r * K + k]!));
    if (max < pruneBelow) continue;
    const scale = Math.fround(max / 127);
    for (let k = 0; k < K; k++) q.push(Math.round(w.weights[r * K + k]! / scale));
    scales.push(scale);
    let gap = w.buckets[r]! - prev;
    prev = w.buckets[r]!;
    do {
      gaps.push((gap & 0x7f) | (gap >= 0x80 ? 0x80 : 0));
      gap >>>= 7;
    } while (gap > 0);
  }
  return {
    bias: Array.from(w.bias, (b) => Math.fround(b)),
    buckets: Buffer.from(gaps).toString('base64'),
    scales: Buffer.from(Float32Array.from(scales).buffer).toString('base64'),
    weights: Buffer.from(Int8Array.from(q).buffer).toString('base64'),
  };
}

/** What a predictor needs of a model file: training scores its folds from this part alone. */
export type PredictorPart = Pick<ModelFile, 'classes' | 'bias' | 'buckets' | 'scales' | 'weights' | 'hybrid'>;

/**
 * Decodes a model file into a predictor. The weights stay int8 with one scale per bucket, and a
 * bucket finds its row through a 16-bit table: 1 MB of memory where float rows and a 32-bit
 * table took 3 MB (no faster: a prediction reads about fifty rows at random either way). Each
 * weight is rounded to float32 as when the rows were float32, so the scores are the same.
 */
export function loadPredictor(file: PredictorPart, pinyin: PinyinTable): Predictor {
  const K = file.classes.length;
  const gaps = Buffer.from(file.buckets, 'base64');
  const scaleBytes = Buffer.from(file.scales, 'base64');
  const q = new Int8Array(Buffer.from(file.weights, 'base64'));
  const rows = scaleBytes.length / 4;
  if (q.length !== rows * K) throw new Error(`model: ${q.length} weights for ${rows} buckets × ${K} classes`);
  if (rows >= NO_ROW) throw new Error(`model: ${rows} buckets; at most ${NO_ROW - 1} fit the row table`);
  const rowOf = new Uint16Array(FEATURE_DIM).fill(NO_ROW);
  const rowScale = new Float32Array(rows);
  let bucket = 0;
  let at = 0;
  for (let r = 0; r < rows; r++) {
    let gap = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = gaps[at++]!;
      gap |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    bucket += gap;
    rowOf[bucket] = r;
    rowScale[r] = scaleBytes.readFloatLE(4 * r);
  }
  const bias = Float64Array.from(file.bias);
  const classes = file.classes;
  const scores = new Float64Array(K);
  const sums = new Float64Array(K);
  const features = new Uint32Array(MAX_FEATURES);

  return {
    hybrid: file.hybrid,
    buckets: rows,
    predict(normText: string, context: ParseContext): Prediction {
      const n = writeFeatures(normText, context, pinyin, features);
      // Every feature has the value 1/sqrt(n): sum the rows, scale once.
      sums.fill(0);
      for (let j = 0; j < n; j++) {
        const r = rowOf[features[j]!]!;
        if (r === NO_ROW) continue;
        const base = r * K;
        const scale = rowScale[r]!;
        for (let k = 0; k < K; k++) sums[k] = sums[k]! + Math.fround(q[base + k]! * scale);
      }
      const v = 1 / Math.sqrt(Math.max(1, n));
      let best = 0;
      for (let k = 0; k < K; k++) {
        scores[k] = bias[k]! + v * sums[k]!;
        if (scores[k]! > scores[best]!) best = k;
      }
      const max = scores[best]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        scores[k] = Math.exp(scores[k]! - max);
        sum += scores[k]!;
      }
      // The parser reads only the winner and its p: the distribution is built when asked for.
      const probabilities = new Float64Array(K);
      for (let k = 0; k < K; k++) probabilities[k] = scores[k]! / sum;
      return {
        intent: classes[best]!,
        p: 1 / sum,
        get distribution(): Record<Intent, number> {
          const d = {} as Record<Intent, number>;
          for (let k = 0; k < K; k++) d[classes[k]!] = probabilities[k]!;
          return d;
        },
      };
    },
  };
}
