import { z } from 'zod';
import { toMinor } from '../money.ts';
import { normalize } from './normalize.ts';
import { NUMBER_TOKEN, tokenValue } from './numerals.ts';
import type { ParseContext, ParseResult } from './schema.ts';

/**
 * The repayment terms a debtor's message states, for the planner: a monthly capacity, an amount
 * paid first, a count of installments, half now and the rest later. Reads the raw text beside
 * the parser's result (which names one figure, not what it is per): a figure with a period (a
 * month, a week, every two weeks, half a month) is a capacity per month; one with pay-now wording
 * (先还, 现在, now) is a first payment; any other figure is a monthly capacity, except in a
 * promise outside the clarify question, where it is the promised sum and no term at all.
 * A figure per paycheck (each payday, 每次发工资) is paid once per the pay frequency the message
 * states (I get paid biweekly, 工资每两周发一次), and once a month when it states none.
 * All money is minor units, rounded down to the cent.
 */

const minor = z.number().int().positive();

export const PaymentTermsSchema = z.object({
  /** The most the debtor can pay per month. */
  monthlyCapacity: minor.optional(),
  /** An amount offered now, as the first installment. */
  payNow: minor.optional(),
  /** A number of installments asked for. */
  installments: z.number().int().positive().optional(),
  /** Half now and the rest later: two installments, the first half the balance. */
  split: z.enum(['half_now_rest_later']).optional(),
});
export type PaymentTerms = z.infer<typeof PaymentTermsSchema>;

/** Pay-now wording (先还500, 现在能还, "right now"): the figure is a first payment, not a monthly one. */
const PAY_NOW = /先还|先付|先给|先转|现在|马上|今天|立刻|\bnow\b|\btoday\b|\bright away\b|\bup ?front\b/;

/** Said before a monthly figure, it puts that figure after a first payment: 以后每月, then. */
const THEREAFTER =
  /(?:以后|之后|然后|往后|剩下的?|其余的?)(?:的)?(?:我)?(?:能|可以)?(?:每个?月|一个月)[^,,。;;!!??]{0,6}$|\b(?:then|after that|afterwards|the rest)\b[^,.;!?]{0,20}$/;

type Period = 'half_month' | 'two_weeks' | 'week' | 'month';

/** A span of time the figure is paid in, not a date: not 一周内 / 一个月后 / in a month. */
const NOT_A_DATE = '(?!\\s*(?:后|之后|以后|过后|内|之内|以内|前|之前|底|末|初|中))';
const NOT_AFTER_IN = '(?<!\\b(?:in|within|after|for|next|than|of|over) )';

/** Period wording, the most specific first: a span claimed by one is not read again by the next. */
const PERIODS: readonly [Period, RegExp][] = [
  [
    'half_month',
    new RegExp(
      `每半个?月|半个?月${NOT_A_DATE}|(?:一个?月|每个?月)(?:两|2)次|\\btwice a month\\b|\\bsemi-?monthly\\b`,
      'g',
    ),
  ],
  [
    'two_weeks',
    new RegExp(
      [
        '每(?:隔)?(?:两|2|二)(?:个)?(?:周|星期|礼拜)',
        '(?:两|2)(?:个)?(?:周|星期|礼拜)(?:一次|一回)',
        '隔周',
        '每隔一(?:个)?(?:周|星期|礼拜)',
        '双周',
        '\\bevery (?:two|2|other) weeks?\\b',
        '\\bbi-?weekly\\b',
        '\\b(?:every |a |per |each )?fortnight(?:ly)?\\b',
      ].join('|'),
      'g',
    ),
  ],
  [
    'week',
    new RegExp(
      [
        '每(?:个)?(?:周|星期|礼拜)',
        `(?<![第下上这本两二2几\\d])一(?:个)?(?:周|星期|礼拜)${NOT_A_DATE}`,
        `${NOT_AFTER_IN}\\b(?:a|per|each|every) (?:week|wk)\\b`,
        '\\bweekly\\b',
        '/ ?(?:wk|week)\\b',
      ].join('|'),
      'g',
    ),
  ],
  [
    'month',
    new RegExp(
      [
        '每(?:个)?月',
        `(?<![第下上这本两二三四五六七八九十几半\\d])一个?月${NOT_A_DATE}`,
        '月供',
        '按月',
        '每期',
        `${NOT_AFTER_IN}\\b(?:a|per|each|every) (?:month|mo)\\b`,
        '\\bmonthly\\b',
        '/ ?(?:mo|month)\\b',
      ].join('|'),
      'g',
    ),
  ],
];

