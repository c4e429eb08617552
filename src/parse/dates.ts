import { createRequire } from 'node:module';
import type * as ChronoTypes from 'chrono-node';
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  endOfMonth,
  formatCivil,
  isoWeekday,
  parseCivil,
  type Instant,
  type LocalDate,
} from '../time/calendar.ts';
import { zhNumeral } from './numerals.ts';
import { gateOf, type MayMatch } from './regex-gate.ts';

const require = createRequire(import.meta.url);
const chrono = require('chrono-node') as typeof ChronoTypes;

/**
 * Dates the debtor names, resolved in the local calendar of `now`'s offset (CONTRACTS §2):
 * 月底 = last day of the month; 周五/这周五 = the coming Friday (today if Friday); 下周五 = Friday
 * of next ISO week (weeks start on Monday); 25号 = the next 25th on or after today; 三天之内 =
 * today + 3. Chinese forms and English relative forms are rules (no library gets the week
 * semantics right, see docs/decisions.md); English calendar dates (Dec 5, 12/5, December 5th)
 * go to chrono-node with the offset passed explicitly.
 */

export interface DateMatch {
  date: LocalDate;
  start: number;
  end: number;
}

const N = '(\\d{1,2}|[零一二两三四五六七八九十廿]{1,3})';
const WEEKDAY_ZH: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};
const WEEKDAY_EN: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
/** A month's number by the first three letters of its English name. */
const EN_MONTH_NUMBER: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function num(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('廿')) return 20 + (s.length > 1 ? (zhNumeral(s.slice(1)) ?? 0) : 0);
  return zhNumeral(s);
}

/** The coming `weekday` (1–7), today included. */
const comingWeekday = (today: LocalDate, weekday: number): LocalDate =>
  addDays(today, (weekday - isoWeekday(today) + 7) % 7);
/** `weekday` of the ISO week `weeksAhead` weeks after this one. */
const weekdayOfWeek = (today: LocalDate, weeksAhead: number, weekday: number): LocalDate =>
  addDays(today, 7 * weeksAhead - (isoWeekday(today) - 1) + (weekday - 1));

/** The next day-of-month `d` on or after today; a month without that day is skipped. */
function nextDayOfMonth(today: LocalDate, d: number): LocalDate | null {
  if (d < 1 || d > 31) return null;
  const t = parseCivil(today);
  for (let k = 0; k < 12; k++) {
    const total = t.y * 12 + (t.m - 1) + k;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    if (d <= daysInMonth(y, m) && (k > 0 || d >= t.d)) return formatCivil({ y, m, d });
  }
  return null;
}

/** Month `m`, day `d`: this year, or next year once it has passed. */
function nextMonthDay(today: LocalDate, m: number, d: number | 'end' | 'start'): LocalDate | null {
  if (m < 1 || m > 12) return null;
  const t = parseCivil(today);
  for (const y of [t.y, t.y + 1]) {
    const day = d === 'end' ? daysInMonth(y, m) : d === 'start' ? 1 : d;
    if (day < 1 || day > daysInMonth(y, m)) continue;
    const date = formatCivil({ y, m, d: day });
    if (date >= today) return date;
  }
  return null;
}

function monthOffset(today: LocalDate, k: number, d: number | 'end'): LocalDate | null {
  const first = addMonthsClamped(today, k, 1);
  if (d === 'end') return endOfMonth(first);
  const { y, m } = parseCivil(first);
  return d >= 1 && d <= 31 ? formatCivil({ y, m, d: Math.min(d, daysInMonth(y, m)) }) : null;
}

type Rule = [RegExp, (m: RegExpExecArray, today: LocalDate) => LocalDate | null];

const plusDays = (k: number) => (_m: RegExpExecArray, today: LocalDate) => addDays(today, k);

