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

/**
 * At most one row per bucket: the rank table counts rows in 32-bit words, so every one of the
 * 2^18 buckets may have a row (the 16-bit row table this limit was first written for is gone).
 */
const MAX_ROWS = FEATURE_DIM;

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
 * Decodes a model file into a predictor. Each int8 weight is multiplied by its bucket's scale
 * and rounded to float32 once, at load, as when the rows were float32, so the scores are the
 * same to the last bit and a prediction only adds.
 *
 * A prediction reads about fifty rows at random from tables larger than the cache (issue 14's
 * speed, docs/decisions.md), so the layout is chosen for memory reads:
 * - which bucket has a row, and which row, is a bitmap of the 2^18 buckets with a count of the
 *   rows before each 32-bucket word (64 KB, which stays in cache) instead of a 512 KB table;
 * - a row is its sixteen float32 products, 64 bytes, one cache line;
 * - every row is found before any is summed; the sums are taken in feature order, as before.
 *   Multiplying int8 by the scale on every read cost more than the memory it saved (4.9 → 2.6 µs
 *   a prediction with its features, 3.6 MB of rows instead of 1.8).
 */
export function loadPredictor(file: PredictorPart, pinyin: PinyinTable): Predictor {
  const K = file.classes.length;
  const gaps = Buffer.from(file.buckets, 'base64');
  const scaleBytes = Buffer.from(file.scales, 'base64');
  const q = new Int8Array(Buffer.from(file.weights, 'base64'));
  const rows = scaleBytes.length / 4;
  if (q.length !== rows * K) throw new Error(`model: ${q.length} weights for ${rows} buckets × ${K} classes`);
  if (rows > MAX_ROWS) throw new Error(`model: ${rows} buckets; at most ${MAX_ROWS}, one per bucket`);
  // One row per bucket: its K weights as the float32 products weight × scale, which is what the
  // sums add (each product was rounded to float32 as the trained rows were), padded to a multiple
  // of four classes: 64 bytes, one cache line, for the sixteen intents.
  const stride = Math.ceil(K / 4) * 4;
  const values = new Float32Array(stride * Math.max(1, rows));
  const present = new Uint32Array(FEATURE_DIM >>> 5);
  const rowsBefore = new Uint32Array(FEATURE_DIM >>> 5);
  const buckets = bucketsOf(gaps, rows);
  for (let r = 0; r < rows; r++) {
    const bucket = buckets[r]!;
    present[bucket >>> 5]! |= 1 << (bucket & 31);
    const scale = scaleBytes.readFloatLE(4 * r);
    for (let k = 0; k < K; k++) values[r * stride + k] = Math.fround(q[r * K + k]! * scale);
  }
  for (let w = 1, count = 0; w < present.length; w++) {
    count += popcount(present[w - 1]!);
    rowsBefore[w] = count;
  }
  const bias = Float64Array.from(file.bias);
  const classes = file.classes;
  const sums = new Float64Array(K);
  const features = new Uint32Array(MAX_FEATURES);
  /** The features that have a row, in feature order: the row's first value. */
  const rowAt = new Int32Array(MAX_FEATURES);

  return {
    hybrid: file.hybrid,
    buckets: rows,
    predict(normText: string, context: ParseContext): Prediction {
      const n = writeFeatures(normText, context, pinyin, features);
      // Find every row first (the rank table is in cache), then sum them.
      let m = 0;
      for (let j = 0; j < n; j++) {
        const b = features[j]!;
        const word = present[b >>> 5]!;
        const bit = 1 << (b & 31);
        if ((word & bit) === 0) continue;
        rowAt[m++] = (rowsBefore[b >>> 5]! + popcount(word & (bit - 1))) * stride;
      }
      // Every feature has the value 1/sqrt(n): sum the rows, scale once. Each class's sum adds
      // the rows in feature order, as it always did, in a register; four classes at a time, so
      // that four chains of additions run side by side.
      let k = 0;
      for (; k + 4 <= K; k += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let i = 0; i < m; i++) {
          const at = rowAt[i]! + k;
          s0 += values[at]!;
          s1 += values[at + 1]!;
          s2 += values[at + 2]!;
          s3 += values[at + 3]!;
        }
        sums[k] = s0;
        sums[k + 1] = s1;
        sums[k + 2] = s2;
        sums[k + 3] = s3;
      }
      for (; k < K; k++) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += values[rowAt[i]! + k]!;
        sums[k] = sum;
      }
      const v = 1 / Math.sqrt(Math.max(1, n));
      const scores = new Array<number>(K);
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
      return new SoftmaxPrediction(classes[best]!, 1 / sum, classes, scores, sum);
    },
  };
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The parser reads only the winner and its p: the distribution is built when asked for. A class
 * (its getter on the prototype) where an object literal with a getter made V8 build a new hidden
 * class for every prediction.
 */
class SoftmaxPrediction implements Prediction {
  constructor(
    readonly intent: Intent,
    readonly p: number,
    private readonly classes: readonly Intent[],
    private readonly weights: number[],
    private readonly sum: number,
  ) {}

  get distribution(): Record<Intent, number> {
    const d = {} as Record<Intent, number>;
    for (let k = 0; k < this.classes.length; k++) d[this.classes[k]!] = this.weights[k]! / this.sum;
    return d;
  }
}

/** The model file's buckets, stored as varint gaps from the one before (7 bits a byte, high bit: more). */
export function bucketsOf(gaps: Uint8Array, rows: number): Uint32Array {
  const out = new Uint32Array(rows);
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
    out[r] = bucket;
  }
  return out;
}
