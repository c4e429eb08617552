import { z } from 'zod';
import {
  addDays,
  addMonthsClamped,
  LocalDateSchema,
  parseInstant,
  type LocalDate,
} from '../time/calendar.ts';
import { OptionSchema } from '../planning/planner.ts';
import { findDates, type DateMatch } from './dates.ts';
import { normalize } from './normalize.ts';
import { zhNumeral } from './numerals.ts';

/**
 * A request to move one installment of an agreed plan (CONTRACTS §8 "Changing an agreed plan"):
 * which installment (第二期, 下一期, "the 3rd payment", 12月那期, or the next one when none is
 * named), and to when: a date (推到15号, 改到下个月5号, "to the 20th") or a shift (晚一周, 延后3天,
 * "back a week"). "晚几天" names neither: the machine asks. Whether the policy allows the move
 * is the machine's question, not this reader's. Pure: `today` is given.
 *
 * Not a move: a question about an installment (第二期多少钱), a new count (分二期, 改成分6期),
 * a new amount (第二期改成300), paying early (提前还).
 */

export const PlanChangeInputSchema = z.object({
  /** The agreed plan. */
  plan: OptionSchema,
  /** The debtor's local date. */
  today: LocalDateSchema,
  /** The next unpaid installment (0-based); by default the first due today or later. */
  nextIndex: z.number().int().min(0).optional(),
});
export type PlanChangeInput = z.infer<typeof PlanChangeInputSchema>;

export const PlanChangeSchema = z.object({
  kind: z.literal('move'),
  /** The installment to move, 0-based. */
  index: z.number().int().min(0),
  /** The date named for it, or null. */
  to: LocalDateSchema.nullable(),
  /** How many days later it should fall, when said as a shift; null when not said (晚几天). */
  byDays: z.number().int().positive().nullable(),
});
export type PlanChange = z.infer<typeof PlanChangeSchema>;

const N_ZH = '[\\d一二两三四五六七八九十]+';
const EN_ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const INSTALLMENT_EN = '(?:payments?|installments?|instalments?|ones?|bills?|dues?)';

type Reference =
  | { kind: 'ordinal'; n: number }
  | { kind: 'next' }
  | { kind: 'last' }
  | { kind: 'month'; m: number }
  | { kind: 'next_month' }
  | { kind: 'day'; d: number };

/** Ways to name one installment, each with how to read it. */
const REFERENCES: [RegExp, (m: RegExpExecArray) => Reference | null][] = [
  [/首期/, () => ({ kind: 'ordinal', n: 1 })],
  [new RegExp(`第(${N_ZH})(?:期|笔|次(?:还款)?|个月)`), (m) => ordinal(zhCount(m[1]!))],
  [/最后(?:一)?(?:期|笔|次)|尾期|末期/, () => ({ kind: 'last' })],
  [
    /(?:下|这|呢|本|当)(?:一)?(?:期|笔)|下(?:一)?次(?:的)?(?:还款)?|这(?:一)?次(?:的)?还款|这个月(?:的|那期|这期)/,
    () => ({ kind: 'next' }),
  ],
  [/下(?:个)?月(?:的|那)(?:一)?(?:期|笔|次)?/, () => ({ kind: 'next_month' })],
  [new RegExp(`(${N_ZH})月(?:份)?(?:的|那)(?:一)?(?:期|笔|次|个)?`), (m) => month(zhCount(m[1]!))],
  [new RegExp(`(${N_ZH})号(?:的|那)(?:一)?(?:期|笔|次)`), (m) => day(zhCount(m[1]!))],
  [
    new RegExp(`\\b(${EN_ORDINALS.join('|')}|\\d{1,2}(?:st|nd|rd|th)) ${INSTALLMENT_EN}\\b`),
    (m) => ordinal(EN_ORDINALS.indexOf(m[1]!) + 1 || Number.parseInt(m[1]!, 10)),
  ],
  [new RegExp(`\\b${INSTALLMENT_EN} (?:number |no\\.? ?|#)?(\\d{1,2})\\b`), (m) => ordinal(Number(m[1]))],
  [new RegExp(`\\b(?:last|final) ${INSTALLMENT_EN}\\b`), () => ({ kind: 'last' })],
  [
    new RegExp(`\\b(?:next|this|upcoming|current|this month'?s|my) ${INSTALLMENT_EN}\\b`),
    () => ({ kind: 'next' }),
  ],
  [new RegExp(`\\bnext month'?s ${INSTALLMENT_EN}\\b`), () => ({ kind: 'next_month' })],
  [
    new RegExp(`\\b(${MONTHS_EN.join('|')})[a-z]* ${INSTALLMENT_EN}\\b`),
    (m) => month(MONTHS_EN.indexOf(m[1]!) + 1),
  ],
];
const ordinal = (n: number | null): Reference | null => (n && n >= 1 ? { kind: 'ordinal', n } : null);
const month = (m: number | null): Reference | null => (m && m >= 1 && m <= 12 ? { kind: 'month', m } : null);
const day = (d: number | null): Reference | null => (d && d >= 1 && d <= 31 ? { kind: 'day', d } : null);

