import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled } from '../../src/parse/evaluate.ts';

/**
 * Regression floors on the issue-14 batches that were read and tuned on (test/fixtures/README.md):
 * each was scored blind on arrival, then its misses were fixed as classes and the classifier was
 * trained on it. These floors keep those classes fixed; they say nothing about unseen text (the
 * batches nobody read are measured by hand, never asserted, so that no test pulls the lexicons
 * towards them).
 */
describe.each([
  ['en-10', 0.98],
  ['en-11', 0.98],
  ['en-13', 0.97],
  ['en-14', 0.98],
  ['en-15', 0.97],
  ['zh-6', 0.98],
  ['zh-7', 0.97],
  ['yue-tw-4', 0.98],
  ['yue-tw-5', 0.98],
  ['yue-tw-6', 0.98],
  ['yue-tw-7', 0.98],
  ['mixed-6', 0.98],
  ['en-17', 0.98],
  ['yue-tw-9', 0.98],
  ['yue-tw-10', 0.98],
  ['yue-tw-11', 0.98],
  ['yue-tw-12', 0.98],
  ['en-18', 0.98],
  ['en-19', 0.97],
  ['yue-tw-13', 0.98],
  ['en-20', 0.97],
  ['en-21', 0.95],
  ['yue-tw-14', 0.97],
  ['en-22', 0.98],
  ['en-23', 0.96],
  // read and tuned on without retraining the classifier (the tenth round)
  ['en-24', 0.98],
])('tuning batch %s', (name, floor) => {
  const ev = evaluate(loadLabelled(`test/fixtures/parse-batch-${name}.jsonl`));
  it(`keeps its fixed classes: intent ≥ ${floor * 100} %, amount and date ≥ 97 %`, () => {
    expect(ev.accuracy.intent).toBeGreaterThanOrEqual(floor);
    expect(ev.accuracy.amount).toBeGreaterThanOrEqual(0.97);
    expect(ev.accuracy.date).toBeGreaterThanOrEqual(0.97);
  });
});