const NUMBER_ENDS = '(?![半点些次期笔千百万个周起份块元\\d])';
const ZH_RULES: Rule[] = [
  [
    /(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})[日号]?/g,
    (m) => {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? formatCivil({ y, m: mo, d }) : null;
    },
  ],
  [/大后天/g, plusDays(3)],
  [/(?<!大)后天/g, plusDays(2)],
  [/明天|明日|明早|明晚|明儿|明个/g, plusDays(1)],
  [/今天|今日|今晚|今儿|今早|当天|今天之内/g, plusDays(0)],
  [/昨天|昨日|昨晚/g, plusDays(-1)],
  [/(?<!大)前天/g, plusDays(-2)],
  [/下下(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m, t) => weekdayOfWeek(t, 2, WEEKDAY_ZH[m[1]!]!)],
  [/下(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m, t) => weekdayOfWeek(t, 1, WEEKDAY_ZH[m[1]!]!)],
  [/上(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m, t) => weekdayOfWeek(t, -1, WEEKDAY_ZH[m[1]!]!)],
  [
    /(?<![一二两三几\d])(?:这|本|这个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    (m, t) => comingWeekday(t, WEEKDAY_ZH[m[1]!]!),
  ],
  [/下(?:个)?周末/g, (_m, t) => weekdayOfWeek(t, 1, 6)],
  [/(?:这|本)?(?:个)?周末/g, (_m, t) => (isoWeekday(t) === 7 ? t : comingWeekday(t, 6))],
  [/下下个?月(?:底|末)/g, (_m, t) => monthOffset(t, 2, 'end')],
  [/下个?月(?:底|末|尾)/g, (_m, t) => monthOffset(t, 1, 'end')],
  [/下个?月初/g, (_m, t) => monthOffset(t, 1, 1)],
  [/下个?月中/g, (_m, t) => monthOffset(t, 1, 15)],
  // without 号 the number must end there: 下个月一半 is half, 下个月两千 a sum, not the 1st or 2nd
  [
    new RegExp(`下下个?月(?:${N}[号日]|(\\d{1,2})${NUMBER_ENDS})`, 'g'),
    (m, t) => dayNum(m[1] ?? m[2]!, (d) => monthOffset(t, 2, d)),
  ],
  [
    new RegExp(`下个?月(?:${N}[号日]|(\\d{1,2})${NUMBER_ENDS})`, 'g'),
    (m, t) => dayNum(m[1] ?? m[2]!, (d) => monthOffset(t, 1, d)),
  ],
  [new RegExp(`(?:这个?月|本月)${N}[号日]`, 'g'), (m, t) => dayNum(m[1]!, (d) => monthOffset(t, 0, d))],
  [
    new RegExp(`(?<![个\\d])${N}月(?:份)?(?:底|末)`, 'g'),
    (m, t) => dayNum(m[1]!, (mo) => nextMonthDay(t, mo, 'end')),
  ],
  [
    new RegExp(`(?<![个\\d])${N}月(?:份)?初`, 'g'),
    (m, t) => dayNum(m[1]!, (mo) => nextMonthDay(t, mo, 'start')),
  ],
  [
    new RegExp(`(?<![个\\d.])${N}月${N}(?:[日号]|(?![\\d天个期]))`, 'g'),
    (m, t) => {
      const mo = num(m[1]!);
      const d = num(m[2]!);
      return mo && d ? nextMonthDay(t, mo, d) : null;
    },
  ],
  // (上个月底 is last month's end: past)
  [/(?<!上个?|上上个?)(?:这个?月|本月)?(?:月底|月末|月尾)/g, (_m, t) => endOfMonth(t)],
  [/(?<![下上])月初/g, (_m, t) => (parseCivil(t).d === 1 ? t : monthOffset(t, 1, 1))],
  [/(?<![下上])月中/g, (_m, t) => nextDayOfMonth(t, 15)],
  // (去年年底 is last year's end: past)
  [
    /(?<![去前上一二两三四五六七八九十几\d])(?:年底|年末|年前)|元旦前|元旦之前/g,
    (_m, t) => nextMonthDay(t, 12, 31),
  ],
  [/元旦(?!后|以后|之后|过后)/g, (_m, t) => nextMonthDay(t, 1, 1)],
  [/国庆/g, (_m, t) => nextMonthDay(t, 10, 1)],
  [
    new RegExp(`${N}个?(?:天|日)(?:之内|以内|内|之后|以后|后)`, 'g'),
    // 过两天 / 过几天 is "in a day or two": vague (the conventions give it no day)
    (m, t) => (/^过(?:我|一下)?两/.test(m[0]) ? null : dayNum(m[1]!, (k) => addDays(t, k))),
  ],
  [
    new RegExp(
      `(?:宽限|延期|延后|推迟|晚|缓|再给我?|多给我?|给多我?|再等|等我|过)(?:我|一下)?(?:多)?${N}天`,
      'g',
    ),
    (m, t) => dayNum(m[1]!, (k) => addDays(t, k)),
  ],
  [
    new RegExp(`${N}个?(?:周|星期|礼拜)(?:之内|以内|内|之后|以后|后)`, 'g'),
    (m, t) => dayNum(m[1]!, (k) => addDays(t, 7 * k)),
  ],
  [
    new RegExp(`${N}个月(?:之内|以内|内|之后|以后|后)`, 'g'),
    (m, t) => dayNum(m[1]!, (k) => addMonthsClamped(t, k)),
  ],
  // 30号之前 is "by the 30th"; 日 also counts days (3日内), so only 号 takes 之前. 过25号 is "past
  // the 25th", but 不过 is "but".
  [
    new RegExp(`(?<![第逾期共了已过\\d月])${N}号(?![内后]|方案|选项|线|楼|房|床|窗口)`, 'g'),
    (m, t) => dayNum(m[1]!, (d) => nextDayOfMonth(t, d)),
  ],
  // 不过25号: 不过 is "but", not "past" (the 过 guard above would drop the day)
  [/(?<=不过)(\d{1,2})号/g, (m, t) => dayNum(m[1]!, (d) => nextDayOfMonth(t, d))],
  [
    // A bare 一日 with no month is "one day" (一日交完租剩唔到幾百), the 1st is 1号.
    new RegExp(`(?<![第逾期共了已过\\d月])(?!一日)${N}日(?![内前后之以]|方案|选项)`, 'g'),
    (m, t) => dayNum(m[1]!, (d) => nextDayOfMonth(t, d)),
  ],
  [/(?<![\d.])(\d{1,2})\/(\d{1,2})(?![\d/])/g, (m, t) => monthSlashDay(t, Number(m[1]), Number(m[2]))],
];

