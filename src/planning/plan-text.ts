import { addMonthsClamped, daysInMonth, parseCivil, type LocalDate } from '../time/calendar.ts';
import { formatMoney, type Currency, type MoneyLocale } from '../money.ts';

/**
 * One plan in one short sentence, for an SMS: ≤ 70 characters in Chinese, ≤ 160 in English for
 * every plan the planner makes (first, equal middles, remainder last), plus the years of dates
 * in a later year than the message (5 characters each in Chinese, 6 in English). Other shapes
 * still get a correct, if less detailed, sentence.
 */

export interface DescribeOptions {
  currency: Currency;
  locale: MoneyLocale;
  /** The message's own local date: a date in a later year carries its year (§8). */
  today: LocalDate;
}

interface PlanLike {
  installments: readonly { due: LocalDate; amount: number }[];
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date as a message writes it: 12月4日 / Dec 4, and with its year when it falls in a later
 * year than the message's own date `today` (§8): 2027年1月5日 / Jan 5, 2027. Without `today`,
 * no year.
 */
export function dateText(date: LocalDate, locale: MoneyLocale, today?: LocalDate): string {
  const { y, m, d } = parseCivil(date);
  const year = today !== undefined && y > parseCivil(today).y;
  if (locale === 'zh-CN') return `${year ? `${y}年` : ''}${m}月${d}日`;
  return `${EN_MONTHS[m - 1]} ${d}${year ? `, ${y}` : ''}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const isMonthEnd = (date: LocalDate): boolean => {
  const { y, m, d } = parseCivil(date);
  return d === daysInMonth(y, m);
};

/** The words for a plan's shape, shared by both languages. */
interface Shape {
  count: number;
  first: { due: LocalDate; amount: number };
  last: { due: LocalDate; amount: number };
  /** Monthly on the first due's day (clamped), as the planner schedules. */
  monthly: boolean;
  /** Every later due falls on a month's last day, so "month end" is truer than "the 31st". */
  monthEnd: boolean;
  day: number;
  /** The installments strictly between first and last. */
  midMin: number;
  midMax: number;
}

function shapeOf(list: PlanLike['installments']): Shape {
  const first = list[0]!;
  const last = list[list.length - 1]!;
  const mids = list.slice(1, -1).map((x) => x.amount);
  const day = parseCivil(first.due).d;
  return {
    count: list.length,
    first,
    last,
    monthly: list.every((x, i) => x.due === addMonthsClamped(first.due, i)),
    monthEnd: day >= 28 && list.every((x) => isMonthEnd(x.due)),
    day,
    midMin: mids.length ? Math.min(...mids) : 0,
    midMax: mids.length ? Math.max(...mids) : 0,
  };
}

type Words = (s: Shape, money: (minor: number) => string, md: (date: LocalDate) => string) => string;

const zh: Words = (s, money, md) => {
  const { first, last, count } = s;
  if (count === 1) return `${md(first.due)}一次还清${money(first.amount)}`;
  if (!s.monthly || count === 2) {
    return count === 2
      ? `${md(first.due)}还${money(first.amount)},${md(last.due)}还${money(last.amount)},共2期`
      : `共${count}期,首期${md(first.due)}还${money(first.amount)},最后一期${md(last.due)}还${money(last.amount)}`;
  }
  const every = s.monthEnd ? '每月月底' : `每月${s.day}日`;
  const mid = s.midMin === s.midMax ? money(s.midMin) : `${money(s.midMin)}至${money(s.midMax)}`;
  const lastSame = s.midMin === s.midMax && last.amount === s.midMin;
  const tail = lastSame ? '' : `,最后一期${md(last.due)}还${money(last.amount)}`;
  if (first.amount === s.midMin && s.midMin === s.midMax) {
    return `${md(first.due)}起${every}还${mid}${tail},共${count}期`;
  }
  return `首期${md(first.due)}还${money(first.amount)},之后${every}还${mid}${tail},共${count}期`;
};

const en: Words = (s, money, md) => {
  const { first, last, count } = s;
  if (count === 1) return `${money(first.amount)} in full on ${md(first.due)}`;
  if (!s.monthly || count === 2) {
    return count === 2
      ? `${money(first.amount)} on ${md(first.due)} and ${money(last.amount)} on ${md(last.due)}`
      : `${count} payments from ${md(first.due)} to ${md(last.due)}: first ${money(first.amount)}, last ${money(last.amount)}`;
  }
  const every = s.monthEnd ? 'monthly at month end' : `monthly on the ${ordinal(s.day)}`;
  const mid = s.midMin === s.midMax ? money(s.midMin) : `${money(s.midMin)} to ${money(s.midMax)}`;
  const lastSame = s.midMin === s.midMax && last.amount === s.midMin;
  const tail = lastSame ? '' : `, last ${money(last.amount)} on ${md(last.due)}`;
  if (first.amount === s.midMin && s.midMin === s.midMax) {
    return `${mid} ${every} from ${md(first.due)}${tail}, ${count} payments`;
  }
  return `${money(first.amount)} on ${md(first.due)}, then ${mid} ${every}${tail}, ${count} payments`;
};

/**
 * 首期11月30日还360元,之后每月30日还1080元,共4期 / "$124 on Nov 30, then $139 monthly on the
 * 30th, 9 payments"; a date in a later year than `today` with its year. Throws on an empty plan
 * rather than print something meaningless.
 */
export function describePlan(option: PlanLike, { currency, locale, today }: DescribeOptions): string {
  if (option.installments.length === 0)
    throw new RangeError('describePlan: a plan needs at least one installment');
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const md = (date: LocalDate) => dateText(date, locale, today);
  const shape = shapeOf(option.installments);
  return (locale === 'zh-CN' ? zh : en)(shape, money, md);
}