interface Span {
  start: number;
  end: number;
}
type PeriodSpan = Span & { period: Period };

function periodSpans(text: string): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  for (const [period, pattern] of PERIODS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!out.some((o) => start < o.end && end > o.start)) out.push({ period, start, end });
    }
  }
  return out;
}

const CLAUSE_BREAK = /[,、;。!?]/;
/** How far a period word may stand from its figure: 一个月最多能还700, "$60 every other week". */
const BEFORE_REACH = 10;
const AFTER_REACH = 12;

/** 每次 / each time: the figure is paid once per the period named elsewhere (两周一次,每次400). */
const EACH_TIME = /每次|每回|\beach time\b|\bevery time\b|\beach payment\b/;

/**
 * Per paycheck: the figure is paid once per pay period (each paycheck, every payday, 每次发工资).
 * One payday named alone (until payday, 月底发工资, when I get paid) is a date, not this.
 */
const PER_PAY = new RegExp(
  [
    '\\b(?:each|every|per|a|from each|from every|out of each|out of every|out of my|off each|off every) pay ?(?:check|cheque|day|period)s?\\b',
    '\\b(?:each|every|per) (?:check|cheque|pay)\\b',
    '\\ba pay\\b(?! ?(?:cut|rise|raise|increase|decrease|check|cheque|day|period))',
    "\\b(?:each|every) time (?:i|we) (?:get|am|'m) paid\\b",
    "\\bwhenever (?:i|we) (?:get|am|'m) paid\\b",
    '每(?:次|回|逢)(?:发|领|到|拿)(?:了|完)?(?:工资|薪水?|薪资|钱)',
    '每次(?:工资|薪水)(?:到账|到手|下来)',
    '每(?:次|回)出粮',
    '每个?(?:发薪|发工资|出粮)(?:日|的日子)',
    '每(?:笔|份)工资',
  ].join('|'),
  'g',
);
/** "from each one": per paycheck only where the message talks of pay (my paycheck comes…). */
const EACH_ONE = /\b(?:from|out of|off) (?:each|every) (?:one|of them)\b/g;
/** Words about being paid wages: a period word in the same clause is the pay frequency. */
const PAY_WORD = /\bpaid\b|\bpay(?: ?(?:check|cheque|day)s?)?\b|\bsalary\b|\bwages?\b|工资|薪|粮|发钱/;
/** Pay-frequency words beyond the periods: 周薪, 两周发一次, "every Friday". */
const PAY_PERIODS: readonly [Period, RegExp][] = [
  [
    'half_month',
    /半月薪|\b(?:the )?1st and (?:the )?15th\b|\b(?:the )?15th and (?:the )?(?:30th|31st|last)\b|1号和15号|15号和月底/,
  ],
  ['two_weeks', /(?:两|2|二)(?:个)?(?:周|星期|礼拜)(?:发|结|领|出|一发)/],
  [
    'week',
    /周薪|周结|(?:一|每)(?:个)?(?:周|星期|礼拜)(?:发|结|领)|\bevery (?:mon|tues|wednes|thurs|fri|satur|sun)day\b/,
  ],
  ['month', /月薪|月结|(?:一|每)(?:个)?月(?:发|结|领)/],
];

/**
 * The pay frequency the message states: a period word in a clause about wages (I get paid
 * biweekly, 工资每两周发一次, 我是周薪); the last one said when several are.
 */
function payFrequency(text: string, spans: PeriodSpan[]): Period | null {
  const said: PeriodSpan[] = spans.filter((s) => PAY_WORD.test(clauseAround(text, s)));
  for (const [period, pattern] of PAY_PERIODS) {
    const m = pattern.exec(text);
    const span = m ? { period, start: m.index, end: m.index + m[0].length } : null;
    if (span && PAY_WORD.test(clauseAround(text, span))) said.push(span);
  }
  return said.sort((a, b) => a.start - b.start).at(-1)?.period ?? null;
}

