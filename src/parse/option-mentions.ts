import { toMinor } from '../money.ts';
import type { Option } from '../planning/planner.ts';
import { enNumberWords, NUMBER_TOKEN, tokenValue, zhNumeral } from './numerals.ts';

/**
 * Where a debtor's message names one of the options on the table, and which options each name
 * can mean: by letter (B, 方案B, option b), by position (第二个, the second one, 最后一个), by
 * installment count (分6期那个, the 3-payment one) or by an installment amount (每月500那个,
 * the $150 one). The text is already normalised (lower case, simplified, Cantonese mapped).
 * Whether the message takes or turns down what it names is option-choice.ts's job.
 */

export type MentionKind = 'letter' | 'ordinal' | 'count' | 'amount';

export interface Mention {
  start: number;
  end: number;
  kind: MentionKind;
  /** The options this name can mean; empty when it names none on the table (option C of two). */
  ids: string[];
}

type Position = number | 'middle' | 'last';

const ZH_ORDINAL: Record<string, number> = { 一: 0, 1: 0, 二: 1, 两: 1, 2: 1, 三: 2, 3: 2 };
const EN_ORDINAL: Record<string, Position> = {
  first: 0,
  '1st': 0,
  one: 0,
  former: 0,
  second: 1,
  '2nd': 1,
  two: 1,
  third: 2,
  '3rd': 2,
  three: 2,
  middle: 'middle',
  last: 'last',
  latter: 'last',
};
const zhIndex = (n: string): number => ZH_ORDINAL[n] ?? Number(zhNumeral(n) ?? Number(n)) - 1;

/**
 * What may follow a bare English letter or ordinal that names an option ("a is fine", "the
 * second, please"). An article or a "first payment" is followed by another word.
 */
