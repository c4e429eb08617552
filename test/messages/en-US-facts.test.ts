import { describe, expect, it } from 'vitest';
import type { Draft, Facts } from '../../src/dialogue/types.ts';
import { en, planA } from '../support/messages.ts';

/**
 * The English wording of facts (CONTRACTS §8): answers with a plan agreed, a payment's
 * thank-you, a moved or refused installment, a handoff's time frame, the third-party note.
 */

const facts = (over: Partial<Facts> = {}): Facts => ({
  owed: 324000,
  overdueDays: 8,
  planAgreed: true,
  next: { due: '2026-12-30', amount: 108000, index: 2, count: 4 },
  remaining: 324000,
  offersOpen: false,
  optionIds: [],
  handoffBy: null,
  handoffOverdue: false,
  ...over,
});
const answer = (topics: Draft['answerTopics'], f = facts()): Draft => ({
  kind: 'reply',
  acts: ['answer'],
  state: 'agreed',
  answerTopic: topics![0],
  answerTopics: topics,
  facts: f,
});
const account = { hotline: '1-800-555-0142', howToPay: 'Pay online at anxin.example/pay.' };

describe('answers with a plan agreed', () => {
  it("when's the next one due: the installment, its amount and date; no menu, no plan", () => {
    const text = en(answer(['next_installment']));
    expect(text).toContain('your next payment is installment 2 of 4: $1,080, due on Dec 30.');
    expect(text).not.toMatch(/INSTALLMENTS|Reply A/);
  });

  it('how do I pay: the lender’s own words, verbatim', () => {
    expect(en(answer(['how_to_pay']), account)).toContain('how to pay: Pay online at anxin.example/pay.');
  });

  it('is this a scam: the lender and its official number', () => {
    expect(en(answer(['who']), account)).toContain(
      'You can check by calling our official number, 1-800-555-0142.',
    );
  });

  it('late fees: a person decides', () => {
    expect(en(answer(['late_fees']))).toContain('decided by a member of our team');
  });
});

describe('the plan’s life and the people around it', () => {
  it('a payment: thanks, what is left, the next due date', () => {
    const text = en({
      kind: 'proactive',
      acts: ['payment_received'],
      state: 'agreed',
      payment: 36000,
      facts: facts(),
    });
    expect(text).toContain(
      "we've received your payment of $360. $3,240 is left on your plan; the next payment is $1,080 on Dec 30.",
    );
  });

  it('a moved installment and a refused one', () => {
    const base = { index: 2, count: 4, from: '2026-12-30', latest: '2027-01-29', limitDays: 30 };
    expect(
      en({
        kind: 'reply',
        acts: ['confirm'],
        state: 'agreed',
        plan: planA,
        change: { ...base, kind: 'moved', to: '2027-01-06' },
      }),
    ).toContain(
      'installment 2 ($1,080) is now due Jan 6, 2027; the amount and every other date stay the same',
    );
    expect(
      en({
        kind: 'reply',
        acts: ['reschedule'],
        state: 'agreed',
        change: { ...base, kind: 'refused', to: '2027-03-01' },
      }),
    ).toContain('the latest date is Jan 29, 2027');
  });

  it('a handoff acknowledgement states the time frame; a later note does not repeat it', () => {
    expect(en({ kind: 'reply', acts: ['handoff'], state: 'handoff', handoffHours: 12 })).toContain(
      'within 12 hours',
    );
    expect(en({ kind: 'reply', acts: ['handoff_note'], state: 'handoff' })).toContain(
      'will see your message',
    );
  });

  it('a third party: only the account holder, and the hotline', () => {
    expect(en({ kind: 'reply', acts: ['third_party'], state: 'wrong_party' }, account)).toBe(
      'Anxin Credit: Thank you for letting us know. For privacy reasons we can only discuss this with the account holder; please ask them to contact us at 1-800-555-0142.',
    );
  });
});
