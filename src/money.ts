import { z } from 'zod';

/**
 * Money is an integer count of minor units (分 / cents) everywhere inside Huikuan. Major units
 * (yuan, dollars) exist only at the edges: policy files, parser output, JSON for people.
 * Floats never carry money: 0.1 + 0.2 style drift would break "sums exactly to the balance".
 */

export const CurrencySchema = z.enum(['CNY', 'USD']);
export type Currency = z.infer<typeof CurrencySchema>;

export { LocaleSchema as MoneyLocaleSchema, type Locale as MoneyLocale } from './vocabulary.ts';
import type { Locale as MoneyLocale } from './vocabulary.ts';

export class MoneyError extends Error {
  override name = 'MoneyError';
}

/**
 * A plain decimal, optionally with thousands separators: "1250.5", "1,250.50", "-3", ".5".
 * Separators must group by three so a European "12,50" is rejected rather than read as 1250.
 */
const DECIMAL = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * Major units → minor units, exactly. Works on the decimal text (a number's shortest round-trip
 * form, which is what JSON wrote), so 1234.56 → 123456 with no binary rounding on the way.
 * Digits past the cent are accepted only when they are zeros: a value that needs a third
 * decimal is not money, and silently rounding it would hide an upstream bug.
 */
export function toMinor(major: number | string): number {
  let text: string;
  if (typeof major === 'number') {
    if (!Number.isFinite(major)) throw new MoneyError(`invalid amount ${String(major)}: not a finite number`);
    text = String(major);
    if (/e/i.test(text)) {
      // Shortest form uses an exponent only below 1e-6 or from 1e21: both are not money.
      throw new MoneyError(
        Math.abs(major) >= 1
          ? `invalid amount ${text}: too large`
          : `invalid amount ${text}: more than 2 decimal places`,
      );
    }
  } else if (typeof major === 'string') {
    text = major.trim();
  } else {
    throw new MoneyError(`invalid amount: expected a number or a string, got ${typeof major}`);
  }
  const m = DECIMAL.exec(text);
  const sign = m?.[1] ?? '';
  const intPart = (m?.[2] ?? '').replace(/,/g, '');
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) {
    throw new MoneyError(`invalid amount ${JSON.stringify(major)}: not a decimal number`);
  }
  if (/[1-9]/.test(fracPart.slice(2))) {
    throw new MoneyError(`invalid amount ${JSON.stringify(major)}: more than 2 decimal places`);
  }
  const digits = `${intPart}${fracPart.slice(0, 2).padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (digits.length > 15 || !Number.isSafeInteger(minor)) {
    throw new MoneyError(`invalid amount ${JSON.stringify(major)}: too large`);
  }
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/**
 * A major amount computed in floats → minor units, to the nearest cent. The parser's amounts are
 * major-unit numbers (CONTRACTS §2 `amount`) that it multiplies out ("3.5万" is 3.5 × 10000) and
 * rounds with `roundToCent`; the machine takes them into minor units with this. Unlike `toMinor`,
 * which refuses a third decimal as a bug upstream, a float's binary tail (0.1 + 0.2) is expected
 * here, so it is rounded rather than refused.
 */
export function roundToMinor(major: number): number {
  return Math.round(major * 100);
}

/** A major amount computed in floats, rounded to the cent and kept in major units (the parser's output). */
export function roundToCent(major: number): number {
  return roundToMinor(major) / 100;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor))
    throw new MoneyError(`invalid minor amount ${String(minor)}: not an integer`);
}

/**
 * Minor → major as a JSON number. Integer ÷ 100 is correctly rounded, so it is the same double
 * as the literal "123.45" and JSON prints it back exactly.
 */
export function toMajor(minor: number): number {
  assertMinor(minor);
  return minor / 100;
}

/** `1080.5` written the way a person reads it: no trailing `.00` on whole amounts. */
export function majorText(minor: number, group = false): string {
  assertMinor(minor);
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  const whole = group ? String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(units);
  const frac = cents === 0 ? '' : `.${cents < 10 ? '0' : ''}${cents}`;
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}

/**
 * SMS-ready amount. Chinese SMS convention is digits without grouping followed by 元 / 美元;
 * English puts the symbol first and groups thousands.
 */
export function formatMoney(minor: number, currency: Currency, locale: MoneyLocale): string {
  const sign = minor < 0 ? '-' : '';
  if (locale === 'zh-CN') return `${majorText(minor)}${currency === 'CNY' ? '元' : '美元'}`;
  return `${sign}${currency === 'CNY' ? '¥' : '$'}${majorText(Math.abs(minor), true)}`;
}

/**
 * ⌈ratio × minor⌉ exactly, reading the ratio as the decimal it was written as (0.1 is one
 * tenth, not 0.1000000000000000055…). The down-payment rule compares an integer amount with
 * ratio × balance; a float product could put a plan one cent on the wrong side of it.
 */
export function ceilRatio(minor: number, ratio: number): number {
  assertMinor(minor);
  if (!Number.isFinite(ratio) || ratio < 0) throw new MoneyError(`invalid ratio ${String(ratio)}`);
  if (ratio === 0 || minor === 0) return 0;
  const [mantissa = '0', exponent = '0'] = String(ratio).split('e');
  const [intDigits = '0', fracDigits = ''] = mantissa.split('.');
  const scale = fracDigits.length - Number(exponent);
  const numerator = BigInt(intDigits + fracDigits) * BigInt(minor);
  if (scale <= 0) return Number(numerator * 10n ** BigInt(-scale));
  const denominator = 10n ** BigInt(scale);
  const quotient = numerator / denominator;
  // BigInt division truncates toward zero; minor may be negative, so round up explicitly.
  return Number(numerator % denominator === 0n || numerator < 0n ? quotient : quotient + 1n);
}
