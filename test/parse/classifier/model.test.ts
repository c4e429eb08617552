import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  committedPredictor,
  hybridIntent,
  MODEL_PATH,
  predictIntent,
} from '../../../src/parse/classifier/model.ts';
import { ModelFileSchema } from '../../../src/parse/classifier/model-file.ts';
import { loadLabelled } from '../../../src/parse/evaluate.ts';
import { MAX_ANALYSED_CHARS, normalize } from '../../../src/parse/index.ts';
import { INTENTS } from '../../../src/parse/schema.ts';

const file = ModelFileSchema.parse(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));

describe('the committed intent model', () => {
  it('loads, over the closed intent set, within the size budget', () => {
    expect(file.classes).toEqual([...INTENTS]);
    expect(committedPredictor().buckets).toBeGreaterThan(1000);
    expect(readFileSync(MODEL_PATH).length).toBeLessThan(3 * 1024 * 1024);
  });

  it('was trained on the labelled files as they are now (retrain with npm run train:intent)', () => {
    for (const f of file.training.files) {
      const sha = createHash('sha256').update(readFileSync(f.path)).digest('hex');
      expect({ path: f.path, sha256: sha }).toEqual({ path: f.path, sha256: f.sha256 });
    }
  });

  it('predicts training examples of several intents correctly', () => {
    const dev = loadLabelled('test/fixtures/parse-dev.jsonl');
    const wanted = [
      'opt_out',
      'wrong_party',
      'already_paid',
      'request_installment',
      'no_money',
      'accept',
    ] as const;
    for (const intent of wanted) {
      const examples = dev.filter((m) => m.expect.intent === intent).slice(0, 5);
      expect(examples.length).toBeGreaterThan(0);
      const right = examples.filter(
        (m) => predictIntent(normalize(m.text.slice(0, MAX_ANALYSED_CHARS)), m.context).intent === intent,
      );
      expect({ intent, right: right.length }).toEqual({ intent, right: examples.length });
    }
  });

  it('reads plain cases the way the contract does', () => {
    expect(predictIntent(normalize('退订'), 'reminder').intent).toBe('opt_out');
    expect(predictIntent(normalize('打错了'), 'reminder').intent).toBe('wrong_party');
    expect(predictIntent(normalize('能分期吗'), 'reminder').intent).toBe('request_installment');
    expect(predictIntent(normalize('好的'), 'offer').intent).toBe('accept');
  });

  it('is deterministic and reports the probability of its own answer', () => {
    const a = predictIntent(normalize('我现在真的没钱'), 'reminder');
    const b = predictIntent(normalize('我现在真的没钱'), 'reminder');
    expect(b).toEqual(a);
    expect(a.p).toBe(a.distribution[a.intent]);
    expect(Math.max(...Object.values(a.distribution))).toBe(a.p);
  });

  it('hybridIntent: rules first, the model names what the rules called other, a stop request stands', () => {
    expect(hybridIntent('other', 0.45, normalize('你哋搵錯人啦 我姓黃唔姓李'), 'reminder')).toBe(
      'wrong_party',
    );
    expect(hybridIntent('accept', 1, normalize('好的'), 'offer')).toBe('accept');
    expect(hybridIntent('opt_out', 1, normalize('好的,明天还500'), 'offer')).toBe('opt_out');
  });
});
