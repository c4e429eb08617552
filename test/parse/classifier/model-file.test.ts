import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURE_DIM, featureIndices } from '../../../src/parse/classifier/features.ts';
import { bucketsOf, encodeWeights, loadPredictor } from '../../../src/parse/classifier/model-file.ts';
import { NO_PINYIN } from '../../../src/parse/classifier/pinyin-table.ts';
import { INTENTS, type ParseContext } from '../../../src/parse/schema.ts';
import { propRuns } from '../../support/props.ts';

/**
 * The predictor as the model file defines it, written the plain way: each feature's row looked
 * up, its int8 weights times the bucket's float32 scale rounded to float32, summed per class in
 * feature order, scaled by 1/sqrt(n), plus the bias, then a softmax. The loaded predictor lays its
 * tables out for memory reads; its every probability must be this one's to the last bit.
 */
function reference(file: ReturnType<typeof encodeWeights>, text: string, context: ParseContext) {
  const K = INTENTS.length;
  const gaps = Buffer.from(file.buckets, 'base64');
  const scales = new Float32Array(new Uint8Array(Buffer.from(file.scales, 'base64')).buffer);
  const q = new Int8Array(Buffer.from(file.weights, 'base64'));
  const rowOf = new Map<number, number>();
  for (const [r, bucket] of bucketsOf(gaps, scales.length).entries()) rowOf.set(bucket, r);
  const features = featureIndices(text, context, NO_PINYIN);
  const sums = new Float64Array(K);
  for (const f of features) {
    const r = rowOf.get(f);
    if (r === undefined) continue;
    for (let k = 0; k < K; k++) sums[k] = sums[k]! + Math.fround(q[r * K + k]! * scales[r]!);
  }
  const v = 1 / Math.sqrt(Math.max(1, features.length));
  const scores = Array.from(sums, (s, k) => file.bias[k]! + v * s);
  let best = 0;
  for (let k = 0; k < K; k++) if (scores[k]! > scores[best]!) best = k;
  const e = scores.map((s) => Math.exp(s - scores[best]!));
  const sum = e.reduce((a, b) => a + b, 0);
  return { intent: INTENTS[best]!, p: 1 / sum, distribution: e.map((x) => x / sum) };
}

/** A random model over the real feature space: a few thousand buckets, weights of any sign and size. */
const model = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    buckets: fc.integer({ min: 1, max: 4000 }),
    spread: fc.constantFrom(0.01, 1, 50),
  })
  .map(({ seed, buckets, spread }) => {
    let s = seed;
    const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const chosen = new Set<number>();
    while (chosen.size < buckets) chosen.add(Math.floor(((rand() + 1) / 2) * FEATURE_DIM) % FEATURE_DIM);
    const K = INTENTS.length;
    return encodeWeights(
      {
        classes: K,
        buckets: Uint32Array.from([...chosen].sort((a, b) => a - b)),
        weights: Float64Array.from({ length: buckets * K }, () => rand() * spread),
        bias: Float64Array.from({ length: K }, () => rand()),
      },
      0,
    );
  });

const TEXTS = [
  '我现在真的没钱',
  'no money right now, lost my job',
  '好的',
  'R',
  '',
  '能不能分3期',
  'ok 👍 下周五还500',
];

describe('loadPredictor: the same scores as the plain reading of the model file', () => {
  it('gives every intent, p and probability bit for bit', () => {
    fc.assert(
      fc.property(
        model,
        fc.constantFrom(...TEXTS),
        fc.constantFrom<ParseContext>('reminder', 'offer', 'clarify'),
        (file, text, context) => {
          const predictor = loadPredictor(
            { ...file, classes: [...INTENTS], hybrid: { overrideAt: null, otherAt: 0.5 } },
            NO_PINYIN,
          );
          const got = predictor.predict(text, context);
          const want = reference(file, text, context);
          expect(got.intent).toBe(want.intent);
          expect(Object.is(got.p, want.p)).toBe(true);
          expect(INTENTS.map((i) => got.distribution[i])).toEqual(want.distribution);
        },
      ),
      { numRuns: propRuns(60) },
    );
  });

  it('refuses a file whose weights do not fill its rows', () => {
    const file = {
      ...encodeWeights(
        {
          classes: 16,
          buckets: Uint32Array.from([3]),
          weights: new Float64Array(16).fill(1),
          bias: new Float64Array(16),
        },
        0,
      ),
    };
    expect(() =>
      loadPredictor(
        {
          ...file,
          weights: Buffer.from(new Int8Array(15)).toString('base64'),
          classes: [...INTENTS],
          hybrid: { overrideAt: null, otherAt: 0.5 },
        },
        NO_PINYIN,
      ),
    ).toThrow(/15 weights for 1 buckets/);
  });
});
