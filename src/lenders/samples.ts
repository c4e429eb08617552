import type { Account, Draft, Facts } from '../dialogue/types.ts';
import type { TemplateName } from '../messages/template-names.ts';
import { plan, type Option } from '../planning/planner.ts';
import type { Policy } from '../planning/policy.ts';
import { addDays, type LocalDate } from '../time/calendar.ts';
import type { Locale } from '../vocabulary.ts';

/**
 * The sample data a lender's wording is rendered with at start-up (check.ts): both locales'
 * sample debtors, a name as long as an account allows (40 characters) and the largest balance
 * (10^11 major units), and for each template name a draft that says it, as the dialogue would.
 */

/** The sample day: a Monday, so no date falls on a month end or a year end. */
export const SAMPLE_TODAY: LocalDate = '2026-11-23';

const LONG_NAME: Readonly<Record<Locale, string>> = {
  'zh-CN': '欧阳'.repeat(20),
  'en-US': 'Maximiliana Alexandra Worthington-Smythe',
};

const BASE: Readonly<Record<Locale, Omit<Account, 'lender' | 'overdueDays'>>> = {
  'zh-CN': {
    id: 'sample-zh',
    phone: '+8613800138000',
    debtorName: '张伟',
    balance: 360_000,
    currency: 'CNY',
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
  },
  'en-US': {
    id: 'sample-en',
    phone: '+12125550100',
    debtorName: 'Maria Lopez',
    balance: 125_050,
    currency: 'USD',
    locale: 'en-US',
    timezone: 'America/New_York',
  },
};

/** Sample payment instructions and number, where the lender's configuration has none. */
const SAMPLE_HOW_TO_PAY: Readonly<Record<Locale, string>> = {
  'zh-CN': '在App「我的借款」页面还款,或转账至对公账户。',
  'en-US': 'Pay in the app under "My loan", or by bank transfer to our account.',
};
const SAMPLE_HOTLINE = '400-000-0000';

/** The three sample debtors of a locale: typical, the longest name, the largest balance. */
export function sampleAccounts(locale: Locale, lender: string): Account[] {
  const base = { ...BASE[locale], lender, overdueDays: 5 };
  return [
    base,
    { ...base, id: `${base.id}-long`, debtorName: LONG_NAME[locale] },
    { ...base, id: `${base.id}-large`, balance: 10 ** 13 },
  ];
}

/**
 * A sample number and payment instructions where neither the account nor its lender has them,
 * so a wording that uses {hotline} or {howToPay} is still rendered and checked.
 */
export const withSampleContacts = (a: Account): Account => ({
  ...a,
  hotline: a.hotline ?? SAMPLE_HOTLINE,
  howToPay: a.howToPay ?? SAMPLE_HOW_TO_PAY[a.locale],
});

/** What the guard is told besides the text: who reads it. */
export interface Sample {
  draft: Draft;
  overdueDays?: number;
  wrongParty?: boolean;
  optedOut?: boolean;
}

const facts = (account: Account, over: Partial<Facts> = {}): Facts => ({
  owed: account.balance,
  overdueDays: account.overdueDays,
  planAgreed: false,
  next: null,
  remaining: null,
  offersOpen: false,
  optionIds: [],
  handoffBy: null,
  handoffOverdue: false,
  ...over,
});

/** The plan a debtor agreed: its second installment is next. */
function agreed(options: readonly Option[], today: LocalDate) {
  const option = options[0]!;
  const next = option.installments[1] ?? option.installments[0]!;
  const count = option.installments.length;
  const index = option.installments.indexOf(next) + 1;
  const remaining = option.installments.slice(index - 1).reduce((s, x) => s + x.amount, 0);
  const ref = { due: next.due, amount: next.amount, index, count };
  return { option, ref, remaining, past: { ...ref, due: addDays(today, -1) } };
}

