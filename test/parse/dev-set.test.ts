import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled } from '../../src/parse/evaluate.ts';

/**
 * Accuracy floors on the labelled sets: a regression guard, not a tuning target. The held-out
 * set was written separately and is never tuned on; its floors sit at the contract's targets.
 */
describe('labelled development set (test/fixtures/parse-dev.jsonl)', () => {
  const set = loadLabelled('test/fixtures/parse-dev.jsonl');
  const ev = evaluate(set);
  it('holds at least 400 messages with every intent at least 15 times', () => {
    expect(set.length).toBeGreaterThanOrEqual(400);
    for (const [intent, s] of Object.entries(ev.perIntent)) expect(s.support, intent).toBeGreaterThanOrEqual(15);
    expect(set.filter((m) => m.locale === 'en-US').length / set.length).toBeGreaterThanOrEqual(0.2);
  });
  it('meets the contract targets: intent ≥ 95 %, amount ≥ 97 %, date ≥ 95 %', () => {
    expect(ev.accuracy.intent).toBeGreaterThanOrEqual(0.95);
    expect(ev.accuracy.amount).toBeGreaterThanOrEqual(0.97);
    expect(ev.accuracy.date).toBeGreaterThanOrEqual(0.95);
  });
});
