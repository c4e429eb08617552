import type { LocalDate } from '../time/calendar.ts';
import type { Option } from '../planning/planner.ts';
import { offeredIds, pick, type ActContext, type ActWording, type Detail } from './catalogue.ts';

/**
 * The Chinese wording of a reading put back to the debtor (machines/reading-check.ts): one
 * yes/no question naming what the bot understood (`check_reading`), and, after a no, one short
 * question what they meant (`ask_meaning`). Nothing here is agreed or recorded: a question only.
 */

/** The words of the catalogue these sentences join (zh-CN.ts), passed in to share them. */
export interface ZhCheckWords {
  day: (date: LocalDate, today?: LocalDate) => string;
  when: (c: ActContext, date: LocalDate) => string;
  idList: (ids: readonly string[]) => string;
  planText: (c: ActContext, option: Pick<Option, 'installments'>, detail: Detail) => string;
}

export function zhCheckWording({ day, when, idList, planText }: ZhCheckWords) {
  const reply = '回复“是”确认';
  const check_reading: ActWording = (c) => {
    const k = c.draft.check;
    const lead = pick(c, '', '想和您确认一下:');
    switch (k?.about) {
      case 'accept': {
        const o = k.option;
        if (!o)
          return pick(c, `您是想选择这个方案吗?${reply}。`, `想和您确认一下:您选的是这个方案吗?${reply}。`);
        const text = planText(c, o, c.detail >= 2 ? 3 : 2);
        return pick(
          c,
          `您是想选择方案${o.id}(${text})吗?${reply}。`,
          `想和您确认一下:您选的是方案${o.id}(${text})吗?${reply}。`,
        );
      }
      case 'promise': {
        const p = k.promise;
        const amount = p?.amount != null ? c.money(p.amount) : null;
        const date = p?.date != null ? when(c, p.date) : null;
        const what =
          amount && date ? `${date}还${amount}` : date ? `${date}还款` : amount ? `还${amount}` : '近期还款';
        return pick(
          c,
          `您是打算${what}吗?${reply},我们为您记录。`,
          `想和您确认一下:您是说${what}吗?${reply}。`,
        );
      }
      case 'plan_change': {
        const ch = k.change;
        if (!ch?.to)
          return pick(c, `您是想调整还款日期吗?${reply}。`, `想和您确认一下:您是要改还款日期吗?${reply}。`);
        const what = `把第${ch.index}期从${day(ch.from, c.today)}改到${day(ch.to, c.today)}`;
        return pick(c, `您是想${what}吗?${reply}。`, `想和您确认一下:您是要${what}吗?${reply}。`);
      }
      case 'already_paid':
        return `${lead}${pick(c, '您是说这笔已经还过了吗?回复“是”,我们转交专员为您核实。', '您已经还过款了,对吗?回复“是”,专员会为您核实。')}`;
      case 'dispute':
        return `${lead}${pick(c, '您是对这笔账目或金额有异议吗?回复“是”,我们转交专员为您核实。', '您认为这笔账目有误,对吗?回复“是”,专员会为您核实。')}`;
      default:
        return pick(c, `我们没太理解,您是这个意思吗?${reply}。`, `想和您确认一下您的意思,${reply}。`);
    }
  };

  const ask_meaning: ActWording = (c) => {
    const sorry = pick(c, '抱歉理解错了。', '不好意思,是我们理解错了。');
    switch (c.draft.check?.about) {
      case 'accept': {
        const ids = c.draft.facts?.optionIds.length ? idList(offeredIds(c.draft)) : null;
        return ids
          ? `${sorry}${pick(c, `您想选哪个方案?回复${ids},或告诉我们每月能还多少。`, `请回复您要的方案(${ids}),或说一下每月能还多少。`)}`
          : `${sorry}${pick(c, '请告诉我们每月大概能还多少。', '您每月大概能还多少?')}`;
      }
      case 'promise':
        return `${sorry}${pick(c, '请问您打算哪天还、还多少?', '您方便说一下哪天能还、能还多少吗?')}`;
      case 'plan_change':
        return `${sorry}${pick(c, '请问您想调整哪一期、改到哪天?', '您想把哪一期改到哪天?')}`;
      default:
        return `${sorry}${pick(c, '能再具体说一下您的情况吗?', '方便再说一下是什么情况吗?')}`;
    }
  };

  return { check_reading, ask_meaning };
}
