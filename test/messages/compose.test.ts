import { describe, expect, it } from 'vitest';
import type { Account, Draft, RenderContext } from '../../src/dialogue/types.ts';
import type { Option } from '../../src/planning/planner.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { formatDay, MAX_SMS_CHARS, overdueStage, render } from '../../src/messages/templates.ts';

/**
 * The seeds' script, message by message: the reminder by stage, the "no money" path
 * (理解 → 引导具体问题 → 给出选项 with numbers → confirmation), the answers, the wrong party and
 * the opt-out, in Chinese and in English.
 */

const TODAY = '2026-11-23';

const zhAccount: Account = {
  id: 'acc-1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};
const enAccount: Account = {
  ...zhAccount,
  debtorName: 'Zhang Wei',
  lender: 'Anxin Credit',
  currency: 'USD',
  locale: 'en-US',
  timezone: 'America/New_York',
};

const ctx = (account: Account, overrides: Partial<Account> = {}): RenderContext => ({
  account: { ...account, ...overrides },
  today: TODAY,
});
const zh = (draft: Draft, overrides?: Partial<Account>) => render(draft, ctx(zhAccount, overrides));
const en = (draft: Draft, overrides?: Partial<Account>) => render(draft, ctx(enAccount, overrides));

/** The contract's example plan: 360 on Nov 30, then 1080 monthly, 4 installments. */
const planA: Option = {
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
const planB: Option = {
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
const planC: Option = {
  id: 'C',
  kind: 'single',
  reason: 'example',
  installments: [{ due: '2026-12-20', amount: 360000 }],
};

const reminder: Draft = {
  kind: 'proactive',
  acts: ['reminder'],
  state: 'reminded',
  proactiveReason: 'first_reminder',
};
const noMoney: Draft = { kind: 'reply', acts: ['empathy', 'clarify'], state: 'clarify' };
const offers: Draft = { kind: 'reply', acts: ['offer'], state: 'offer', offers: [planA, planB, planC] };
const confirmA: Draft = { kind: 'reply', acts: ['confirm'], state: 'agreed', plan: planA };
const apology: Draft = { kind: 'reply', acts: ['apology'], state: 'wrong_party' };
const optOut: Draft = { kind: 'reply', acts: ['opt_out_confirm'], state: 'opted_out' };

const DEBT_WORDS = /欠|逾期|贷款|借款|还款|债|debt|loan|owe|payment|overdue|balance/i;

describe('the first reminder: four parts, tone by stage', () => {
  it('opens with the signature, names the debtor, states the situation, and ends with the opt-out', () => {
    const text = zh(reminder);
    expect(text.startsWith('【安心贷】张伟您好,')).toBe(true);
    expect(text).toContain('已逾期5天');
    expect(text).toContain('3600元');
    expect(text.endsWith('回复R拒收')).toBe(true);
    expect(en(reminder).startsWith('Anxin Credit: Hi Zhang Wei, ')).toBe(true);
    expect(en(reminder)).toContain('$3,600');
    expect(en(reminder).endsWith('Reply STOP to opt out.')).toBe(true);
  });

  it('stages: 1–3 gentle, 4–6 consequences, 7+ a plan', () => {
    expect([0, 1, 3, 4, 6, 7, 400].map(overdueStage)).toEqual([
      'due',
      'gentle',
      'gentle',
      'consequences',
      'consequences',
      'plan',
      'plan',
    ]);
  });

  it('2 days overdue: a gentle reminder, no consequences yet', () => {
    const text = zh(reminder, { overdueDays: 2 });
    expect(text).toContain('温馨提醒');
    expect(text).toContain('已逾期2天');
    expect(text).not.toMatch(/征信|罚息/);
    const english = en(reminder, { overdueDays: 2 });
    expect(english).toContain('friendly reminder');
    expect(english).toContain('2 days overdue');
    expect(english).not.toMatch(/credit|late fees/);
  });

  it('5 days overdue: 征信 and 罚息 as facts, not threats', () => {
    const text = zh(reminder, { overdueDays: 5 });
    expect(text).toMatch(/罚息/);
    expect(text).toMatch(/征信/);
    expect(text).not.toContain('分期');
    expect(text).not.toMatch(/法律|起诉|后果自负/);
    const english = en(reminder, { overdueDays: 5 });
    expect(english).toMatch(/late fees/);
    expect(english).toMatch(/credit record/);
    expect(english).not.toMatch(/INSTALLMENTS|legal|court/);
  });

  it('10 days overdue: an installment plan is offered, with how to ask for it', () => {
    const text = zh(reminder, { overdueDays: 10 });
    expect(text).toContain('已逾期10天');
    expect(text).toContain('回复“分期”或告诉我们每月能还多少');
    expect(en(reminder, { overdueDays: 10 })).toContain(
      'reply INSTALLMENTS or tell us how much you can pay each month',
    );
  });

  it('the three stages read differently', () => {
    const texts = [2, 5, 10].map((d) => zh(reminder, { overdueDays: d }).replace(/\d+天/, 'N天'));
    expect(new Set(texts).size).toBe(3);
    const english = [2, 5, 10].map((d) => en(reminder, { overdueDays: d }).replace(/\d+ days?/, 'N days'));
    expect(new Set(english).size).toBe(3);
  });

  it('1 day overdue is singular in English', () => {
    expect(en(reminder, { overdueDays: 1 })).toContain('1 day overdue');
  });

  it('stays within two SMS segments for a usual account', () => {
    for (const d of [0, 2, 5, 10, 400]) {
      expect(zh(reminder, { overdueDays: d }).length).toBeLessThanOrEqual(140);
      expect(en(reminder, { overdueDays: d }).length).toBeLessThanOrEqual(300);
    }
  });
});

describe('"no money": 理解 → 引导具体问题 → 给出选项 → 确认', () => {
  it('empathy first, then both questions: temporary or long-term, and how much a month', () => {
    const text = zh(noMoney);
    expect(text).toMatch(/^【安心贷】张伟您好,理解/);
    expect(text).toContain('是暂时周转不开,还是长期困难?');
    expect(text).toContain('每月大概能还多少?');
    const english = en(noMoney);
    expect(english).toMatch(/we understand/);
    expect(english).toMatch(/temporary .* or a longer-term difficulty\?/);
    expect(english).toMatch(/how much could you pay each month\?/);
  });

  it('does not ask what the debtor already said: temporary asks when and how much', () => {
    const text = zh({ ...noMoney, hardship: 'temporary' });
    expect(text).toContain('暂时周转不开');
    expect(text).not.toContain('还是长期困难');
    expect(text).toContain('每月大概能还多少?');
    expect(en({ ...noMoney, hardship: 'temporary' })).toMatch(/when do you expect things to ease/i);
  });

  it('long-term hardship: compassion and only the monthly question, small amounts welcome', () => {
    const text = zh({ ...noMoney, hardship: 'long_term' });
    expect(text).toContain('理解您的处境');
    expect(text).not.toContain('还是长期困难');
    expect(text).toContain('每月大概能还多少?哪怕少一些也没关系');
    expect(en({ ...noMoney, hardship: 'long_term' })).toContain('even a small amount');
  });

  it('no offer, no threat, no debt lecture in the empathy message', () => {
    for (const text of [zh(noMoney), en(noMoney)]) {
      expect(text).not.toMatch(/A\. |征信|罚息|credit|late fee/);
    }
  });

  it('offers: every option with its letter and concrete numbers, then how to choose', () => {
    const text = zh(offers);
    expect(text).toBe(
      '【安心贷】张伟您好,为您准备了以下还款方案:' +
        'A. 首期11月30日还360元,之后每月30日还1080元,共4期;' +
        'B. 11月30日起每月30日还600元,共6期;' +
        'C. 12月20日一次还清3600元;' +
        '回复A/B/C选择,也可告诉我们每月能还多少。',
    );
    const english = en(offers);
    expect(english).toContain('A. $360 on Nov 30, then $1,080 monthly on the 30th, 4 payments');
    expect(english).toContain('B. $600 monthly on the 30th from Nov 30, 6 payments');
    expect(english).toContain('C. $3,600 in full on Dec 20');
    expect(english).toContain('Reply A, B or C to choose');
  });

  it('empathy with offers: understanding first, then the numbers', () => {
    const text = zh({ ...offers, acts: ['empathy', 'offer'], hardship: 'long_term' });
    expect(text.indexOf('理解')).toBeLessThan(text.indexOf('A. '));
    expect(text).toContain('360元');
  });

  it('one option: reply its letter to accept', () => {
    const one: Draft = { ...offers, offers: [planA] };
    expect(zh(one)).toContain('回复A确认此方案');
    expect(en(one)).toContain('Reply A to accept');
  });

  it('infeasible: says plainly that the amount is below what the plans allow, and which plan is closest', () => {
    const draft: Draft = { ...offers, offers: [{ ...planB, id: 'A', kind: 'closest' }], infeasible: true };
    expect(zh(draft)).toContain('您说的金额低于方案允许的最低还款额,最接近的方案是:A. ');
    expect(en(draft)).toContain(
      'the amount you mentioned is below what our plans allow; the closest plan is: A. ',
    );
    const two: Draft = {
      ...offers,
      offers: [
        { ...planB, id: 'A', kind: 'closest' },
        { ...planA, id: 'B' },
      ],
      infeasible: true,
    };
    expect(zh(two)).toContain('方案A是最接近的');
    expect(en(two)).toContain('option A is the closest');
  });

  it('three long options still fit in 350 characters: the wording shortens, the numbers stay', () => {
    const long = (id: 'A' | 'B' | 'C', first: number, mid: number, last: number): Option => ({
      id,
      kind: 'standard',
      reason: 'long',
      installments: [
        { due: '2026-11-30', amount: first },
        ...Array.from({ length: 10 }, (_, i) => ({
          due: `${i < 1 ? 2026 : 2027}-${String(((11 + i) % 12) + 1).padStart(2, '0')}-28`,
          amount: i % 2 ? mid : mid + 1,
        })),
        { due: '2027-10-28', amount: last },
      ],
    });
    const heavy: Draft = {
      kind: 'reply',
      acts: ['empathy', 'offer'],
      state: 'offer',
      offers: [
        long('A', 9_999_999_99, 8_333_333_33, 1_234_567_89),
        long('B', 8_888_888_88, 7_777_777_77, 6_666_666_66),
        long('C', 5_555_555_55, 4_444_444_44, 3_333_333_33),
      ],
    };
    for (const [text, money] of [
      [
        render(
          heavy,
          ctx(zhAccount, { lender: '安心贷安心贷安心贷安心贷安心贷安心贷安心', debtorName: '欧阳娜娜' }),
        ),
        ['9999999.99元', '8888888.88元', '5555555.55元'],
      ],
      [
        render(
          heavy,
          ctx(enAccount, {
            lender: 'Anxin Consumer Finance',
            debtorName: 'Maximilian Alexander Featherstonehaugh',
          }),
        ),
        ['$9,999,999.99', '$8,888,888.88', '$5,555,555.55'],
      ],
    ] as const) {
      expect(text.length).toBeLessThanOrEqual(MAX_SMS_CHARS);
      for (const id of ['A. ', 'B. ', 'C. ']) expect(text).toContain(id);
      for (const m of money) expect(text).toContain(m);
    }
  });

  it('confirmation: the plan, with the first amount and the first date explicitly', () => {
    const text = zh(confirmA);
    expect(text).toBe(
      '【安心贷】张伟您好,已为您确认方案A:首期11月30日还360元,之后每月30日还1080元,共4期。到期前我们会短信提醒您,感谢您的配合!',
    );
    const english = en(confirmA);
    expect(english).toContain('Hi Zhang Wei, plan A is confirmed: $360 on Nov 30');
    expect(english).toContain('$1,080 monthly');
  });

  it('a promise is confirmed with its amount and date', () => {
    const promise: Draft = {
      kind: 'reply',
      acts: ['confirm'],
      state: 'promised',
      promise: { amount: 50000, date: '2026-12-04' },
    };
    expect(zh(promise)).toContain('已记录您承诺12月4日还500元');
    expect(en(promise)).toContain("we've noted that you'll pay $500 on Dec 4");
    const today: Draft = { ...promise, promise: { amount: null, date: TODAY } };
    expect(zh(today)).toContain('已记录您承诺今天(11月23日)还款');
    expect(en(today)).toContain("you'll pay today (Nov 23)");
    const amountOnly: Draft = { ...promise, promise: { amount: 50000, date: null } };
    expect(zh(amountOnly)).toContain('已记录您承诺还500元');
  });

  it('real plans from the planner render with their numbers', () => {
    const result = plan({
      balance: 360000,
      policy: resolvePolicy(),
      today: TODAY,
      request: { monthlyCapacity: 50000 },
    });
    const text = zh({ kind: 'reply', acts: ['offer'], state: 'offer', offers: result.options });
    for (const o of result.options) {
      expect(text).toContain(`${o.id}. `);
      expect(text).toContain(`${o.installments[0]!.amount / 100}元`);
      expect(text).toContain(formatDay(o.installments[0]!.due, 'zh-CN'));
    }
  });
});

describe('proactive follow-ups', () => {
  it('an installment of an agreed plan is coming due', () => {
    const draft: Draft = {
      kind: 'proactive',
      acts: ['reminder'],
      state: 'agreed',
      proactiveReason: 'installment_due',
      installment: { due: '2026-12-30', amount: 108000, index: 2, count: 4 },
    };
    const text = render(draft, { account: zhAccount, today: '2026-12-27' });
    expect(text).toContain('您的还款计划第2期(共4期)将于12月30日到期,金额1080元');
    expect(text.endsWith('回复R拒收')).toBe(true);
    const english = render(draft, { account: enAccount, today: '2026-12-29' });
    expect(english).toContain('installment 2 of 4 of your repayment plan, $1,080, is due tomorrow (Dec 30)');
    expect(english.endsWith('Reply STOP to opt out.')).toBe(true);
  });

  it('the offers are still open', () => {
    const draft: Draft = {
      kind: 'proactive',
      acts: ['followup'],
      state: 'offer',
      proactiveReason: 'offer_followup',
      offers: [planA, planB],
    };
    expect(zh(draft)).toContain('还款方案仍然有效,回复A/B即可选择');
    expect(en(draft)).toContain('still open: reply A or B to choose');
    expect(zh(draft).endsWith('回复R拒收')).toBe(true);
  });

  it('a promised date passed: a gentle check that repeats the promise', () => {
    const draft: Draft = {
      kind: 'proactive',
      acts: ['followup'],
      state: 'promised',
      proactiveReason: 'promise_missed',
      promise: { amount: 50000, date: '2026-12-04' },
    };
    const text = zh(draft);
    expect(text).toContain('您之前约定12月4日还500元,目前还未查到这笔还款。如已还款请忽略');
    expect(text.endsWith('回复R拒收')).toBe(true);
    expect(en(draft)).toContain("we haven't yet seen the $500 you planned to pay on Dec 4");
  });

  it('silence after a reminder: the balance and the way to a plan', () => {
    const draft: Draft = {
      kind: 'proactive',
      acts: ['followup'],
      state: 'reminded',
      proactiveReason: 'silence_followup',
    };
    expect(zh(draft)).toContain('3600元');
    expect(zh(draft)).toContain('分期');
    expect(en(draft)).toContain('$3,600');
    expect(en(draft).endsWith('Reply STOP to opt out.')).toBe(true);
  });
});

describe('answers', () => {
  const answer = (answerTopic: Draft['answerTopic']): Draft => ({
    kind: 'reply',
    acts: ['answer'],
    state: 'reminded',
    answerTopic,
  });

  it('balance: what is owed and for how long', () => {
    expect(zh(answer('balance'))).toContain('您目前待还3600元,已逾期5天');
    expect(en(answer('balance'))).toContain('your current balance is $3,600, 5 days overdue');
  });
  it('how to pay: the app, or ask for installments', () => {
    expect(zh(answer('how_to_pay'))).toContain('在App内“我的借款”页面还款');
    expect(en(answer('how_to_pay'))).toContain("in the app under 'My loans'");
  });
  it('who is writing: the lender', () => {
    expect(zh(answer('who'))).toContain('我们是安心贷的客服');
    expect(en(answer('who'))).toContain('this is Anxin Credit customer service');
  });
  it('credit: factual, not a threat', () => {
    const text = zh(answer('credit'));
    expect(text).toContain('可以尽量减少对个人征信的影响');
    expect(text).not.toMatch(/将会|必须|否则/);
    expect(en(answer('credit'))).toContain('keeps the effect on your credit record as small as possible');
  });
  it('general: what can be asked, and how to reach a person', () => {
    expect(zh(answer('general'))).toContain('回复“人工”');
    expect(en(answer('general'))).toContain('reply AGENT');
    expect(zh({ kind: 'reply', acts: ['answer'], state: 'reminded' })).toBe(zh(answer('general')));
  });
});

describe('handoff, de-escalation, acknowledgement', () => {
  it('handoff: a person will contact them, and no offers even if some are attached', () => {
    const draft: Draft = { kind: 'reply', acts: ['handoff', 'offer'], state: 'handoff', offers: [planA] };
    expect(zh(draft)).toContain('已转交人工专员处理,会尽快与您联系');
    expect(zh(draft)).not.toMatch(/A\. |360元/);
    expect(en(draft)).toContain('a member of our team, who will contact you soon');
    expect(en(draft)).not.toContain('$360');
  });

  it('de-escalation: calm and respectful, no echo of an insult', () => {
    const draft: Draft = { kind: 'reply', acts: ['deescalate'], state: 'reminded' };
    const text = zh(draft);
    expect(text).toContain('理解您现在的心情');
    expect(text).not.toMatch(/骗子|滚|老赖|征信|罚息/);
    expect(en(draft)).toContain("Hi Zhang Wei, we understand you're upset");
  });

  it('acknowledgement keeps the door open', () => {
    const draft: Draft = { kind: 'reply', acts: ['ack'], state: 'reminded' };
    expect(zh(draft)).toBe('【安心贷】好的,收到。如有任何需要,或还款上有困难,随时回复我们。祝您生活愉快!');
    expect(en(draft)).toContain('just reply');
  });
});

describe('the wrong party and the opt-out', () => {
  it('wrong party: an apology, signed, with no word of any debt, no amount, no name', () => {
    for (const [text, expected] of [
      [zh(apology), '【安心贷】抱歉打扰,我们会更正号码,不再给您发送短信。祝您生活愉快!'],
      [
        en(apology),
        "Anxin Credit: Sorry to have bothered you. We'll correct our records and won't text this number again. Have a good day.",
      ],
    ] as const) {
      expect(text).toBe(expected);
      expect(text).not.toMatch(DEBT_WORDS);
      expect(text).not.toMatch(/\d/);
      expect(text).not.toMatch(/张伟|Zhang/);
    }
  });

  it('wrong party: the apology wins over anything else the draft carries', () => {
    const draft: Draft = {
      kind: 'reply',
      acts: ['apology', 'offer', 'answer'],
      state: 'wrong_party',
      offers: [planA],
      answerTopic: 'balance',
    };
    expect(zh(draft)).toBe(zh(apology));
  });

  it('opt-out: confirmed once, signed, no debt detail, no opt-out hint', () => {
    for (const [text, expected] of [
      [zh(optOut), '【安心贷】已为您退订,此后不再发送短信。祝您生活愉快!'],
      [en(optOut), "Anxin Credit: You're unsubscribed and will receive no more messages. Have a good day."],
    ] as const) {
      expect(text).toBe(expected);
      expect(text).not.toMatch(DEBT_WORDS);
      expect(text).not.toMatch(/\d|回复R拒收|Reply STOP/);
    }
  });
});

describe('robustness', () => {
  it('a signature or name with 【】 cannot open a second pair', () => {
    const text = zh(reminder, { lender: '【安心】贷', debtorName: '张【伟】' });
    expect(text.startsWith('【安心贷】张伟您好')).toBe(true);
    expect(text.match(/【/g)).toHaveLength(1);
    expect(text.match(/】/g)).toHaveLength(1);
  });

  it('the longest valid names still fit: the name is dropped before the limit is passed', () => {
    const account = { lender: 'L'.repeat(20), debtorName: 'N'.repeat(40), balance: 1e13 };
    for (const draft of [
      reminder,
      noMoney,
      offers,
      confirmA,
      { ...noMoney, acts: ['answer' as const], answerTopic: 'credit' as const },
    ]) {
      expect(zh(draft, account).length).toBeLessThanOrEqual(MAX_SMS_CHARS);
      expect(en(draft, account).length).toBeLessThanOrEqual(MAX_SMS_CHARS);
    }
  });

  it('is deterministic', () => {
    expect(zh(offers)).toBe(zh(offers));
    expect(en(reminder)).toBe(en(reminder));
  });
});
