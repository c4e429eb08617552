import { addDays, type LocalDate } from '../time/calendar.ts';
import { dateText, describePlan } from '../planning/plan-text.ts';
import type { Option } from '../planning/planner.ts';
import {
  dueInstallment,
  nearDay,
  offeredIds,
  overdueStage,
  planFigures,
  proactiveActs,
  type ActContext,
  type Catalogue,
  type Detail,
} from './catalogue.ts';

/** The English wording, act by act. */

const day = (date: LocalDate, today?: LocalDate): string => dateText(date, 'en-US', today);

/** A date with today/tomorrow when it is one of those. */
function when(c: ActContext, date: LocalDate): string {
  const near = nearDay(date, c.today);
  if (near === 'today') return `today (${day(date, c.today)})`;
  if (near === 'tomorrow') return `tomorrow (${day(date, c.today)})`;
  return day(date, c.today);
}

/** Option ids as the reply instruction names them: "A, B or C". */
function idList(ids: readonly string[]): string {
  if (ids.length < 2) return ids.join('/');
  return `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Hi Zhang Wei, your loan…": the first sentence continues the greeting. Keeps "I", "A." and names. */
const continueSentence = (s: string): string =>
  /^(?:[A-Z][a-z]|A (?=[a-z]))/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;

function planText(c: ActContext, option: Pick<Option, 'installments'>, detail: Detail): string {
  const f = planFigures(option, detail);
  if (f === null)
    return describePlan(option, { currency: c.account.currency, locale: 'en-US', today: c.today });
  const first = day(f.first.due, c.today);
  if (detail === 3) return `${c.money(f.first.amount)} on ${first}, ${f.count} payments in all`;
  const tail = f.namesLast ? `, last ${c.money(f.last)}` : '';
  const monthly = `${f.approx ? (f.even ? 'about ' : 'up to ') : ''}${c.money(f.mid)} a month`;
  return f.steady
    ? `${monthly} from ${first}${tail}, ${f.count} payments`
    : `${c.money(f.first.amount)} on ${first}, then ${monthly}${tail}, ${f.count} payments`;
}

// ---------- the reasons of proactive messages ----------

function firstReminder(c: ActContext): string {
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  const short = c.detail >= 2;
  const overdue = `Your loan is ${plural(days, 'day')} overdue, balance ${bal}.`;
  switch (overdueStage(days)) {
    case 'due':
      return short
        ? `Your loan balance of ${bal} is now due. Please pay on time.`
        : `A reminder that your loan balance of ${bal} is now due. If anything makes that difficult, reply and we'll work it out with you.`;
    case 'gentle':
      if (short) return `${overdue} Please pay when you can, or reply if you need help.`;
      return c.detail === 0
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

/** `installment.index` is 1-based: installment 2 of 4 is index 2 of count 4. */
function installmentDue(c: ActContext): string {
  const inst = dueInstallment(c);
  if (!inst) return 'An installment of your repayment plan is due soon. Please pay on time.';
  const past = inst.due < c.today;
  const which =
    inst.count > 1 && inst.index >= 1
      ? `Installment ${inst.index} of ${inst.count} of your repayment plan, ${c.money(inst.amount)},`
      : `Your agreed payment of ${c.money(inst.amount)}`;
  const due = past
    ? `was due on ${day(inst.due, c.today)}.`
    : `is due ${inst.due <= addDays(c.today, 1) ? when(c, inst.due) : `on ${day(inst.due, c.today)}`}.`;
  const ask = past
    ? c.detail === 0
      ? " If you've already paid, please disregard this; if something got in the way, reply and let us know."
      : " If you've already paid, please disregard this."
    : c.detail === 0
      ? ' Please pay on time; if anything gets in the way, reply and let us know.'
      : ' Please pay on time.';
  return `${which} ${due}${ask}`;
}

function promiseMissed(c: ActContext): string {
  const p = c.draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? day(p.date, c.today) : null;
  const what =
    amount && date
      ? `the ${amount} you planned to pay on ${date}`
      : date
        ? `the payment you planned for ${date}`
        : amount
          ? `the ${amount} you planned to pay`
          : 'the payment you planned';
  return c.detail >= 2
    ? `We haven't yet seen ${what}. If you've already paid, please disregard this.`
    : `Just checking in: we haven't yet seen ${what}. If you've already paid, please disregard this; if plans have changed, reply and we'll find a new date together.`;
}

function offersOpen(c: ActContext): string {
  if (c.has('offer')) return 'The repayment options we sent you are still open:';
  const ids = idList(offeredIds(c.draft));
  return c.detail >= 2
    ? `The repayment options we sent are still open: reply ${ids} to choose.`
    : `The repayment options we sent you are still open: reply ${ids} to choose one, or tell us how much you can pay each month.`;
}

function silence(c: ActContext): string {
  const bal = c.money(c.account.balance);
  return c.detail >= 2
    ? `Your balance is ${bal}. If money is tight, reply INSTALLMENTS to split it.`
    : `Following up on our earlier message: your balance is ${bal}. If money is tight, we can split it into installments; reply INSTALLMENTS or tell us what you can pay each month.`;
}

// ---------- the replies ----------

function empathy(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // Beside a handoff alone (a complaint, a dispute), sympathy for the trouble, not for hardship.
  const general = c.has('handoff') && !c.has('clarify') && !c.has('offer') && hardship === null;
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

function clarify(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
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

function offer(c: ActContext): string {
  const offers = c.draft.offers ?? [];
  const d = c.detail;
  if (offers.length === 0)
    return "Tell us roughly how much you can pay each month and we'll put a plan together for you.";
  const ids = offers.map((o) => o.id);
  const one = offers.length === 1;
  const closest = offers.find((o) => o.kind === 'closest') ?? offers[0]!;
  const introduced = c.has('followup') && c.draft.proactiveReason === 'offer_followup';
  const items = offers.map((o) => `${o.id}. ${planText(c, o, d)}`);
  let intro = '';
  if (introduced) {
    // The follow-up's own words introduce the list; what was said about the amount was said before.
  } else if (c.draft.infeasible) {
    const which = one ? 'the closest plan is' : `option ${closest.id} is the closest`;
    intro =
      d >= 2
        ? `That amount is below our minimum; ${which}:`
        : `The amount you mentioned is below what our plans allow; ${which}:`;
  } else {
    intro = d >= 2 ? 'Options:' : one ? 'Here is a repayment option:' : 'Here are your repayment options:';
  }
  const choose = one ? `Reply ${ids[0]} to accept` : `Reply ${idList(ids)} to choose`;
  const outro = d === 0 ? `${choose}, or tell us what you can pay each month.` : `${choose}.`;
  return `${intro}${intro ? ' ' : ''}${items.join('; ')}. ${outro}`;
}

function confirm(c: ActContext): string {
  const { draft } = c;
  const d = c.detail;
  if (draft.plan) {
    const text = planText(c, draft.plan, d >= 2 ? 2 : 0);
    return d === 0
      ? `Plan ${draft.plan.id} is confirmed: ${text}. We'll remind you before each due date. Thank you!`
      : `Plan ${draft.plan.id} is confirmed: ${text}.`;
  }
  const p = draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? when(c, p.date) : null;
  if (!p || (!amount && !date))
    return d === 0 ? "Thank you, we've noted your commitment to pay." : "We've noted your commitment to pay.";
  // "today (Dec 4)" reads without "on"; a plain date needs it.
  const on = p.date != null && date !== null ? (date === day(p.date, c.today) ? `on ${date}` : date) : '';
  const what =
    amount && on ? `you'll pay ${amount} ${on}` : on ? `you'll pay ${on}` : `you'll pay ${amount} soon`;
  return d === 0
    ? `Thank you, we've noted that ${what}. If anything changes, just let us know.`
    : `We've noted that ${what}.`;
}

function answer(c: ActContext): string {
  // Beside offers, the offers are the way forward: no "reply INSTALLMENTS" suggestion.
  const short = c.detail >= 2 || c.has('offer');
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  switch (c.draft.answerTopic ?? 'general') {
    case 'balance':
      return `Your current balance is ${bal}${days > 0 ? `, ${plural(days, 'day')} overdue` : ''}.${short ? '' : " Reply INSTALLMENTS if you'd like to pay in installments."}`;
    case 'how_to_pay':
      return short
        ? "You can pay in the app under 'My loans', or reply INSTALLMENTS."
        : "You can pay in the app under 'My loans', or reply INSTALLMENTS to arrange a plan with us.";
    case 'who':
      return short
        ? `This is ${c.lender} customer service.`
        : `This is ${c.lender} customer service, contacting you about your loan with us. Feel free to reply with any questions.`;
    case 'credit':
      return short
        ? 'Paying on time, or agreeing a plan with us early, keeps the effect on your credit record as small as possible.'
        : "Paying on time, or agreeing a repayment plan with us early, keeps the effect on your credit record as small as possible. If you're having difficulty, reply and we can work it out.";
    // New topics (issue 13) keep the general answer until the machine supplies their facts.
    case 'next_installment':
    case 'remaining':
    case 'overdue_days':
    case 'late_fees':
    case 'handoff_eta':
    case 'general':
      return short
        ? 'Thanks for your message; to reach a person, reply AGENT.'
        : 'Thanks for your message. You can ask us about your balance, how to pay or an installment plan; to reach a person, reply AGENT.';
  }
}

function handoff(c: ActContext): string {
  return c.detail >= 2
    ? 'A member of our team will contact you soon.'
    : "We've passed your case to a member of our team, who will contact you soon. Thank you for your patience.";
}

function deescalate(c: ActContext): string {
  // Beside a handoff a person will write next: no "reply when you're ready".
  if (c.has('handoff')) return "We understand you're upset, and we're sorry for any trouble.";
  return c.detail >= 2
    ? "We understand you're upset, and we're sorry for any trouble. Reply whenever you're ready."
    : "We understand you're upset, and we're sorry for any trouble. We only want to find a workable solution with you; reply whenever you're ready.";
}

function ack(c: ActContext): string {
  if (!c.alone) return 'Thanks, noted.';
  return c.detail >= 2
    ? 'Thanks, noted. Reply any time if you need anything.'
    : 'Thanks, noted. If you need anything, or want to talk about a repayment plan, just reply.';
}

export const enUS: Catalogue = {
  ...proactiveActs({ firstReminder, installmentDue, promiseMissed, offersOpen, silence }),
  empathy,
  clarify,
  offer,
  confirm,
  answer,
  handoff,
  deescalate,
  ack,
  // To a wrong party: no name, no amount, no word of any debt.
  apology: () => "Sorry to have bothered you. We'll correct our records and won't text this number again.",
  opt_out_confirm: () => "You're unsubscribed and will receive no more messages.",
  header: (lender) => `${lender}: `,
  greet: (name, body) => `Hi ${name}, ${continueSentence(body)}`,
  close: 'Have a good day.',
  separator: ' ',
  day,
};