/** How far a per-paycheck word may stand from its figure ("$90 toward it each paycheck"). */
const PAY_REACH = 24;

/** Where the message says "per paycheck". */
function perPayWords(text: string): RegExpExecArray[] {
  const words = [...text.matchAll(PER_PAY)];
  return PAY_WORD.test(text) ? [...words, ...text.matchAll(EACH_ONE)] : words;
}

/** The figure said per paycheck: the nearest to a per-paycheck word, in its clause. */
function perPayFigure(text: string, candidates: Figure[]): Figure | null {
  let best: { f: Figure; distance: number } | null = null;
  for (const m of perPayWords(text)) {
    const start = m.index;
    const end = start + m[0].length;
    for (const f of candidates) {
      const [from, to] = f.end <= start ? [f.end, start] : [end, f.start];
      if (to < from) continue;
      const distance = to - from;
      if (distance > PAY_REACH || CLAUSE_BREAK.test(text.slice(from, to))) continue;
      if (best === null || distance < best.distance) best = { f, distance };
    }
  }
  return best?.f ?? null;
}

/** The clause `at` stands in. */
function clauseAround(text: string, at: Span): string {
  let start = at.start;
  while (start > 0 && !CLAUSE_BREAK.test(text[start - 1]!)) start--;
  let end = at.end;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** The period word beside the figure at `at`: in its clause, close by; the nearest wins. */
function nearestPeriod(text: string, at: Span, spans: PeriodSpan[]): Period | null {
  let best: { period: Period; distance: number } | null = null;
  for (const s of spans) {
    const before = s.end <= at.start;
    const [from, to] = before ? [s.end, at.start] : [at.end, s.start];
    if (to < from) continue;
    const distance = to - from;
    if (distance > (before ? BEFORE_REACH : AFTER_REACH) || CLAUSE_BREAK.test(text.slice(from, to))) continue;
    if (best === null || distance < best.distance) best = { period: s.period, distance };
  }
  return best?.period ?? null;
}

/** The period that belongs to the figure at `at`: the one beside it, or 每次 with one period named. */
function periodOf(text: string, at: Span, spans: PeriodSpan[]): Period | null {
  const near = nearestPeriod(text, at, spans);
  if (near !== null) return near;
  const kinds = new Set(spans.map((s) => s.period));
  return kinds.size === 1 && EACH_TIME.test(clauseAround(text, at)) ? [...kinds][0]! : null;
}

/** What follows a count, a date or a time rather than money (15号, 3天, 6期, 10点). */
const UNIT_AFTER =
  /^\s*(?:个|号|日|天|期|月|周|星期|礼拜|年|次|点|[:%]|(?:st|nd|rd|th|days?|weeks?|months?)\b)/;
const CURRENCY_NEAR = /(?:¥|\$|rmb|usd)\s*$|^\s*(?:元|块|rmb|yuan|dollars?|bucks)/;

interface Figure extends Span {
  value: number;
  raw: string;
}

/** Figures in the text with where they stand; identifiers (a1234, 3.4.5) are none. */
function figures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/[a-z\d.]/.test(text[start - 1] ?? '')) continue;
    const value = tokenValue(m[0]) ?? tokenValue(m[0].slice(0, -1));
    if (value !== null && value > 0) out.push({ start, end, value, raw: m[0] });
  }
  return out;
}

/**
 * Figures that can be money: not a count, a date or a time, not a phone number, and at least
 * 10 unless a currency marks them. The parser's own filter is finer; this one only has to tell
 * a second sum from the counts around it.
 */
function moneyFigures(text: string): Figure[] {
  return figures(text).filter((f) => {
    if (UNIT_AFTER.test(text.slice(f.end, f.end + 8))) return false;
    if (/^\d{7,}$/.test(f.raw)) return false;
    const currency =
      CURRENCY_NEAR.test(text.slice(Math.max(0, f.start - 4), f.start)) ||
      CURRENCY_NEAR.test(text.slice(f.end, f.end + 8));
    // The parser's own ceiling: no sum it reports reaches a billion.
    return (f.value >= 10 || currency) && f.value < 1e9;
  });
}

