import { createRequire } from 'node:module';
import { roundToCent } from '../money.ts';

// chinese-number-format's ESM build imports extension-less paths that Node's resolver rejects;
// its CommonJS build is the same code and loads everywhere.
const require = createRequire(import.meta.url);
const { chineseToNumber } = require('chinese-number-format') as { chineseToNumber: (s: string) => number };

export const ZH_DIGITS = '零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';
const ZH_DIGIT_VALUE: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  俩: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const ZH_UNIT_VALUE: Record<string, number> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
  万: 10000,
  亿: 1e8,
};
const ARABIC_TO_ZH = '零一二三四五六七八九';

/** A Chinese numeral token (五百, 两千五, 一万二, 陆佰, 三点五) to its value, or null. */
export function zhNumeral(token: string): number | null {
  const t = token.replace(/俩/g, '两');
  // 两三百 / 四五千: an approximate range; the debtor can pay at least the lower bound.
  const range = /^([一二两三四五六七八])([二三四五六七八九])([十百千万])$/.exec(t);
  if (range) {
    const a = ZH_DIGIT_VALUE[range[1]!]!;
    const b = ZH_DIGIT_VALUE[range[2]!]!;
    if (b === a + 1 || (a === 2 && b === 3)) return a * ZH_UNIT_VALUE[range[3]!]!;
  }
  const v = chineseToNumber(t);
  return Number.isFinite(v) ? v : null;
}

/** Small English number words, enough for "two payments" or "five hundred dollars". */
const EN_SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
export const EN_NUMBER_WORD =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|an)';

export function enNumberWords(words: string): number | null {
  let total = 0;
  let current = 0;
  let seen = false;
  // The digit word said last: "two fifty" and "one twenty-five" are prices said the short way
  // (250, 125); "a twenty" is a $20 bill, so a and an never start one.
  let digit: string | null = null;
  const list = words.split(/[\s-]+/);
  for (const [i, w] of list.entries()) {
    if (!w || w === 'and') continue;
    // "a twenty" is twenty; "a hundred" is one hundred.
    if ((w === 'a' || w === 'an') && i + 1 < list.length && !/^(?:hundred|thousand)$/.test(list[i + 1]!))
      continue;
    if (w in EN_SMALL) {
      const v = EN_SMALL[w]!;
      if (digit !== null && v >= 10 && current === EN_SMALL[digit]) current *= 100;
      digit = v >= 1 && v <= 9 && current === 0 && w !== 'a' && w !== 'an' ? w : null;
      current += v;
      seen = true;
    } else if (w === 'hundred') {
      digit = null;
      current = (current || 1) * 100;
      seen = true;
    } else if (w === 'thousand') {
      digit = null;
      total += (current || 1) * 1000;
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

/**
 * Value of one numeric token as matched by NUMBER_TOKEN: Arabic with separators and decimals,
 * Arabic with a unit (3千, 1.5万, 2k, 1.2w, 3千5, 5百), or Chinese numerals.
 */
export function tokenValue(raw: string): number | null {
  const token = raw.replace(/\s+/g, '').replace(/^(\d{1,2})、(\d{3})$/, '$1$2');
  const plain = /^(\d+(?:,\d{3})*(?:\.\d+)?)$/.exec(token);
  if (plain) return Number(plain[1]!.replace(/,/g, ''));
  const latinUnit = /^(\d+(?:\.\d+)?)([kw])$/.exec(token);
  if (latinUnit) return roundToCent(Number(latinUnit[1]) * (latinUnit[2] === 'k' ? 1000 : 10000));
  const decimalUnit = /^(\d+\.\d+)([十百千万亿拾佰仟])$/.exec(token);
  if (decimalUnit) return roundToCent(Number(decimalUnit[1]) * ZH_UNIT_VALUE[decimalUnit[2]!]!);
  if (/^\d/.test(token)) {
    // Arabic digits mixed with Chinese units (3千5, 1万2, 3万5千): spell the digits in Chinese
    // and let the numeral converter apply the colloquial rules (3千5 = 3500).
    if (/[.,]/.test(token)) return null;
    return zhNumeral(token.replace(/\d/g, (d) => ARABIC_TO_ZH[Number(d)]!));
  }
  return zhNumeral(token);
}

/**
 * Numeric tokens. Thousands separators must group by three; a Chinese comma (normalised to 、)
 * separates thousands only after one or two digits (1、250) — after three (600、400) it lists
 * two figures.
 */
export const NUMBER_TOKEN = new RegExp(
  [
    `\\d{1,2}、\\d{3}(?!\\d)`,
    `\\d+(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)`,
    `\\d+(?:\\.\\d+)?(?:\\s?[kw](?![a-z])|[十百千万亿拾佰仟][\\d${ZH_DIGITS}]*)?`,
    `[${ZH_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?`,
  ].join('|'),
  'g',
);
