import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/dialogue/types.ts';
import { render } from '../../src/messages/compose.ts';
import { MAX_SMS_CHARS } from '../../src/messages/sms-parts.ts';
import { en, enAccount, planA, TODAY, zh, zhAccount } from '../support/messages.ts';

/**
 * The reading check's two acts in both locales (src/messages/zh-CN-check.ts, en-US-check.ts):
 * the yes/no question names what the bot understood (the plan with its figures, the promise,
 * the move) and how to say yes; after a no, one short question what they meant. Both wordings
 * differ, so a repeat never goes out twice in a row.
 */

const accept: Draft = { kind: 'reply', acts: ['check_reading'], check: { about: 'accept', option: planA } };
const promise: Draft = {
  kind: 'reply',
  acts: ['check_reading'],
  check: { about: 'promise', promise: { amount: 50000, date: '2026-11-25' } },
};
const move: Draft = {
  kind: 'reply',
  acts: ['check_reading'],
  check: {
    about: 'plan_change',
    change: {
      kind: 'moved',
      index: 2,
      count: 4,
      from: '2026-12-30',
      to: '2027-01-06',
      latest: '2027-01-29',
      limitDays: 30,
    },
  },
};
const disputed: Draft = { kind: 'reply', acts: ['check_reading'], check: { about: 'dispute' } };
const meant = (about: NonNullable<Draft['check']>['about']): Draft => ({
  kind: 'reply',
  acts: ['ask_meaning'],
  check: { about },
  facts: {
    owed: 360000,
    overdueDays: 5,
    planAgreed: false,
    next: null,
    remaining: null,
    offersOpen: true,
    optionIds: ['A', 'B'],
    handoffBy: null,
    handoffOverdue: false,
  },
});

describe('check_reading', () => {
  it('zh-CN: names the plan with its figures and how to confirm', () => {
    const text = zh(accept);
    expect(text).toMatch(/^【安心贷】张伟您好,您是想选择方案A\(.+\)吗\?回复“是”确认。$/);
    expect(text).toContain('每月还1080元,共4期');
  });

  it('en-US: "Just to check: you\'d like plan A (…)? Reply YES to confirm"', () => {
    expect(en(accept)).toMatch(/just to check: you'd like plan A \(.+\)\? Reply YES to confirm\.$/);
  });

  it('states the promise and the move it asks about', () => {
    expect(zh(promise)).toContain('11月25日还500元吗');
    expect(en(promise)).toMatch(/you'll pay \$500 on Nov 25\? Reply YES/);
    expect(zh(move)).toContain('把第2期从12月30日改到2027年1月6日');
    expect(en(move)).toContain('move payment 2 from Dec 30 to Jan 6');
  });

  it('a dispute: a yes hands it to a specialist, said before it happens', () => {
    expect(zh(disputed)).toContain('转交专员');
    expect(en(disputed)).toContain('a specialist will look into it');
  });

  it('every wording fits and differs between the two variants', () => {
    for (const [account, draft] of [zhAccount, enAccount].flatMap((a) =>
      [accept, promise, move, disputed, meant('accept'), meant('promise'), meant('dispute')].map(
        (d) => [a, d] as const,
      ),
    )) {
      const first = render(draft, { account, today: TODAY });
      const second = render(draft, { account, today: TODAY, previous: first });
      expect(first.length).toBeLessThanOrEqual(MAX_SMS_CHARS);
      expect(second).not.toBe(first);
    }
  });
});

describe('ask_meaning', () => {
  it('after a no to a plan, asks which option (naming the open ones) or a monthly figure', () => {
    expect(zh(meant('accept'))).toContain('回复A/B');
    expect(en(meant('accept'))).toMatch(/sorry, we misread that\. Which option would you like \(A or B\)/);
  });

  it('after a no to a promise, asks when and how much', () => {
    expect(zh(meant('promise'))).toContain('哪天还、还多少');
    expect(en(meant('promise'))).toContain('When could you pay, and how much?');
  });
});
