import { daysFromCivil, fromDays, isValidDate, toDays, type LocalDate } from './calendar.ts';

/**
 * Wall-clock time in IANA zones, DST-correct: offsets, local dates and minutes, local wall time
 * back to an instant. Quiet hours, built on these, live in quiet-hours.ts.
 *
 * The zone data come from the runtime's ICU through `Intl.DateTimeFormat` (one cached formatter
 * per zone). A formatter call costs about 1 µs, so offsets are memoised per UTC hour: each hour
 * holds either one offset or one transition (found to the second by bisection). After warm-up a
 * lookup is a Map read. The one assumption, true of every zone in tzdata: no two transitions
 * fall within the same hour.
 *
 * Everything else is integer math on `calendar.ts` day numbers. Epoch milliseconds are always
 * passed in; nothing here reads the clock.
 */

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z: the years `calendar.ts` formats as YYYY. */
const MIN_EPOCH = -62_135_596_800_000;
const MAX_EPOCH = 253_402_300_799_999;
/** Memoised hours per zone before the memo is dropped (about 11 years of hours). */
const MAX_CACHED_HOURS = 100_000;

export interface ZonedParts {
  /** The local calendar date. */
  date: LocalDate;
  /** Whole minutes since local midnight, 0…1439. */
  minutes: number;
  /** The UTC offset in force, minutes east of UTC (+480 for Asia/Shanghai). */
  offsetMinutes: number;
}

/** An hour with one offset, or with a transition at `at` (epoch ms, within (hourStart, hourEnd]). */
type Hour = number | { before: number; after: number; at: number };

interface Zone {
  dtf: Intl.DateTimeFormat;
  /** Offset (ms) at the instant h·HOUR. */
  rawAtHour: Map<number, number>;
  hours: Map<number, Hour>;
}

const zones = new Map<string, Zone>();

function zoneOf(tz: string): Zone {
  let zone = zones.get(tz);
  if (zone === undefined) {
    let dtf: Intl.DateTimeFormat;
    try {
      dtf = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`not an IANA time zone: ${JSON.stringify(tz)}`);
    }
    zone = { dtf, rawAtHour: new Map(), hours: new Map() };
    zones.set(tz, zone);
  }
  return zone;
}

/** Whether the runtime knows `tz` (and caches its formatter when it does). */
export function isTimeZone(tz: string): boolean {
  try {
    zoneOf(tz);
    return true;
  } catch {
    return false;
  }
}

const FORMATTED = /(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)/;

/** The zone's offset (ms) at a whole second, straight from ICU. */
function rawOffset(zone: Zone, epochSecondMs: number): number {
  const m = FORMATTED.exec(zone.dtf.format(epochSecondMs));
  if (!m) throw new Error(`unexpected Intl output for ${epochSecondMs}`);
  const local =
    daysFromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * DAY +
    Number(m[4]) * HOUR +
    Number(m[5]) * MINUTE +
    Number(m[6]) * SECOND;
  return local - epochSecondMs;
}

function rawAtHour(zone: Zone, h: number): number {
  let o = zone.rawAtHour.get(h);
  if (o === undefined) {
    o = rawOffset(zone, h * HOUR);
    zone.rawAtHour.set(h, o);
  }
  return o;
}

function hourOf(zone: Zone, h: number): Hour {
  let entry = zone.hours.get(h);
  if (entry !== undefined) return entry;
  if (zone.hours.size >= MAX_CACHED_HOURS) {
    zone.hours.clear();
    zone.rawAtHour.clear();
  }
  const before = rawAtHour(zone, h);
  const after = rawAtHour(zone, h + 1);
  if (before === after) {
    entry = before;
  } else {
    // Bisect (in seconds) for the first instant with the new offset: lo has `before`, hi does not.
    let lo = h * 3600;
    let hi = (h + 1) * 3600;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (rawOffset(zone, mid * SECOND) === before) lo = mid;
      else hi = mid;
    }
    entry = { before, after, at: hi * SECOND };
  }
  zone.hours.set(h, entry);
  return entry;
}

/** Throws a RangeError outside years 1–9999, the instants every function here accepts. */
export function checkEpoch(epochMs: number): void {
  if (!Number.isFinite(epochMs) || epochMs < MIN_EPOCH || epochMs > MAX_EPOCH) {
    throw new RangeError(`epoch milliseconds out of range (years 1–9999): ${epochMs}`);
  }
}

