import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled } from '../../src/parse/evaluate.ts';

/**
 * Accuracy floors on the labelled sets, at the contract's targets: a regression guard, not a
 * tuning target. The two sets were written separately from the contract by different authors.
 */
describe.each([
  ['development set', 'test/fixtures/parse-dev.jsonl', 400],
  ['held-out set', 'test/fixtures/parse-holdout.jsonl', 300],
  ['third blind set', 'test/fixtures/parse-blind-3.jsonl', 240],
])('%s', (_name, path, minSize) => {
  const set = loadLabelled(path);
  const ev = evaluate(set);
  it(`holds at least ${minSize} messages, every intent at least 15 times, at least 20 % English`, () => {
    expect(set.length).toBeGreaterThanOrEqual(minSize);
    for (const [intent, s] of Object.entries(ev.perIntent))
      expect(s.support, intent).toBeGreaterThanOrEqual(15);
    expect(set.filter((m) => m.locale === 'en-US').length / set.length).toBeGreaterThanOrEqual(0.2);
  });
  it('meets the contract targets: intent ≥ 95 %, amount ≥ 97 %, date ≥ 95 %', () => {
    expect(ev.accuracy.intent).toBeGreaterThanOrEqual(0.95);
    expect(ev.accuracy.amount).toBeGreaterThanOrEqual(0.97);
    expect(ev.accuracy.date).toBeGreaterThanOrEqual(0.95);
  });
});
