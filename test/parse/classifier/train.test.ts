import { describe, expect, it } from 'vitest';
import { featureIndices } from '../../../src/parse/classifier/features.ts';
import { NO_PINYIN } from '../../../src/parse/classifier/pinyin-table.ts';
import { trainSoftmax, type TrainingExample } from '../../../src/parse/classifier/train.ts';

const TINY: [string, number][] = [
  ['没钱', 0],
  ['真的没钱了', 0],
  ['no money', 0],
  ['明天还', 1],
  ['周五还500', 1],
  ['will pay tomorrow', 1],
  ['打错了', 2],
  ['wrong number', 2],
];
const examples: TrainingExample[] = TINY.map(([text, label]) => ({
  indices: featureIndices(text, 'reminder', NO_PINYIN),
  label,
}));
const hyper = { l2: 1e-3, maxIterations: 100, memory: 5, tolerance: 1e-10 };

function argmax(w: ReturnType<typeof trainSoftmax>['model'], indices: Uint32Array): number {
  const scores = Array.from(w.bias);
  const row = new Map<number, number>();
  w.buckets.forEach((b, r) => row.set(b, r));
  for (const i of indices) {
    const r = row.get(i);
    if (r === undefined) continue;
    for (let k = 0; k < w.classes; k++)
      scores[k] = scores[k]! + w.weights[r * w.classes + k]! / Math.sqrt(indices.length);
  }
  return scores.indexOf(Math.max(...scores));
}

describe('trainSoftmax', () => {
  it('is reproducible: the same examples twice give bit-identical weights', () => {
    const a = trainSoftmax(examples, 3, hyper);
    const b = trainSoftmax(examples, 3, hyper);
    expect(Buffer.from(a.model.weights.buffer).equals(Buffer.from(b.model.weights.buffer))).toBe(true);
    expect([...a.model.bias]).toEqual([...b.model.bias]);
    expect([...a.model.buckets]).toEqual([...b.model.buckets]);
    expect(a.report).toEqual(b.report);
  });

  it('fits its training set', () => {
    const { model, report } = trainSoftmax(examples, 3, hyper);
    expect(report.iterations).toBeGreaterThan(1);
    for (const e of examples) expect(argmax(model, e.indices)).toBe(e.label);
  });

  it('lowers the objective as the penalty shrinks, and only spans features it saw', () => {
    const strong = trainSoftmax(examples, 3, { ...hyper, l2: 1e-1 });
    const weak = trainSoftmax(examples, 3, { ...hyper, l2: 1e-4 });
    expect(weak.report.objective).toBeLessThan(strong.report.objective);
    const seen = new Set(examples.flatMap((e) => [...e.indices]));
    expect(strong.model.buckets.length).toBe(seen.size);
    expect(strong.model.weights.length).toBe(seen.size * 3);
  });
});
