import pino, { type Logger } from 'pino';

/** Digits every masked number hides, however short: fewer would let a few guesses dial it. */
const MIN_HIDDEN = 4;
/** Digits shown at most at either end: the country code and operator prefix, the last four. */
const MAX_HEAD = 5;
const TAIL = 4;

/**
 * "+8613800138000" → "+86138****8000", "+15551234567" → "+155****4567": enough to tell numbers
 * apart in logs and on the panel, not to dial. At least four digits are hidden whatever the
 * length (a US number kept five in front and four behind, hiding two); a number of six digits or
 * fewer is hidden whole.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  if (digits < 7) return phone.replace(/\d/g, '*');
  const hidden = Math.max(MIN_HIDDEN, digits - MAX_HEAD - TAIL);
  const tail = Math.min(TAIL, digits - hidden);
  const head = digits - hidden - tail;
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    seen++;
    return seen <= head || seen > digits - tail ? d : '*';
  });
}

const PHONE_KEYS = new Set(['phone', 'from', 'to', 'msisdn']);
const TEXT_KEYS = new Set(['text', 'body', 'Body']);
/** Nested objects are looked into this deep (a provider's answer, an SMS inside a record). */
const MAX_DEPTH = 4;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** A copy of `obj` with phones masked and, unless `keepText`, message text redacted, at any depth. */
function scrub(obj: Record<string, unknown>, keepText: boolean, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = Array.isArray(obj) ? ([...obj] as never) : { ...obj };
  for (const [k, v] of Object.entries(out)) {
    if (!keepText && TEXT_KEYS.has(k)) out[k] = '[redacted]';
    else if (PHONE_KEYS.has(k) && typeof v === 'string') out[k] = maskPhone(v);
    else if (depth < MAX_DEPTH && isPlain(v)) out[k] = scrub(v, keepText, depth + 1);
  }
  return out;
}

/**
 * JSON logs on stderr (stdout stays pure JSONL for the CLIs). Phone numbers are masked; message
 * text (a `text`, `body` or `Body` field, at any depth) is only logged at debug level, where
 * operators opt into it.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const debug = level === 'debug' || level === 'trace';
  return pino(
    {
      name,
      level,
      formatters: {
        log(obj: Record<string, unknown>) {
          return scrub(obj, debug, 0);
        },
      },
    },
    pino.destination(2),
  );
}
