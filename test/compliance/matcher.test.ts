import { describe, expect, it } from 'vitest';
import { findAuthority, findBanned, findDisclosure, foldForMatching } from '../../src/compliance/matcher.ts';

describe('foldForMatching: the text as the lexicons see it', () => {
  it('folds full width, case, traditional characters, diacritics and zero-width characters', () => {
    expect(foldForMatching('ＤＥＡＤＢＥＡＴ')).toBe('deadbeat');
    expect(foldForMatching('你這個騙子')).toBe('你这个骗子');
    expect(foldForMatching('走著瞧')).toBe('走着瞧');
    expect(foldForMatching('ór élse')).toBe('or else');
    expect(foldForMatching('li\u200bar')).toBe('liar');
  });
});

describe('findBanned: every listed word, by category', () => {
  it('finds Chinese words as substrings and English ones as whole words', () => {
    expect(findBanned(foldForMatching('你这个骗子,再不还钱我报警了'))).toEqual(
      new Map([
        ['insult', ['骗子']],
        ['police_jail', ['报警']],
      ]),
    );
    expect(findBanned(foldForMatching('Pay up, deadbeats. The police are coming.'))).toEqual(
      new Map([
        ['insult', ['deadbeat']],
        ['police_jail', ['police']],
      ]),
    );
  });

  it('finds nothing inside longer English words', () => {
    expect(findBanned(foldForMatching('As a courtesy, a person (Sue) can explain the warranty.')).size).toBe(
      0,
    );
  });
});

describe('findDisclosure: the words that tell a third party there is a debt', () => {
  it('finds them in both languages', () => {
    expect(findDisclosure(foldForMatching('请转告张伟尽快处理欠款'))).toEqual(['欠']);
    expect(findDisclosure(foldForMatching('his loan is overdue'))).toEqual(['loan', 'overdue']);
    expect(findDisclosure(foldForMatching('sorry for the trouble'))).toEqual([]);
  });
});

describe('findBanned: disguised words, by the listed word', () => {
  it('names the listed word, however it was written', () => {
    expect(findBanned(foldForMatching('call the p0l1ce, the роlісе, the p o l i c e'))).toEqual(
      new Map([['police_jail', ['police']]]),
    );
  });

  it('finds pinyin only when asked (a Chinese SMS), and says so', () => {
    expect(findBanned(foldForMatching('我们会 bao jing')).size).toBe(0);
    expect(findBanned(foldForMatching('我们会 bao jing'), { pinyin: true })).toEqual(
      new Map([['police_jail', ['报警 (pinyin)']]]),
    );
  });

  it('finds emoji, with or without their presentation selector', () => {
    expect(findBanned(foldForMatching('pay 🔪️ now'))).toEqual(new Map([['threat', ['🔪']]]));
  });
});

describe('findAuthority: posing as a court, the police or a government body', () => {
  it('finds it in either language', () => {
    expect(findAuthority(foldForMatching('人民法院'))).toEqual(['法院']);
    expect(findAuthority(foldForMatching('County Court'))).toEqual(['court']);
    expect(findAuthority(foldForMatching('QuickCash'))).toEqual([]);
  });
});
