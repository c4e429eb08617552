import { describe, expect, it } from 'vitest';
import { payFollows, pickDate } from '../../src/parse/date-choice.ts';
import { findDates } from '../../src/parse/dates.ts';
import { parseInstant } from '../../src/time/calendar.ts';

const now = parseInstant('2027-03-06T10:00:00-05:00')!; // a Saturday
const zhNow = parseInstant('2026-12-07T10:00:00+08:00')!; // a Monday
const pick = (text: string, at = now) => pickDate(text, findDates(text, at), at.localDate);

describe('pickDate: which named day is the day to pay', () => {
  it('takes the day a payment verb binds; in English the verb before the day binds first', () => {
    expect(pick("temporary. i start a new job monday, i'll pay 150 on march 19")).toBe('2027-03-19');
    expect(pick('昨天没空,周五还你500', zhNow)).toBe('2026-12-11');
  });

  it('drops a day told in the past tense or as a habit, keeps a payday', () => {
    expect(pick("no. i got laid off friday, i can't do any of those")).toBeNull();
    expect(pick('the ach cleared over the weekend')).toBeNull();
    expect(pick('nothing left at the end of the month')).toBeNull();
    expect(pick('more than i make in a week')).toBeNull();
    expect(pick('i get paid friday')).toBe('2027-03-12');
  });

  it('drops a past day and the day of an answer', () => {
    expect(pick('钱上个月底就还清了', zhNow)).toBeNull();
    expect(pick('我考虑一下,明天回你', zhNow)).toBeNull();
  });
});

describe('payFollows: whether a day after a claim or a complaint is a payment to come', () => {
  const follows = (text: string, at = zhNow) => {
    const dates = findDates(text, at);
    return payFollows(text, dates, pickDate(text, dates, at.localDate));
  };
  it('is true for the rest promised, false for the day a payment was made', () => {
    expect(follows('已经还了1000,剩下的月底还')).toBe(true);
    expect(follows('今天早上用atm转账了')).toBe(false);
    expect(follows('ill pay on the 15th but stop sending these', now)).toBe(true);
  });
});
