import { addDays, type LocalDate } from '../time/calendar.ts';
import { formatMoney } from '../money.ts';
import { dateText, describePlan } from '../planning/plan-text.ts';
import type { Option } from '../planning/planner.ts';
import { MAX_SMS_CHARS, OPT_OUT_HINT } from './sms-parts.ts';
import type { Account, Act, DialogueLocale, Draft, RenderContext } from '../dialogue/types.ts';

/**
 * Message templates: a Draft (what the dialogue machine decided to say) → the SMS text, in
 * zh-CN or en-US. Pure and deterministic: the same draft and context give the same text.
 *
 * Every text follows the seeds' four parts where they apply (identity 【lender】, situation,
 * consequence, solution) and CONTRACTS §4: the signature opens the message, there are no other
 * 【】, no debris, at most 350 characters, the opt-out hint closes every proactive message, and a
 * wrong party hears no word of any debt. The compliance guard still checks every text; these
 * templates are written so that it never has to block one of them.
 *
 * Length: a message is built at the richest wording level first and shortened level by level
 * (courtesy close, then wording detail, then the name) until it fits its target: one or two SMS
 * segments for a single-purpose message (≤ 140 characters in Chinese, ≤ 300 in English), the
 * hard limit of 350 for a list of offers, where the numbers are the point.
 *
 * Chinese punctuation follows the seeds and src/planning/plan-text.ts: half-width , : ; ? ! ( ) inside
 * sentences, 。 at their ends.
 */

export { MAX_SMS_CHARS };
/** Target lengths for single-purpose messages: two SMS segments (UCS-2 67×2, GSM-7 153×2). */
export const SOFT_LIMIT: Readonly<Record<DialogueLocale, number>> = { 'zh-CN': 140, 'en-US': 300 };

/**
 * Acts that may carry a courtesy close (祝您生活愉快!): statements, not questions or choices.
 * A confirmation thanks the debtor itself (感谢您的配合!); a second close would be one too many.
 */
const CLOSABLE: ReadonlySet<Act> = new Set([
  'reminder',
  'followup',
  'answer',
  'ack',
  'apology',
  'opt_out_confirm',
]);
/** Acts whose message carries no name: a wrong party must not learn it; an opt-out needs only the confirmation. */
const UNNAMED: ReadonlySet<Act> = new Set(['apology', 'opt_out_confirm']);
const NONE: ReadonlySet<Act> = new Set();
/** Parts a message that stacks many acts may lose to fit, least needed first. */
const DROPPABLE: readonly Act[] = [
  'ack',
  'deescalate',
  'empathy',
  'answer',
  'clarify',
  'followup',
  'reminder',
];
/** Order of the parts in a message that combines several acts. */
const ORDER: readonly Act[] = [
  'ack',
  'deescalate',
  'empathy',
  'reminder',
  'followup',
  'answer',
  'clarify',
  'offer',
  'confirm',
  'handoff',
];

export type OverdueStage = 'due' | 'gentle' | 'consequences' | 'plan';

/**
 * The seeds' tone by days overdue: 1–3 a gentle reminder, 4–6 the consequences (罚息, 征信) as
 * facts, 7+ the consequences and an installment plan. Day 7 is in both of the seeds' ranges
 * (4–7 后果, 7天以上 方案); the plan wording there still states the consequences, so it keeps both.
 */
export function overdueStage(overdueDays: number): OverdueStage {
  if (overdueDays <= 0) return 'due';
  if (overdueDays <= 3) return 'gentle';
  if (overdueDays <= 6) return 'consequences';
  return 'plan';
}

/** A due date the way plan-text writes it: 12月4日 / Dec 4; with its year when later than `today`'s (§8). */
export function formatDay(date: LocalDate, locale: DialogueLocale, today?: LocalDate): string {
  return dateText(date, locale, today);
}

/** How much wording a level keeps: 0 everything, 3 the bare facts. */
type Detail = 0 | 1 | 2 | 3;

interface Style {
  close: boolean;
  name: boolean;
  detail: Detail;
}

