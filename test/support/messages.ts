import type { Account, Draft, RenderContext } from '../../src/dialogue/types.ts';
import type { Option } from '../../src/planning/planner.ts';
import { render } from '../../src/messages/compose.ts';

/**
 * The seeds' accounts, plans and drafts that the message tests (test/messages) render: one
 * debtor, 张伟 of 安心贷, in Chinese and in English.
 */

export const TODAY = '2026-11-23';

export const zhAccount: Account = {
  id: 'acc-1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};
export const enAccount: Account = {
  ...zhAccount,
  debtorName: 'Zhang Wei',
  lender: 'Anxin Credit',
  currency: 'USD',
  locale: 'en-US',
  timezone: 'America/New_York',
};

export const ctx = (account: Account, overrides: Partial<Account> = {}): RenderContext => ({
  account: { ...account, ...overrides },
  today: TODAY,
});
export const zh = (draft: Draft, overrides?: Partial<Account>) => render(draft, ctx(zhAccount, overrides));
export const en = (draft: Draft, overrides?: Partial<Account>) => render(draft, ctx(enAccount, overrides));

/** The contract's example plan: 360 on Nov 30, then 1080 monthly, 4 installments. */
export const planA: Option = {
  id: 'A',
  kind: 'standard',
  reason: 'example',
  installments: [
    { due: '2026-11-30', amount: 36000 },
    { due: '2026-12-30', amount: 108000 },
    { due: '2027-01-30', amount: 108000 },
    { due: '2027-02-28', amount: 108000 },
  ],
};
export const planB: Option = {
  id: 'B',
  kind: 'standard',
  reason: 'example',
  installments: [
    { due: '2026-11-30', amount: 60000 },
    { due: '2026-12-30', amount: 60000 },
    { due: '2027-01-30', amount: 60000 },
    { due: '2027-02-28', amount: 60000 },
    { due: '2027-03-30', amount: 60000 },
    { due: '2027-04-30', amount: 60000 },
  ],
};
export const planC: Option = {
  id: 'C',
  kind: 'single',
  reason: 'example',
  installments: [{ due: '2026-12-20', amount: 360000 }],
};

export const reminder: Draft = {
  kind: 'proactive',
  acts: ['reminder'],
  state: 'reminded',
  proactiveReason: 'first_reminder',
};
export const noMoney: Draft = { kind: 'reply', acts: ['empathy', 'clarify'], state: 'clarify' };
export const offers: Draft = {
  kind: 'reply',
  acts: ['offer'],
  state: 'offer',
  offers: [planA, planB, planC],
};
export const confirmA: Draft = { kind: 'reply', acts: ['confirm'], state: 'agreed', plan: planA };
export const apology: Draft = { kind: 'reply', acts: ['apology'], state: 'wrong_party' };
export const optOut: Draft = { kind: 'reply', acts: ['opt_out_confirm'], state: 'opted_out' };

export const promise: Draft = {
  kind: 'reply',
  acts: ['confirm'],
  state: 'promised',
  promise: { amount: 50000, date: '2026-12-04' },
};
/** Plan B, the only option, is the closest to an amount below the plans' minimum. */
export const infeasibleOne: Draft = {
  ...offers,
  offers: [{ ...planB, id: 'A', kind: 'closest' }],
  infeasible: true,
};
export const infeasibleTwo: Draft = {
  ...offers,
  offers: [
    { ...planB, id: 'A', kind: 'closest' },
    { ...planA, id: 'B' },
  ],
  infeasible: true,
};

export const installmentDue: Draft = {
  kind: 'proactive',
  acts: ['reminder'],
  state: 'agreed',
  proactiveReason: 'installment_due',
  installment: { due: '2026-12-30', amount: 108000, index: 2, count: 4 },
};
export const offersStillOpen: Draft = {
  kind: 'proactive',
  acts: ['followup'],
  state: 'offer',
  proactiveReason: 'offer_followup',
  offers: [planA, planB],
};
export const promiseMissed: Draft = {
  kind: 'proactive',
  acts: ['followup'],
  state: 'promised',
  proactiveReason: 'promise_missed',
  promise: { amount: 50000, date: '2026-12-04' },
};
export const silence: Draft = {
  kind: 'proactive',
  acts: ['followup'],
  state: 'reminded',
  proactiveReason: 'silence_followup',
};

export const handoffWithOffer: Draft = {
  kind: 'reply',
  acts: ['handoff', 'offer'],
  state: 'handoff',
  offers: [planA],
};
export const deescalate: Draft = { kind: 'reply', acts: ['deescalate'], state: 'reminded' };
export const ack: Draft = { kind: 'reply', acts: ['ack'], state: 'reminded' };

export const answer = (answerTopic: Draft['answerTopic']): Draft => ({
  kind: 'reply',
  acts: ['answer'],
  state: 'reminded',
  answerTopic,
});

export const DEBT_WORDS = /欠|逾期|贷款|借款|还款|债|debt|loan|owe|payment|overdue|balance/i;
