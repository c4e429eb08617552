import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, NFKC_STABLE_RANGES } from '../../src/parse/normalize.ts';
import { propRuns } from '../support/props.ts';

describe('normalize: the text every reader of an SMS shares', () => {
  it('turns full-width letters, digits and signs into ASCII', () =>
    expect(normalize('ＳＴＯＰ　１２３４')).toBe('stop 1234'));
  it('keeps a Chinese comma between two figures a separator, not a thousands comma', () =>
    expect(normalize('600，400')).toBe('600、400'));
  it('turns traditional characters into simplified ones', () =>
    expect(normalize('我現在真的沒錢,請別再傳簡訊')).toBe('我现在真的没钱,请别再传简讯'));
  it('leaves simplified text as it is', () => expect(normalize('还款方案')).toBe('还款方案'));
  it('lower-cases and folds runs of white space and control characters', () =>
    expect(normalize('  I  CAN\tPAY\u0000\u200b 50 ')).toBe('i can pay 50'));
  it('drops a space between two Chinese characters (没 钱) but keeps it next to Latin or digits', () =>
    expect(normalize('没 钱 还 500 ok')).toBe('没钱还 500 ok'));
  it('reads colloquial negations (木有, 冇, 莫得) as 没有 / 没', () => {
    expect(normalize('木有钱')).toBe('没有钱');
    expect(normalize('冇钱')).toBe('没钱');
    expect(normalize('莫得钱')).toBe('没有钱');
  });
});

describe('the units normalize() does not pass through NFKC', () => {
  // normalize() skips String#normalize on a text of these alone: that holds only if NFKC leaves
  // every such text, not just every such unit, as it is (no composition across neighbours).
  const stable = NFKC_STABLE_RANGES.flatMap(([from, to]) =>
    Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)),
  ).filter((c) => c.normalize('NFKC') === c);

  it('keeps nearly all of each range (a unit NFKC would change is left out)', () =>
    expect(stable.length).toBeGreaterThan(27_000));

  it('every text made of them is its own NFKC form (property)', () =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...stable), { maxLength: 40 }), (units) => {
        const t = units.join('');
        expect(t.normalize('NFKC')).toBe(t);
      }),
      { numRuns: propRuns(2000) },
    ));

  it('still folds what NFKC folds beside them', () => {
    expect(normalize('还款５００元')).toBe('还款500元');
    expect(normalize('没钱！')).toBe('没钱!');
  });
});

describe('the texts normalize() does not lower-case', () => {
  // It skips toLowerCase on a text whose every unit (no surrogate) is its own lower case: that
  // holds only if lower-casing never depends on the neighbours of such units (final sigma does,
  // but Σ is no such unit).
  it('a text of units that are their own lower case is its own lower case (property)', () => {
    const caseless = fc
      .integer({ min: 0, max: 0xffff })
      .filter(
        (c) => (c < 0xd800 || c > 0xdfff) && String.fromCharCode(c).toLowerCase() === String.fromCharCode(c),
      )
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(caseless, { maxLength: 30 }), (units) => {
        const t = units.join('');
        expect(t.toLowerCase()).toBe(t);
      }),
      { numRuns: propRuns(2000) },
    );
  });

  it('still lower-cases a Chinese text with a capital in it', () =>
    expect(normalize('我没钱 STOP')).toBe('我没钱 stop'));
});
