import { describe, expect, it } from 'vitest';
import {
  chooseThresholds,
  leaveOneFileOut,
  score,
  type EvalMessage,
} from '../../../src/parse/classifier/cross-validation.ts';
import type { Prediction } from '../../../src/parse/classifier/model-file.ts';
import { INTENTS, type Intent } from '../../../src/parse/schema.ts';

const says = (intent: Intent, p: number): Prediction => ({
  intent,
  p,
  distribution: Object.fromEntries(INTENTS.map((i) => [i, i === intent ? p : (1 - p) / 15])) as Record<
    Intent,
    number
  >,
});
const msg = (file: string, gold: Intent, rules: Intent): EvalMessage => ({
  file,
  normText: `${file}-${gold}`,
  context: 'reminder',
  gold,
  rules,
});

describe('score', () => {
  it('computes accuracy and macro-F1 over the intents in the gold labels', () => {
    const s = score(['accept', 'accept', 'decline', 'other'], ['accept', 'decline', 'decline', 'other']);
    expect(s.accuracy).toBe(0.75);
    // accept: P 1, R .5 → 2/3; decline: P .5, R 1 → 2/3; other: 1.
    expect(s.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });
});

describe('chooseThresholds', () => {
  it('keeps the classifier out when it cannot improve on the rules (ties go to the rules)', () => {
    const msgs = [msg('a', 'accept', 'accept'), msg('a', 'other', 'other')];
    expect(chooseThresholds(msgs, [says('decline', 0.99), says('accept', 0.99)])).toEqual({
      otherAt: 1.01,
      overrideAt: null,
    });
  });

  it('lets the classifier fill in where the rules say other and it is right', () => {
    const msgs = [msg('a', 'wrong_party', 'other'), msg('a', 'other', 'other')];
    const t = chooseThresholds(msgs, [says('wrong_party', 0.75), says('no_money', 0.25)]);
    expect(t.otherAt).toBeLessThanOrEqual(0.75);
    expect(t.otherAt).toBeGreaterThan(0.25);
    expect(t.overrideAt).toBeNull();
  });
});

describe('leaveOneFileOut', () => {
  it('never lets a fold see its held-out file, in the inner folds either', () => {
    const msgs = ['a', 'b', 'c'].flatMap((f) => [msg(f, 'accept', 'accept'), msg(f, 'other', 'other')]);
    const seen: string[][] = [];
    const { folds } = leaveOneFileOut(msgs, ['a', 'b', 'c'], (training) => {
      seen.push([...new Set(training.map((m) => m.file))].sort());
      return (m) => says(m.gold, 0.9);
    });
    expect(folds.map((f) => f.file)).toEqual(['a', 'b', 'c']);
    // Per held-out file: two inner fits on one file each, then one on both training files.
    expect(seen).toEqual([['c'], ['b'], ['b', 'c'], ['c'], ['a'], ['a', 'c'], ['b'], ['a'], ['a', 'b']]);
    for (const f of folds) expect(f.rules.accuracy).toBe(1);
  });
});
