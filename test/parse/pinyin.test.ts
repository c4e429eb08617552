import { describe, expect, it } from 'vitest';
import { PinyinIndex, pinyinKey, pinyinRuns } from '../../src/parse/pinyin.ts';

describe('pinyinRuns: Latin text read as pinyin', () => {
  it('drops tone marks and tone digits, and reads ü and v as u', () => {
    expect(pinyinRuns('bào jǐng')).toEqual([['bao', 'jing']]);
    expect(pinyinRuns('bao4jing3')).toEqual([['baojing']]);
    expect(pinyinRuns('nǚ ér, nv3 er2, zhe0')).toEqual([['nu', 'er', 'nu', 'er', 'zhe']]);
  });

  it('breaks runs at Chinese text, emoji and any other non-ASCII character', () => {
    expect(pinyinRuns('我要 bao 了 jing')).toEqual([['bao'], ['jing']]);
    expect(pinyinRuns('没有拉丁字母')).toEqual([]);
  });
});

describe('PinyinIndex: words found by their syllables, on whole tokens', () => {
  const index = new PinyinIndex([
    [['bao', 'jing'], '报警'],
    [['jia', 'ren'], '家人'],
  ]);

  it('finds a word however the tokens split its syllables', () => {
    for (const text of ['bao jing', 'baojing', 'BAO-JING', 'b a o j i n g', 'bào jǐng', 'bao4 jing3'])
      expect(index.find(pinyinRuns(text))).toEqual(['报警']);
    expect(index.find(pinyinRuns('gao su ni jia ren, bao jing'))).toEqual(['家人', '报警']);
  });

  it('never inside a token: a key is spelt by whole tokens only', () => {
    expect(index.find(pinyinRuns('xbaojing baojingx'))).toEqual([]);
  });

  it('refuses one-syllable keys, which are English words or names too often', () => {
    expect(() => new PinyinIndex([[['ma'], '妈']])).toThrow(RangeError);
  });

  it('keys syllables without tones', () => {
    expect(pinyinKey('Nǚ')).toBe('nu');
  });
});
