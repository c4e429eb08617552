import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, ParseResultSchema } from '../../src/parse/index.ts';
import { propRuns } from '../support/props.ts';

/**
 * No input crashes or hangs the parser: any Unicode string up to 5,000 characters, including
 * lone surrogates, control characters, emoji sequences and long runs of the characters the layers
 * react to (Cantonese particles, homophones, digits, punctuation), parses within a time bound
 * with a confidence in [0, 1].
 */
const runs = propRuns(150);
const contexts = fc.constantFrom('reminder' as const, 'clarify' as const, 'offer' as const);
const pieces = fc.constantFrom(
  '没钱',
  '沒前',
  '工姿',
  '聽日',
  '唔',
  '係',
  '咗',
  '㗎',
  '喎',
  '啦',
  '嘅',
  '嚟',
  '千',
  '五',
  '万',
  '还',
  '欠',
  '不是',
  '但是',
  ',',
  '。',
  '?',
  '!',
  ' ',
  '\u0000',
  '\ud800',
  '🙏',
  '👍',
  '👨‍👩‍👧',
  '1',
  '0',
  '$',
  '.',
  ',',
  'stop',
  'r u',
  'alredy',
  'pymt',
  'the 2nd',
  'stooooop',
  'a',
  'b',
  '房租',
  '信用卡',
  'not that',
  'scam?',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 5000 }),
  fc.string({ unit: 'grapheme', maxLength: 2000 }),
  fc.array(pieces, { maxLength: 1200 }).map((a) => a.join('')),
  fc.tuple(pieces, fc.integer({ min: 1, max: 2500 })).map(([s, n]) => s.repeat(n).slice(0, 5000)),
);

const NOW = '2026-11-23T10:00:00+08:00';

describe('parse never throws, never hangs, always answers in schema', () => {
  it('any string up to 5,000 characters parses in bounded time with confidence in [0, 1]', () => {
    // First calls compile regular expressions and load the pinyin tables: time the warm parser.
    for (const t of [
      '你好',
      '沒前工姿',
      '聽日還咗啦',
      'alredy paid r u',
      '不是失业,是房租15号',
      '🙏 s t o p',
    ])
      parse(t, { context: 'offer', now: NOW });
    fc.assert(
      fc.property(text, contexts, (t, context) => {
        const start = performance.now();
        const r = parse(t, { context, now: NOW });
        const ms = performance.now() - start;
        expect(ParseResultSchema.parse(r)).toEqual(r);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(typeof r.reason).toBe('string');
        // A hang has no bound; a warm parse of 5,000 characters takes tens of milliseconds at worst
        // (the text is cut at 2,000), so one second leaves room for a loaded, shared machine.
        expect(ms).toBeLessThan(1000);
      }),
      { numRuns: runs },
    );
  });
});
