import { z } from 'zod';
import { parseHHMM, type QuietHours } from '../time/quiet-hours.ts';

/**
 * The legal floors a lender's policy may tighten but never loosen: the quiet hours the law of
 * the debtor's jurisdiction requires at the least, and the daily cap on proactive messages
 * beyond which contact is harassment (the seeds' line). A policy that switched either off
 * would let the bot text a debtor at 02:30 or a hundred times a day, so resolvePolicy refuses it.
 */

/** Where an account's debtor is, as far as the account tells: China, the US, or not known. */
export const JurisdictionSchema = z.enum(['CN', 'US', 'unknown']);
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

/** A quiet-hours window (the one shape, time/quiet-hours.ts) and who requires it. */
export type QuietFloor = Readonly<QuietHours> & {
  /** Who requires it, for the refusal's reason. */
  readonly name: string;
};

/** China: no collection contact 22:00–08:00; US (FDCPA): none before 08:00 or after 21:00. */
const QUIET_FLOORS: Readonly<Record<Exclude<Jurisdiction, 'unknown'>, QuietFloor>> = {
  CN: { name: 'China', start: '22:00', end: '08:00' },
  US: { name: 'US', start: '21:00', end: '08:00' },
};

/** The seeds' harassment line: more than three proactive messages a day. */
export const MAX_PROACTIVE_PER_DAY = 3;

/** The floors that hold for a jurisdiction: not knowing where the debtor is, both hold. */
export function quietFloorsOf(jurisdiction: Jurisdiction = 'unknown'): readonly QuietFloor[] {
  return jurisdiction === 'unknown' ? [QUIET_FLOORS.CN, QUIET_FLOORS.US] : [QUIET_FLOORS[jurisdiction]];
}

const CHINA_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Kashgar',
  'PRC',
]);

type Signal = Exclude<Jurisdiction, 'unknown'> | 'elsewhere';

const zoneSignal = (tz: string): Signal =>
  CHINA_ZONES.has(tz) ? 'CN' : /^(America|US)\//.test(tz) ? 'US' : 'elsewhere';
const phoneSignal = (phone: string): Signal =>
  phone.startsWith('+86') ? 'CN' : phone.startsWith('+1') ? 'US' : 'elsewhere';
const currencySignal = (currency: string): Signal =>
  currency === 'CNY' ? 'CN' : currency === 'USD' ? 'US' : 'elsewhere';

/**
 * The account's jurisdiction from its time zone, its phone's country code and its currency.
 * Known only when every signal the account has points the same way (Asia/Shanghai, +86, CNY →
 * China; America/*, +1, USD → the US); a debtor in Sydney owing yuan is `unknown`, and so gets
 * both floors: a mixed account is held to the stricter rule, never the looser.
 */
export function jurisdictionOf(account: {
  timezone: string;
  currency: string;
  phone?: string;
}): Jurisdiction {
  const signals = new Set<Signal>([zoneSignal(account.timezone), currencySignal(account.currency)]);
  if (account.phone !== undefined) signals.add(phoneSignal(account.phone));
  const [only] = signals;
  return signals.size === 1 && only !== 'elsewhere' && only !== undefined ? only : 'unknown';
}

const DAY_MINUTES = 24 * 60;
const span = (from: number, to: number): number => (((to - from) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;

/**
 * Whether the quiet window [start, end), wrapping midnight when start > end, holds every minute of
 * the floor. A window whose start equals its end has no quiet minute at all (isQuiet's reading),
 * so it covers nothing.
 */
export function coversFloor(window: QuietHours, floor: QuietFloor): boolean {
  const s = parseHHMM(window.start);
  const length = span(s, parseHHMM(window.end));
  if (length === 0) return false;
  const fs = parseHHMM(floor.start);
  return span(s, fs) + span(fs, parseHHMM(floor.end)) <= length;
}
