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

describe('readPaymentTerms: a figure per paycheck is paid once per the pay period stated', () => {
  it.each([
    // every two weeks: × 26 / 12
    ['I get paid biweekly, I could put $90 toward it each paycheck', 19500],
    ['I get paid every two weeks and can do 100 per paycheck', 21666],
    ['my paycheck comes every 2 weeks, I can set aside 80 from each one', 17333],
    ['we get paid fortnightly, 100 a pay', 21666],
    ['ninety dollars each paycheck, I get paid biweekly', 19500],
    ['工资每两周发一次,每次发工资能还400', 86666],
    ['我是双周发薪,每次发薪还300', 65000],
    ['每次發工資還500,工資每兩週發', 108333],
    ['我每次出粮还300,两个礼拜出一次粮', 65000],
    // every week: × 52 / 12
    ['I get paid weekly, I can do 50 each payday', 21666],
    ['I get paid every Friday, 40 out of each paycheck', 17333],
    ['each time I get paid I can send $75, I get paid weekly', 32500],
    ['每周发工资,每次发工资还100', 43333],
    ['我是周薪,每次领工资可以还150', 65000],
    ['工资是每个礼拜发的,每次发工资能还80', 34666],
    // twice a month: × 2
    ["I'm paid twice a month, $150 every paycheck", 30000],
    ['I get paid on the 1st and 15th, 100 each paycheck', 20000],
    ['semi-monthly pay, 120 per paycheck', 24000],
    ['每半个月发一次工资,每次发工资还500', 100000],
    // monthly: × 1
    ['I get paid monthly, 300 each paycheck', 30000],
    ['月薪,每次发工资还800', 80000],
  ] as const)('%j → monthlyCapacity %i', (text, minor) => {
    expect(terms(text)).toEqual({ monthlyCapacity: minor });
  });

  it('without a pay frequency, a figure per paycheck is a month', () => {
    expect(terms('I can do 120 each paycheck')).toEqual({ monthlyCapacity: 12000 });
    expect(terms('could do like 20 a paycheck ngl')).toEqual({ monthlyCapacity: 2000 });
    expect(terms('每次发工资还500')).toEqual({ monthlyCapacity: 50000 });
    expect(terms('每次发工资还一千')).toEqual({ monthlyCapacity: 100000 });
    // a weekly overtime shift is not a pay frequency
    expect(terms('我每周要加班,每次发工资还500')).toEqual({ monthlyCapacity: 50000 });
  });

  it('a period beside the figure itself wins over the pay frequency', () => {
    expect(terms('$40 a week from each check')).toEqual({ monthlyCapacity: 17333 });
    expect(terms('I get paid biweekly, but I can do $100 a month out of each paycheck')).toEqual({
      monthlyCapacity: 10000,
    });
  });

  it('the income beside it is no capacity, and a sum said now is a first payment', () => {
    expect(terms('I make $2000 biweekly and can put $90 from each paycheck')).toEqual({
      monthlyCapacity: 19500,
    });
    expect(terms('I get paid biweekly, I could put $90 toward it each paycheck, and 100 right now')).toEqual({
      monthlyCapacity: 19500,
      payNow: 10000,
    });
    expect(terms('先还200,以后每次发工资还100')).toEqual({ payNow: 20000, monthlyCapacity: 10000 });
  });

  it('one payday named alone is a date, not a pay period', () => {
    expect(terms('月底发工资,能还700吧')).toEqual({});
    expect(terms('I get paid every two weeks, I can pay $90 now')).toEqual({ payNow: 9000 });
    expect(terms('I took a pay cut, can only do 100 a month')).toEqual({ monthlyCapacity: 10000 });
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
