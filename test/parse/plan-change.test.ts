import { describe, expect, it } from 'vitest';
import type { Option } from '../../src/planning/planner.ts';
import { readPlanChange } from '../../src/parse/plan-change.ts';

const today = '2026-11-23'; // a Monday
/** An agreed plan of three monthly installments on the 25th. */
const plan: Option = {
  id: 'A',
  kind: 'requested',
  reason: 'the count asked for',
  installments: [
    { due: '2026-11-25', amount: 100000 },
    { due: '2026-12-25', amount: 100000 },
    { due: '2027-01-25', amount: 100000 },
  ],
};
const change = (text: string, nextIndex?: number) =>
  readPlanChange(text, { plan, today, ...(nextIndex === undefined ? {} : { nextIndex }) });
const move = (index: number, to: string | null, byDays: number | null) => ({
  kind: 'move',
  index,
  to,
  byDays,
});

describe('readPlanChange: moving one installment', () => {
  it.each([
    // a shift in days or weeks
    ['第二期能不能晚一周', move(1, null, 7)],
    ['把这期延后3天', move(0, null, 3)],
    ['第二期晚两个星期可以吗', move(1, null, 14)],
    ['第二期可以延後一週嗎', move(1, null, 7)],
    ['12月那期推迟一周', move(1, null, 7)],
    ['第二期推迟半个月', move(1, null, 15)],
    ['能不能晚一天', move(0, null, 1)],
    ['我的分期能不能推迟一周', move(0, null, 7)],
    ['下期可唔可以迟一个礼拜俾', move(0, null, 7)],
    ['呢期押后三日得唔得', move(0, null, 3)],
    ['Could I move my next payment back a week?', move(0, null, 7)],
    ['push my payment back 3 days please', move(0, null, 3)],
    ["Can I delay this month's payment by a couple of days?", move(0, null, 2)],
    // lateness said as a shift: "a week late", "3 days late"
    ['is it ok if my second payment is a week late?', move(1, null, 7)],
    ['could the next one be 3 days late', move(0, null, 3)],
    // a date
    ['下一期推到15号', move(0, '2026-12-15', null)],
    ['第二期改到下个月5号', move(1, '2026-12-05', null)],
    ['最后一期改到2月10号', move(2, '2027-02-10', null)],
    ['I need to postpone the second installment until January 30', move(1, '2027-01-30', null)],
    ['can the payment due on the 25th be moved to the 30th?', move(0, '2026-11-30', null)],
    ["can I push next month's payment to the 30th", move(1, '2026-12-30', null)],
    ['my payment is due Wednesday, can I move it to Friday', move(0, '2026-11-27', null)],
    // a month later: the same day next month
    ['能不能推迟一个月', move(0, '2026-12-25', null)],
    ['can I pay the last one a month later', move(2, '2027-02-25', null)],
    // later, but not how much: the machine asks
    ['第一期晚几天', move(0, null, null)],
    ['第三期遲啲俾得唔得', move(2, null, null)],
    ['这期晚点还可以吗', move(0, null, null)],
    ['能不能宽限几天', move(0, null, null)],
    ["I can't make my payment, can I pay later?", move(0, null, null)],
  ] as const)('%j → %j', (text, expected) => {
    expect(change(text)).toEqual(expected);
  });

  it('a bare day of the month falls after the installment’s due date: a move is later', () => {
    // The 2nd is due Dec 25: the 15th and the 20th are those of January.
    expect(change('第二期能不能15号还')).toEqual(move(1, '2027-01-15', null));
    expect(change('can I push the 3rd payment to the 20th')).toEqual(move(2, '2027-02-20', null));
    expect(change('could I pay the second one on the 28th instead')).toEqual(move(1, '2026-12-28', null));
  });

  it('"the next one" is the next unpaid installment the machine names', () => {
    expect(change('下一期推到下个月30号', 1)).toEqual(move(1, '2026-12-30', null));
    expect(change('能不能宽限几天', 2)).toEqual(move(2, null, null));
    expect(change('第一期晚几天', 2)).toEqual(move(0, null, null));
  });
});

describe('readPlanChange: not a plan change', () => {
  it.each([
    '第二期多少钱',
    '下一期什么时候还',
    '分二期',
    '能分6期吗',
    'I want to change to 6 payments',
    '第二期改成300',
    '能不能提前还',
    'can I pay the second one earlier',
    '第二期我15号还',
    '我晚点还',
    '下个月再还',
    '好的,谢谢',
    'how much is my payment',
    '第五期推迟一周',
    'is there a fee if my second payment is late?',
    'sorry my payment was a week late',
  ])('%j → null', (text) => {
    expect(change(text)).toBeNull();
  });
});