/** The draft that says `name` to `account`, as the dialogue machine would decide it. */
export function sampleFor(name: TemplateName, account: Account, policy: Policy): Sample {
  const today = SAMPLE_TODAY;
  const options = plan({ balance: account.balance, policy, today }).options;
  const a = agreed(options, today);
  const planFacts = facts(account, { planAgreed: true, next: a.ref, remaining: a.remaining });
  const reply = (d: Omit<Draft, 'kind'>): Sample => ({ draft: { kind: 'reply', ...d } });
  const proactive = (d: Omit<Draft, 'kind'>): Sample => ({ draft: { kind: 'proactive', ...d } });
  const first = (overdueDays: number): Sample => ({
    ...proactive({ acts: ['reminder'], proactiveReason: 'first_reminder' }),
    overdueDays,
  });
  const answer = (topic: NonNullable<Draft['answerTopic']>, f: Facts): Sample =>
    reply({ acts: ['answer'], answerTopic: topic, answerTopics: [topic], facts: f });
  const open = facts(account, { offersOpen: true, optionIds: options.map((o) => o.id) });
  switch (name) {
    case 'reminder.due':
      return first(0);
    case 'reminder.gentle':
      return first(2);
    case 'reminder.consequences':
      return first(5);
    case 'reminder.plan':
      return first(10);
    case 'reminder.installment':
      return proactive({
        acts: ['reminder'],
        proactiveReason: 'installment_due',
        installment: { ...a.ref, due: addDays(today, 3) },
        plan: a.option,
      });
    case 'followup.promise':
      return proactive({
        acts: ['followup'],
        proactiveReason: 'promise_missed',
        promise: { amount: a.ref.amount, date: addDays(today, -1) },
      });
    case 'followup.offers':
      return proactive({ acts: ['followup'], proactiveReason: 'offer_followup', facts: open });
    case 'followup.silence':
      return proactive({ acts: ['followup'], proactiveReason: 'silence_followup' });
    case 'followup.missed':
      return proactive({
        acts: ['followup'],
        proactiveReason: 'installment_missed',
        installment: a.past,
        plan: a.option,
      });
    case 'followup.planBroken':
      return proactive({
        acts: ['followup', 'offer'],
        proactiveReason: 'plan_broken',
        offers: options,
        facts: facts(account),
      });
    case 'empathy':
      return reply({ acts: ['empathy', 'clarify'], hardship: null });
    case 'clarify':
      return reply({ acts: ['clarify'] });
    case 'clarify.figure':
      return reply({ acts: ['clarify'], askFigure: true });
    case 'offer':
      return reply({ acts: ['offer'], offers: options });
    case 'whichOption':
      return reply({ acts: ['which_option'], facts: open });
    case 'confirm':
      return reply({ acts: ['confirm'], plan: a.option });
    case 'confirm.promise':
      return reply({ acts: ['confirm'], promise: { amount: a.ref.amount, date: addDays(today, 3) } });
    case 'confirm.moved':
      return reply({
        acts: ['confirm'],
        plan: a.option,
        change: {
          kind: 'moved',
          index: a.ref.index,
          count: a.ref.count,
          from: a.ref.due,
          to: addDays(a.ref.due, 5),
          latest: addDays(a.ref.due, 20),
          limitDays: policy.maxExtensionDays,
        },
      });
    case 'handoff':
      return reply({ acts: ['handoff'], handoffHours: policy.handoffResponseHours });
    case 'handoffNote':
      return reply({ acts: ['handoff_note'], noteAbout: 'other' });
    case 'deescalate':
      return reply({ acts: ['deescalate'] });
    case 'ack':
      return reply({ acts: ['ack'], facts: facts(account) });
    case 'thirdParty':
      return reply({ acts: ['third_party'] });
    case 'paymentReceived':
      return proactive({
        acts: ['payment_received'],
        proactiveReason: 'payment_received',
        payment: a.ref.amount,
        facts: { ...planFacts, remaining: a.remaining - a.ref.amount },
      });
    case 'closing':
      return proactive({ acts: ['closing'], proactiveReason: 'paid_in_full', payment: a.ref.amount });
    case 'apology':
      return { ...reply({ acts: ['apology'] }), wrongParty: true };
    case 'optOutConfirm':
      return { ...reply({ acts: ['opt_out_confirm'] }), optedOut: true };
    case 'answer.nextDue':
      return answer('next_installment', planFacts);
    case 'answer.remaining':
      return answer('remaining', planFacts);
    case 'answer.howToPay':
      return answer('how_to_pay', facts(account));
    case 'answer.who':
      return answer('who', facts(account));
    case 'answer.balance':
      return answer('balance', facts(account));
    case 'answer.general':
      return answer('general', facts(account));
  }
}