/** 12/15 is month/day; 15/12, whose first number is no month, is day/month (Hong Kong, Singapore, the Philippines). */
const monthSlashDay = (t: LocalDate, a: number, b: number): LocalDate | null =>
  a > 12 && b <= 12 ? nextMonthDay(t, b, a) : nextMonthDay(t, a, b);

function dayNum(s: string, f: (n: number) => LocalDate | null): LocalDate | null {
  const n = num(s);
  return n === null || !Number.isInteger(n) || n <= 0 ? null : f(n);
}

/** Ordinal day words, for "the first of the month" and "by the fifteenth". */
const EN_ORDINAL: Record<string, number> = {
  first: 1,
  // voice dictation's "on the fist"
  fist: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
  'twenty-second': 22,
  'twenty-third': 23,
  'twenty-fourth': 24,
  'twenty-fifth': 25,
  'twenty-sixth': 26,
  'twenty-seventh': 27,
  'twenty-eighth': 28,
  'twenty-ninth': 29,
  thirtieth: 30,
  'thirty-first': 31,
};
// longest first, so twenty-first is not read as twenty-…
const EN_ORDINAL_WORD = Object.keys(EN_ORDINAL)
  .sort((a, b) => b.length - a.length)
  .join('|');
const EN_COUNT = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of)';
const EN_COUNT_VALUE: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const enCount = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : (EN_COUNT_VALUE[s] ?? null));

const WEEKDAY_WORD =
  '(monday|tuesday|tues|tue|wednesday|thursday|thurs|thur|thu|friday|fri|saturday|sunday|(?<=(?:this|next|on|by|coming|until|till|before) )(?:mon|wed|sat|sun))';
const wd = (w: string): number => WEEKDAY_EN[w.slice(0, 3)]!;