function zhCount(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : zhNumeral(s);
}

/**
 * Wanting it later: enough on its own to be a move (第一期晚几天 asks for one, date unknown).
 * "A week late" asks for a shift; "was a week late" tells of a past payment and asks nothing.
 */
const DELAY =
  /推迟|推后|推到|推去|延后|延期|延迟|延到|延长|顺延|往后(?:推|挪|延|拖)?|晚(?:点|些|一点|一些|啲|几天|个?[\d一二两三四五六七八九十半几]+(?:个)?(?:天|日|周|星期|礼拜|月))|迟(?:点|些|啲|一点|几天|个?[\d一二两三四五六七八九十半几]+(?:个)?(?:天|日|周|星期|礼拜|月))|缓(?:几天|一下|一缓|[\d一二两三四五六七八九十]+天)|宽限|拖(?:几天|[\d一二两三四五六七八九十]+天)|押后|\bpostpone|\bdelay|\b(?:push|move|put)(?:ed|ing)?\b[^.?!,]{0,30}?\b(?:back|out)\b|\bpush(?:ed|ing)?\b[^.?!,]{0,30}?\b(?:to|until|till|by)\b|\blater\b|(?<!\b(?:was|were|been|went|came)\b.{0,20})\b(?:days?|weeks?) late\b|\ba (?:few|couple(?: of)?) (?:more )?days\b|\bextend\b|\bmore time\b/;
/** Postponing in so many words: enough even when no installment is named (能不能宽限几天). */
const POSTPONE =
  /宽限|推迟|推后|延后|延期|延迟|顺延|押后|\bpostpone|\bdelay|\bpush (?:it |my payment |the payment )?back\b/;
/** Changing it, which is a move only with a date: 改到15号 is one, 改成300 is not. */
const CHANGE =
  /改(?:到|成|在|为|去)|挪(?:到|去|一下)|换(?:到|成)|调(?:到|整到|成)|\bmove|\breschedul|\bshift|\bchange (?:it|the date|the due date|my due date)|\bswitch\b|\binstead\b/;
/** Asking for a date for it (第二期能不能15号还, "can I pay the 3rd one on the 20th?"). */
const ASKS =
  /能不能|可不可以|可以吗|行吗|行不行|好吗|得唔得|可唔可以|\b(?:can|could|may) i\b|\bis it (?:ok|possible)\b/;
/** Not moving it: a new count, paying early, a new amount. */
const NOT_A_MOVE =
  /分(?:成|作)?\s*(?:\d+|[一二两三四五六七八九十几]+)\s*(?:期|个月|次)|(?:要|想|能|改成|申请)分期|提前|早点|早些|\bearlier\b|\bsooner\b|\bahead of\b|\bsplit\b/;

const SHIFT_ZH = new RegExp(
  `(?:晚|迟|推迟|推后|延后|延期|延迟|顺延|往后(?:推|挪|延|拖)?|缓|宽限|拖|押后|再等)(?:个|我|一下)?(${N_ZH}|半)\\s*(?:个)?(天|日|周|星期|礼拜|月)`,
);
const SHIFT_EN =
  /\b(?:by |for |another |an extra )?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|couple of|\d{1,2}) (?:more )?(days?|weeks?|months?)\b/;
const EN_COUNTS: Record<string, number> = {
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
  'a couple of': 2,
  'couple of': 2,
};

type Shift = { days: number } | { months: number };
interface Span {
  start: number;
  end: number;
}

function readShift(t: string): { shift: Shift; span: Span } | null {
  const zh = SHIFT_ZH.exec(t);
  if (zh) {
    const n = zh[1] === '半' ? 0.5 : zhCount(zh[1]!);
    const unit = zh[2]!;
    const span = { start: zh.index, end: zh.index + zh[0].length };
    if (n === null || !(n > 0)) return null;
    if (unit === '月') return n === 0.5 ? { shift: { days: 15 }, span } : { shift: { months: n }, span };
    if (!Number.isInteger(n)) return null;
    return { shift: { days: unit === '天' || unit === '日' ? n : 7 * n }, span };
  }
  const en = SHIFT_EN.exec(t);
  if (en && DELAY.test(t)) {
    const n = EN_COUNTS[en[1]!] ?? Number(en[1]);
    const span = { start: en.index, end: en.index + en[0].length };
    if (!(n > 0)) return null;
    if (en[2]!.startsWith('month')) return { shift: { months: n }, span };
    return { shift: { days: en[2]!.startsWith('week') ? 7 * n : n }, span };
  }
  return null;
}