/** Where the parser's figure stands in the text, or null when it was written in words. */
function locate(text: string, value: number): Figure | null {
  const all = figures(text);
  return (
    all.find((f) => f.value === value) ??
    // 五百一个月: the numeral run swallows the 一 of 一个月, so its value is the run without it.
    all.find((f) => /[^\d]一$/.test(f.raw) && tokenValue(f.raw.slice(0, -1)) === value) ??
    null
  );
}

/** Major units to minor, rounded down to the cent (a parsed 33.335 is 33.33, 0.001 is nothing). */
function minorFloor(major: number): number {
  if (!(major >= 0.01)) return 0;
  const m = /^(\d+)(?:\.(\d{1,2})\d*)?$/.exec(String(major));
  return m ? toMinor(`${m[1]}.${m[2] ?? '0'}`) : 0;
}

/** A sum paid once per `period`, per month: 52 weeks or 26 fortnights a year over 12 months. */
function perMonth(amount: number, period: Period): number {
  switch (period) {
    case 'month':
      return amount;
    case 'half_month':
      return amount * 2;
    case 'two_weeks':
      return Math.floor((amount * 26) / 12);
    case 'week':
      return Math.floor((amount * 52) / 12);
  }
}

/** The first of `candidates` said per period, as a monthly capacity. */
function firstCapacity(text: string, candidates: Figure[], spans: PeriodSpan[]): number | null {
  for (const f of candidates) {
    const period = periodOf(text, f, spans);
    if (period !== null) return perMonth(minorFloor(f.value), period);
  }
  return null;
}

const HALF_NOW = new RegExp(
  [
    '(?:先|现在|今天|今日|马上|而家|这个月|本月)(?:能|可以)?(?:还|付|给|转|交|俾|畀)?(?:一半|半数)',
    '一半(?:先|现在|今天|今日|马上|而家)',
    '\\bhalf (?:of it )?(?:now|today|upfront|up front|right away|first|this (?:week|month))\\b',
    '\\b(?:pay|send|do|give) (?:you )?half (?:of it )?(?:now|today|first|upfront)\\b',
    // Half on a named day first ("half on the 10th and the rest next month", 10号先还一半).
    '\\bhalf (?:of it )?(?:on|by) (?:the )?\\d{1,2}(?:st|nd|rd|th)?\\b',
    '\\d{1,2}号(?:先)?(?:还|付|给|转)?(?:一半|半数)',
  ].join('|'),
);
const LATER =
  '(?:下(?:个)?月|月底|月末|下周|下星期|下礼拜|以后|之后|过后|后面|再|\\d+号|[一二三四五六七八九十]+号|发工资|出粮|下次)';
const REST_LATER = new RegExp(
  [
    `(?:剩下|剩余|剩低|其余|余下|另外一半|另一半|其他)(?:的|嘅)?(?:一半)?[^,、;。!?]{0,8}?${LATER}`,
    `${LATER}(?:再)?(?:还|付|给|俾|畀)(?:埋)?(?:一半|剩下|剩余|剩低|另一半)`,
    `(?:另)?一半(?:在|到)?${LATER}`,
    '(?:还|付|给|俾|畀)埋',
    '\\b(?:the )?(?:rest|remainder|other half|remaining)\\b[^,.;!?]{0,24}?\\b(?:next|later|end of|on the|by the|after|in a|in two|on payday|when)\\b',
    '\\bhalf (?:next|later|on the|at the end|by the end)\\b',
  ].join('|'),
);

/**
 * Intents whose figure is about something else: a payment already made, a disputed sum, a
 * stranger's words. Such a figure states no terms.
 */
const NO_TERMS = new Set<ParseResult['intent']>(['already_paid', 'dispute', 'wrong_party', 'opt_out']);

