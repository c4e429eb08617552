import type { LocalDate } from '../time/calendar.ts';
import type { AnswerTopic, Facts } from '../dialogue/types.ts';
import { dueInstallment, offeredIds, pick, topicsOf, type ActContext, type ActWording } from './catalogue.ts';

/**
 * The English wording of facts (CONTRACTS §8 "Answers come from facts"): answers to questions,
 * payments received, a missed installment, a broken plan, the settled account, a moved
 * installment, the notes of a handoff. Every figure comes from the draft's `facts`, worked out
 * by the machine; nothing here computes one. With a plan agreed no sentence suggests another plan.
 */

/** The date words of the catalogue these sentences join (en-US.ts), passed in to share them. */
export interface EnWords {
  day: (date: LocalDate, today?: LocalDate) => string;
  when: (c: ActContext, date: LocalDate) => string;
  idList: (ids: readonly string[]) => string;
  plural: (n: number, word: string) => string;
}

const clock = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}`;
};

function factsOf(c: ActContext): Facts {
  return (
    c.draft.facts ?? {
      owed: c.account.balance,
      overdueDays: c.account.overdueDays,
      planAgreed: false,
      next: null,
      remaining: null,
      offersOpen: false,
      optionIds: [],
      handoffBy: null,
      handoffOverdue: false,
    }
  );
}

export function enFactWording({ day, when, idList, plural }: EnWords) {
  /** `on Dec 4` for a plain date; `today (Dec 4)` reads without "on". */
  const onDay = (c: ActContext, date: LocalDate): string => {
    const w = when(c, date);
    return w === day(date, c.today) ? `on ${w}` : w;
  };

  /** One sentence per topic; `withNext`: the next installment is stated by another sentence. */
  function sentence(c: ActContext, topic: AnswerTopic, f: Facts, withNext: boolean): string {
    const short = c.detail >= 2 || c.has('offer');
    // "Reply INSTALLMENTS" only when nothing is on the table, no plan runs and no person owns the case.
    const suggest = !short && !f.planAgreed && !f.offersOpen && f.handoffBy === null;
    const owed = c.money(f.owed);
    const next = f.next;
    const left = f.remaining === null ? owed : c.money(f.remaining);
    const choose = f.offersOpen ? ` Reply ${idList(offeredIds(c.draft))} to choose a plan.` : '';
    const late = f.overdueDays > 0 ? `, ${plural(f.overdueDays, 'day')} overdue` : '';
    const owedLine = (): string =>
      pick(c, `Your current balance is ${owed}${late}.`, `You owe ${owed} at the moment${late}.`) +
      (suggest ? " Reply INSTALLMENTS if you'd like to pay in installments." : choose);
    const settled = pick(
      c,
      'Your plan is fully paid. Thank you!',
      'Everything in your plan has been paid. Thanks!',
    );
    switch (topic) {
      case 'balance':
      case 'remaining':
        if (!f.planAgreed) return owedLine();
        if (!next) return settled;
        if (withNext) return pick(c, `${left} is left on your plan in all.`, `In all, ${left} remains.`);
        if (next.due < c.today)
          return `${left} is left on your plan, including ${c.money(next.amount)} of installment ${next.index}, due ${day(next.due, c.today)}.`;
        return pick(
          c,
          `${left} is left on your plan; the next payment is ${c.money(next.amount)} on ${day(next.due, c.today)}.`,
          `Your plan has ${left} to go, next ${c.money(next.amount)} on ${day(next.due, c.today)}.`,
        );
      case 'next_installment':
        if (f.planAgreed && !next) return settled;
        if (next) {
          const which = next.count > 1 ? `installment ${next.index} of ${next.count}` : 'your agreed payment';
          if (next.due < c.today)
            return pick(
              c,
              `${which[0]!.toUpperCase()}${which.slice(1)} was due ${day(next.due, c.today)}; ${c.money(next.amount)} of it is still open, please pay it when you can.`,
              `${c.money(next.amount)} of ${which} (due ${day(next.due, c.today)}) is still to pay; please settle it soon.`,
            );
          return pick(
            c,
            `Your next payment is ${which}: ${c.money(next.amount)}, due ${onDay(c, next.due)}.`,
            `Next up is ${which}, ${c.money(next.amount)} due ${onDay(c, next.due)}.`,
          );
        }
        if (f.offersOpen)
          return pick(
            c,
            `No plan is confirmed yet.${choose} We'll then send you every date and amount.`,
            `Your plan isn't confirmed yet.${choose} You'll get each date and amount after that.`,
          );
        return (
          pick(
            c,
            `There's no repayment plan yet; your balance is ${owed}.`,
            `You don't have a plan yet; the balance is ${owed}.`,
          ) + (suggest ? ' Reply INSTALLMENTS to set one up.' : '')
        );
      case 'overdue_days':
        return f.planAgreed && next
          ? pick(
              c,
              `Your loan is ${plural(f.overdueDays, 'day')} overdue; keeping to your plan is all that's needed, next payment ${day(next.due, c.today)}.`,
              `The loan is ${plural(f.overdueDays, 'day')} past due; just keep to your plan, next payment ${day(next.due, c.today)}.`,
            )
          : owedLine();
      case 'how_to_pay': {
        const own = c.account.howToPay;
        // The lender's own words, verbatim (§8); otherwise the generic sentence.
        const way = own
          ? `${pick(c, 'How to pay: ', 'You can pay like this: ')}${own}${/[.!。]$/.test(own) ? '' : '.'}`
          : pick(
              c,
              "You can pay in the app under 'My loans'",
              "Payments can be made in the app under 'My loans'",
            );
        if (next && !withNext)
          return `${way}${own ? '' : '.'} ${pick(c, 'This one is', 'The next one is')} ${c.money(next.amount)}, due ${day(next.due, c.today)}.`;
        if (own) return way + (suggest ? ' Or reply INSTALLMENTS to arrange a plan with us.' : '');
        if (suggest)
          return short
            ? `${way}, or reply INSTALLMENTS.`
            : `${way}, or reply INSTALLMENTS to arrange a plan with us.`;
        return `${way}.`;
      }
      case 'who': {
        const tel = c.account.hotline;
        if (tel)
          return pick(
            c,
            `This is ${c.lender} customer service. You can check by calling our official number, ${tel}.`,
            `You're hearing from ${c.lender} customer service; to verify, call our official line at ${tel}.`,
          );
        return short
          ? pick(
              c,
              `This is ${c.lender} customer service.`,
              `You're hearing from ${c.lender} customer service.`,
            )
          : pick(
              c,
              `This is ${c.lender} customer service, contacting you about your loan with us. To check, call the customer service number shown in our official app.`,
              `You're hearing from ${c.lender} customer service about your loan. To verify, use the customer service number in our official app.`,
            );
      }
      case 'credit':
        return short
          ? pick(
              c,
              'Paying on time, or agreeing a plan with us early, keeps the effect on your credit record as small as possible.',
              'Paying on time or agreeing a plan early keeps any effect on your credit record as small as possible.',
            )
          : pick(
              c,
              "Paying on time, or agreeing a repayment plan with us early, keeps the effect on your credit record as small as possible. If you're having difficulty, reply and we can work it out.",
              'Paying on time, or agreeing a plan with us early, keeps any effect on your credit record as small as possible. If things are hard, reply and we can work it out.',
            );
      case 'late_fees': {
        // A person decides fees and waivers: say so; the machine flags the conversation.
        const still = f.offersOpen
          ? ' Your options stay open meanwhile.'
          : f.planAgreed
            ? ' Your plan stays as agreed.'
            : '';
        return (
          pick(
            c,
            "Late fees and any waiver are decided by a member of our team; we've asked them to look at it and they'll reply soon.",
            "A member of our team decides on fees and waivers; they've been asked to review it and will get back to you.",
          ) + still
        );
      }
      case 'handoff_eta': {
        const by = f.handoffBy;
        if (by && f.handoffOverdue)
          return pick(
            c,
            "We're sorry for the wait. A member of our team will contact you as soon as possible; your messages are on record.",
            'Apologies for keeping you waiting; our team will be in touch as soon as they can.',
          );
        if (by)
          return pick(
            c,
            `A member of our team will contact you by ${clock(by.minutes)} on ${day(by.date, c.today)}.`,
            `You'll hear from our team by ${day(by.date, c.today)}, ${clock(by.minutes)} at the latest.`,
          );
        const h = plural(c.draft.handoffHours ?? 24, 'hour');
        return pick(
          c,
          `To reach a person, reply AGENT; someone will contact you within ${h}.`,
          `Reply AGENT for a person; they'll be in touch within ${h}.`,
        );
      }
      case 'general':
        return short
          ? pick(
              c,
              'Thanks for your message; to reach a person, reply AGENT.',
              'Thanks for writing; reply AGENT to reach a person.',
            )
          : f.planAgreed
            ? pick(
                c,
                'Thanks for your message. You can ask us about your next payment, what is left or how to pay; to reach a person, reply AGENT.',
                'Thanks for writing. Ask us any time about your next payment, what is left or how to pay; reply AGENT to reach a person.',
              )
            : pick(
                c,
                'Thanks for your message. You can ask us about your balance, how to pay or an installment plan; to reach a person, reply AGENT.',
                'Thanks for writing. Ask us any time about your balance, how to pay or an installment plan; reply AGENT to reach a person.',
              );
    }
  }

  const answer: ActWording = (c) => {
    const f = factsOf(c);
    const topics = topicsOf(c.draft);
    const withNext = f.planAgreed && topics.includes('next_installment');
    // One sentence per fact: 'balance' and 'remaining' say the same thing. Leaner levels answer
    // fewer topics (the first ones asked), so a message asking many still fits.
    const said = topics
      .filter((t, i) => !(t === 'remaining' && topics.slice(0, i).includes('balance')))
      .slice(0, c.detail === 3 ? 1 : c.detail === 2 ? 2 : undefined);
    const order = withNext ? ['next_installment', ...said.filter((t) => t !== 'next_installment')] : said;
    return order
      .map((t) => sentence(c, t as AnswerTopic, f, withNext && t !== 'next_installment'))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  };

  const paymentReceived: ActWording = (c) => {
    const f = factsOf(c);
    const x = c.draft.payment ? ` of ${c.money(c.draft.payment)}` : '';
    const got = pick(
      c,
      `Thank you, we've received your payment${x}.`,
      `Your payment${x} has arrived, thank you.`,
    );
    const next = f.next;
    if (f.planAgreed && next && f.remaining !== null && next.due < c.today)
      return `${got} ${c.money(f.remaining)} is left on your plan, including ${c.money(next.amount)} of installment ${next.index}, due ${day(next.due, c.today)}.`;
    if (f.planAgreed && next && f.remaining !== null)
      return `${got} ${pick(
        c,
        `${c.money(f.remaining)} is left on your plan; the next payment is ${c.money(next.amount)} on ${day(next.due, c.today)}.`,
        `Still to go: ${c.money(f.remaining)}, next ${c.money(next.amount)} on ${day(next.due, c.today)}.`,
      )}`;
    return `${got} ${pick(
      c,
      `Your balance is now ${c.money(f.owed)}; reply INSTALLMENTS if you'd like to split the rest.`,
      `${c.money(f.owed)} is still to pay; to split it, reply INSTALLMENTS.`,
    )}`;
  };

  const closing: ActWording = (c) => {
    const x = c.draft.payment ? ` of ${c.money(c.draft.payment)}` : '';
    return pick(
      c,
      `We've received your final payment${x}: your loan is now paid in full. Thank you for working with us!`,
      `Your last payment${x} has arrived and your loan is settled in full. Thank you!`,
    );
  };

  /** A move the policy does not allow, or a wish to move with no date yet: the limit and the latest date. */
  const reschedule: ActWording = (c) => {
    const ch = c.draft.change;
    if (!ch)
      return pick(
        c,
        'To change a due date, tell us which installment and the new date.',
        'Which installment would you like to move, and to what date?',
      );
    const which = ch.count > 1 ? `installment ${ch.index}` : 'your payment';
    const Which = which[0]!.toUpperCase() + which.slice(1);
    const from = day(ch.from, c.today);
    if (ch.latest === null)
      return pick(
        c,
        `${Which} (due ${from}) can't be moved any later. If that's a real problem, reply AGENT and a member of our team will help.`,
        `We're not able to push ${which} (${from}) back any further. If it's a problem, reply AGENT and someone will look at it.`,
      );
    const latest = day(ch.latest, c.today);
    if (ch.kind === 'ask')
      return pick(
        c,
        `We can move ${which}, due ${from}, to any date up to ${latest}. Which date would suit you?`,
        `${Which} (${from}) can move as late as ${latest}. What date would you like?`,
      );
    return pick(
      c,
      `${Which} (due ${from}) can move at most ${plural(ch.limitDays, 'day')} and must stay before the next one: the latest date is ${latest}. Reply with a date up to then.`,
      `The latest we can move ${which} (due ${from}) to is ${latest}. Just reply with that date or an earlier one.`,
    );
  };

  /** The confirmation of a moved installment: the new date, the amount unchanged, the rest unchanged. */
  const moved: ActWording = (c) => {
    const ch = c.draft.change!;
    const to = day(ch.to ?? ch.from, c.today);
    const amount = c.money(c.draft.plan!.installments[ch.index - 1]!.amount);
    const which = ch.count > 1 ? `installment ${ch.index}` : 'your payment';
    const tail =
      c.detail === 0
        ? pick(c, " We'll remind you before it's due.", " You'll get a reminder before then.")
        : '';
    return (
      pick(
        c,
        `Done: ${which} (${amount}) is now due ${to}; the amount and every other date stay the same.`,
        `All set, ${which} moves from ${day(ch.from, c.today)} to ${to}, still ${amount}; nothing else changes.`,
      ) + tail
    );
  };

  /** The morning after an installment that was not paid in full: one reminder, no pressure. */
  const installmentMissed: ActWording = (c) => {
    const inst = dueInstallment(c);
    if (!inst)
      return "We haven't yet seen one of your plan's payments. If you've already paid, please disregard this.";
    const which = inst.count > 1 ? `installment ${inst.index} of ${inst.count}` : 'your agreed payment';
    const seen = `We haven't yet seen ${c.money(inst.amount)} of ${which}, due ${day(inst.due, c.today)}.`;
    const more =
      c.detail === 0
        ? pick(
            c,
            " If you've already paid, please disregard this; if you need a different date, reply and we'll look at it together.",
            ' Already paid? Then please ignore this. If another date would work better, just reply.',
          )
        : pick(
            c,
            " If you've already paid, please disregard this.",
            ' Already paid? Then please ignore this.',
          );
    return seen + more;
  };

  /** Two installments missed in a row: the plan is off; offers for what is left (or a person) follow. */
  const planBroken: ActWording = (c) => {
    const owed = c.draft.facts ? c.money(c.draft.facts.owed) : null;
    const left = owed ? ` Your balance is now ${owed}.` : '';
    if (c.has('handoff')) return `Two payments of your plan in a row haven't come in.${left}`;
    return pick(
      c,
      `Two payments of your plan in a row haven't come in, so the plan no longer applies.${left} Here are new options:`,
      `Your plan has missed two payments in a row and is no longer active.${left} New options for you:`,
    );
  };

  /** While a person owns the conversation: they will see this message. */
  const handoffNote: ActWording = (c) =>
    c.draft.noteAbout === 'plan'
      ? pick(
          c,
          'Noted; the team member handling your case will see this and go through it with you.',
          "Thanks, we've added this to your case so it can be discussed when our team gets in touch.",
        )
      : pick(
          c,
          'Thanks, the team member handling your case will see your message.',
          "Your message has been passed to our team; they'll reply as soon as they can.",
        );

  return {
    answer,
    paymentReceived,
    closing,
    reschedule,
    moved,
    handoffNote,
    installmentMissed,
    planBroken,
  };
}