/** From richest to leanest; the first that fits is sent. */
const LEVELS: readonly Style[] = [
  { close: true, name: true, detail: 0 },
  { close: false, name: true, detail: 0 },
  { close: false, name: true, detail: 1 },
  { close: false, name: true, detail: 2 },
  { close: false, name: false, detail: 2 },
  { close: false, name: false, detail: 3 },
];

interface Env {
  zh: boolean;
  locale: DialogueLocale;
  draft: Draft;
  account: Account;
  today: LocalDate;
  lender: string;
  detail: Detail;
  has: (act: Act) => boolean;
  money: (minor: number) => string;
  day: (date: LocalDate) => string;
  /** A date with 今天/明天 (today/tomorrow) when it is one of those. */
  when: (date: LocalDate) => string;
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[【】\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

/** Names and the lender come from data: keep them from breaking the signature rule or the layout. */
function clean(s: string): string {
  return s.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
}

/** Option ids as the reply instruction names them: A/B/C or "A, B or C". */
function idList(ids: readonly string[], zh: boolean): string {
  if (zh || ids.length < 2) return ids.join('/');
  return `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}

function offeredIds(draft: Draft): string[] {
  const ids = (draft.offers ?? []).map((o) => o.id);
  return ids.length > 0 ? ids : ['A', 'B', 'C'];
}

/**
 * One plan at a level of detail. Every form names the first amount and its date.
 * 0: describePlan's full sentence; 1: first, the monthly amount, a different last, the count;
 * 2: first, the monthly amount ("about" when the last differs), the count; 3: first and the count.
 */
function planText(e: Env, option: Pick<Option, 'installments'>, detail: Detail): string {
  const list = option.installments;
  if (detail === 0 || list.length <= 2)
    return describePlan(option, { currency: e.account.currency, locale: e.locale, today: e.today });
  const count = list.length;
  const first = list[0]!;
  const last = list[count - 1]!.amount;
  const mids = list.slice(1, -1).map((x) => x.amount);
  const mid = Math.max(...mids);
  const even = mids.every((a) => a === mid);
  const day = e.day(first.due);
  if (detail === 3) {
    return e.zh
      ? `首期${day}还${e.money(first.amount)},共${count}期`
      : `${e.money(first.amount)} on ${day}, ${count} payments in all`;
  }
  // Middles that differ by a rounding step are "up to" the larger; a different last is named or, at 2, "about".
  const lastDiffers = last !== mid;
  const approx = !even || (detail === 2 && lastDiffers);
  const tail =
    detail === 1 && lastDiffers ? (e.zh ? `,末期${e.money(last)}` : `, last ${e.money(last)}`) : '';
  const monthly = e.zh
    ? `每月${approx ? (even ? '约' : '最多') : ''}还${e.money(mid)}`
    : `${approx ? (even ? 'about ' : 'up to ') : ''}${e.money(mid)} a month`;
  if (e.zh) {
    return first.amount === mid && even
      ? `${day}起${monthly}${tail},共${count}期`
      : `首期${day}还${e.money(first.amount)},之后${monthly}${tail},共${count}期`;
  }
  return first.amount === mid && even
    ? `${monthly} from ${day}${tail}, ${count} payments`
    : `${e.money(first.amount)} on ${day}, then ${monthly}${tail}, ${count} payments`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------- the parts, one per act ----------

function reminder(e: Env): string {
  switch (e.draft.proactiveReason) {
    case 'installment_due':
      return installmentDue(e);
    case 'offer_followup':
    case 'promise_missed':
    case 'silence_followup':
      return followupBody(e);
    case 'first_reminder':
      return stageReminder(e);
    default:
      return e.draft.installment ? installmentDue(e) : stageReminder(e);
  }
}

function followup(e: Env): string {
  switch (e.draft.proactiveReason) {
    case 'installment_due':
      return installmentDue(e);
    case 'first_reminder':
      return stageReminder(e);
    default:
      return followupBody(e);
  }
}

/** The first reminder: the four parts, in the tone of the overdue stage. */
function stageReminder(e: Env): string {
  const days = e.account.overdueDays;
  const bal = e.money(e.account.balance);
  const short = e.detail >= 2;
  const stage = overdueStage(days);
  if (e.zh) {
    const overdue = `您的借款已逾期${days}天,待还${bal}`;
    switch (stage) {
      case 'due':
        return short
          ? `您的借款待还${bal},请按时还款。`
          : `您的借款待还${bal},请按时还款。如有困难,可回复我们协商。`;
      case 'gentle':
        if (short) return `${overdue},方便时请尽快还款,如有困难可回复协商。`;
        return e.detail === 0
          ? `温馨提醒,${overdue}。可能是一时忘记了,方便时请尽快还款,如有困难可回复我们协商。`
          : `温馨提醒,${overdue},方便时请尽快还款,如有困难可回复我们协商。`;
      case 'consequences':
        return short
          ? `${overdue},持续逾期会产生罚息并可能影响征信,如有困难请回复协商。`
          : `${overdue}。持续逾期会产生罚息,并可能影响个人征信。如有困难请回复我们,一起商量还款方案。`;
      case 'plan':
        return short
          ? `${overdue},可为您安排分期:回复“分期”或告诉我们每月能还多少。`
          : `${overdue},逾期期间会持续产生罚息,并可能影响个人征信。我们可以为您安排分期还款,回复“分期”或告诉我们每月能还多少。`;
    }
  }
  const overdue = `Your loan is ${plural(days, 'day')} overdue, balance ${bal}.`;
  switch (stage) {
    case 'due':
      return short
        ? `Your loan balance of ${bal} is now due. Please pay on time.`
        : `A reminder that your loan balance of ${bal} is now due. If anything makes that difficult, reply and we'll work it out with you.`;
    case 'gentle':
      if (short) return `${overdue} Please pay when you can, or reply if you need help.`;
      return e.detail === 0
        ? `A friendly reminder: your loan payment is ${plural(days, 'day')} overdue, balance ${bal}. It may simply have slipped your mind; please pay when you can, or reply if you need help.`
        : `A friendly reminder: your loan payment is ${plural(days, 'day')} overdue, balance ${bal}. Please pay when you can, or reply if you need help.`;
    case 'consequences':
      return short
        ? `${overdue} Late fees apply and your credit record may be affected; reply if you need help.`
        : `${overdue} Continued late payment adds late fees and may affect your credit record. If you're having difficulty, reply and we can work out a plan together.`;
    case 'plan':
      return short
        ? `${overdue} We can set up installments: reply INSTALLMENTS or tell us what you can pay monthly.`
        : `${overdue} Late fees continue to apply and your credit record may be affected. We can set up an installment plan: reply INSTALLMENTS or tell us how much you can pay each month.`;
  }
}

/** The installment a plan reminder is about: the draft's, else the plan's next one from today. */
function dueInstallment(e: Env): { due: LocalDate; amount: number; index: number; count: number } | null {
  if (e.draft.installment) return e.draft.installment;
  const list = e.draft.plan?.installments;
  if (!list || list.length === 0) return null;
  const i = list.findIndex((x) => x.due >= e.today);
  const at = i < 0 ? list.length - 1 : i;
  return { ...list[at]!, index: at + 1, count: list.length };
}

/** `installment.index` is 1-based: 第2期(共4期) is index 2 of count 4. */
function installmentDue(e: Env): string {
  const inst = dueInstallment(e);
  const past = inst !== null && inst.due < e.today;
  if (e.zh) {
    if (!inst) return '您的还款计划有一期即将到期,请留意按时还款。';
    const which =
      inst.count > 1 && inst.index >= 1 ? `您的还款计划第${inst.index}期(共${inst.count}期)` : '您约定的还款';
    const when = past
      ? `已于${e.day(inst.due)}到期`
      : inst.due <= addDays(e.today, 1)
        ? `${e.when(inst.due)}到期`
        : `将于${e.day(inst.due)}到期`;
    const ask = past ? '如已还款请忽略' : '请按时还款';
    const more = e.detail === 0 ? (past ? ';如有困难,请回复我们商量。' : ',如有困难请提前回复我们。') : '。';
    return `${which}${when},金额${e.money(inst.amount)},${ask}${more}`;
  }
  if (!inst) return 'An installment of your repayment plan is due soon. Please pay on time.';
  const which =
    inst.count > 1 && inst.index >= 1
      ? `Installment ${inst.index} of ${inst.count} of your repayment plan, ${e.money(inst.amount)},`
      : `Your agreed payment of ${e.money(inst.amount)}`;
  const when = past
    ? `was due on ${e.day(inst.due)}.`
    : `is due ${inst.due <= addDays(e.today, 1) ? e.when(inst.due) : `on ${e.day(inst.due)}`}.`;
  const ask = past
    ? e.detail === 0
      ? " If you've already paid, please disregard this; if something got in the way, reply and let us know."
      : " If you've already paid, please disregard this."
    : e.detail === 0
      ? ' Please pay on time; if anything gets in the way, reply and let us know.'
      : ' Please pay on time.';
  return `${which} ${when}${ask}`;
}

/** Follow-ups: the offers still open, a promised date passed, or silence after a reminder. */
function followupBody(e: Env): string {
  const { draft } = e;
  const short = e.detail >= 2;
  switch (draft.proactiveReason) {
    case 'promise_missed':
      return promiseMissed(e);
    case 'offer_followup': {
      const ids = idList(offeredIds(draft), e.zh);
      if (e.zh) {
        if (e.has('offer')) return '之前为您准备的还款方案仍然有效:';
        return short
          ? `之前的还款方案仍然有效,回复${ids}即可选择。`
          : `之前为您准备的还款方案仍然有效,回复${ids}即可选择;如都不合适,也可告诉我们每月能还多少。`;
      }
      if (e.has('offer')) return 'The repayment options we sent you are still open:';
      return short
        ? `The repayment options we sent are still open: reply ${ids} to choose.`
        : `The repayment options we sent you are still open: reply ${ids} to choose one, or tell us how much you can pay each month.`;
    }
    default: {
      // silence_followup, or a follow-up without a reason.
      const bal = e.money(e.account.balance);
      if (e.zh) {
        return short
          ? `您的借款待还${bal},如有困难可为您安排分期,回复“分期”即可。`
          : `之前的消息您可能还没来得及看。您的借款待还${bal},如暂时有困难,我们可以为您安排分期,回复“分期”或告诉我们每月能还多少即可。`;
      }
      return short
        ? `Your balance is ${bal}. If money is tight, reply INSTALLMENTS to split it.`
        : `Following up on our earlier message: your balance is ${bal}. If money is tight, we can split it into installments; reply INSTALLMENTS or tell us what you can pay each month.`;
    }
  }
}

function promiseMissed(e: Env): string {
  const p = e.draft.promise;
  const amount = p?.amount != null ? e.money(p.amount) : null;
  const date = p?.date != null ? e.day(p.date) : null;
  const short = e.detail >= 2;
  if (e.zh) {
    const what =
      amount && date
        ? `您之前约定${date}还${amount}`
        : date
          ? `您之前约定${date}还款`
          : amount
            ? `您之前约定还${amount}`
            : '您之前约定的还款';
    const seen = amount || date ? ',目前还未查到这笔还款。' : '目前还未查到。';
    return `${what}${seen}${short ? '如已还款请忽略。' : '如已还款请忽略;如有变化,回复我们重新商量即可。'}`;
  }
  const what =
    amount && date
      ? `the ${amount} you planned to pay on ${date}`
      : date
        ? `the payment you planned for ${date}`
        : amount
          ? `the ${amount} you planned to pay`
          : 'the payment you planned';
  return short
    ? `We haven't yet seen ${what}. If you've already paid, please disregard this.`
    : `Just checking in: we haven't yet seen ${what}. If you've already paid, please disregard this; if plans have changed, reply and we'll find a new date together.`;
}

function empathy(e: Env): string {
  const short = e.detail >= 2;
  const hardship = e.draft.hardship ?? null;
  // Beside a handoff alone (a complaint, a dispute), sympathy for the trouble, not for hardship.
  const general = e.has('handoff') && !e.has('clarify') && !e.has('offer') && hardship === null;
  if (e.zh) {
    if (general) return short ? '理解您的感受。' : '理解您的感受,给您带来不便很抱歉。';
    if (hardship === 'temporary')
      return short ? '理解您暂时的困难。' : '理解,暂时周转不开的情况谁都可能遇到。';
    if (hardship === 'long_term') return short ? '理解您的处境。' : '非常理解您的处境,长期的困难确实不容易。';
    return short ? '理解您的难处。' : '理解您的难处,现在确实不容易。';
  }
  if (general) return short ? 'We understand.' : "We understand, and we're sorry for the trouble.";
  if (hardship === 'temporary')
    return short
      ? "We understand it's temporary."
      : 'We understand; a temporary cash squeeze can happen to anyone.';
  if (hardship === 'long_term')
    return short
      ? "We're sorry to hear that."
      : "We're sorry to hear that; a long-term difficulty is really hard.";
  return short ? 'We understand.' : 'We understand, things can get tight.';
}

function clarify(e: Env): string {
  const short = e.detail >= 2;
  const hardship = e.draft.hardship ?? null;
  if (e.zh) {
    const why = short ? '' : '我们好为您安排合适的方案。';
    const lead = short ? '' : '想了解一下,';
    if (hardship === 'temporary') return `${lead}大概什么时候能周转过来?每月大概能还多少?${why}`;
    if (hardship === 'long_term') {
      return short
        ? '每月大概能还多少?少一些也没关系。'
        : '想了解一下,每月大概能还多少?哪怕少一些也没关系,我们会尽量按您能承受的金额安排分期。';
    }
    return `${lead}是暂时周转不开,还是长期困难?每月大概能还多少?${why}`;
  }
  const why = short ? '' : ' That helps us find a plan that works for you.';
  if (hardship === 'temporary')
    return `When do you expect things to ease, and roughly how much could you pay each month?${why}`;
  if (hardship === 'long_term') {
    return short
      ? 'Roughly how much could you manage each month, even a small amount?'
      : "Roughly how much could you manage each month, even a small amount? We'll do our best to fit a plan to it.";
  }
  return short
    ? 'Is it temporary or longer-term? Roughly how much could you pay each month?'
    : `Is this a temporary cash-flow problem, or a longer-term difficulty? And roughly how much could you pay each month?${why}`;
}

function offer(e: Env): string {
  const offers = e.draft.offers ?? [];
  const d = e.detail;
  if (offers.length === 0) {
    return e.zh
      ? '请告诉我们每月大概能还多少,我们为您安排合适的方案。'
      : "Tell us roughly how much you can pay each month and we'll put a plan together for you.";
  }
  const ids = offers.map((o) => o.id);
  const one = offers.length === 1;
  const closest = offers.find((o) => o.kind === 'closest') ?? offers[0]!;
  const introduced = e.has('followup') && e.draft.proactiveReason === 'offer_followup';
  const items = offers.map((o) => `${o.id}. ${planText(e, o, d)}`);
  if (e.zh) {
    let intro = '';
    if (introduced) {
      // The follow-up's own words introduce the list; what was said about the amount was said before.
    } else if (e.draft.infeasible) {
      const which = one ? '最接近的方案是' : `方案${closest.id}是最接近的`;
      intro =
        d >= 2 ? `您说的金额低于方案允许的最低额,${which}:` : `您说的金额低于方案允许的最低还款额,${which}:`;
    } else {
      intro = d >= 2 ? '可选方案:' : one ? '为您准备了以下方案:' : '为您准备了以下还款方案:';
    }
    const choose = one ? `回复${ids[0]}确认此方案` : `回复${idList(ids, true)}选择`;
    const outro = d === 0 ? `${choose},也可告诉我们每月能还多少。` : `${choose}。`;
    return `${intro}${items.join(';')};${outro}`;
  }
  let intro = '';
  if (introduced) {
    // As in Chinese: the follow-up introduces the list.
  } else if (e.draft.infeasible) {
    const which = one ? 'the closest plan is' : `option ${closest.id} is the closest`;
    intro =
      d >= 2
        ? `That amount is below our minimum; ${which}:`
        : `The amount you mentioned is below what our plans allow; ${which}:`;
  } else {
    intro = d >= 2 ? 'Options:' : one ? 'Here is a repayment option:' : 'Here are your repayment options:';
  }
  const choose = one ? `Reply ${ids[0]} to accept` : `Reply ${idList(ids, false)} to choose`;
  const outro = d === 0 ? `${choose}, or tell us what you can pay each month.` : `${choose}.`;
  return `${intro}${intro ? ' ' : ''}${items.join('; ')}. ${outro}`;
}

function confirm(e: Env): string {
  const { draft } = e;
  const d = e.detail;
  if (draft.plan) {
    const text = planText(e, draft.plan, d >= 2 ? 2 : 0);
    if (e.zh)
      return d === 0
        ? `已为您确认方案${draft.plan.id}:${text}。到期前我们会短信提醒您,感谢您的配合!`
        : `已为您确认方案${draft.plan.id}:${text}。`;
    return d === 0
      ? `Plan ${draft.plan.id} is confirmed: ${text}. We'll remind you before each due date. Thank you!`
      : `Plan ${draft.plan.id} is confirmed: ${text}.`;
  }
  const p = draft.promise;
  const amount = p?.amount != null ? e.money(p.amount) : null;
  const date = p?.date != null ? e.when(p.date) : null;
  if (e.zh) {
    if (!p || (!amount && !date))
      return d === 0 ? '好的,已记录您的还款承诺,感谢您的配合!' : '好的,已记录您的还款承诺。';
    const what = amount && date ? `${date}还${amount}` : date ? `${date}还款` : `还${amount},请尽快安排`;
    const more = d === 0 ? (date ? '如到时有困难,请提前告诉我们,感谢您的配合!' : '感谢您的配合!') : '';
    return `好的,已记录您承诺${what}。${more}`;
  }
  if (!p || (!amount && !date))
    return d === 0 ? "Thank you, we've noted your commitment to pay." : "We've noted your commitment to pay.";
  // "today (Dec 4)" reads without "on"; a plain date needs it.
  const on = p.date != null && date !== null ? (date === e.day(p.date) ? `on ${date}` : date) : '';
  const what =
    amount && on ? `you'll pay ${amount} ${on}` : on ? `you'll pay ${on}` : `you'll pay ${amount} soon`;
  return d === 0
    ? `Thank you, we've noted that ${what}. If anything changes, just let us know.`
    : `We've noted that ${what}.`;
}

function answer(e: Env): string {
  // Beside offers, the offers are the way forward: no "reply 分期" suggestion.
  const short = e.detail >= 2 || e.has('offer');
  const days = e.account.overdueDays;
  const bal = e.money(e.account.balance);
  switch (e.draft.answerTopic ?? 'general') {
    case 'balance':
      if (e.zh)
        return `您目前待还${bal}${days > 0 ? `,已逾期${days}天` : ''}。${short ? '' : '如需分期,回复“分期”即可。'}`;
      return `Your current balance is ${bal}${days > 0 ? `, ${plural(days, 'day')} overdue` : ''}.${short ? '' : " Reply INSTALLMENTS if you'd like to pay in installments."}`;
    case 'how_to_pay':
      if (e.zh)
        return short
          ? '您可以在App内“我的借款”页面还款,或回复“分期”协商。'
          : '您可以在App内“我的借款”页面还款,也可以回复“分期”与我们协商分期方案。';
      return short
        ? "You can pay in the app under 'My loans', or reply INSTALLMENTS."
        : "You can pay in the app under 'My loans', or reply INSTALLMENTS to arrange a plan with us.";
    case 'who':
      if (e.zh)
        return short
          ? `我们是${e.lender}的客服。`
          : `我们是${e.lender}的客服,就您的借款事宜与您联系。如有疑问可随时回复。`;
      return short
        ? `This is ${e.lender} customer service.`
        : `This is ${e.lender} customer service, contacting you about your loan with us. Feel free to reply with any questions.`;
    case 'credit':
      if (e.zh) {
        return short
          ? '按时还款或尽早约定还款计划,可以尽量减少对个人征信的影响。'
          : '按时还款,或尽早与我们约定还款计划,可以尽量减少对个人征信的影响。如有困难,可回复我们协商。';
      }
      return short
        ? 'Paying on time, or agreeing a plan with us early, keeps the effect on your credit record as small as possible.'
        : "Paying on time, or agreeing a repayment plan with us early, keeps the effect on your credit record as small as possible. If you're having difficulty, reply and we can work it out.";
    case 'general':
      if (e.zh)
        return short
          ? '感谢您的提问,如需人工服务请回复“人工”。'
          : '感谢您的提问。您可以回复询问待还金额、还款方式或分期方案;如需人工服务,请回复“人工”。';
      return short
        ? 'Thanks for your message; to reach a person, reply AGENT.'
        : 'Thanks for your message. You can ask us about your balance, how to pay or an installment plan; to reach a person, reply AGENT.';
  }
}

function handoff(e: Env): string {
  if (e.zh)
    return e.detail >= 2
      ? '已转交人工专员处理,会尽快与您联系。'
      : '已转交人工专员处理,会尽快与您联系,感谢您的耐心。';
  return e.detail >= 2
    ? 'A member of our team will contact you soon.'
    : "We've passed your case to a member of our team, who will contact you soon. Thank you for your patience.";
}

function deescalate(e: Env): string {
  // Beside a handoff a person will write next: no "reply when you're ready".
  if (e.has('handoff'))
    return e.zh
      ? '理解您现在的心情,如给您带来困扰,我们很抱歉。'
      : "We understand you're upset, and we're sorry for any trouble.";
  if (e.zh) {
    return e.detail >= 2
      ? '理解您的心情,给您带来困扰很抱歉。您方便时回复即可。'
      : '理解您现在的心情,如给您带来困扰,我们很抱歉。我们只希望和您一起找到合适的解决办法,您方便时回复即可。';
  }
  return e.detail >= 2
    ? "We understand you're upset, and we're sorry for any trouble. Reply whenever you're ready."
    : "We understand you're upset, and we're sorry for any trouble. We only want to find a workable solution with you; reply whenever you're ready.";
}

function ack(e: Env, alone: boolean): string {
  if (!alone) return e.zh ? '收到,谢谢。' : 'Thanks, noted.';
  if (e.zh)
    return e.detail >= 2
      ? '好的,收到。如有需要随时回复我们。'
      : '好的,收到。如有任何需要,或还款上有困难,随时回复我们。';
  return e.detail >= 2
    ? 'Thanks, noted. Reply any time if you need anything.'
    : 'Thanks, noted. If you need anything, or want to talk about a repayment plan, just reply.';
}

// ---------- composition ----------

/** "Hi Zhang Wei, your loan…": the first sentence continues the greeting. Keeps "I", "A." and names. */
const continueSentence = (s: string): string =>
  /^(?:[A-Z][a-z]|A (?=[a-z]))/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;

function compose(draft: Draft, ctx: RenderContext, style: Style, omit: ReadonlySet<Act> = NONE): string {
  const { account } = ctx;
  const locale = account.locale;
  const zh = locale === 'zh-CN';
  const acts = new Set(draft.acts.filter((a) => !omit.has(a)));
  const env: Env = {
    zh,
    locale,
    draft,
    account,
    today: ctx.today,
    lender: clean(account.lender),
    detail: style.detail,
    has: (act) => acts.has(act),
    money: (minor) => formatMoney(minor, account.currency, locale),
    day: (date) => formatDay(date, locale, ctx.today),
    when: (date) => {
      const day = formatDay(date, locale, ctx.today);
      if (date === ctx.today) return zh ? `今天(${day})` : `today (${day})`;
      if (date === addDays(ctx.today, 1)) return zh ? `明天(${day})` : `tomorrow (${day})`;
      return day;
    },
  };
  const header = zh ? `【${env.lender}】` : `${env.lender}: `;
  const close = zh ? '祝您生活愉快!' : 'Have a good day.';
  const proactive =
    draft.kind === 'proactive' || draft.acts.includes('reminder') || draft.acts.includes('followup');
  const hint = OPT_OUT_HINT[locale];
  const join = (parts: string[]) => parts.filter((p) => p !== '').join(zh ? '' : ' ');

  // A wrong party hears an apology and nothing else: no name, no amount, no word of any debt.
  if (acts.has('apology')) {
    const body = zh
      ? '抱歉打扰,我们会更正号码,不再给您发送短信。'
      : "Sorry to have bothered you. We'll correct our records and won't text this number again.";
    return header + join([body, style.close ? close : '', proactive ? hint : '']);
  }
  // The one message after an opt-out: no debt details, no name. It is a reply; were it ever
  // sent as a proactive message it would still carry the hint, as every proactive text does.
  if (acts.has('opt_out_confirm')) {
    const body = zh
      ? '已为您退订,此后不再发送短信。'
      : "You're unsubscribed and will receive no more messages.";
    return header + join([body, style.close ? close : '', draft.kind === 'proactive' ? hint : '']);
  }

  // No offers beside a handoff (§4): a person takes over.
  const present = ORDER.filter((a) => acts.has(a) && !(a === 'offer' && acts.has('handoff')));
  const alone = present.length === 1;
  const parts: string[] = [];
  for (const act of present) {
    switch (act) {
      case 'ack':
        parts.push(ack(env, alone));
        break;
      case 'deescalate':
        parts.push(deescalate(env));
        break;
      case 'empathy':
        parts.push(empathy(env));
        break;
      case 'reminder':
        parts.push(reminder(env));
        break;
      case 'followup':
        // A reminder already carries the reason's content; a follow-up beside it would repeat it.
        if (!acts.has('reminder')) parts.push(followup(env));
        break;
      case 'answer':
        parts.push(answer(env));
        break;
      case 'clarify':
        parts.push(clarify(env));
        break;
      case 'offer':
        parts.push(offer(env));
        break;
      case 'confirm':
        parts.push(confirm(env));
        break;
      case 'handoff':
        parts.push(handoff(env));
        break;
    }
  }
  const closable = present.length > 0 && present.every((a) => CLOSABLE.has(a));
  const named = style.name && !(alone && present[0] === 'ack') && present.every((a) => !UNNAMED.has(a));
  const name = clean(account.debtorName);
  let body = join(parts);
  // 张伟您好,已记录… rather than 张伟您好,好的,已记录…
  if (named && name !== '')
    body = zh ? `${name}您好,${body.replace(/^好的,/, '')}` : `Hi ${name}, ${continueSentence(body)}`;
  return header + join([body, style.close && closable ? close : '', proactive ? hint : '']);
}

/**
 * Render a draft into the SMS text. The richest wording that fits its target is chosen; no
 * text is ever longer than MAX_SMS_CHARS for any valid account (lender ≤ 20 characters,
 * name ≤ 40, balance ≤ 10^11 major units) and up to three offers.
 */
export function render(draft: Draft, ctx: RenderContext): string {
  const soft = draft.acts.includes('offer') ? MAX_SMS_CHARS : SOFT_LIMIT[ctx.account.locale];
  let firstWithinHard: string | null = null;
  for (const style of LEVELS) {
    const text = compose(draft, ctx, style);
    if (text.length <= soft) return text;
    if (firstWithinHard === null && text.length <= MAX_SMS_CHARS) firstWithinHard = text;
  }
  if (firstWithinHard !== null) return firstWithinHard;
  // Only a draft that stacks many acts gets here: leave out the supporting parts, the least
  // needed first, until the message fits. The offers, a confirmation and a handoff stay.
  const leanest = LEVELS[LEVELS.length - 1]!;
  const omit = new Set<Act>();
  let text = compose(draft, ctx, leanest);
  for (const act of DROPPABLE) {
    if (!draft.acts.includes(act)) continue;
    omit.add(act);
    text = compose(draft, ctx, leanest, omit);
    if (text.length <= MAX_SMS_CHARS) break;
  }
  return text;
}