/** The UTC offset in force at `epochMs`, in milliseconds. */
function offsetAt(zone: Zone, epochMs: number): number {
  const entry = hourOf(zone, Math.floor(epochMs / HOUR));
  if (typeof entry === 'number') return entry;
  return epochMs < entry.at ? entry.before : entry.after;
}

/** The first transition T with after < T ≤ limit, or null. */
function nextTransition(zone: Zone, after: number, limit: number): number | null {
  const last = Math.floor(limit / HOUR);
  for (let h = Math.floor(after / HOUR); h <= last; h++) {
    const entry = hourOf(zone, h);
    if (typeof entry !== 'number' && entry.at > after) return entry.at <= limit ? entry.at : null;
  }
  return null;
}

/** The UTC offset in force at `epochMs` in `tz`, in milliseconds (no range check). */
export function utcOffsetMs(epochMs: number, tz: string): number {
  return offsetAt(zoneOf(tz), epochMs);
}

/** The first offset transition T of `tz` with after < T ≤ limit, or null. */
export function nextOffsetChange(tz: string, after: number, limit: number): number | null {
  return nextTransition(zoneOf(tz), after, limit);
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export function zonedParts(epochMs: number, tz: string): ZonedParts {
  checkEpoch(epochMs);
  const offset = offsetAt(zoneOf(tz), epochMs);
  const local = epochMs + offset;
  const days = floorDiv(local, DAY);
  return {
    date: fromDays(days),
    minutes: floorDiv(local - days * DAY, MINUTE),
    offsetMinutes: offset / MINUTE,
  };
}

/**
 * The instant a local wall-clock time `local` (ms since 1970-01-01T00:00 local) happens: the
 * earlier one when it happens twice (fall back), the first instant after the gap when it never
 * happens (spring forward: 02:30 on 2026-03-08 in New York → 03:00 EDT).
 */
function wallToEpoch(zone: Zone, local: number): number {
  // Offsets lie within −12 h … +14 h, so the local time 15 h earlier in UTC is before `local`.
  let a = local - 15 * HOUR;
  for (let i = 0; i < 64; i++) {
    const t = local - offsetAt(zone, a);
    // The segment starting at a (a transition, after the first pass) is already past `local`:
    // `local` was skipped, and a is the first instant after the gap.
    if (t < a) return a;
    const b = nextTransition(zone, a, t);
    if (b === null) return t;
    a = b;
  }
  throw new Error('wallToEpoch: too many transitions');
}

/** Local wall time (date + minutes since its midnight) → epoch ms; see wallToEpoch for gaps and overlaps. */
export function zonedEpoch(date: LocalDate, minutes: number, tz: string): number {
  if (!isValidDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  if (!Number.isInteger(minutes)) throw new RangeError(`minutes must be an integer: ${minutes}`);
  const result = wallToEpoch(zoneOf(tz), toDays(date) * DAY + minutes * MINUTE);
  checkEpoch(result);
  return result;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `2026-11-23T10:00:00+08:00`: seconds always, the offset always (±HH:MM, never Z). */
export function formatZoned(epochMs: number, tz: string): string {
  checkEpoch(epochMs);
  const offset = offsetAt(zoneOf(tz), epochMs);
  const local = epochMs + offset;
  const days = floorDiv(local, DAY);
  const ms = local - days * DAY;
  const hh = floorDiv(ms, HOUR);
  const mm = floorDiv(ms - hh * HOUR, MINUTE);
  const ss = floorDiv(ms - hh * HOUR - mm * MINUTE, SECOND);
  const abs = Math.abs(offset);
  const oh = floorDiv(abs, HOUR);
  const om = floorDiv(abs - oh * HOUR, MINUTE);
  const os = floorDiv(abs - oh * HOUR - om * MINUTE, SECOND);
  // Local mean time before ~1900 has offsets in seconds (Shanghai +08:05:43): written ±HH:MM:SS.
  const seconds = os === 0 ? '' : `:${pad2(os)}`;
  return `${fromDays(days)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${offset < 0 ? '-' : '+'}${pad2(oh)}:${pad2(om)}${seconds}`;
}

/** The local calendar date of an instant (zonedParts(…).date). */
export function localDate(epochMs: number, tz: string): LocalDate {
  return zonedParts(epochMs, tz).date;
}
