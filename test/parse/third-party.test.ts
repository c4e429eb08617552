import { describe, expect, it } from 'vitest';
import { reopensAfterOptOut, thirdPartyOf } from '../../src/parse/third-party.ts';

describe('thirdPartyOf: someone on the debtor’s side says who they are', () => {
  it.each([
    ['我是他爱人,钱我来还吧', 'spouse', true],
    ['我是她老公', 'spouse', false],
    ['我系佢老婆', 'spouse', false],
    ['我是他太太,錢我來還', 'spouse', true],
    ['我是他女朋友', 'spouse', false],
    ['我是张伟的老婆,他欠多少我来还', 'spouse', true],
    ['这是他妈妈,他出去打工了', 'parent', false],
    ['我係佢阿媽', 'parent', false],
    ['他是我儿子,他的钱我来还', 'parent', true],
    ['佢系我个仔,我帮佢还', 'parent', true],
    ['我儿子欠的钱我来还', 'parent', true],
    ['我是他哥,我可以先帮他还一部分', 'sibling', true],
    ['我替我老公还', 'spouse', true],
    ['这是我老公的手机,有事跟他说', 'spouse', false],
    ['你们直接找我老公吧', 'spouse', false],
    ['我老公欠的钱,我是他老婆,我来还', 'spouse', true],
    ['我是他同事,这不是他的号码', 'colleague', false],
    ['我是他老板,他已经离职了', 'colleague', false],
    ['我是他朋友,我不会替他还的', 'friend', false],
    ['我是他的紧急联系人', 'other', false],
    ['我帮他还', 'other', true],
    ["I'm his wife, I can pay it", 'spouse', true],
    ['I’m his wife, I’ll pay it', 'spouse', true],
    ['I am her husband', 'spouse', false],
    ["my husband is the borrower, I'll pay it", 'spouse', true],
    ["my husband's loan, I'm his wife, I'll pay", 'spouse', true],
    ["I'm his wife but I'm not paying his debts", 'spouse', false],
    ['this is his mom', 'parent', false],
    ["this is John's mother, he passed away", 'parent', false],
    ["I'm the borrower's mom", 'parent', false],
    ["He's my son, how much does he owe?", 'parent', false],
    ['I’m texting on behalf of my son', 'parent', false],
    ["this is her dad, she's at work", 'parent', false],
    ["I'm her roommate, she moved out", 'friend', false],
    ["I'm his ex-wife", 'other', false],
    ['I can pay it for him', 'other', true],
  ] as const)('%j → %s, offers to pay: %s', (text, role, offersToPay) => {
    expect(thirdPartyOf(text)).toEqual({ role, offersToPay });
  });

  it('a refusal is no offer, even beside the words for paying', () => {
    expect(thirdPartyOf('我是他妈,他的事别找我')).toEqual({ role: 'parent', offersToPay: false });
    expect(thirdPartyOf('我是他老婆,凭什么让我还')).toEqual({ role: 'spouse', offersToPay: false });
  });
});

describe('thirdPartyOf: a debtor speaking of their own family is no third party', () => {
  it.each([
    '我老婆生病了',
    '我老公不让我还',
    '我妈住院了,实在没钱',
    '我儿子上学要钱',
    '我爸会帮我还',
    '我儿子帮我还',
    '我女儿下个月给我钱我就还',
    '我和我老公商量一下',
    '我老婆借的钱我还不起',
    '我是单亲妈妈',
    '我是孩子的妈,哪有钱',
    '我是当妈的人,理解一下',
    '我妈住院了,我是她儿子,得照顾她',
    '我媽住院,我係佢個仔要照顧佢',
    '這是我老婆的手機,我就是本人',
    'my wife lost her job',
    'my husband will pay next week',
    'my sister is helping me pay',
    "I'm a single mom",
    "I'm a mother of three, I can't pay",
    "I'm texting from my wife's phone",
    "my son's school fees are due",
    "My mom is in the hospital and I'm her son, I have to take care of her",
    '我是他',
    'who is this? I’m her',
  ])('%j → null', (text) => {
    expect(thirdPartyOf(text)).toBeNull();
  });
});

describe('reopensAfterOptOut: an opted-out debtor asks to be heard again', () => {
  it.each([
    '之前退订了,现在想还款',
    '之前回复了R,现在想协商一下分期',
    '我之前說不要再發,現在想還錢',
    '以前退訂咗,而家想還錢',
    '可以重新联系我',
    '取消退订',
    '恢复短信通知',
    '麻烦联系我一下',
    '我想还款了',
    '我要还钱,怎么还',
    '可以分期吗',
    'I opted out before but I want to pay now',
    'I unsubscribed earlier, but I can pay $200 now',
    'you can contact me again',
    "please text me again, I'm ready to pay",
    "I'd like to set up a payment plan",
    'can we talk about this?',
    'how do I pay',
    'call me',
    'START',
    'unstop',
  ])('%j → yes', (text) => {
    expect(reopensAfterOptOut(text)).toBe(true);
  });

  it.each([
    'R',
    '退订',
    '别再发了',
    '不要联系我',
    '之前退订了,别再发了',
    '我不想还',
    '不想还,别烦我',
    '没钱',
    '你好',
    '谁啊',
    '收到',
    '嗯',
    '👍',
    'STOP',
    'I opted out already, stop texting me',
    "I still don't want any messages",
    "I don't want to pay",
    'why are you still texting me',
  ])('%j → no', (text) => {
    expect(reopensAfterOptOut(text)).toBe(false);
  });
});
