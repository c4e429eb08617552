import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  correctSpelling,
  editDistance,
  expandShorthand,
  hasReadableWords,
} from '../../src/parse/spelling.ts';
import { parse } from '../../src/parse/index.ts';
import { SHORTHAND } from '../../src/parse/lexicon/english-keywords.ts';
import { propRuns } from '../support/props.ts';

const now = '2026-11-23T10:00:00+08:00';
const p = (text: string) => parse(text, { now });

describe('expandShorthand', () => {
  it('expands SMS shorthand inside a message', () =>
    expect(expandShorthand('can u pay nxt wk, ur pymt is late')).toBe(
      'can you pay next week, your payment is late',
    ));
  it('reads "r u" as "are you" but leaves a lone R or U (keywords) alone', () => {
    expect(expandShorthand('r u a bot')).toBe('are you a bot');
    expect(expandShorthand('r')).toBe('r');
    expect(expandShorthand('u')).toBe('u');
  });
});

describe('expandShorthand skips only texts it would leave as they are', () => {
  // The expansion without any gate, built from the same table.
  const ALL = new RegExp(`(?<![a-z'])(?:${Object.keys(SHORTHAND).join('|')})(?![a-z'])`, 'g');
  const reference = (t: string): string => {
    if (!/[a-z]/.test(t) || !/[a-z0-9]\s+[a-z0-9]/.test(t)) return t;
    return t.replace(/\br u\b/g, 'are you').replace(ALL, (w) => SHORTHAND[w] ?? w);
  };
  it('agrees with the ungated expansion on shorthand-rich text (property)', () => {
    const piece = fc.constantFrom(
      ...Object.keys(SHORTHAND),
      'u',
      'r',
      'you',
      "u'",
      'x',
      '2',
      '4',
      "'",
      ' ',
      ' ',
      'day',
      'b',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const t = pieces.join('');
        expect(expandShorthand(t)).toBe(reference(t));
      }),
      { numRuns: propRuns(1000) },
    );
  });
});

describe('hasReadableWords reads runs of letters as the words they spell', () => {
  it('a text is readable exactly when one of its runs of letters is (property)', () => {
    const piece = fc.constantFrom('pay', "can't", "'", 'zzq', 'xkcd', ' ', '!', "i'm", 'asdf', 'qq');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const t = pieces.join('');
        const words = (t.match(/[a-z']+/g) ?? []).map((w) => w.replace(/'/g, ''));
        // the whole text is readable exactly when one of its runs, apostrophes dropped, is
        const known = words.some((w) => w.length > 0 && hasReadableWords(w));
        expect(hasReadableWords(t)).toBe(known);
      }),
      { numRuns: propRuns(500) },
    );
  });
});

describe('editDistance (optimal string alignment)', () => {
  it('counts an added, dropped, changed or swapped letter as one edit', () => {
    expect(editDistance('money', 'moneey', 3)).toBe(1);
    expect(editDistance('money', 'mony', 3)).toBe(1);
    expect(editDistance('money', 'monay', 3)).toBe(1);
    expect(editDistance('stop', 'stpo', 3)).toBe(1);
  });
  it('gives up above the bound', () => expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3));

  // The textbook recurrence, a fresh table per call: the reused rows must give what it gives.
  const reference = (a: string, b: string, max: number): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    return Math.min(d[a.length]![b.length]!, max + 1);
  };
  it('agrees with the full table, within its bound, for any two words (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeo'), maxLength: 70 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 3 }), (a, b, max) => {
        // (above the bound it only promises some figure above the bound)
        expect(Math.min(editDistance(a, b, max), max + 1)).toBe(reference(a, b, max));
      }),
      { numRuns: propRuns(300) },
    );
  });
});

describe('correctSpelling: a slip one edit from a keyword becomes the keyword', () => {
  it.each([
    ['i alredy paid', 'i already paid'],
    ['i will pay tomorow', 'i will pay tomorrow'],
    ['wrong numbr', 'wrong number'],
    ['can i get an extention', 'can i get an extension'],
    ['stpo', 'stop'],
    ['stooop', 'stop'],
    ['lost my jbo', 'lost my job'],
  ])('%s → %s', (slip, fixed) => expect(correctSpelling(slip).text).toBe(fixed));
  it('leaves contractions typed without the apostrophe alone (dont is no done)', () =>
    expect(correctSpelling('i dont know, thats all, cant pay').corrections).toEqual([]));
  it('never rewrites a real word that happens to be near a keyword (mouth, stoop, wring)', () =>
    expect(correctSpelling('my mouth hurts, i stoop and wring').corrections).toEqual([]));
});

describe('the parser reads English slips when its lexicons are unsure', () => {
  it.each([
    ['i alredy paid yesterdy', 'already_paid'],
    ['pls stpo texting me', 'opt_out'],
    ["i'm unemplyed", 'no_money'],
    ['I never borowed any money from you', 'dispute'],
    ['let me talk to a real persn', 'request_human'],
  ])('%s → %s', (text, intent) => {
    const r = p(text);
    expect(r.intent).toBe(intent);
  });
  it('names the corrections in the reason', () =>
    expect(p('wrong numbr').reason).toContain('spelling(numbr→number)'));
});

describe('hasReadableWords: whether there is anything to read', () => {
  it('is true for Chinese, digits and English words, false for key mashing', () => {
    for (const t of ['没钱', '500', 'i cant pay', "can't", 'stop', 'ok'])
      expect(hasReadableWords(t)).toBe(true);
    for (const t of ['zzz', 'asdfgh', 'x'.repeat(10_000), '', '...']) expect(hasReadableWords(t)).toBe(false);
  });
  it('keeps the classifier from guessing on key mashing, even right after an offer', () => {
    for (const t of ['zzz', 'asdfgh', 'x'.repeat(10_000)])
      expect(parse(t, { context: 'offer', now: '2026-11-23T10:00:00+08:00' }).intent).toBe('other');
  });
});
