import { describe, expect, it } from 'vitest';
import { classify } from '../../src/parse/intent.ts';
import { parse, DecisionSchema, INTENTS } from '../../src/parse/index.ts';
import { loadLabelled } from '../../src/parse/evaluate.ts';

const now = '2026-11-23T10:00:00+08:00';
const p = (text: string, context: 'reminder' | 'offer' | 'clarify' = 'reminder') =>
  parse(text, { context, now });
const none = { amount: null, date: null, installments: null, hardship: null };

describe('every parse states how sure it is and which rule decided', () => {
  const set = loadLabelled('test/fixtures/parse-dev.jsonl');
  it('confidence is in [0, 1] and reason names a rule of the chosen intent, on every labelled message', () => {
    for (const m of set) {
      const r = parse(m.text, { context: m.context, locale: m.locale, now: m.now });
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      // a rule of the chosen intent decided, or the classifier did and says which rule it overrode
      const byRule = r.reason.startsWith(`${r.intent}.`);
      const byClassifier = /^classifier\(p=[\d.]+; rules: [a-z_]+\.[a-z-]+/.test(r.reason);
      expect(byRule || byClassifier, `${m.id}: ${r.reason}`).toBe(true);
    }
  });
  it('a whole-message keyword is surer than a lexicon phrase, which is surer than the fall-through', () => {
    const keyword = p('退订').confidence;
    const phrase = p('别再给我发短信了').confidence;
    const fallback = p('我在开车').confidence;
    expect(keyword).toBeGreaterThan(phrase);
    expect(phrase).toBeGreaterThan(fallback);
    expect(p('我在开车')).toMatchObject({ intent: 'other', reason: 'other.fallback' });
  });
  it('a bare "?" is a weaker question than one with a question word', () =>
    expect(p('这个?').confidence).toBeLessThan(p('欠多少?').confidence));
  it('a repaired slip is less sure than the same message typed right', () =>
    expect(p('转任工').confidence).toBeLessThan(p('转人工').confidence));
});

describe('classify: the rules’ decision, for a learned model to stand beside', () => {
  it('returns an intent, a confidence and a reason (DecisionSchema)', () => {
    const d = classify('退订', 'reminder', none);
    expect(DecisionSchema.parse(d)).toEqual({
      intent: 'opt_out',
      confidence: 0.98,
      reason: 'opt_out.keyword',
    });
  });
  it('reads the features it is given: a figure and a day with a pay verb is a promise', () =>
    expect(
      classify('周五还500', 'reminder', { ...none, amount: 500, date: '2026-11-27', dateAt: 0 }),
    ).toMatchObject({
      intent: 'promise_to_pay',
    }));
  it('keeps the §2 precedence: the earliest intent of the table wins', () => {
    const d = classify('没钱,别发了', 'reminder', none);
    expect(d.intent).toBe('opt_out');
    expect(INTENTS.indexOf(d.intent)).toBeLessThan(INTENTS.indexOf('no_money'));
  });
  it('a negated pay verb commits to nothing: "can\'t pay this month" is no promise', () =>
    expect(classify("sorry can't pay this month", 'reminder', none).intent).toBe('no_money'));
  it('empty text is other, and sure of it', () =>
    expect(classify('', 'reminder', none)).toMatchObject({ intent: 'other', reason: 'other.empty' }));
});