/** The repayment terms `text` states, given what the parser made of it and what the bot last asked. */
export function readPaymentTerms(text: string, parsed: ParseResult, context: ParseContext): PaymentTerms {
  const terms: PaymentTerms = {};
  if (NO_TERMS.has(parsed.intent)) return terms;
  const t = normalize(String(text).slice(0, 2000));
  const spans = periodSpans(t);

  const money = moneyFigures(t);
  const perPay = perPayFigure(t, money);
  if (perPay !== null) {
    // A sum per paycheck is the capacity, paid once per its own period ($40 a week from each
    // check), else per the pay period stated, else once a month; any other figure is income or
    // a first payment said now.
    const period = nearestPeriod(t, perPay, spans) ?? payFrequency(t, spans) ?? 'month';
    const capacity = perMonth(minorFloor(perPay.value), period);
    if (capacity > 0) terms.monthlyCapacity = capacity;
    const paidNow = money.find(
      (f) => f !== perPay && periodOf(t, f, spans) === null && PAY_NOW.test(clauseAround(t, f)),
    );
    if (paidNow) terms.payNow = minorFloor(paidNow.value);
    return withCounts(t, parsed, terms);
  }
  // The parser's own ceiling: no figure it reports is this large; nothing else is money.
  if (parsed.amount !== null && parsed.amount > 0 && parsed.amount < 1e9) {
    const at = locate(t, parsed.amount);
    const kinds = new Set(spans.map((s) => s.period));
    // A figure in words (two hundred dollars) cannot be placed: said per paycheck, it is paid per
    // the pay frequency; otherwise one period named anywhere is its.
    const period =
      at !== null
        ? periodOf(t, at, spans)
        : perPayWords(t).length > 0
          ? (payFrequency(t, spans) ?? 'month')
          : kinds.size === 1
            ? [...kinds][0]!
            : null;
    const amount = minorFloor(parsed.amount);
    const others = money.filter((f) => at === null || f.start !== at.start);
    // A second sum said to be paid now (每月300,先给500 / "$100 a month, and $200 now").
    const paidNow = others.find((f) => periodOf(t, f, spans) === null && PAY_NOW.test(clauseAround(t, f)));
    // Outside the clarify question, pay-now wording anywhere makes even a monthly figure a first
    // payment (现在在送外卖…每个月最多能还600, "$200 a month right now": the goldens pin this
    // reading), unless that wording belongs to another sum. The answer to "how much a month?"
    // is a capacity whatever is said around it.
    // A monthly figure said to come after the first payment (先还一点,以后每月600 / "a bit now,
    // then $100 a month") is the capacity, whatever the first payment is.
    const thereafter = at !== null && period === 'month' && THEREAFTER.test(t.slice(0, at.start));
    const payNowWording = PAY_NOW.test(t) && !thereafter;
    if (period !== null && period !== 'month') terms.monthlyCapacity = perMonth(amount, period);
    else if (period === 'month' && (context === 'clarify' || !payNowWording || paidNow))
      terms.monthlyCapacity = amount;
    else if (payNowWording) terms.payNow = amount;
    // The answer to "how much a month?" is a capacity even when it sounds like a promise.
    else if (parsed.intent !== 'promise_to_pay' || context === 'clarify') terms.monthlyCapacity = amount;

    if (terms.monthlyCapacity !== undefined && paidNow) terms.payNow = minorFloor(paidNow.value);
    if (terms.payNow !== undefined && terms.monthlyCapacity === undefined) {
      // 先还500,以后每月300: the first payment, then a capacity.
      const capacity = firstCapacity(t, others, spans);
      if (capacity !== null) terms.monthlyCapacity = capacity;
    }
  } else {
    // The parser found no figure: 每周100 reads to it as "Monday" (周1) and two zeros.
    const capacity = firstCapacity(t, money, spans);
    if (capacity !== null) terms.monthlyCapacity = capacity;
  }
  // A figure below one cent rounds down to nothing: no term.
  if (terms.monthlyCapacity === 0) delete terms.monthlyCapacity;
  if (terms.payNow === 0) delete terms.payNow;
  return withCounts(t, parsed, terms);
}

/** The installment count the parser read, and half now with the rest later as two. */
function withCounts(t: string, parsed: ParseResult, terms: PaymentTerms): PaymentTerms {
  if (parsed.installments !== null) terms.installments = parsed.installments;
  if ((terms.installments ?? 2) === 2 && HALF_NOW.test(t) && REST_LATER.test(t)) {
    terms.installments = 2;
    terms.split = 'half_now_rest_later';
  }
  return terms;
}
