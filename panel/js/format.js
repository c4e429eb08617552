/**
 * Numbers, money and times as the agent reads them, in the current language.
 */
import { locale } from '../i18n/index.js';

export function money(amount, currency) {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'CNY' }).format(amount);
  } catch {
    return String(amount);
  }
}

export function percent(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function num(n) {
  return typeof n === 'number' ? new Intl.NumberFormat(locale()).format(n) : '—';
}

/** An instant as written by the server (the debtor's own offset): "11-23 10:00". */
export function shortTime(at) {
  if (typeof at === 'number') {
    return new Intl.DateTimeFormat(locale(), {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(at));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at ?? '');
  return m ? `${m[2]}-${m[3]} ${m[4]}:${m[5]}` : String(at ?? '');
}

/** The composer's character count: code points, so an emoji counts once. */
export const smsLength = (text) => [...text].length;
