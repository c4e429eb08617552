import { addDays, type LocalDate } from '../src/time/calendar.ts';
import type { AnswerTopic } from '../src/dialogue/types.ts';
import { answerTopic } from '../src/parse/answer-topic.ts';
import { normalize } from '../src/parse/normalize.ts';
import { chooseOption, type OptionChoice } from '../src/parse/option-choice.ts';
import type { Locale } from '../src/parse/schema.ts';
import type { Option } from '../src/planning/planner.ts';
import type { Inbound } from './context.ts';

/**
 * What the machine reads in a debtor's message beyond the parse result: which option it names,
 * what it asks, whether a third party wrote, whether it moves an installment. One seam, so the
 * statechart reads the same way whichever reader answers.
 *
 * STAND-INS: the readers of src/parse (answerTopics, thirdPartyOf, reopensAfterOptOut,
 * readPlanChange) are being written on another branch; until they land, the small readers
 * below keep the machine working. Each is replaced by its import.
 */

/**
 * Which offered option a message agrees to (CONTRACTS §8): any name of one option, also inside
 * a sentence turning another down; a bare yes with several open is ambiguous.
 */
export const choiceOf = (m: Inbound, offers: Option[], locale: Locale): OptionChoice =>
  chooseOption(m.text, offers, locale);

const TOPIC_WORDS: [AnswerTopic, RegExp][] = [
  ['late_fees', /罚息|滞纳金|违约金|减免|免息|利息|手续费|late fees?|penalt|waive|interest/i],
  [
    'handoff_eta',
    /(?:什么时候|多久|几时|何时).*(?:联系|回复|打电话|来电)|when will (?:someone|somebody|you|a person|they)|how long (?:until|till|before)/i,
  ],
  [
    'next_installment',
    /下一期|下期|下个月(?:还|要还)|next (?:payment|installment|instal?ment|one)|when(?:'s| is) (?:the )?next/i,
  ],
  ['remaining', /还剩|剩下|剩余|还差|\bleft\b|remaining/i],
  ['overdue_days', /逾期(?:了)?(?:几|多少)天|how many days (?:late|overdue|past due)/i],
];

/** Every topic a question asks about (stand-in for src/parse answerTopics). */
export function topicsOf(m: Inbound): AnswerTopic[] {
  const t = normalize(m.text);
  const out: AnswerTopic[] = [];
  for (const [topic, re] of TOPIC_WORDS) if (re.test(t)) out.push(topic);
  const base = /诈骗|骗人的|scam|fraud|legit/i.test(t) ? 'who' : answerTopic(m.text);
  if (base !== 'general' || out.length === 0) out.push(base);
  return out;
}

const THIRD =
  /我是(?:他|她|ta)的?(爱人|老婆|老公|妻子|丈夫|媳妇|对象|朋友|同事|家人|妈妈|母亲|爸爸|父亲|儿子|女儿|哥哥|姐姐|弟弟|妹妹)|\bi'?m (?:his|her) (wife|husband|partner|friend|mother|mom|father|dad|son|daughter|brother|sister|roommate|coworker)\b/i;
const PAYS =
  /我来还|我帮(?:他|她)还|我替(?:他|她)还|钱我来|我(?:来)?付|i(?:'ll| will| can) pay|pay (?:it )?for (?:him|her)/i;

/** A self-identified third party (stand-in for src/parse thirdPartyOf). */
export function thirdPartyIn(m: Inbound): { role: string; offersToPay: boolean } | null {
  const t = normalize(m.text);
  const r = THIRD.exec(t);
  if (!r) return null;
  return { role: r[1] ?? r[2] ?? 'other', offersToPay: PAYS.test(t) };
}

/** An opted-out debtor asking to deal with the debt again (stand-in for reopensAfterOptOut). */
export const reopensIn = (m: Inbound): boolean =>
  /还款|还钱|想还|分期|结清|pay|installment|settle/i.test(normalize(m.text));

const ZH_N: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const n = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (ZH_N[s] ?? 1));
const MOVE =
  /推迟|推后|推到|延后|延期|延到|晚(?:一|两|几|\d|[一二三四五六七八九十])|改到|挪到|往后|宽限|move|push|delay|postpone|later|extend|pay .* on/i;

/**
 * A wish to move one installment of the agreed plan: which one, and to which date (null: not
 * said). Stand-in for src/parse readPlanChange.
 */
export function planChangeIn(
  m: Inbound,
  plan: Option,
  next: number,
): { index: number; to: LocalDate | null } | null {
  const t = normalize(m.text);
  if (!MOVE.test(t)) return null;
  const ord = /第([一二三四五六七八九十\d]{1,2})期/.exec(t);
  const en = /\b(first|second|third|fourth|fifth|sixth)\b (?:payment|installment|one)/.exec(t);
  const EN_ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
  const index = ord ? n(ord[1]!) - 1 : en ? EN_ORD.indexOf(en[1]!) : next;
  if (index < 0 || index >= plan.installments.length) return null;
  const due = plan.installments[index]!.due;
  const week = /(?:一|1)(?:个)?(?:周|星期|礼拜)|a week|one week/.exec(t);
  const weeks = /([两二三\d])(?:个)?(?:周|星期|礼拜)|(\d) weeks/.exec(t);
  const days = /([一二三四五六七八九十\d]{1,2}) ?(?:天|日|days?)/.exec(t);
  if (weeks) return { index, to: addDays(due, 7 * n(weeks[1] ?? weeks[2]!)) };
  if (week) return { index, to: addDays(due, 7) };
  if (days && !/号|日期/.test(t.slice(days.index - 2, days.index)))
    return { index, to: addDays(due, n(days[1]!)) };
  return { index, to: m.parsed.date };
}

/** A per-period figure (每月/一个月最多700, $60 every other week) or a split: a capacity, not a promise. */
export const statesTermsIn = (m: Inbound): boolean =>
  m.parsed.amount !== null &&
  /每月|每个月|一个月|月供|每期|每周|每半个月|半个月|a month|per month|monthly|each month|every (?:other )?week|biweekly|bi-weekly|per week|weekly/i.test(
    normalize(m.text),
  );
