import type { LocalDate } from '../time/calendar.ts';
import type { Option } from '../planning/planner.ts';
import { offeredIds, pick, type ActContext, type ActWording, type Detail } from './catalogue.ts';

/**
 * The English wording of a reading put back to the debtor (machines/reading-check.ts): one
 * yes/no question naming what the bot understood (`check_reading`), and, after a no, one short
 * question what they meant (`ask_meaning`). Nothing here is agreed or recorded: a question only.
 */

/** The words of the catalogue these sentences join (en-US.ts), passed in to share them. */
export interface EnCheckWords {
  day: (date: LocalDate, today?: LocalDate) => string;
  when: (c: ActContext, date: LocalDate) => string;
  idList: (ids: readonly string[]) => string;
  planText: (c: ActContext, option: Pick<Option, 'installments'>, detail: Detail) => string;
}

export function enCheckWording({ day, when, idList, planText }: EnCheckWords) {
  const lead = (c: ActContext): string => pick(c, 'Just to check: ', 'To be sure we understood: ');
  const yes = (c: ActContext): string => pick(c, 'Reply YES to confirm.', 'Please reply YES if so.');

  const check_reading: ActWording = (c) => {
    const k = c.draft.check;
    switch (k?.about) {
      case 'accept': {
        const o = k.option;
        if (!o) return `${lead(c)}you'd like this plan? ${yes(c)}`;
        return `${lead(c)}you'd like plan ${o.id} (${planText(c, o, c.detail >= 2 ? 3 : 2)})? ${yes(c)}`;
      }
      case 'promise': {
        const p = k.promise;
        const amount = p?.amount != null ? c.money(p.amount) : null;
        const date = p?.date != null ? when(c, p.date) : null;
        const what =
          amount && date
            ? `${amount} ${date.startsWith('to') ? date : `on ${date}`}`
            : date
              ? `by ${date}`
              : (amount ?? 'soon');
        return `${lead(c)}you'll pay ${what}? ${yes(c)}`;
      }
      case 'plan_change': {
        const ch = k.change;
        if (!ch?.to) return `${lead(c)}you'd like to change a payment date? ${yes(c)}`;
        return `${lead(c)}you'd like to move payment ${ch.index} from ${day(ch.from, c.today)} to ${day(ch.to, c.today)}? ${yes(c)}`;
      }
      case 'already_paid':
        return `${lead(c)}${pick(c, "you're saying this has already been paid? Reply YES and a specialist will check it.", "you've already paid this? Reply YES and a specialist will look into it.")}`;
      case 'dispute':
        return `${lead(c)}${pick(c, "you're saying this balance isn't right? Reply YES and a specialist will look into it.", 'you believe this amount is wrong? Reply YES and a specialist will check it.')}`;
      default:
        return `${lead(c)}did we understand you right? ${yes(c)}`;
    }
  };

  const ask_meaning: ActWording = (c) => {
    const sorry = pick(c, 'Sorry, we misread that.', 'Apologies for the mix-up.');
    switch (c.draft.check?.about) {
      case 'accept': {
        const ids = c.draft.facts?.optionIds.length ? idList(offeredIds(c.draft)) : null;
        return ids
          ? `${sorry} ${pick(c, `Which option would you like (${ids}), or how much could you pay a month?`, `Please reply ${ids}, or tell us how much you could pay a month.`)}`
          : `${sorry} ${pick(c, 'How much could you pay a month?', 'What could you manage each month?')}`;
      }
      case 'promise':
        return `${sorry} ${pick(c, 'When could you pay, and how much?', 'What date and amount would work for you?')}`;
      case 'plan_change':
        return `${sorry} ${pick(c, 'Which payment would you like to move, and to what date?', 'Which payment should change, and to which date?')}`;
      default:
        return `${sorry} ${pick(c, 'Could you tell us a little more about what happened?', 'Could you say a bit more about the situation?')}`;
    }
  };

  return { check_reading, ask_meaning };
}
