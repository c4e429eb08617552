import { addDays, type LocalDate } from '../time/calendar.ts';
import { dateText, describePlan } from '../planning/plan-text.ts';
import type { Option } from '../planning/planner.ts';
import {
  dueInstallment,
  nearDay,
  offeredIds,
  overdueStage,
  offersIntroduced,
  pick,
  planFigures,
  proactiveActs,
  type ActContext,
  type Catalogue,
  type Detail,
} from './catalogue.ts';
import { enFactWording } from './en-US-facts.ts';
import { enCheckWording } from './en-US-check.ts';

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

/** Answers, payments, plan changes and handoff notes: worded with this file's dates. */
const enFacts = enFactWording({ day, when, idList, plural });

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

/** Unsure readings put back as a question: worded with this file's dates and plans. */
const enCheck = enCheckWording({ day, when, idList, planText });

// ---------- the reasons of proactive messages ----------

function firstReminder(c: ActContext): string {
  const days = c.account.overdueDays;
  const bal = c.money(c.account.balance);
  const short = c.detail >= 2;
  const overdue = pick(
    c,
    `Your loan is ${plural(days, 'day')} overdue, balance ${bal}.`,
    `A reminder: your loan is ${plural(days, 'day')} overdue, balance ${bal}.`,
  );
  switch (overdueStage(days)) {
    case 'due':
      return short
        ? pick(
            c,
            `Your loan balance of ${bal} is now due. Please pay on time.`,
            `Your balance of ${bal} is due now. Please pay on time.`,
          )
        : pick(
            c,
            `A reminder that your loan balance of ${bal} is now due. If anything makes that difficult, reply and we'll work it out with you.`,
            `Your loan balance of ${bal} is due now. If that's difficult, just reply and we'll work something out.`,
          );
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
      ? pick(
          c,
          ' Please pay on time; if anything gets in the way, reply and let us know.',
          " Please make sure it's paid on time; if anything gets in the way, just reply.",
        )
      : pick(c, ' Please pay on time.', " Please make sure it's paid on time.");
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
    ? pick(
        c,
        `We haven't yet seen ${what}. If you've already paid, please disregard this.`,
        `${what[0]!.toUpperCase()}${what.slice(1)} hasn't arrived yet. Already paid? Then please ignore this.`,
      )
    : pick(
        c,
        `Just checking in: we haven't yet seen ${what}. If you've already paid, please disregard this; if plans have changed, reply and we'll find a new date together.`,
        `A quick check: ${what} hasn't arrived yet. Already paid? Then please ignore this. If plans have changed, reply and we'll agree a new date.`,
      );
}

function offersOpen(c: ActContext): string {
  if (c.has('offer'))
    return pick(
      c,
      'The repayment options we sent you are still open:',
      'Your repayment options are still available:',
    );
  const ids = idList(offeredIds(c.draft));
  return c.detail >= 2
    ? pick(
        c,
        `The repayment options we sent are still open: reply ${ids} to choose.`,
        `Your options are still available: reply ${ids} to pick one.`,
      )
    : pick(
        c,
        `The repayment options we sent you are still open: reply ${ids} to choose one, or tell us how much you can pay each month.`,
        `Your repayment options are still available: reply ${ids} to pick one, or tell us what you could pay each month.`,
      );
}

function silence(c: ActContext): string {
  const bal = c.money(c.account.balance);
  return c.detail >= 2
    ? pick(
        c,
        `Your balance is ${bal}. If money is tight, reply INSTALLMENTS to split it.`,
        `Balance ${bal}. To split it into installments, reply INSTALLMENTS.`,
      )
    : pick(
        c,
        `Following up on our earlier message: your balance is ${bal}. If money is tight, we can split it into installments; reply INSTALLMENTS or tell us what you can pay each month.`,
        `In case you missed our last message: your balance is ${bal}. If money is tight, we can spread it out; reply INSTALLMENTS or tell us what you could pay each month.`,
      );
}

// ---------- the replies ----------

function empathy(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // Beside a handoff alone (a complaint, a dispute), sympathy for the trouble, not for hardship.
  const general = c.has('handoff') && !c.has('clarify') && !c.has('offer') && hardship === null;
  if (general)
    return short
      ? pick(c, 'We understand.', 'Understood.')
      : pick(
          c,
          "We understand, and we're sorry for the trouble.",
          "Understood, and we're sorry for the trouble.",
        );
  if (hardship === 'temporary')
    return short
      ? pick(c, "We understand it's temporary.", 'Understood, a short-term squeeze.')
      : pick(
          c,
          'We understand; a temporary cash squeeze can happen to anyone.',
          'Understood; a short-term squeeze happens to everyone.',
        );
  if (hardship === 'long_term')
    return short
      ? pick(c, "We're sorry to hear that.", "We're sorry you're going through this.")
      : pick(
          c,
          "We're sorry to hear that; a long-term difficulty is really hard.",
          "We're sorry you're going through this; a long-term difficulty is hard.",
        );
  return short
    ? pick(c, 'We understand.', 'Understood.')
    : pick(c, 'We understand, things can get tight.', 'Understood, money can get tight.');
}

function clarify(c: ActContext): string {
  const short = c.detail >= 2;
  const hardship = c.draft.hardship ?? null;
  // A refusal without a figure, when a longer plan would change nothing: ask the figure.
  if (c.draft.askFigure)
    return short
      ? pick(c, 'What is the most you could pay each month?', 'How much could you manage each month at most?')
      : pick(
          c,
          "If none of these work, what is the most you could pay each month? We'll build a plan around it.",
          "Could you give us a number: the most you could pay each month? We'll set up a new plan around it.",
        );
  const why = short
    ? ''
    : pick(c, ' That helps us find a plan that works for you.', ' It helps us set up a plan that fits.');
  if (hardship === 'temporary')
    return pick(
      c,
      `When do you expect things to ease, and roughly how much could you pay each month?${why}`,
      `When might things get better, and about how much could you pay a month?${why}`,
    );
  if (hardship === 'long_term') {
    return short
      ? pick(
          c,
          'Roughly how much could you manage each month, even a small amount?',
          'About how much could you pay a month, even a little?',
        )
      : pick(
          c,
          "Roughly how much could you manage each month, even a small amount? We'll do our best to fit a plan to it.",
          "About how much could you pay a month, even a little? We'll fit a plan to that as best we can.",
        );
  }
  return short
    ? pick(
        c,
        'Is it temporary or longer-term? Roughly how much could you pay each month?',
        'Short-term or long-term? About how much a month could you pay?',
      )
    : pick(
        c,
        `Is this a temporary cash-flow problem, or a longer-term difficulty? And roughly how much could you pay each month?${why}`,
        `Is this a short-term squeeze or something longer-lasting? And about how much could you pay a month?${why}`,
      );
}

function offer(c: ActContext): string {
  const offers = c.draft.offers ?? [];
  const d = c.detail;
  if (offers.length === 0)
    return "Tell us roughly how much you can pay each month and we'll put a plan together for you.";
  const ids = offers.map((o) => o.id);
  const one = offers.length === 1;
  const closest = offers.find((o) => o.kind === 'closest') ?? offers[0]!;
  const introduced = offersIntroduced(c);
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
    intro =
      d >= 2
        ? pick(c, 'Options:', 'Choices:')
        : one
          ? pick(c, 'Here is a repayment option:', "Here's a new repayment option:")
          : pick(c, 'Here are your repayment options:', 'Here are some new repayment options:');
  }
  const choose = one
    ? pick(c, `Reply ${ids[0]} to accept`, `Reply ${ids[0]} to take it`)
    : pick(c, `Reply ${idList(ids)} to choose`, `Reply ${idList(ids)} to pick one`);
  const outro = d === 0 ? `${choose}, or tell us what you can pay each month.` : `${choose}.`;
  return `${intro}${intro ? ' ' : ''}${items.join('; ')}. ${outro}`;
}

