import { describe, expect, it } from 'vitest';
import type { Draft, Facts } from '../../src/dialogue/types.ts';
import { planA, zh, zhAccount } from '../support/messages.ts';

/**
 * The Chinese wording of facts (CONTRACTS §8): what an answer says with a plan agreed, a
 * payment's thank-you, a moved or refused installment, a handoff's notes, the third-party note.
 * Every figure is the draft's; the wording only says it.
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
const answer = (topics: Draft['answerTopics'], f = facts(), over: Partial<Draft> = {}): Draft => ({
  kind: 'reply',
  acts: ['answer'],
  state: 'agreed',
  answerTopic: topics![0],
  answerTopics: topics,
  facts: f,
  ...over,
});
const account = { hotline: '400-820-1234', howToPay: '在安心贷App「我的借款」页面还款' };

describe('answers with a plan agreed', () => {
  it('the next installment: its number, date and amount; no plan suggested', () => {
    const text = zh(answer(['next_installment']));
    expect(text).toContain('下一期是第2期(共4期),12月30日到期,应还1080元');
    expect(text).not.toMatch(/分期|回复A/);
  });

  it('what is left: the sum of the unpaid installments and the next one', () => {
    expect(zh(answer(['remaining']))).toContain('您的还款计划还剩3240元未还,下一期12月30日还1080元');
  });

  it('how to pay: the lender’s own instructions, verbatim, and what this installment asks', () => {
    const text = zh(answer(['how_to_pay']), account);
    expect(text).toContain('还款方式:在安心贷App「我的借款」页面还款。');
    expect(text).toContain('本期12月30日应还1080元');
  });

  it('who is writing (is this a scam?): the lender and its official number', () => {
    expect(zh(answer(['who']), account)).toContain('我们是安心贷的客服,官方客服电话400-820-1234');
  });

  it('late fees: a person decides, the plan stands', () => {
    const text = zh(answer(['late_fees']));
    expect(text).toContain('需要由人工专员核定');
    expect(text).toContain('您的还款计划照常有效');
  });

  it('an installment already past its date is said to be open, not "next"', () => {
    const text = zh(
      answer(['next_installment'], facts({ next: { due: '2026-11-20', amount: 30000, index: 1, count: 4 } })),
    );
    expect(text).toContain('已于11月20日到期,还有300元未还');
  });
});

describe('answers without a plan', () => {
  it('the balance with the days overdue, and 回复“分期” only when nothing is on the table', () => {
    const none = facts({ planAgreed: false, next: null, remaining: null, owed: 360000 });
    expect(zh(answer(['balance'], none))).toContain('您目前待还3600元,已逾期8天。如需分期,回复“分期”即可。');
    const open = { ...none, offersOpen: true, optionIds: ['A', 'B'] };
    expect(zh(answer(['balance'], open))).toContain('回复A/B即可选择方案');
  });

  it('in a handoff: when the person will be in touch, and no suggestion of a plan', () => {
    const waiting = facts({
      planAgreed: false,
      next: null,
      remaining: null,
      handoffBy: { date: '2026-11-24', minutes: 605 },
    });
    expect(zh(answer(['handoff_eta'], waiting))).toContain('专员会在11月24日10:05前与您联系');
    expect(zh(answer(['balance'], waiting))).not.toContain('分期');
    expect(zh(answer(['handoff_eta'], { ...waiting, handoffOverdue: true }))).toContain('很抱歉让您久等了');
  });
});

describe('the plan’s life', () => {
  it('a payment: thanks, what is left and the next due date', () => {
    const text = zh({
      kind: 'proactive',
      acts: ['payment_received'],
      state: 'agreed',
      payment: 36000,
      facts: facts(),
    });
    expect(text).toContain('已收到您的还款360元,感谢!还剩3240元未还,下一期12月30日还1080元。');
    expect(text.endsWith('回复R拒收')).toBe(true);
  });

  it('the last payment: settled in full', () => {
    const text = zh({
      kind: 'proactive',
      acts: ['closing'],
      state: 'paid',
      payment: 108000,
      facts: facts({ owed: 0 }),
    });
    expect(text).toContain('您的借款已全部结清');
  });

  it('a moved installment: the new date, the amount and the rest unchanged', () => {
    const moved = {
      kind: 'moved' as const,
      index: 2,
      count: 4,
      from: '2026-12-30',
      to: '2027-01-06',
      latest: '2027-01-29',
      limitDays: 30,
    };
    expect(zh({ kind: 'reply', acts: ['confirm'], state: 'agreed', plan: planA, change: moved })).toContain(
      '已为您将第2期改到2027年1月6日,金额1080元不变,其余各期日期不变',
    );
  });

  it('a move beyond the policy: the limit and the latest allowed date', () => {
    const refused = {
      kind: 'refused' as const,
      index: 2,
      count: 4,
      from: '2026-12-30',
      to: '2027-03-01',
      latest: '2027-01-29',
      limitDays: 30,
    };
    const text = zh({
      kind: 'reply',
      acts: ['reschedule'],
      state: 'agreed',
      change: refused,
      facts: facts(),
    });
    expect(text).toContain('最多推迟30天');
    expect(text).toContain('最晚可改到2027年1月29日');
  });
});

describe('to others and while waiting', () => {
  it('a bare yes with several options: which one, by its letters', () => {
    const text = zh({
      kind: 'reply',
      acts: ['which_option'],
      state: 'offer',
      facts: facts({ optionIds: ['A', 'B', 'C'] }),
    });
    expect(text).toContain('请问您选择哪个方案?回复A/B/C');
  });

  it('a third party: no name, no amount, no word of any debt; the hotline', () => {
    const text = zh({ kind: 'reply', acts: ['third_party'], state: 'wrong_party' }, account);
    expect(text).toBe(
      '【安心贷】您好,感谢告知。为保护客户隐私,相关事宜我们只能与本人沟通,请转告本人拨打官方客服电话400-820-1234与我们联系。',
    );
    expect(text).not.toContain(zhAccount.debtorName);
  });

  it('a handoff note: the person will see it; about a plan, they will discuss it', () => {
    expect(zh({ kind: 'reply', acts: ['handoff_note'], state: 'handoff', noteAbout: 'plan' })).toContain(
      '专员联系您时会一并商量',
    );
    expect(zh({ kind: 'reply', acts: ['handoff_note'], state: 'handoff', noteAbout: 'other' })).toContain(
      '专员会看到',
    );
  });
});
