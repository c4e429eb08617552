import pino, { type Logger } from 'pino';

/** "+8613800138000" → "+86138****8000": enough to tell numbers apart in logs, not to dial. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return phone.replace(/\d/g, '*');
  const keepHead = Math.min(digits.length - 4, phone.startsWith('+') ? 5 : 3);
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    seen++;
    return seen <= keepHead || seen > digits.length - 4 ? d : '*';
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
