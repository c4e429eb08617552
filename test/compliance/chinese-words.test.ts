import { describe, expect, it } from 'vitest';
import { ChineseWords } from '../../src/compliance/chinese-words.ts';

describe('ChineseWords: the ordinary words of a stretch of text, by ICU', () => {
  it('knows 回家 and 人工 as words, 包警 as none', () => {
    const words = new ChineseWords('欢迎回家，人工客服');
    expect(words.wordAt(2)).toEqual([2, 4]); // 回家
    expect(words.wordAt(5)).toEqual([5, 7]); // 人工
    const slip = new ChineseWords('再不还就包警');
    expect([slip.wordAt(4), slip.wordAt(5)]).toEqual([
      [4, 5],
      [5, 6],
    ]);
  });

  it('segments only the stretch asked for, at its own indices', () => {
    const words = new ChineseWords('【安心贷】欢迎回家', 5, 9);
    expect(words.wordAt(7)).toEqual([7, 9]); // 回家
    expect(words.wordAt(1)).toEqual([1, 2]); // outside the stretch
  });

  it('tells whether a character belongs to a word reaching outside a span', () => {
    const words = new ChineseWords('欢迎回家，人工客服');
    expect(words.inWordBeyond(3, 3, 6)).toBe(true); // 家 of 回家, outside 家，人
    expect(words.inWordBeyond(2, 2, 4)).toBe(false); // 回家 itself
    expect(words.inWordBeyond(4, 3, 6)).toBe(false); // the comma
  });
});
