import { describe, expect, it } from 'vitest';
import { chineseWords, inWordBeyond } from '../../src/compliance/chinese-words.ts';

describe('chineseWords: the ordinary words of a text, by ICU', () => {
  it('knows 回家 and 人工 as words, 包警 as none', () => {
    const text = '欢迎回家，人工客服';
    const words = chineseWords(text);
    expect([words.start[2], words.end[2]]).toEqual([2, 4]); // 回家
    expect([words.start[5], words.end[5]]).toEqual([5, 7]); // 人工
    const slip = chineseWords('再不还就包警');
    expect([slip.start[4], slip.end[4], slip.start[5], slip.end[5]]).toEqual([4, 5, 5, 6]);
  });

  it('tells whether a character belongs to a word reaching outside a span', () => {
    const words = chineseWords('欢迎回家，人工客服');
    expect(inWordBeyond(words, 3, 3, 6)).toBe(true); // 家 of 回家, outside 家，人
    expect(inWordBeyond(words, 2, 2, 4)).toBe(false); // 回家 itself
    expect(inWordBeyond(words, 4, 3, 6)).toBe(false); // the comma
  });
});