function confirm(c: ActContext): string {
  const { draft } = c;
  const d = c.detail;
  if (draft.change?.kind === 'moved' && draft.plan) return enFacts.moved(c);
  if (draft.plan) {
    const text = planText(c, draft.plan, d >= 2 ? 2 : 0);
    const done = pick(c, `Plan ${draft.plan.id} is confirmed`, `You're all set with plan ${draft.plan.id}`);
    return d === 0
      ? `${done}: ${text}. ${pick(c, "We'll remind you before each due date. Thank you!", "We'll text you before each payment is due. Thanks!")}`
      : `${done}: ${text}.`;
  }
  const p = draft.promise;
  const amount = p?.amount != null ? c.money(p.amount) : null;
  const date = p?.date != null ? when(c, p.date) : null;
  if (!p || (!amount && !date))
    return d === 0
      ? pick(c, "Thank you, we've noted your commitment to pay.", 'Thanks, your commitment to pay is noted.')
      : pick(c, "We've noted your commitment to pay.", 'Your commitment to pay is noted.');
  // "today (Dec 4)" reads without "on"; a plain date needs it.
  const on = p.date != null && date !== null ? (date === day(p.date, c.today) ? `on ${date}` : date) : '';
  const what =
    amount && on ? `you'll pay ${amount} ${on}` : on ? `you'll pay ${on}` : `you'll pay ${amount} soon`;
  return d === 0
    ? pick(
        c,
        `Thank you, we've noted that ${what}. If anything changes, just let us know.`,
        `Thanks, noted: ${what}. If anything changes, let us know.`,
      )
    : pick(c, `We've noted that ${what}.`, `Noted: ${what}.`);
}

/** The one acknowledgement of a handoff: with the time frame the policy promises (§8). */
function handoff(c: ActContext): string {
  const h = plural(c.draft.handoffHours ?? 24, 'hour');
  return c.detail >= 2
    ? pick(
        c,
        `A member of our team will contact you within ${h}.`,
        `Someone from our team will be in touch within ${h}.`,
      )
    : pick(
        c,
        `We've passed your case to a member of our team, who will contact you within ${h}. Thank you for your patience.`,
        `Your case is now with a member of our team; they'll be in touch within ${h}. Thanks for bearing with us.`,
      );
}

