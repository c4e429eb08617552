import { describe, expect, it } from 'vitest';
import { LEXICON_PINYIN } from '../../src/compliance/lexicon-pinyin.ts';
import { findBanned, foldForMatching } from '../../src/compliance/matcher.ts';
import {
  BANNED_CATEGORIES,
  SOUND_ALIKE_CATEGORIES,
  type BannedCategory,
} from '../../src/compliance/lexicons.ts';
import { SOUND_ALIKE_CHARS } from '../../src/compliance/sound-alike-chars.ts';
import { SoundAlikes } from '../../src/compliance/sound-alikes.ts';
import { soundAlikeChars } from '../../scripts/lexicon-pinyin.ts';
import { bannedZh, chineseTexts } from './chinese-texts.ts';

/**
 * The threats typed in sound-alike characters are the threats; ordinary words that sound like
 * one are not, and family and workplace words are never read by sound.
 */

const matcher = (categories: readonly BannedCategory[], chars = SOUND_ALIKE_CHARS) =>
  new SoundAlikes(
    bannedZh(categories).map(([w, c]) => [w, c, LEXICON_PINYIN[w] ?? []] as const),
    chars,
  );
const threats = matcher(SOUND_ALIKE_CATEGORIES);
const found = (text: string) => threats.find(foldForMatching(text)).map((h) => `${h.word}<${h.shown}>`);

describe('SoundAlikes over the threat categories', () => {
  it('reads the slips an input method offers as the word', () => {
    expect(found('再不还就包警')).toEqual(['报警<包警>']);
    expect(found('再不还就抱警')).toEqual(['报警<抱警>']);
    expect(found('你等着坐劳')).toEqual(['坐牢<坐劳>']);
    expect(found('不还钱就等着座牢')).toEqual(['坐牢<座牢>']);
    expect(found('我们会让人逮补你')).toEqual(['逮捕<逮补>']);
    expect(found('我们已经向法阮提交材料')).toEqual(['法院<法阮>']);
    expect(found('把你暴光')).toEqual(['曝光<暴光>']);
    expect(found('你会收到传漂')).toEqual(['传票<传漂>']);
    expect(found('我们会找上们')).toEqual(['找上门<找上们>']); // 们 is offered first for men
    expect(found('我们会冻洁你的银行卡')).toEqual(['冻结你<冻洁你>']); // 你 kept, though in 你的
  });

  it('reads them through filler too (包*警), never across a clause break or a bracket', () => {
    expect(found('再不还就包*警')).toEqual(['报警<包*警>']);
    expect(found('再不还就包，警')).toEqual([]);
    expect(found('【安心贷】手铐')).toEqual([]);
  });

  it('leaves the word itself to the plain views', () => {
    expect(found('报警')).toEqual([]);
  });

  it('needs a character of the word kept, other than a pronoun', () => {
    expect(found('经查，您的还款已到账')).toEqual([]); // jing cha, like 警察
    expect(found('还款时间看你方便')).toEqual([]); // kan ni, like 砍你
    expect(found('本次以短信形式通知您')).toEqual([]); // xing shi, like 刑事
  });

  it('takes no grammatical character as a slip', () => {
    expect(found('请记着本月15日是还款日')).toEqual([]); // ji zhe, like 记者
  });

  it('takes no ordinary word as a slip, nor a run inside one', () => {
    expect(found('请检查您的银行卡余额')).toEqual([]); // 检察
    expect(found('利息按合同公式计算')).toEqual([]); // 公示
    expect(found('你的退款已原路返回')).toEqual([]); // 你的腿
    expect(found('我们会公正处理您的反馈')).toEqual([]); // 公证处
    expect(found('如您近期出境')).toEqual([]); // 出警
    expect(found('我们不收取暴利')).toEqual([]); // 暴力
    expect(found('收到您的红包警告截图')).toEqual([]); // 报警
    expect(found('您的申请已报经审批')).toEqual([]); // 报警: ICU misses 报经, listed
  });

  it('flags nothing in the parser’s Chinese debtor texts and the clean corpus but two real threats', () => {
    const texts = chineseTexts();
    expect(texts.length).toBeGreaterThan(1_500);
    const flagged = texts.flatMap((t) =>
      threats.find(foldForMatching(t)).map((h) => `${t}: ${h.word}<${h.shown}>`),
    );
    // Both are debtors threatening the lender: 报井 is 报警, 律湿 is 律师.
    expect(flagged).toEqual(['再催我就报井: 报警<报井>', '你们利息太高了 我要找律湿: 律师<律湿>']);
  });

  it('reads no family, workplace or contacts word by sound: everyday words sound like them', () => {
    // Read by sound, 领到工资 would be 领导 (employer), 好有压力 好友 (contacts), 爱仁 爱人.
    const everything = matcher(BANNED_CATEGORIES, soundAlikeChars(LEXICON_PINYIN, BANNED_CATEGORIES));
    expect(everything.find('等您领到工资后再还也可以').map((h) => h.word)).toEqual(['领导']);
    expect(everything.find('我好有压力').map((h) => h.word)).toEqual(['好友']);
    expect(found('等您领到工资后再还也可以')).toEqual([]);
    expect(findBanned(foldForMatching('告诉你家仁'))).toEqual(new Map());
  });
});
