import { z } from 'zod';

/**
 * Calendar dates as `YYYY-MM-DD` strings, computed with integer day numbers (days since
 * 1970-01-01, proleptic Gregorian). Integer math is exact, allocation-free and about 100x
 * faster than the Temporal polyfill for the handful of operations the parser and the planner
 * need (see docs/decisions.md); Temporal's semantics (month-end clamping) are kept.
 */

export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => isValidDate(s), 'not a calendar date');
export type LocalDate = z.infer<typeof LocalDateSchema>;

export interface CivilDate {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

/** Howard Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): CivilDate {
  const z0 = n + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatCivil({ y, m, d }: CivilDate): LocalDate {
  const ys = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${ys}-${pad2(m)}-${pad2(d)}`;
}

export function parseCivil(date: LocalDate): CivilDate {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const { y, m, d } = parseCivil(s);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export const toDays = (date: LocalDate): number => {
  const { y, m, d } = parseCivil(date);
  return daysFromCivil(y, m, d);
};
export const fromDays = (n: number): LocalDate => formatCivil(civilFromDays(n));

export const addDays = (date: LocalDate, n: number): LocalDate => fromDays(toDays(date) + n);

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(date: LocalDate): number {
  return ((((toDays(date) + 3) % 7) + 7) % 7) + 1;
}

export function endOfMonth(date: LocalDate): LocalDate {
  const { y, m } = parseCivil(date);
  return formatCivil({ y, m, d: daysInMonth(y, m) });
}

/**
 * The date `months` months after `date`, on day `day` (default: `date`'s day) clamped to the
 * month's end: monthly installments from Jan 31 fall on Feb 28 (29), Mar 31, Apr 30.
 */
export function addMonthsClamped(date: LocalDate, months: number, day?: number): LocalDate {
  const c = parseCivil(date);
  const total = c.y * 12 + (c.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return formatCivil({ y, m, d: Math.min(day ?? c.d, daysInMonth(y, m)) });
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export interface Instant {
  /** Milliseconds since the Unix epoch. */
  epochMs: number;
  /** The UTC offset the instant was written in, in minutes east of UTC. */
  offsetMinutes: number;
  /** The calendar date in that offset. */
  localDate: LocalDate;
  /** Minutes since local midnight in that offset. */
  localMinutes: number;
}

/** Parse an ISO 8601 instant that carries its offset (`2026-11-23T10:00:00+08:00`, `…Z`). */
export function parseInstant(s: string): Instant | null {
  const m = INSTANT.exec(s.trim());
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, fs, off] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const sec = ss ? Number(ss) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  let offsetMinutes = 0;
  if (off && off.toUpperCase() !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = fs ? Math.floor(Number(`0.${fs}`) * 1000) : 0;
  const localDays = daysFromCivil(y, mo, d);
  const localMinutes = h * 60 + mi;
  const epochMs = (localDays * 1440 + localMinutes - offsetMinutes) * 60_000 + sec * 1000 + ms;
  return { epochMs, offsetMinutes, localDate: formatCivil({ y, m: mo, d }), localMinutes };
}