function deescalate(c: ActContext): string {
  // Beside a handoff a person will write next: no "reply when you're ready".
  if (c.has('handoff') || c.has('handoff_note'))
    return pick(
      c,
      "We understand you're upset, and we're sorry for any trouble.",
      "We hear you, and we're sorry for the trouble.",
    );
  return c.detail >= 2
    ? pick(
        c,
        "We understand you're upset, and we're sorry for any trouble. Reply whenever you're ready.",
        "We hear you, and we're sorry for the trouble. Reply when it suits you.",
      )
    : pick(
        c,
        "We understand you're upset, and we're sorry for any trouble. We only want to find a workable solution with you; reply whenever you're ready.",
        "We hear you, and we're sorry for the trouble. We just want to find something that works for you; reply when it suits you.",
      );
}

function ack(c: ActContext): string {
  if (!c.alone) return pick(c, 'Thanks, noted.', 'Got it, thanks.');
  // With a plan running, no word of any new plan: what is next is what matters.
  const next = c.draft.facts?.next;
  if (c.draft.facts && c.draft.facts.owed <= 0)
    return pick(
      c,
      'Thanks, noted. Your loan is paid in full; thank you for working with us.',
      "You're welcome. Your account is settled; reply any time if you need anything.",
    );
  if (c.draft.facts?.planAgreed && next && next.due < c.today)
    return pick(
      c,
      `Thanks, noted. ${c.money(next.amount)} of installment ${next.index} (due ${day(next.due, c.today)}) is still open; please pay it when you can.`,
      `Understood. Installment ${next.index} still needs ${c.money(next.amount)} (it was due ${day(next.due, c.today)}); reply if anything is in the way.`,
    );
  if (c.draft.facts?.planAgreed && next)
    return pick(
      c,
      `Thanks, noted. Your next payment is ${c.money(next.amount)} on ${day(next.due, c.today)}; we'll remind you before then.`,
      `Understood. Installment ${next.index}, ${c.money(next.amount)}, is due ${day(next.due, c.today)}; reply any time if you need anything.`,
    );
  return c.detail >= 2
    ? pick(
        c,
        'Thanks, noted. Reply any time if you need anything.',
        'Understood. Reply any time if you need anything.',
      )
    : pick(
        c,
        'Thanks, noted. If you need anything, or want to talk about a repayment plan, just reply.',
        'Understood. If you need anything later, or want to talk about a repayment plan, just reply.',
      );
}

/** A bare yes with several options open: which one? Agrees to nothing (§8). */
function whichOption(c: ActContext): string {
  const ids = idList(offeredIds(c.draft));
  return pick(
    c,
    `Which option would you like? Reply ${ids} and we'll confirm it right away.`,
    `Just so we set up the right plan: please reply with the letter of the option you want (${ids}).`,
  );
}

/**
 * To someone who says they are not the debtor but knows them (a spouse, a friend): no name, no
 * amount, no word of any debt; only "please ask them to contact us" and the official number.
 */
function thirdParty(c: ActContext): string {
  const tel = c.account.hotline;
  const call = tel ? ` at ${tel}` : ' by replying to this number';
  return pick(
    c,
    `Thank you for letting us know. For privacy reasons we can only discuss this with the account holder; please ask them to contact us${call}.`,
    `Thanks for your message. We can only speak with the account holder directly, so please ask them to get in touch${call}.`,
  );
}

export const enUS: Catalogue = {
  ...proactiveActs({
    firstReminder,
    installmentDue,
    promiseMissed,
    installmentMissed: enFacts.installmentMissed,
    planBroken: enFacts.planBroken,
    offersOpen,
    silence,
  }),
  empathy,
  clarify,
  offer,
  confirm,
  handoff,
  deescalate,
  ack,
  which_option: whichOption,
  check_reading: enCheck.check_reading,
  ask_meaning: enCheck.ask_meaning,
  third_party: thirdParty,
  payment_received: enFacts.paymentReceived,
  closing: enFacts.closing,
  reschedule: enFacts.reschedule,
  handoff_note: enFacts.handoffNote,
  answer: enFacts.answer,
  // To a wrong party: no name, no amount, no word of any debt.
  apology: (c) =>
    pick(
      c,
      "Sorry to have bothered you. We'll correct our records and won't text this number again.",
      "Apologies for the message. We'll update our records and won't text this number again.",
    ),
  opt_out_confirm: (c) =>
    pick(
      c,
      "You're unsubscribed and will receive no more messages.",
      "You've been unsubscribed; no more messages will be sent.",
    ),
  header: (lender) => `${lender}: `,
  greet: (name, body) => `Hi ${name}, ${continueSentence(body)}`,
  close: 'Have a good day.',
  closeAgain: 'All the best.',
  separator: ' ',
  day,
  plan: planText,
};