function readReference(t: string): { ref: Reference; span: Span } | null {
  for (const [pattern, read] of REFERENCES) {
    const m = pattern.exec(t);
    const ref = m ? read(m) : null;
    if (m && ref) return { ref, span: { start: m.index, end: m.index + m[0].length } };
  }
  return null;
}

function indexOf(ref: Reference, dues: LocalDate[], next: number, today: LocalDate): number | null {
  const inMonth = (m: number): number | null => {
    const i = dues.findIndex((d, k) => k >= next && Number(d.slice(5, 7)) === m);
    return i >= 0 ? i : null;
  };
  switch (ref.kind) {
    case 'ordinal':
      return ref.n - 1;
    case 'next':
      return next;
    case 'last':
      return dues.length - 1;
    case 'month':
      return inMonth(ref.m);
    case 'next_month':
      return inMonth(Number(addMonthsClamped(today, 1, 1).slice(5, 7)));
    case 'day': {
      const i = dues.findIndex((d, k) => k >= next && Number(d.slice(8, 10)) === ref.d);
      return i >= 0 ? i : next;
    }
  }
}

const instantOn = (date: LocalDate) => parseInstant(`${date}T12:00:00+00:00`)!;
const overlaps = (a: Span, b: Span | undefined): boolean =>
  b !== undefined && a.start < b.end && a.end > b.start;
/** A date said as where the installment is now, not where it should go (从15号, "due on the 23rd"). */
const FROM_BEFORE = /(?:从|原来是?|本来是?|原定|\bdue(?: on)?|\bfrom)\s*$/;
/** A day of the month alone (15号, "the 20th"): the next such day after the installment's due. */
const BARE_DAY =
  /^(?:(?:on|by|before|until|till) )?(?:the )?(?:\d{1,2}|[一二两三四五六七八九十廿]{1,3})(?:号|日|st|nd|rd|th)$/;

/** The date the debtor names for the installment, relative to today; a bare day falls after `due`. */
function readTarget(
  t: string,
  today: LocalDate,
  due: LocalDate,
  exclude: (Span | undefined)[],
): LocalDate | null {
  const dates = findDates(t, instantOn(today)).filter(
    (d) => d.date >= today && !exclude.some((e) => overlaps(d, e)) && !FROM_BEFORE.test(t.slice(0, d.start)),
  );
  const target: DateMatch | undefined = dates[dates.length - 1];
  if (!target) return null;
  const said = t.slice(target.start, target.end).trim();
  if (target.date <= due && BARE_DAY.test(said)) {
    const later = findDates(said, instantOn(addDays(due, 1)))[0];
    if (later) return later.date;
  }
  return target.date;
}

/** The installment move the message asks for, or null when it asks for none. */
export function readPlanChange(text: string, input: PlanChangeInput): PlanChange | null {
  const { plan, today } = input;
  const t = normalize(String(text).slice(0, 2000)).replace(/[‘’]/g, "'");
  if (NOT_A_MOVE.test(t)) return null;
  const found = readReference(t);
  const dues = plan.installments.map((i) => i.due);
  const upcoming = dues.findIndex((d) => d >= today);
  const nextIndex = input.nextIndex ?? (upcoming >= 0 ? upcoming : dues.length - 1);

  const index = found ? indexOf(found.ref, dues, nextIndex, today) : nextIndex;
  if (index === null || index < 0 || index >= dues.length) return null;
  const due = dues[index]!;
  const shift = readShift(t);
  const named = readTarget(t, today, due, [found?.span, shift?.span]);

  const delay = DELAY.test(t);
  const change = CHANGE.test(t) && named !== null;
  // With an installment named, a date asked for it is a move; with none named, a delay counts
  // only with a date, a shift or a word that means postponing (我晚点还 is no plan change).
  const moves = found
    ? delay || change || (named !== null && ASKS.test(t))
    : change || (delay && (named !== null || shift !== null || POSTPONE.test(t)));
  if (!moves) return null;

  let to = named;
  let byDays: number | null = null;
  if (shift && 'days' in shift.shift) byDays = shift.shift.days;
  else if (shift && 'months' in shift.shift && to === null) to = addMonthsClamped(due, shift.shift.months);
  return { kind: 'move', index, to, byDays };
}
