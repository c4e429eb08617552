import { describe, expect, it } from 'vitest';
import { classifierCanDecide, decideHybrid } from '../../../src/parse/classifier/hybrid.ts';
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
const t = { otherAt: 0.4, overrideAt: 0.9 };

describe('decideHybrid: rules first, the classifier second', () => {
  it('lets the classifier name what the rules could not read (other.fallback), once it is sure enough', () => {
    expect(decideHybrid('other', 0.45, says('wrong_party', 0.6), t)).toBe('wrong_party');
    expect(decideHybrid('other', 0.45, says('wrong_party', 0.3), t)).toBe('other');
  });

  it('keeps a greeting or an acknowledgement the rules recognised as other', () => {
    expect(decideHybrid('other', 0.9, says('complaint', 0.99), t)).toBe('other');
    expect(classifierCanDecide('other', 0.9, t)).toBe(false);
  });

  it('overrides a rules intent only at the override threshold', () => {
    expect(decideHybrid('request_extension', 1, says('promise_to_pay', 0.95), t)).toBe('promise_to_pay');
    expect(decideHybrid('request_extension', 1, says('promise_to_pay', 0.85), t)).toBe('request_extension');
    expect(
      decideHybrid('request_extension', 1, says('promise_to_pay', 0.99), { ...t, overrideAt: null }),
    ).toBe('request_extension');
  });

  it('never turns a question the rules read into agreeing to a plan', () => {
    expect(decideHybrid('question', 1, says('accept', 0.999), t)).toBe('question');
    expect(decideHybrid('question', 0.3, says('accept', 0.999), t)).toBe('question');
    expect(decideHybrid('question', 1, says('decline', 0.99), t)).toBe('decline');
  });

  it('never overrides an intent above accept in the §2 precedence that the rules saw', () => {
    for (const seen of [
      'opt_out',
      'wrong_party',
      'dispute',
      'already_paid',
      'complaint',
      'abusive',
      'request_human',
    ] as const) {
      expect(decideHybrid(seen, 0.8, says('promise_to_pay', 0.999), t)).toBe(seen);
      expect(classifierCanDecide(seen, 0.8, t)).toBe(false);
    }
  });

  it('treats rules that say they are unsure like rules that said other', () => {
    expect(decideHybrid('question', 0.2, says('no_money', 0.5), t)).toBe('no_money');
    expect(classifierCanDecide('question', 0.2, { ...t, overrideAt: null })).toBe(true);
  });

  it('keeps the rules when the classifier agrees or is not consulted', () => {
    expect(decideHybrid('accept', 1, says('accept', 0.99), t)).toBe('accept');
    expect(classifierCanDecide('accept', 1, { ...t, overrideAt: null })).toBe(false);
    expect(classifierCanDecide('other', 0.45, { ...t, overrideAt: null })).toBe(true);
  });
});
