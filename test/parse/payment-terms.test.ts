import { describe, expect, it } from 'vitest';
import { parse, type ParseContext } from '../../src/parse/index.ts';
import { readPaymentTerms } from '../../src/parse/payment-terms.ts';

const now = '2026-11-23T10:00:00+08:00'; // a Monday
/** What the machine gets: the debtor's text, the parser's reading of it, the bot's last question. */
const terms = (text: string, context: ParseContext = 'reminder') =>
  readPaymentTerms(text, parse(text, { context, now }), context);

describe('readPaymentTerms: a monthly figure is a capacity', () => {
  it.each([
    ['每月最多300', 30000],
    ['一个月能还500', 50000],
    ['每個月最多還500', 50000],
    ['五百一个月', 50000],
    ['一千二一个月', 120000],
    ['每期500可以吗', 50000],
    ['$200 a month', 20000],
    ['I can do 150 per month', 15000],
    ['我每個月出糧,一個月還到800', 80000],
  ] as const)('%j → monthlyCapacity %i', (text, minor) => {
    expect(terms(text)).toEqual({ monthlyCapacity: minor });
  });

  it('a bare figure that is not a promise is a capacity, as before', () => {
    expect(terms('300', 'clarify')).toEqual({ monthlyCapacity: 30000 });
    expect(terms('大概500吧', 'clarify')).toEqual({ monthlyCapacity: 50000 });
  });
});

describe('readPaymentTerms: the answer to the clarify question', () => {
  it('a monthly figure is a capacity even with payday talk around it', () => {
    const text = '暂时困难,月底发工资,一个月最多还700';
    expect(parse(text, { context: 'clarify', now }).intent).toBe('promise_to_pay');
    expect(terms(text, 'clarify')).toEqual({ monthlyCapacity: 70000 });
  });

  it.each([
    ['今天刚发工资,一个月最多还700', 70000],
    ['现在每个月最多还700', 70000],
    ['月底发工资,能还700吧', 70000],
    ['發了工資每個月可以還六百', 60000],
    ['I get paid Friday, I can do $250 a month', 25000],
  ] as const)('%j in context clarify → monthlyCapacity %i', (text, minor) => {
    expect(terms(text, 'clarify')).toEqual({ monthlyCapacity: minor });
  });

  it('outside it, a promise names a one-off sum, not a capacity', () => {
    expect(terms('月底发工资,能还700吧', 'reminder')).toEqual({});
    expect(terms('明天还300', 'reminder')).toEqual({});
    expect(terms('明天还300', 'clarify')).toEqual({ monthlyCapacity: 30000 });
  });

  it('outside it, pay-now wording anywhere still makes a monthly figure a first payment (the goldens pin this)', () => {
    expect(terms('今天刚发工资,一个月最多还700', 'reminder')).toEqual({ payNow: 70000 });
    expect(terms('I could manage $200 a month right now', 'reminder')).toEqual({ payNow: 20000 });
  });
});

describe('readPaymentTerms: weekly and fortnightly figures become a month', () => {
  it.each([
    // every two weeks: × 26 / 12
    ['$60 every other week', 13000],
    ['I can pay $60 every two weeks', 13000],
    ['$125 every two weeks', 27083],
    ['biweekly 120', 26000],
    ['每两周能还400', 86666],
    ['每兩個禮拜還三百', 65000],
    ['每隔一周还250', 54166],
    ['两个星期一次,每次还400', 86666],
    // half a month: × 2
    ['每半个月300', 60000],
    ['半个月还300', 60000],
    ['一个月两次,每次300', 60000],
    ['twice a month $100', 20000],
    // every week: × 52 / 12, rounded down to the cent
    ['每周100', 43333],
    ['每周一百', 43333],
    ['我每周能还100', 43333],
    ['每个星期还200', 86666],
    ['一個禮拜可以還100', 43333],
    ['每周五还200', 86666],
    ['$50 a week', 21666],
    ['I can do 75 per week', 32500],
    ['$50 a week right now', 21666],
    ['$62.50 weekly', 27083],
  ] as const)('%j → monthlyCapacity %i', (text, minor) => {
    expect(terms(text)).toMatchObject({ monthlyCapacity: minor });
    expect(terms(text).payNow).toBeUndefined();
  });

  it('a span of time before a date is no period', () => {
    expect(terms('一周内还500')).toEqual({});
    expect(terms('I can pay 500 in a week')).toEqual({});
    expect(terms('半个月后还300')).toEqual({ monthlyCapacity: 30000 });
    expect(terms('下周一还500')).toEqual({});
  });

  it('a period belongs to the figure beside it, not to one in another clause', () => {
    // 500 a week is income; 200 is what can be paid.
    expect(terms('我每个礼拜赚500,能还200')).toEqual({ monthlyCapacity: 20000 });
  });
});