/** Spanish day words US borrowers mix in (mañana te pago, hasta el viernes). */
const ES_WEEKDAY: Record<string, number> = {
  lunes: 1,
  martes: 2,
  miercoles: 3,
  miércoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  sábado: 6,
  domingo: 7,
};
const ES_WEEKDAY_WORD = `(${Object.keys(ES_WEEKDAY).join('|')})`;

const ES_MONTH: Record<string, number> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

const EN_RULES: Rule[] = [
  [/\bpasado (?:mañana|manana)\b/g, plusDays(2)],
  // "por la mañana" is the morning, not tomorrow
  [/(?<!\bla )\b(?:mañana|manana)\b/g, plusDays(1)],
  [/\bhoy\b/g, plusDays(0)],
  [
    new RegExp(
      `\\b(?:el |este )?(?:próximo |proximo )${ES_WEEKDAY_WORD}\\b|\\b(?:el )?${ES_WEEKDAY_WORD} que viene\\b`,
      'g',
    ),
    (m, t) => weekdayOfWeek(t, 1, ES_WEEKDAY[m[1] ?? m[2]!]!),
  ],
  [
    new RegExp(`\\b(?:el |este |para el |hasta el )?${ES_WEEKDAY_WORD}\\b(?! pasado)`, 'g'),
    (m, t) => comingWeekday(t, ES_WEEKDAY[m[1]!]!),
  ],
  [/\bfin de(?:l)? mes\b/g, (_m, t) => endOfMonth(t)],
  [
    new RegExp(`\\b(?:el )?(\\d{1,2}) de (${Object.keys(ES_MONTH).join('|')})\\b`, 'g'),
    (m, t) => nextMonthDay(t, ES_MONTH[m[2]!]!, Number(m[1])),
  ],
  [/\b(?:the )?day after (?:tomorrow|tmr|tmrw)\b/g, plusDays(2)],
  [/\b(?:tomorrow|tomorow|tommorow|tommorrow|tmr|tmrw|tmrrw|2morrow|2moro)\b/g, plusDays(1)],
  // "today has been the worst" describes the day; it names no day to pay
  [
    /\b(?:today|tonight|tonite|this (?:morning|afternoon|evening)|end of (?:the )?day|eod)\b(?! (?:has been|was|'s been|sucks|sucked)\b)/g,
    plusDays(0),
  ],
  [/\byesterday\b/g, plusDays(-1)],
  [new RegExp(`\\bnext week(?:'s)? ${WEEKDAY_WORD}\\b`, 'g'), (m, t) => weekdayOfWeek(t, 1, wd(m[1]!))],
  [new RegExp(`\\bnext ${WEEKDAY_WORD}\\b`, 'g'), (m, t) => weekdayOfWeek(t, 1, wd(m[1]!))],
  [new RegExp(`\\blast ${WEEKDAY_WORD}\\b`, 'g'), (m, t) => weekdayOfWeek(t, -1, wd(m[1]!))],
  [
    new RegExp(`\\b${WEEKDAY_WORD}(?: (?:next|after next) week)\\b`, 'g'),
    (m, t) => weekdayOfWeek(t, 1, wd(m[1]!)),
  ],
  // "Friday week": a week after the coming Friday (en-18, en-20)
  [new RegExp(`\\b${WEEKDAY_WORD} week\\b`, 'g'), (m, t) => addDays(comingWeekday(t, wd(m[1]!)), 7)],
  [
    new RegExp(`\\b(?:this |coming |on |by |until |till |before )?${WEEKDAY_WORD}\\b`, 'g'),
    (m, t) => comingWeekday(t, wd(m[1]!)),
  ],
  [/\bnext weekend\b/g, (_m, t) => weekdayOfWeek(t, 1, 6)],
  [/\b(?:this )?weekend\b/g, (_m, t) => (isoWeekday(t) === 7 ? t : comingWeekday(t, 6))],
  [/\bend of (?:the )?next month\b|\bnext month'?s end\b/g, (_m, t) => monthOffset(t, 1, 'end')],
  [/\b(?:end of (?:the |this )?month|month[- ]?end|eom|end of month)\b/g, (_m, t) => endOfMonth(t)],
  [
    /\b(?:end|last day) of (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/g,
    (m, t) => nextMonthDay(t, EN_MONTH_NUMBER[m[1]!]!, 'end'),
  ],
  [/\bend of (?:the |this )?year\b|\bnew year'?s eve\b/g, (_m, t) => nextMonthDay(t, 12, 31)],
  [/\b(?:beginning|start) of next month\b|\bearly next month\b/g, (_m, t) => monthOffset(t, 1, 1)],
  [
    /\b(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?next month\b|\bnext month on the (\d{1,2})(?:st|nd|rd|th)?\b/g,
    (m, t) => monthOffset(t, 1, Number(m[1] ?? m[2])),
  ],
  [
    // "hasn't paid me in 60 days" is how long something has not happened, not a day ahead
    new RegExp(
      `(?<!\\b(?:hasn'?t|haven'?t|hadn'?t|has not|have not|had not|not been|never)\\b[^.,!?;]{0,30})\\b(?:in|within|after) (?:the next )?${EN_COUNT} (days?|weeks?)\\b`,
      'g',
    ),
    (m, t) => {
      const k = enCount(m[1]!);
      return k === null ? null : addDays(t, m[2]!.startsWith('week') ? 7 * k : k);
    },
  ],
  [
    new RegExp(`\\b${EN_COUNT} (days?|weeks?) from (?:now|today)\\b`, 'g'),
    (m, t) => {
      const k = enCount(m[1]!);
      return k === null ? null : addDays(t, m[2]!.startsWith('week') ? 7 * k : k);
    },
  ],
  [
    // "a 10 day extension", "a 2-week grace period", "delay the payment by 10 days"
    new RegExp(
      `\\b${EN_COUNT}[- ](days?|weeks?) (?:extension|grace|delay|break)\\b|\\b(?:delay|push|move|extend|postpone)(?: (?:it|this|that|the payment|my payment|the due date))? (?:back )?by ${EN_COUNT} (days?|weeks?)\\b`,
      'g',
    ),
    (m, t) => {
      const k = enCount(m[1] ?? m[3]!);
      return k === null ? null : addDays(t, (m[2] ?? m[4]!).startsWith('week') ? 7 * k : k);
    },
  ],
  [
    // time asked for: "give me 10 days", "can I get 30 days", "3 more days"
    new RegExp(
      `\\b(?:(?:give|gimme|get|grant|allow|need|have)(?: me| us)? (?:another |an extra )?${EN_COUNT} (?:more |extra )?|${EN_COUNT} (?:more|extra) )(days?|weeks?)\\b`,
      'g',
    ),
    (m, t) => {
      const k = enCount(m[1] ?? m[2]!);
      return k === null ? null : addDays(t, m[3]!.startsWith('week') ? 7 * k : k);
    },
  ],
  [
    // "the 2nd one" / "the 3rd option" picks a plan, "the 4th reminder" counts texts: no day
    // (after a preposition "the" may go: "pay on 12th", "time till 15th", en-24)
    /(?<!\bafter )\b(?:(?:on|by|before|until|till)? ?the|on|by|before|until|till|til) (\d{1,2})(?:st|nd|rd|th)\b(?! of (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))(?! (?:one|option|plan|choice|reminder|text|message|call|notice|letter|time|attempt|try|payment|installment|shift|grade|floor)s?\b)/g,
    (m, t) => nextDayOfMonth(t, Number(m[1])),
  ],
  [/(?<![\d.])(\d{1,2})\/(\d{1,2})(?![\d/])/g, (m, t) => monthSlashDay(t, Number(m[1]), Number(m[2]))],
  // "the first of the month", "by the fifteenth": an ordinal word is a day only with "of the
  // month" or a preposition of time (the first time, the second option are no days)
  [
    new RegExp(
      `\\b(?:(?:on|by|before|until|till|starting|from|beginning) the (${EN_ORDINAL_WORD})(?! (?:one|option|plan|choice|reminder|text|message|call|notice|time|payment|installment)s?\\b)(?: of (?:the|this) month)?|(?:the )?(${EN_ORDINAL_WORD}) of (?:the|this) month)\\b`,
      'g',
    ),
    (m, t) => nextDayOfMonth(t, EN_ORDINAL[m[1] ?? m[2]!]!),
  ],
  [/\bchristmas eve\b|\bbefore christmas\b/g, (_m, t) => nextMonthDay(t, 12, 24)],
  // only a day named for doing something (merry christmas, "with Christmas coming up" name none)
  [/\b(?:(?:on|by) (?:christmas|xmas)(?: day)?|christmas day)\b/g, (_m, t) => nextMonthDay(t, 12, 25)],
  [/\bnew year'?s day\b/g, (_m, t) => nextMonthDay(t, 1, 1)],
  // "Would March 12 be acceptable?": chrono reads the day as uncertain there
  [
    /\b(january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec)\.? (\d{1,2})(?:st|nd|rd|th)?\b(?![\d:])/g,
    (m, t) => nextMonthDay(t, EN_MONTH_NUMBER[m[1]!.slice(0, 3)]!, Number(m[2])),
  ],
  // 元旦前 is the 31st by the labelling conventions; "before new years" is the same day
  [/\bbefore (?:the )?new years?'?s?\b/g, (_m, t) => nextMonthDay(t, 12, 31)],
];

const EN_CALENDAR =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? ?\d|\d(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;

const NAMES_A_CALENDAR_DAY = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d[/.-]\d/;

function chronoDates(text: string, now: Instant): DateMatch[] {
  const results = chrono.en.casual.parse(
    text,
    { instant: new Date(now.epochMs), timezone: now.offsetMinutes },
    { forwardDate: true },
  );
  const out: DateMatch[] = [];
  for (const r of results) {
    // Only explicit calendar dates: relative phrases are ours, and a month alone is no date.
    if (!r.start.isCertain('month') || !r.start.isCertain('day')) continue;
    // chrono reads "400 a week" as a week from now: relative phrases are ours, so a result must
    // name its month or be written as digits (May 5, 5/12).
    if (!NAMES_A_CALENDAR_DAY.test(r.text)) continue;
    const m = r.start.get('month');
    const d = r.start.get('day');
    const y = r.start.isCertain('year') ? r.start.get('year') : null;
    if (m === null || d === null) continue;
    const date =
      y !== null && d <= daysInMonth(y, m) ? formatCivil({ y, m, d }) : nextMonthDay(now.localDate, m, d);
    if (date) out.push({ date, start: r.index, end: r.index + r.text.length });
  }
  return out;
}

/** Each rule beside the characters one of which its every match holds (regex-gate.ts). */
interface GatedRule {
  re: RegExp;
  resolve: Rule[1];
  may: MayMatch;
}
// (one object shape read by index: destructuring a tuple per rule was a third of the loop's time)
const gated = (rules: Rule[]): GatedRule[] =>
  rules.map(([re, resolve]) => ({ re, resolve, may: gateOf(re) }));
const ZH = gated(ZH_RULES);
const EN = gated(EN_RULES);
/** Every date rule's pattern, for the gate's tests. */
export const DATE_RULE_PATTERNS: readonly RegExp[] = [...ZH_RULES, ...EN_RULES].map(([re]) => re);

function runRules(rules: GatedRule[], text: string, today: LocalDate, out: DateMatch[]): void {
  for (let r = 0; r < rules.length; r++) {
    const { re, resolve, may } = rules[r]!;
    if (!may(text)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (!out.some((o) => start < o.end && end > o.start)) {
        const date = resolve(m, today);
        if (date) out.push({ date, start, end });
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
}

const HAS_CJK = /[\u3400-\u9fff]/;
const HAS_LATIN_DATE = /[a-z]|\d\/\d/;

/** Every date expression in normalised text, in text order. */
export function findDates(text: string, now: Instant): DateMatch[] {
  const out: DateMatch[] = [];
  const today = now.localDate;
  if (HAS_CJK.test(text) || /\d[-/.]\d/.test(text)) runRules(ZH, text, today, out);
  if (HAS_LATIN_DATE.test(text)) {
    if (EN_CALENDAR.test(text)) {
      for (const c of chronoDates(text, now))
        if (!out.some((o) => c.start < o.end && c.end > o.start)) out.push(c);
    }
    runRules(EN, text, today, out);
  }
  return out.sort((a, b) => a.start - b.start);
}
