import { describe, expect, it } from 'vitest';
import { answerTopic, answerTopics } from '../../src/parse/answer-topic.ts';

describe('answerTopic', () => {
  it.each([
    // balance
    ['我欠多少钱?', 'balance'],
    ['还要还多少', 'balance'],
    ['一共多少钱啊', 'balance'],
    ['我现在还剩多少没还', 'balance'],
    ['欠款金额是多少', 'balance'],
    ['余额多少', 'balance'],
    ['我還欠多少', 'balance'],
    ['How much do I owe?', 'balance'],
    ["what's my balance", 'balance'],
    ['what is the total amount', 'balance'],
    // how_to_pay
    ['怎么还?', 'how_to_pay'],
    ['如何还款', 'how_to_pay'],
    ['还款方式有哪些', 'how_to_pay'],
    ['在哪还', 'how_to_pay'],
    ['去哪里还款', 'how_to_pay'],
    ['可以用微信还吗', 'how_to_pay'],
    ['可以用信用卡还吗', 'how_to_pay'],
    ['哪个银行卡能还', 'how_to_pay'],
    ['怎麼還款', 'how_to_pay'],
    ['How do I pay?', 'how_to_pay'],
    ['where can I pay', 'how_to_pay'],
    ['can I pay by card?', 'how_to_pay'],
    ['can I pay with my credit card', 'how_to_pay'],
    ['which app do I use', 'how_to_pay'],
    // who
    ['你们是谁', 'who'],
    ['你是谁啊', 'who'],
    ['哪个平台的?', 'who'],
    ['你们是什么公司', 'who'],
    ['你们是哪里的', 'who'],
    ['Who is this?', 'who'],
    ["who's texting me", 'who'],
    ['what company is this', 'who'],
    ['Is this a scam?', 'who'],
    // credit
    ['会影响征信吗', 'credit'],
    ['对我信用有影响吗', 'credit'],
    ['不还会怎么样', 'credit'],
    ['会上征信黑名单吗', 'credit'],
    ['Will this hurt my credit score?', 'credit'],
    ['does it go on my credit report', 'credit'],
    ['what happens if I do not pay', 'credit'],
    // general
    ['利息怎么算的?', 'general'],
    ['你好?', 'general'],
    ['什么时候开始的', 'general'],
    ['Why?', 'general'],
    ['', 'general'],
  ] as const)('%j → %s', (text, topic) => {
    expect(answerTopic(text)).toBe(topic);
  });

  it('the more specific topic wins when a message asks two things', () => {
    expect(answerTopic('你们是谁?我欠多少')).toBe('who');
    expect(answerTopic('欠多少,会影响征信吗')).toBe('credit');
    expect(answerTopic('我还欠多少,怎么还')).toBe('balance');
    expect(answerTopic('How much do I owe and how do I pay?')).toBe('balance');
  });

  it('normalises first: full-width, traditional and upper case', () => {
    expect(answerTopic('ＨＯＷ ＭＵＣＨ')).toBe('balance');
    expect(answerTopic('你們是誰')).toBe('who');
    expect(answerTopic('會影響徵信嗎')).toBe('credit');
  });
});