describe('readPaymentTerms: pay now', () => {
  it.each([
    ['只能先还500', 50000],
    ['现在没钱,只能先还300', 30000],
    ['今天可以先付800', 80000],
    ['先還一千', 100000],
    ['I can send $100 right now', 10000],
    ['can pay 300 upfront', 30000],
  ] as const)('%j → payNow %i', (text, minor) => {
    expect(terms(text)).toEqual({ payNow: minor });
  });

  it('a first payment and a monthly figure in one message are both read', () => {
    expect(terms('先还500,以后每月300')).toEqual({ payNow: 50000, monthlyCapacity: 30000 });
    expect(terms('每月300,先还500')).toEqual({ payNow: 50000, monthlyCapacity: 30000 });
    expect(terms('先付1000,剩下每个月还500')).toEqual({ payNow: 100000, monthlyCapacity: 50000 });
    expect(terms('I can pay $200 now and $100 a month after that')).toEqual({
      payNow: 20000,
      monthlyCapacity: 10000,
    });
    expect(terms('$100 a month, and $200 now')).toEqual({ payNow: 20000, monthlyCapacity: 10000 });
  });

  it('a monthly figure said to come after a vague first payment is the capacity, not the first payment', () => {
    expect(terms('今晚能先还一点,以后每月600行吗')).toEqual({ monthlyCapacity: 60000 });
    expect(terms('先还一些,之后每个月还600')).toEqual({ monthlyCapacity: 60000 });
    expect(terms('I can pay a little today, then $100 a month')).toEqual({ monthlyCapacity: 10000 });
    // Pay-now wording without "after that" keeps its reading (the goldens pin it).
    expect(terms('$200 a month right now')).toEqual({ payNow: 20000 });
  });
});

describe('readPaymentTerms: half now and the rest later', () => {
  it.each([
    'half now and the rest next month',
    'half now, half next month',
    'Can I pay half today and the rest on the 30th?',
    "I'd like to pay half now and the remainder at the end of the month",
    '一半现在,剩下的下个月',
    '先还一半,剩下月底',
    '我先还一半,下个月再还一半',
    '分两次还,一半现在,一半月底',
    '先還一半,剩下的下個月',
    '而家還一半,其餘下個月',
    '今日俾一半,下個月俾埋剩低嘅',
    'can I pay half on the 10th and the rest next month?',
    'half by the 5th, the rest at the end of the month',
    '10号先还一半,剩下的下个月',
  ])('%j → two installments, half first', (text) => {
    expect(terms(text)).toEqual({ installments: 2, split: 'half_now_rest_later' });
  });

  it('half now alone, or the rest in several installments, is no such split', () => {
    expect(terms('先还一半吧')).toEqual({});
    expect(terms('先还一半,剩下的分三期')).toEqual({ installments: 3 });
  });
});

describe('readPaymentTerms: counts and figures that are no terms', () => {
  it('carries the installment count the parser read', () => {
    expect(terms('分3期,每期500')).toEqual({ installments: 3, monthlyCapacity: 50000 });
    expect(terms('能分6期吗')).toEqual({ installments: 6 });
    expect(terms('split it into 4 payments')).toEqual({ installments: 4 });
  });

  it('a payment already made, a disputed sum or a stranger states no terms', () => {
    expect(terms('已经还了500')).toEqual({});
    expect(terms('我只借了3000,不是5000')).toEqual({});
    expect(terms('我是他朋友,他每月能还500')).toEqual({});
  });

  it('a message without figures or counts states nothing', () => {
    expect(terms('没钱')).toEqual({});
    expect(terms('好的', 'offer')).toEqual({});
    expect(terms('')).toEqual({});
  });
});
