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

const PHONE_KEYS = ['phone', 'from', 'to', 'msisdn'];
const TEXT_KEYS = ['text', 'body', 'Body'];

/**
 * JSON logs on stderr (stdout stays pure JSONL for the CLIs). Phone numbers are masked; message
 * text is only logged at debug level, where operators opt into it.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const debug = level === 'debug' || level === 'trace';
  return pino(
    {
      name,
      level,
      formatters: {
        log(obj: Record<string, unknown>) {
          const out: Record<string, unknown> = { ...obj };
          for (const k of PHONE_KEYS) if (typeof out[k] === 'string') out[k] = maskPhone(out[k] as string);
          if (!debug) for (const k of TEXT_KEYS) if (k in out) out[k] = '[redacted]';
          return out;
        },
      },
    },
    pino.destination(2),
  );
}
