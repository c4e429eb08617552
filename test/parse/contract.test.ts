import { describe, expect, it } from 'vitest';
import { parse, type ParseContext } from '../../src/parse/index.ts';

// Monday 2026-11-23, 10:00 in Beijing: the contract's reference instant.
const now = '2026-11-23T10:00:00+08:00';
const p = (text: string, context: ParseContext = 'reminder', at = now) => parse(text, { context, now: at });

describe('CONTRACTS §2: the input example', () => {
  it('我只能先还500 offers 500 now', () => {
    expect(p('我只能先还500')).toEqual({
      intent: 'offer_amount',
      hardship: null,
      amount: 500,
      installments: null,
      date: null,
      // added fields (§2: "add fields freely"): how sure, and which rule decided
      confidence: expect.any(Number),
      reason: 'offer_amount.amount',
    });
  });
});

describe('CONTRACTS §2: every example of the intent table', () => {
  const table: [string, ParseContext, string][] = [
    ['R', 'reminder', 'opt_out'],
    ['TD', 'reminder', 'opt_out'],
    ['退订', 'reminder', 'opt_out'],
    ['拒收', 'reminder', 'opt_out'],
    ['别再发了', 'reminder', 'opt_out'],
    ['STOP', 'reminder', 'opt_out'],
    ['打错了', 'reminder', 'wrong_party'],
    ['我不是他', 'reminder', 'wrong_party'],
    ['我是他朋友', 'reminder', 'wrong_party'],
    ['我没借过', 'reminder', 'dispute'],
    ['金额不对', 'reminder', 'dispute'],
    ['不是我借的', 'reminder', 'dispute'],
    ['已经还了', 'reminder', 'already_paid'],
    ['昨天转过去了', 'reminder', 'already_paid'],
    ['投诉', 'reminder', 'complaint'],
    ['12378', 'reminder', 'complaint'],
    ['报警', 'reminder', 'complaint'],
    ['找律师', 'reminder', 'complaint'],
    ['骗子', 'reminder', 'abusive'],
    ['滚', 'reminder', 'abusive'],
    ['转人工', 'reminder', 'request_human'],
    ['找个真人', 'reminder', 'request_human'],
    ['好的', 'offer', 'accept'],
    ['可以', 'offer', 'accept'],
    ['第二个方案', 'offer', 'accept'],
    ['不行', 'offer', 'decline'],
    ['太多了', 'offer', 'decline'],
    ['明天还', 'reminder', 'promise_to_pay'],
    ['月底先还2000', 'reminder', 'promise_to_pay'],
    ['只能先还500', 'reminder', 'offer_amount'],
    ['每月最多300', 'reminder', 'offer_amount'],
    ['能分期吗', 'reminder', 'request_installment'],
    ['分三期可以吗', 'reminder', 'request_installment'],
    ['宽限几天', 'reminder', 'request_extension'],
    ['推到下个月15号', 'reminder', 'request_extension'],
    ['没钱', 'reminder', 'no_money'],
    ['失业了', 'reminder', 'no_money'],
    ['暂时的', 'clarify', 'no_money'],
    ['欠多少', 'reminder', 'question'],
    ['怎么还', 'reminder', 'question'],
    ['你们是哪个平台', 'reminder', 'question'],
    ['收到', 'reminder', 'other'],
    ['你好', 'reminder', 'other'],
    ['👍', 'reminder', 'other'],
  ];
  it.each(table)('%s (after %s) is %s', (text, context, intent) => {
    expect(p(text, context).intent).toBe(intent);
  });

  it('extracts the figures of the examples', () => {
    expect(p('月底先还2000')).toMatchObject({ amount: 2000, date: '2026-11-30' });
    expect(p('每月最多300').amount).toBe(300);
    expect(p('分三期可以吗').installments).toBe(3);
    expect(p('推到下个月15号').date).toBe('2026-12-15');
    expect(p('明天还').date).toBe('2026-11-24');
    expect(p('失业了').hardship).toBe('long_term');
    expect(p('暂时的', 'clarify').hardship).toBe('temporary');
  });
});

describe('CONTRACTS §2: precedence', () => {
  it('没钱,别发了 → opt_out', () => expect(p('没钱,别发了').intent).toBe('opt_out'));
  it('现在没钱,只能先还300 → offer_amount 300', () =>
    expect(p('现在没钱,只能先还300')).toMatchObject({ intent: 'offer_amount', amount: 300 }));
  it('没钱,周五发工资就还 → promise_to_pay on the coming Friday', () =>
    expect(p('没钱,周五发工资就还')).toMatchObject({ intent: 'promise_to_pay', date: '2026-11-27' }));
});

describe('CONTRACTS §2: date semantics', () => {
  const friday = '2026-11-27T09:00:00+08:00';
  it('月底 is the last day of the month, also in February', () => {
    expect(p('月底还').date).toBe('2026-11-30');
    expect(p('月底还', 'reminder', '2028-02-10T10:00:00+08:00').date).toBe('2028-02-29');
  });
  it('周五 and 这周五 are the coming Friday, today when today is Friday', () => {
    expect(p('周五还').date).toBe('2026-11-27');
    expect(p('这周五还').date).toBe('2026-11-27');
    expect(p('周五还', 'reminder', friday).date).toBe('2026-11-27');
    expect(p('星期五还', 'reminder', '2026-11-28T09:00:00+08:00').date).toBe('2026-12-04');
  });
  it('下周五 is the Friday of next week (weeks start on Monday)', () => {
    expect(p('下周五还').date).toBe('2026-12-04');
    expect(p('下周五还', 'reminder', '2026-11-29T20:00:00+08:00').date).toBe('2026-12-04');
    expect(p('下周五还', 'reminder', friday).date).toBe('2026-12-04');
  });
  it('25号 is the next 25th on or after today', () => {
    expect(p('25号还').date).toBe('2026-11-25');
    expect(p('23号还').date).toBe('2026-11-23');
    expect(p('20号还').date).toBe('2026-12-20');
  });
  it('三天之内 is today + 3', () => expect(p('三天之内还').date).toBe('2026-11-26'));
  it('resolves in the local calendar of now’s offset, not UTC', () => {
    // 00:30 in Beijing is still the previous day in UTC.
    expect(p('明天还', 'reminder', '2026-11-24T00:30:00+08:00').date).toBe('2026-11-25');
    expect(p('tomorrow', 'reminder', '2026-11-23T22:30:00-05:00').date).toBe('2026-11-24');
  });
});
