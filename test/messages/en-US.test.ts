import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/dialogue/types.ts';
import { render } from '../../src/messages/compose.ts';
import {
  ack,
  answer,
  confirmA,
  deescalate,
  en,
  enAccount,
  handoffWithOffer,
  infeasibleOne,
  infeasibleTwo,
  installmentDue,
  noMoney,
  offers,
  offersStillOpen,
  planA,
  promise,
  promiseMissed,
  reminder,
  silence,
  TODAY,
} from '../support/messages.ts';

/**
 * The seeds' script in English, message by message: the reminder by stage, the "no money" path
 * (understanding → the concrete questions → options with numbers → confirmation), the
 * follow-ups, the answers.
 */

describe('the first reminder: tone by stage', () => {
  it('2 days overdue: a gentle reminder, no consequences yet', () => {
    const english = en(reminder, { overdueDays: 2 });
    expect(english).toContain('friendly reminder');
    expect(english).toContain('2 days overdue');
    expect(english).not.toMatch(/credit|late fees/);
  });

  it('5 days overdue: late fees and the credit record as facts, not threats', () => {
    const english = en(reminder, { overdueDays: 5 });
    expect(english).toMatch(/late fees/);
    expect(english).toMatch(/credit record/);
    expect(english).not.toMatch(/INSTALLMENTS|legal|court/);
  });

  it('10 days overdue: an installment plan is offered, with how to ask for it', () => {
    expect(en(reminder, { overdueDays: 10 })).toContain(
      'reply INSTALLMENTS or tell us how much you can pay each month',
    );
  });

  it('the three stages read differently', () => {
    const english = [2, 5, 10].map((d) => en(reminder, { overdueDays: d }).replace(/\d+ days?/, 'N days'));
    expect(new Set(english).size).toBe(3);
  });

  it('1 day overdue is singular', () => {
    expect(en(reminder, { overdueDays: 1 })).toContain('1 day overdue');
  });
});

describe('"no money": understanding → the concrete questions → options → confirmation', () => {
  it('empathy first, then both questions: temporary or long-term, and how much a month', () => {
    const english = en(noMoney);
    expect(english).toMatch(/we understand/);
    expect(english).toMatch(/temporary .* or a longer-term difficulty\?/);
    expect(english).toMatch(/how much could you pay each month\?/);
  });

  it('does not ask what the debtor already said: temporary asks when and how much', () => {
    expect(en({ ...noMoney, hardship: 'temporary' })).toMatch(/when do you expect things to ease/i);
  });

  it('long-term hardship: only the monthly question, small amounts welcome', () => {
    expect(en({ ...noMoney, hardship: 'long_term' })).toContain('even a small amount');
  });

  it('no offer, no threat, no debt lecture in the empathy message', () => {
    expect(en(noMoney)).not.toMatch(/A\. |征信|罚息|credit|late fee/);
  });

  it('offers: every option with its letter and concrete numbers, then how to choose', () => {
    const english = en(offers);
    expect(english).toContain('A. $360 on Nov 30, then $1,080 monthly on the 30th, 4 payments');
    expect(english).toContain('B. $600 monthly on the 30th from Nov 30, 6 payments');
    expect(english).toContain('C. $3,600 in full on Dec 20');
    expect(english).toContain('Reply A, B or C to choose');
  });

  it('one option: reply its letter to accept', () => {
    expect(en({ ...offers, offers: [planA] })).toContain('Reply A to accept');
  });

  it('infeasible: says plainly that the amount is below what the plans allow, and which plan is closest', () => {
    expect(en(infeasibleOne)).toContain(
      'the amount you mentioned is below what our plans allow; the closest plan is: A. ',
    );
    expect(en(infeasibleTwo)).toContain('option A is the closest');
  });

  it('confirmation: the plan, with the first amount and the first date explicitly', () => {
    const english = en(confirmA);
    expect(english).toContain('Hi Zhang Wei, plan A is confirmed: $360 on Nov 30');
    expect(english).toContain('$1,080 monthly');
  });

  it('a promise is confirmed with its amount and date', () => {
    expect(en(promise)).toContain("we've noted that you'll pay $500 on Dec 4");
    const today: Draft = { ...promise, promise: { amount: null, date: TODAY } };
    expect(en(today)).toContain("you'll pay today (Nov 23)");
  });
});

describe('proactive follow-ups', () => {
  it('an installment of an agreed plan is coming due', () => {
    const english = render(installmentDue, { account: enAccount, today: '2026-12-29' });
    expect(english).toContain('installment 2 of 4 of your repayment plan, $1,080, is due tomorrow (Dec 30)');
    expect(english.endsWith('Reply STOP to opt out.')).toBe(true);
  });

  it('the offers are still open', () => {
    expect(en(offersStillOpen)).toContain('still open: reply A or B to choose');
  });

  it('a promised date passed: a gentle check that repeats the promise', () => {
    expect(en(promiseMissed)).toContain("we haven't yet seen the $500 you planned to pay on Dec 4");
  });

  it('silence after a reminder: the balance and the way to a plan', () => {
    expect(en(silence)).toContain('$3,600');
    expect(en(silence).endsWith('Reply STOP to opt out.')).toBe(true);
  });
});

describe('answers', () => {
  it('balance: what is owed and for how long', () => {
    expect(en(answer('balance'))).toContain('your current balance is $3,600, 5 days overdue');
  });
  it('how to pay: the app, or ask for installments', () => {
    expect(en(answer('how_to_pay'))).toContain("in the app under 'My loans'");
  });
  it('who is writing: the lender', () => {
    expect(en(answer('who'))).toContain('this is Anxin Credit customer service');
  });
  it('credit: factual, not a threat', () => {
    expect(en(answer('credit'))).toContain('keeps the effect on your credit record as small as possible');
  });
  it('general: what can be asked, and how to reach a person', () => {
    expect(en(answer('general'))).toContain('reply AGENT');
  });
});

describe('handoff, de-escalation, acknowledgement', () => {
  it('handoff: a person will contact them, within the time frame the policy promises (§8)', () => {
    expect(en(handoffWithOffer)).toContain('a member of our team, who will contact you within 24 hours');
    expect(en({ ...handoffWithOffer, handoffHours: 1 })).toContain('within 1 hour.');
  });

  it('de-escalation: calm and respectful', () => {
    expect(en(deescalate)).toContain("Hi Zhang Wei, we understand you're upset");
  });

  it('acknowledgement keeps the door open', () => {
    expect(en(ack)).toContain('just reply');
  });
});
