import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/dialogue/types.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { formatDay, render } from '../../src/messages/compose.ts';
import {
  ack,
  answer,
  confirmA,
  deescalate,
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
  zh,
  zhAccount,
} from '../support/messages.ts';

/**
 * The seeds' script in Chinese, message by message: the reminder by stage, the "no money" path
 * (理解 → 引导具体问题 → 给出选项 with numbers → confirmation), the follow-ups, the answers.
 */

describe('the first reminder: tone by stage', () => {
  it('2 days overdue: a gentle reminder, no consequences yet', () => {
    const text = zh(reminder, { overdueDays: 2 });
    expect(text).toContain('温馨提醒');
    expect(text).toContain('已逾期2天');
    expect(text).not.toMatch(/征信|罚息/);
  });

  it('5 days overdue: 征信 and 罚息 as facts, not threats', () => {
    const text = zh(reminder, { overdueDays: 5 });
    expect(text).toMatch(/罚息/);
    expect(text).toMatch(/征信/);
    expect(text).not.toContain('分期');
    expect(text).not.toMatch(/法律|起诉|后果自负/);
  });

  it('10 days overdue: an installment plan is offered, with how to ask for it', () => {
    const text = zh(reminder, { overdueDays: 10 });
    expect(text).toContain('已逾期10天');
    expect(text).toContain('回复“分期”或告诉我们每月能还多少');
  });

  it('the three stages read differently', () => {
    const texts = [2, 5, 10].map((d) => zh(reminder, { overdueDays: d }).replace(/\d+天/, 'N天'));
    expect(new Set(texts).size).toBe(3);
  });
});

describe('"no money": 理解 → 引导具体问题 → 给出选项 → 确认', () => {
  it('empathy first, then both questions: temporary or long-term, and how much a month', () => {
    const text = zh(noMoney);
    expect(text).toMatch(/^【安心贷】张伟您好,理解/);
    expect(text).toContain('是暂时周转不开,还是长期困难?');
    expect(text).toContain('每月大概能还多少?');
  });

  it('does not ask what the debtor already said: temporary asks when and how much', () => {
    const text = zh({ ...noMoney, hardship: 'temporary' });
    expect(text).toContain('暂时周转不开');
    expect(text).not.toContain('还是长期困难');
    expect(text).toContain('每月大概能还多少?');
  });

  it('long-term hardship: compassion and only the monthly question, small amounts welcome', () => {
    const text = zh({ ...noMoney, hardship: 'long_term' });
    expect(text).toContain('理解您的处境');
    expect(text).not.toContain('还是长期困难');
    expect(text).toContain('每月大概能还多少?哪怕少一些也没关系');
  });

  it('no offer, no threat, no debt lecture in the empathy message', () => {
    expect(zh(noMoney)).not.toMatch(/A\. |征信|罚息|credit|late fee/);
  });

  it('offers: every option with its letter and concrete numbers, then how to choose', () => {
    expect(zh(offers)).toBe(
      '【安心贷】张伟您好,为您准备了以下还款方案:' +
        'A. 首期11月30日还360元,之后每月30日还1080元,共4期;' +
        'B. 11月30日起每月30日还600元,共6期;' +
        'C. 12月20日一次还清3600元;' +
        '回复A/B/C选择,也可告诉我们每月能还多少。',
    );
  });

  it('one option: reply its letter to accept', () => {
    expect(zh({ ...offers, offers: [planA] })).toContain('回复A确认此方案');
  });

  it('infeasible: says plainly that the amount is below what the plans allow, and which plan is closest', () => {
    expect(zh(infeasibleOne)).toContain('您说的金额低于方案允许的最低还款额,最接近的方案是:A. ');
    expect(zh(infeasibleTwo)).toContain('方案A是最接近的');
  });

  it('confirmation: the plan, with the first amount and the first date explicitly', () => {
    expect(zh(confirmA)).toBe(
      '【安心贷】张伟您好,已为您确认方案A:首期11月30日还360元,之后每月30日还1080元,共4期。到期前我们会短信提醒您,感谢您的配合!',
    );
  });

  it('a promise is confirmed with its amount and date', () => {
    expect(zh(promise)).toContain('已记录您承诺12月4日还500元');
    const today: Draft = { ...promise, promise: { amount: null, date: TODAY } };
    expect(zh(today)).toContain('已记录您承诺今天(11月23日)还款');
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
    const text = render(installmentDue, { account: zhAccount, today: '2026-12-27' });
    expect(text).toContain('您的还款计划第2期(共4期)将于12月30日到期,金额1080元');
    expect(text.endsWith('回复R拒收')).toBe(true);
  });

  it('the offers are still open', () => {
    expect(zh(offersStillOpen)).toContain('还款方案仍然有效,回复A/B即可选择');
    expect(zh(offersStillOpen).endsWith('回复R拒收')).toBe(true);
  });

  it('a promised date passed: a gentle check that repeats the promise', () => {
    const text = zh(promiseMissed);
    expect(text).toContain('您之前约定12月4日还500元,目前还未查到这笔还款。如已还款请忽略');
    expect(text.endsWith('回复R拒收')).toBe(true);
  });

  it('silence after a reminder: the balance and the way to a plan', () => {
    expect(zh(silence)).toContain('3600元');
    expect(zh(silence)).toContain('分期');
  });
});

describe('answers', () => {
  it('balance: what is owed and for how long', () => {
    expect(zh(answer('balance'))).toContain('您目前待还3600元,已逾期5天');
  });
  it('how to pay: the app, or ask for installments', () => {
    expect(zh(answer('how_to_pay'))).toContain('在App内“我的借款”页面还款');
  });
  it('who is writing: the lender', () => {
    expect(zh(answer('who'))).toContain('我们是安心贷的客服');
  });
  it('credit: factual, not a threat', () => {
    const text = zh(answer('credit'));
    expect(text).toContain('可以尽量减少对个人征信的影响');
    expect(text).not.toMatch(/将会|必须|否则/);
  });
  it('general: what can be asked, and how to reach a person', () => {
    expect(zh(answer('general'))).toContain('回复“人工”');
    expect(zh({ kind: 'reply', acts: ['answer'], state: 'reminded' })).toBe(zh(answer('general')));
  });
});

describe('handoff, de-escalation, acknowledgement', () => {
  it('handoff: a person will contact them, within the time frame the policy promises (§8)', () => {
    expect(zh(handoffWithOffer)).toContain('已转交人工专员处理,专员会在24小时内与您联系');
    expect(zh({ ...handoffWithOffer, handoffHours: 48 })).toContain('48小时内');
  });

  it('de-escalation: calm and respectful, no echo of an insult', () => {
    const text = zh(deescalate);
    expect(text).toContain('理解您现在的心情');
    expect(text).not.toMatch(/骗子|滚|老赖|征信|罚息/);
  });

  it('acknowledgement keeps the door open', () => {
    expect(zh(ack)).toBe('【安心贷】好的,收到。如有任何需要,或还款上有困难,随时回复我们。祝您生活愉快!');
  });
});
