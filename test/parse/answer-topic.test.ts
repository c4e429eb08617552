import { describe, expect, it } from 'vitest';
import { answerTopic } from '../../src/parse/answer-topic.ts';

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
