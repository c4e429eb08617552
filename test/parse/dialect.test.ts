import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/parse/normalize.ts';
import { toMandarin } from '../../src/parse/dialect.ts';
import { parse } from '../../src/parse/index.ts';

// toMandarin reads normalised text (simplified already), as the parser gives it.
const m = (text: string): string => toMandarin(normalize(text));
const now = '2026-11-23T10:00:00+08:00';

describe('Cantonese → Mandarin', () => {
  it.each([
    ['聽日還', '明天还'],
    ['聽朝一定還晒', '明早一定还完'],
    ['我冇錢', '我没钱'],
    ['佢唔喺度', '他不在'],
    ['我係佢老婆', '我是他老婆'],
    ['等出糧先還', '等发工资先还'],
    ['你哋係邊間公司', '你们是哪家公司'],
    ['總共幾錢', '总共多少钱'],
    ['遲啲先還', '迟点先还'],
    ['揀B', '选b'],
    ['要嗰個', '要那个'],
    ['還咗啦', '还了'],
    ['畀多個禮拜我得唔得', '给多个礼拜我行不行'],
    ['點解變咗6800', '为什么变了6800'],
    ['仲有幾多利息', '还有多少利息'],
    ['收到未', '收到没'],
    ['千五', '一千五'],
  ])('%s → %s', (yue, zh) => expect(m(yue)).toBe(zh));

  it('drops tone-only final particles (㗎, 喎, 啦, 呀) where a clause ends', () => {
    expect(m('好呀')).toBe('好');
    expect(m('我冇申請過喎,邊度嚟嘅欠款?')).toBe('我没申请过,哪里来的欠款?');
  });
  it('maps English verbs inside Cantonese (仲send, pay咗) to the Chinese verb', () => {
    expect(m('仲send')).toBe('还发');
    expect(m('今朝啱啱pay咗')).toBe('今早刚刚付了');
  });
  it('leaves the Mandarin words that hold a Cantonese character alone', () => {
    for (const zh of ['系统出错了', '我同意', '申请仲裁', '未来再说', '联系我', '合同上写的', '千万别'])
      expect(m(zh)).toBe(normalize(zh));
  });
  it('gives Mandarin-only text back unchanged', () =>
    expect(m('我现在真的没钱,下个月发工资再还')).toBe('我现在真的没钱,下个月发工资再还'));
});

describe('Taiwanese Mandarin and net slang → mainland words', () => {
  it.each([
    ['傳簡訊給我', '传短信给我'],
    ['帳號是不是換了', '账号是不是换了'],
    ['薪水入帳就繳', '工资到账就缴'],
    ['這個門號我上個月才辦的', '这个号码我上个月才办的'],
    ['我要找消保官', '我要找消费者保护'],
    ['肿么办', '怎么办'],
    ['神马时候', '什么时候'],
  ])('%s → %s', (tw, zh) => expect(m(tw)).toBe(zh));
});

describe('the parser reads regional text like Mandarin', () => {
  const p = (text: string, context: 'reminder' | 'offer' | 'clarify' = 'reminder') =>
    parse(text, { context, now });
  it.each([
    ['聽日還500 唔該', 'promise_to_pay'],
    ['唔使再send喇', 'opt_out'],
    ['冇錢呀', 'no_money'],
    ['遲啲先還得唔得', 'request_extension'],
    ['我係佢以前嘅室友嚟㗎', 'wrong_party'],
    ['你哋係邊間?', 'question'],
    ['總共幾錢呀', 'question'],
    ['我老公幫我還咗喇', 'already_paid'],
  ])('%s → %s', (text, intent) => expect(p(text).intent).toBe(intent));
  it('an option picked in Cantonese after an offer is agreement', () => {
    expect(p('揀B啦', 'offer').intent).toBe('accept');
    expect(p('要嗰個', 'offer').intent).toBe('accept');
  });
  it('聽日 resolves to tomorrow and 出糧 reads as payday (temporary)', () => {
    expect(p('聽日還').date).toBe('2026-11-24');
    expect(p('等出糧先還').hardship).toBe('temporary');
  });
});