describe('answerTopic: after the first offer (CONTRACTS §8)', () => {
  it.each([
    // next_installment: the date and amount of the next one
    ['下一期是哪天', 'next_installment'],
    ['下一期要还多少', 'next_installment'],
    ['下期几号', 'next_installment'],
    ['下次还款是什么时候?', 'next_installment'],
    ['这个月要还多少', 'next_installment'],
    ['每个月还多少来着', 'next_installment'],
    ['这期最晚哪天还', 'next_installment'],
    ['第三期是几号', 'next_installment'],
    ['下个月几号扣款', 'next_installment'],
    ['還款日是幾號', 'next_installment'],
    ['下期幾時還', 'next_installment'],
    ['下一期要俾几多', 'next_installment'],
    ["when's the next one due", 'next_installment'],
    ['When is my next payment due?', 'next_installment'],
    ['how much is the next payment', 'next_installment'],
    ['what is my due date', 'next_installment'],
    ["what's due next month?", 'next_installment'],
    ['what’s left to pay?', 'remaining'],
    // remaining: the sum of what is still unpaid
    ['还剩多少', 'remaining'],
    ['还差多少没还', 'remaining'],
    ['剩下的还有多少', 'remaining'],
    ['还剩几期啊', 'remaining'],
    ['我还有多少没还?', 'remaining'],
    ['还完还要多少', 'remaining'],
    ['剩餘金額多少', 'remaining'],
    ['仲差几多', 'remaining'],
    ['how much is left?', 'remaining'],
    ['how many payments are left', 'remaining'],
    ["what's my remaining balance", 'remaining'],
    ['how much do I still owe', 'remaining'],
    // overdue_days
    ['逾期几天了', 'overdue_days'],
    ['我逾期多久了?', 'overdue_days'],
    ['已经逾期几天啦', 'overdue_days'],
    ['晚了几天了', 'overdue_days'],
    ['逾期咗幾耐', 'overdue_days'],
    ['how many days late am I', 'overdue_days'],
    ['how overdue is my account?', 'overdue_days'],
    // late_fees: a waiver is a person's decision
    ['滞纳金能不能免', 'late_fees'],
    ['罚息可以减免吗', 'late_fees'],
    ['违约金能免吗?', 'late_fees'],
    ['利息能不能少点', 'late_fees'],
    ['能不能减免一点利息', 'late_fees'],
    ['滯納金可唔可以免', 'late_fees'],
    ['滞纳金多少', 'late_fees'],
    ['can you waive the late fee?', 'late_fees'],
    ['can the late fees be removed', 'late_fees'],
    ['could you drop the interest', 'late_fees'],
    // handoff_eta: when the promised person gets in touch
    ['什么时候有人联系我', 'handoff_eta'],
    ['人工什么时候回复', 'handoff_eta'],
    ['客服什么时候给我打电话', 'handoff_eta'],
    ['怎么还没人联系我', 'handoff_eta'],
    ['为什么还不回复', 'handoff_eta'],
    ['等了好久都没人回', 'handoff_eta'],
    ['还要等多久', 'handoff_eta'],
    ['几时有人覆我', 'handoff_eta'],
    ['when will someone call me', 'handoff_eta'],
    ['how long until someone gets back to me?', 'handoff_eta'],
    ['why is nobody calling me back?', 'handoff_eta'],
    ['still waiting for a call', 'handoff_eta'],
    // who, now with the scam worry
    ['这是哪家公司?是不是诈骗', 'who'],
    ['是不是骗子啊', 'who'],
    ['你们正规吗', 'who'],
    ['这个平台合法吗', 'who'],
    ['这是诈骗短信吧', 'who'],
    ['係咪真嘅', 'who'],
    ['系咪呃人㗎', 'who'],
    ['這是哪家公司?是不是詐騙', 'who'],
    ['is this legit', 'who'],
    ['is this for real?', 'who'],
    ["how do I know this isn't a scam", 'who'],
    ['is this spam', 'who'],
  ] as const)('%j → %s', (text, topic) => {
    expect(answerTopic(text)).toBe(topic);
  });

  it.each([
    // Near misses: the old topics keep their meaning
    ['我现在还剩多少没还', 'balance'],
    ['还要还多少', 'balance'],
    ['利息怎么算的?', 'general'],
    ['我逾期了会怎么样', 'general'],
    ['分几期', 'general'],
    ['逾期了会影响征信吗', 'credit'],
    ['怎么还款', 'how_to_pay'],
  ] as const)('%j stays %s', (text, topic) => {
    expect(answerTopic(text)).toBe(topic);
  });
});

describe('answerTopics: every topic asked, in the order asked', () => {
  it.each([
    ['你们是谁?我欠多少', ['who', 'balance']],
    ['逾期几天了,会影响征信吗', ['overdue_days', 'credit']],
    ['下一期什么时候还?怎么还', ['next_installment', 'how_to_pay']],
    ['下一期哪天,还剩多少', ['next_installment', 'remaining']],
    ['滞纳金能免吗?什么时候有人联系我', ['late_fees', 'handoff_eta']],
    ["What's my balance and when is the next payment due?", ['balance', 'next_installment']],
    ['how much is left and when is the next one due', ['remaining', 'next_installment']],
    ['我还欠多少,怎么还', ['balance', 'how_to_pay']],
  ] as const)('%j → %j', (text, topics) => {
    expect(answerTopics(text)).toEqual(topics);
  });

  it('a bare "how much" beside an installment question asks that installment, not the balance', () => {
    expect(answerTopics('下一期要还多少')).toEqual(['next_installment']);
    expect(answerTopics('下期几号还,要还多少')).toEqual(['next_installment']);
    expect(answerTopics('罚息多少,能不能免')).toEqual(['late_fees']);
  });

  it('a keyword inside a more specific question is part of it, not a second topic', () => {
    // 怎么还 here is "how come still", not "how do I pay".
    expect(answerTopics('怎么还没人联系我')).toEqual(['handoff_eta']);
    expect(answerTopics('how much do I still owe')).toEqual(['remaining']);
  });

  it('the most specific topic is the one answerTopic gives', () => {
    expect(answerTopic('滞纳金能免吗?什么时候有人联系我')).toBe('handoff_eta');
    expect(answerTopic("What's my balance and when is the next payment due?")).toBe('next_installment');
    expect(answerTopic('下一期哪天,还剩多少')).toBe('next_installment');
  });

  it('a message that asks nothing we know is general', () => {
    expect(answerTopics('你好?')).toEqual(['general']);
    expect(answerTopics('')).toEqual(['general']);
  });
});