const NAME_ENDS =
  /^\s*(?:$|[^a-z0-9\s$¥]|(?:one|option|plan|choice|offer|is|'s|works|would|will|please|pls|plz|thanks?|thx|for me|then|sounds|seems|looks|it|or|and|nor|not|isn't|doesn't|won't|too|because|since|instead|rather|but|ok|okay|fine|i|i'[a-z]+|we|was|is|seems|please|though|yes|sure)\b)/;
/** A date or time, not an option: "on the 1st", "at first", "wait a second". */
const NOT_AN_OPTION_BEFORE = /\b(?:on|by|until|till|before|after|from|of|since|at|a|one|in)\s+(?:the\s+)?$/;
/** Without "the" or "one", a bare ordinal is a name only as the whole reply or its subject: "second please", not "first, ...". */
const BARE_ORDINAL_ENDS =
  /^\s*(?:[.!。~]*$|(?:is|'s|works?|please|pls|for me|then|sounds?|looks?|it is|too)\b)/;

const ZH_N = '(\\d{1,3}|[一二两俩三四五六七八九十]{1,3})';
const EN_N =
  '(\\d{1,3}|(?:twenty|thirty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
/** Not 第二期 / 每期 / 这一期, and not the tail of a longer numeral (一千二一个月). */
const NOT_ZH_NUM_BEFORE = '(?<![第每首末逾这上下本前后头最零一二两三四五六七八九十百千万])(?<!\\d(?=\\d))';

/** Installment counts. Each pattern's first group is the count, or it means a single payment. */
const COUNT_PATTERNS: RegExp[] = [
  new RegExp(`(?:分|拆)(?:成|作|为|开)?\\s*${ZH_N}\\s*(?:个月|期|次|笔)`, 'g'),
  new RegExp(`${NOT_ZH_NUM_BEFORE}${ZH_N}\\s*(?:期|个月)(?!\\s*(?:后|以后|之后|前|以前))`, 'g'),
  new RegExp(`${NOT_ZH_NUM_BEFORE}${ZH_N}\\s*次(?=\\s*(?:性|还|付|结|的|那))`, 'g'),
  /一次性|一(?:笔|口气)(?:还清|还完|付清|结清)|全额(?:还清|还款|一次)/g,
  new RegExp(
    `\\b${EN_N}(?:\\s+|-)(?:equal\\s+|monthly\\s+|small(?:er)?\\s+)*(?:payments?|installments?|instalments?|months?|mos?|pmts?)\\b`,
    'g',
  ),
  /\b(?:single|one[- ]time|one[- ]off|lump[- ]sum|full)\s+payment\b|\bpay(?:ing)?\s+(?:it\s+)?(?:all\s+|off\s+)?in\s+full\b|\ball at once\b|\bin one go\b|\blump sum\b/g,
];

/** Installment references, not options: 第二期, 最后一期, 第二个月, 首期. */
const INSTALLMENT_REFS = /第[\d一二两三四五六七八九十]{1,3}\s*(?:期|个月|笔|次)|最后一(?:期|个月|笔)|首期/g;

const CURRENCY_BEFORE = /(?:¥|\$|rmb|cny|usd|us\$)\s*$/;
const CURRENCY_AFTER = /^\s*(?:元|块|蚊|圆|rmb|cny|usd|yuan|dollars?|bucks?|美元|美金)/;
const PER_MONTH_BEFORE =
  /(?:每月|每个月|月供|一个月|每期|每次|monthly|a month|per month|each month|every month)\s*(?:都|就|要|只)?\s*(?:还|付|交|给|pay|of)?\s*(?:¥|\$|rmb|usd)?\s*$/;
const PER_MONTH_AFTER =
  /^\s*(?:元|块|美元|dollars?|bucks?|rmb|usd)?\s*(?:\/\s*(?:月|month|mo)|每月|一个月|每个月|a month|per month|monthly|each month|every month|a payment|per payment|each)/;
const FIRST_BEFORE =
  /(?:首期|首付|第一期|先还|先付|先给|today|now|first|down|upfront|up front)\s*(?:还|付|交|pay|of)?\s*(?:¥|\$)?\s*$/;
/** A figure said as a name: 500那个, 600的, the $150 one, 1,200 that one, 500吧, $250 works. */
const NAMED_AFTER =
  /^\s*(?:元|块|蚊|美元|dollars?|bucks?)?\s*(?:的|那|这|吧|就行|可以|行|得|(?:that |this )?one\b|plan\b|option\b|please\b|pls\b|works\b|is fine\b|ok\b|okay\b|sounds good\b)/;
/** A limit, not a name: 每月最多还300, I can only do $250. */
const LIMIT_BEFORE =
  /(?:只能|只可以|只有|最多|顶多|至多|最高|才|\bonly|\bat most|\bup to|\bmax(?:imum)?|\bno more than|\bcan'?t|\bcannot)\s*(?:每月|每个月|一个月|a month)?\s*(?:还|付|给|交|pay|do|afford|manage|spare)?\s*(?:¥|\$)?\s*$/;
/** The whole reply is the figure: "1200?", "$250". */
const ALONE = /^[\s\p{P}\p{S}吧啦]*$/u;
/** Figures that are days, dates, counts or times rather than money. */
const NOT_MONEY_AFTER =
  /^\s*(?:个?(?:天|日|号|期|月|年|周|星期|次|笔|点|小时|分钟|%)|[:：]\d|(?:st|nd|rd|th)\b|-?(?:days?|weeks?|months?|years?|payments?|installments?|instalments?|mos?|am|pm)\b)/;
const EN_AMOUNT_WORDS =
  /\b((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|and)[\s-]+)*(?:hundred|thousand|fifty|twenty|thirty|forty|sixty|seventy|eighty|ninety))\s+(?:dollars|bucks|yuan)\b/g;

class Spans {
  readonly list: Mention[] = [];
  private readonly blocked: { start: number; end: number }[] = [];
  free(start: number, end: number): boolean {
    return ![...this.blocked, ...this.list].some((s) => start < s.end && end > s.start);
  }
  block(start: number, end: number): void {
    this.blocked.push({ start, end });
  }
  add(start: number, end: number, kind: MentionKind, ids: string[]): void {
    if (this.free(start, end)) this.list.push({ start, end, kind, ids });
  }
}

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

function positionIds(offers: Option[], p: Position): string[] {
  if (p === 'middle') return offers.length === 3 ? [offers[1]!.id] : [];
  const o = p === 'last' ? (offers.length >= 2 ? offers[offers.length - 1] : undefined) : offers[p];
  return o ? [o.id] : [];
}

function ordinals(s: string, offers: Option[], out: Spans): void {
  const at = (m: RegExpExecArray, p: Position) =>
    out.add(m.index, m.index + m[0].length, 'ordinal', positionIds(offers, p));
  // 第二个 / 第2種 / 第二个方案 / 第三: not 第二个月 (a month) or 第二期 (blocked before).
  for (const m of matches(/第([一二两三四五六七八九]|[1-9])(个|种|套|项|款|号)?(?:方案|选项|计划)?/g, s)) {
    const next = s[m.index + m[0].length] ?? '';
    if (m[2] === undefined && /[期月笔次天日周年批号]/.test(next)) continue;
    if (m[2] === '个' && next === '月') continue;
    at(m, zhIndex(m[1]!));
  }
  // 二号方案 / 2号选项 / 方案二 / 选项2 / 选2 (not 选6期: a count).
  for (const m of matches(/(?<![\d第])([一二两三1-9])号?(?:方案|选项)/g, s)) at(m, zhIndex(m[1]!));
  for (const m of matches(/(?:方案|选项|选)\s*([一二两三]|[1-9])(?![\d期个月次元块十百千万])/g, s))
    at(m, zhIndex(m[1]!));
  for (const m of matches(
    /最后(?:一个|那个|一种|那种|的那个|的那种|一项|一套|这个|个)(?![月期])|最后的(?=$|[吧啦了,、。!?\s])|后者|后面那个/g,
    s,
  ))
    at(m, 'last');
  for (const m of matches(/中间(?:那个|那种|的那个|这个|一个|的)?/g, s)) at(m, 'middle');
  for (const m of matches(/头一个|首个|前者/g, s)) at(m, 0);
  // option 2 / plan two / #3 / no. 2
  for (const m of matches(
    /(?<![a-z])(?:option|plan|choice|number|no\.|#)\s*([1-9]|one|two|three)(?![\d a-z-])|(?<![a-z])(?:option|plan|choice|number)\s+(one|two|three)\b/g,
    s,
  )) {
    const n = m[1] ?? m[2]!;
    at(m, /\d/.test(n) ? Number(n) - 1 : (EN_ORDINAL[n] as number));
  }
  // the second one / 2nd option / the last one / the latter
  const EN =
    /(?<![a-z\d])(the\s+)?(first|second|third|1st|2nd|3rd|last|middle|former|latter)(\s+(?:one|option|plan|choice|offer)\b)?(?![a-z])/g;
  for (const m of matches(EN, s)) {
    const word = m[2]!;
    const named = m[3] !== undefined;
    if (!named && NOT_AN_OPTION_BEFORE.test(s.slice(Math.max(0, m.index - 16), m.index))) continue;
    const rest = s.slice(m.index + m[0].length);
    if (!named && !(m[1] === undefined ? BARE_ORDINAL_ENDS : NAME_ENDS).test(rest)) continue;
    if (!named && (word === 'last' || word === 'middle') && m[1] === undefined) continue;
    at(m, EN_ORDINAL[word]!);
  }
}

function countValue(raw: string): number | null {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[a-z]/.test(raw)) return enNumberWords(raw);
  return zhNumeral(raw);
}

function counts(s: string, offers: Option[], out: Spans): void {
  for (const re of COUNT_PATTERNS) {
    for (const m of matches(re, s)) {
      const n = m[1] === undefined ? 1 : countValue(m[1]);
      if (n === null || !Number.isInteger(n) || n < 1) continue;
      // 一个月600: "a month", the period of an amount, not a one-payment plan.
      if (n === 1 && m[0].endsWith('个月')) continue;
      const ids = offers.filter((o) => o.installments.length === n).map((o) => o.id);
      out.add(m.index, m.index + m[0].length, 'count', ids);
    }
  }
}

/**
 * The options a figure names. The SMS shows each option's first and monthly amounts, so those
 * are preferred over a last remainder; 每月/a month or 首期/first narrows it further.
 */
function amountIds(offers: Option[], minor: number, hint: 'monthly' | 'first' | null): string[] {
  const roles = offers.map((o) => {
    const list = o.installments.map((i) => i.amount);
    const mids = list.length > 2 ? list.slice(1, -1) : list.slice(1);
    return { id: o.id, first: list[0] === minor, monthly: mids.includes(minor), any: list.includes(minor) };
  });
  const tiers = [
    hint === 'monthly'
      ? roles.filter((r) => r.monthly)
      : hint === 'first'
        ? roles.filter((r) => r.first)
        : [],
    roles.filter((r) => r.first || r.monthly),
    roles.filter((r) => r.any),
  ];
  return (tiers.find((t) => t.length > 0) ?? []).map((r) => r.id);
}

/** Major units → minor, or null for a figure that is not money (a third decimal). */
export function minorOrNull(major: number): number | null {
  try {
    return toMinor(major);
  } catch {
    return null;
  }
}

function amounts(s: string, offers: Option[], out: Spans): void {
  const add = (
    start: number,
    end: number,
    value: number | null,
    marked: boolean,
    hint: 'monthly' | 'first' | null,
  ) => {
    if (value === null || !(value > 0) || !marked || !out.free(start, end)) return;
    const minor = minorOrNull(value);
    const ids = minor === null ? [] : amountIds(offers, minor, hint);
    // A figure that is no option's amount is something else (a counter-offer, a date): no name.
    if (ids.length > 0) out.add(start, end, 'amount', ids);
  };
  for (const m of matches(NUMBER_TOKEN, s)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (/[a-z\d.]/.test(s[start - 1] ?? '') && !/(?:rmb|usd|cny)$/.test(s.slice(0, start))) continue;
    const before = s.slice(Math.max(0, start - 12), start);
    const after = s.slice(end, end + 20);
    const isZh = !/\d/.test(raw[0]!);
    // 五百一个月: the trailing 一 is "one month".
    const perMonthTail = isZh && raw.length > 2 && raw.endsWith('一') && /^个月/.test(after);
    if (!perMonthTail && NOT_MONEY_AFTER.test(after)) continue;
    if (/第\s*$/.test(before)) continue;
    const currency = CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after);
    // A lone Chinese digit is a count or a position; leading units are idioms (千万别, 万一).
    if (isZh && /^[百千万亿]/.test(raw)) continue;
    if (isZh && !currency && (raw.length === 1 || /^十[一二三四五六七八九]?$/.test(raw))) continue;
    const monthly = perMonthTail || PER_MONTH_BEFORE.test(before) || PER_MONTH_AFTER.test(after);
    const first = FIRST_BEFORE.test(before);
    if (LIMIT_BEFORE.test(before)) continue;
    const alone = ALONE.test(s.slice(0, start)) && ALONE.test(s.slice(end).replace(CURRENCY_AFTER, ''));
    const marked = monthly || first || alone || NAMED_AFTER.test(after);
    const value = tokenValue(perMonthTail ? raw.slice(0, -1) : raw);
    add(start, end, value, marked, monthly ? 'monthly' : first ? 'first' : null);
  }
  for (const m of matches(EN_AMOUNT_WORDS, s))
    add(m.index, m.index + m[0].length, enNumberWords(m[1]!), true, null);
}

function letters(s: string, offers: Option[], out: Spans): void {
  for (const m of matches(
    /(?<![a-z0-9'])(?:(option|plan|choice|letter)\s*)?([abc])(?![a-z0-9']|[./][a-z])/g,
    s,
  )) {
    const letter = m[2]!;
    // "a" is also the article: a 6-month plan, a payment. As a name it ends the phrase.
    if (letter === 'a' && m[1] === undefined && !NAME_ENDS.test(s.slice(m.index + m[0].length))) continue;
    const id = letter.toUpperCase();
    out.add(m.index, m.index + m[0].length, 'letter', offers.some((o) => o.id === id) ? [id] : []);
  }
}

/** A whole reply that is just a number: "2", "two", "option 3". */
function loneNumber(s: string, offers: Option[], out: Spans): void {
  const m = /^\s*([1-9]|one|two|three)\s*(?:吧|啦|了|please|pls)?[\s!.。~]*$/.exec(s);
  if (m)
    out.add(
      0,
      s.length,
      'ordinal',
      positionIds(offers, /\d/.test(m[1]!) ? Number(m[1]) - 1 : (EN_ORDINAL[m[1]!] as number)),
    );
}

/** Every name of an option in normalised text, in text order, none overlapping. */
export function findMentions(s: string, offers: Option[]): Mention[] {
  const out = new Spans();
  for (const m of matches(INSTALLMENT_REFS, s)) out.block(m.index, m.index + m[0].length);
  loneNumber(s, offers, out);
  ordinals(s, offers, out);
  counts(s, offers, out);
  amounts(s, offers, out);
  letters(s, offers, out);
  return out.list.sort((a, b) => a.start - b.start);
}
