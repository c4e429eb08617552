import { describe, expect, it } from 'vitest';
import { findBanned, foldForMatching } from '../../src/compliance/matcher.ts';
import { SplitWords } from '../../src/compliance/split-words.ts';
import { BANNED_CATEGORIES } from '../../src/compliance/lexicons.ts';
import { bannedZh, chineseTexts } from './chinese-texts.ts';

/**
 * A banned Chinese word split by sentence punctuation is the word, unless the break falls
 * between two ordinary words that happen to spell it.
 */

const split = new SplitWords([
  ['报警', 'police_jail'],
  ['家人', 'family'],
  ['上门', 'threat'],
  ['人事', 'employer'],
  ['公安', 'police_jail'],
  ['律师函', 'threat'],
] as const);
const found = (text: string) => split.find(foldForMatching(text)).map((h) => [h.word, h.shown]);

describe('SplitWords', () => {
  it('reads a word across commas, enumeration commas, full stops and their runs', () => {
    expect(found('再不还就报、警')).toEqual([['报警', '报、警']]);
    expect(found('再不还就报，，警')[0]?.[0]).toBe('报警');
    expect(found('告诉你家。人')[0]?.[0]).toBe('家人');
    expect(found('发律，师！函')[0]?.[0]).toBe('律师函');
  });

  it('leaves a word the plain views already read (no sentence punctuation between)', () => {
    expect(found('报警')).toEqual([]);
    expect(found('报*警')).toEqual([]);
  });

  it('does not read a clause break between two ordinary words as the word', () => {
    expect(found('欢迎回家，人工客服随时为您服务')).toEqual([]);
    expect(found('请先确认是否本人，事情可以慢慢商量')).toEqual([]);
    expect(found('还款可以选择线上，门店也可以')).toEqual([]);
    expect(found('客服在工作日办公，安排专人跟进')).toEqual([]);
    expect(found('请您及时报，警惕诈骗')).toEqual([]);
  });

  it('never joins characters across a letter, a digit or a bracket', () => {
    expect(found('报a，警')).toEqual([]);
    expect(found('报1，警')).toEqual([]);
    expect(found('报，【警')).toEqual([]);
  });
});

describe('findBanned across sentence punctuation', () => {
  it('names the word as typed', () => {
    expect(findBanned(foldForMatching('你要去坐。牢'))).toEqual(
      new Map([['police_jail', ['坐牢 (as 坐。牢)']]]),
    );
  });

  it('flags none of the parser’s Chinese debtor texts, nor the clean corpus (every banned word, every category)', () => {
    const all = new SplitWords(bannedZh(BANNED_CATEGORIES));
    const texts = chineseTexts();
    expect(texts.length).toBeGreaterThan(1_500);
    expect(texts.filter((t) => all.find(foldForMatching(t)).length > 0)).toEqual([]);
  });
});
