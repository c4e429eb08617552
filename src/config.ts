import { isIP } from 'node:net';
import { z } from 'zod';
import { ChannelSchema, type ChannelName } from './vocabulary.ts';
import { parseInstant } from './time/calendar.ts';
import { parseStoreTarget } from './store/store-target.ts';

/**
 * Configuration from the environment (CONTRACTS §7), validated with zod. A bad value stops
 * start-up with a message naming the variable.
 */

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost|\[::1\])$/i;

export const ConfigSchema = z
  .object({
    PORT: z.coerce
      .number()
      .int()
      .min(0, 'expected a port 0–65535')
      .max(65535, 'expected a port 0–65535')
      .default(3000),
    HOST: z
      .string()
      .default('127.0.0.1')
      .refine(
        (h) => h === 'localhost' || isIP(h.replace(/^\[|\]$/g, '')) !== 0 || /^[a-z0-9.-]+$/i.test(h),
        'expected an IP address or host name',
      ),
    HUIKUAN_DB: z
      .string()
      .default('./data/huikuan.db')
      .superRefine((v, ctx) => {
        const t = parseStoreTarget(v);
        if ('error' in t) ctx.addIssue({ code: 'custom', message: t.error });
      }),
    /** PostgreSQL only: connections per instance (each unit of work holds one while it runs). */
    HUIKUAN_DB_POOL: z.coerce.number().int().min(2).max(200).default(10),
    /** How long a claimed outbox item is one sender's before another instance may send it, in ms. */
    HUIKUAN_OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
    /**
     * How many debtors' sends one instance awaits at once (one at a time per debtor). 1 by
     * default: a crash then leaves at most one send ambiguous. More only where the channel
     * dedupes or reconciles (the gateway's messageId, Twilio's lookup).
     */
    HUIKUAN_SEND_LANES: z.coerce.number().int().min(1).max(32).default(1),
    /** How many messages the conversations kept in memory may hold together (unset: the service's default). */
    HUIKUAN_CACHE_MESSAGES: z.coerce.number().int().min(0).max(10_000_000).optional(),
    HUIKUAN_ADMIN_TOKEN: optionalString.refine(
      (t) => t === undefined || t.length >= 16,
      'expected at least 16 characters',
    ),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_ACCOUNT_SID: optionalString.refine(
      (s) => s === undefined || /^AC[0-9a-fA-F]{32}$/.test(s),
      'expected AC followed by 32 hex digits',
    ),
    TWILIO_NUMBER: optionalString.refine(
      (s) => s === undefined || /^\+[1-9]\d{6,14}$/.test(s),
      'expected an E.164 number such as +15551234567',
    ),
    /** Twilio's REST API base; tests point it at a local stand-in. */
    TWILIO_API_BASE: z.string().url('expected a URL').default('https://api.twilio.com'),
    PUBLIC_URL: optionalString.refine(
      (u) => u === undefined || /^https?:\/\/[^\s/]+/.test(u),
      'expected an http(s) URL',
    ),
    GATEWAY_SECRET: optionalString.refine(
      (s) => s === undefined || s.length >= 16,
      'expected at least 16 characters',
    ),
    /** Where gateway replies are POSTed (the aggregator's send API), signed like inbound callbacks. */
    GATEWAY_SEND_URL: optionalString.refine(
      (u) => u === undefined || /^https?:\/\//.test(u),
      'expected an http(s) URL',
    ),
    /** CONTRACTS §10: the lender configuration file (YAML or JSON), read once by src/lenders/load.ts. */
    HUIKUAN_CONFIG: optionalString,
    HUIKUAN_DEMO: z.enum(['0', '1'], 'expected 0 or 1').default('1'),
    /** The channel new accounts are reached on before they ever text us. */
    HUIKUAN_DEFAULT_CHANNEL: ChannelSchema.optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'expected a pino level')
      .default('info'),
    /**
     * For tests and demos only: start the clock at this instant and let it run at real speed, so
     * quiet hours and restarts can be exercised without waiting for the night.
     */
    HUIKUAN_NOW: optionalString.refine(
      (s) => s === undefined || parseInstant(s) !== null,
      'expected an ISO 8601 instant with an offset',
    ),
    /** For tests only: exit right after committing an outbound message, before sending it. */
    HUIKUAN_CRASH_AFTER_COMMIT: z.enum(['0', '1']).default('0'),
    /** How often the scheduler and the outbox sender look for work, in ms. */
    HUIKUAN_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  })
  .superRefine((c, ctx) => {
    if (!LOOPBACK.test(c.HOST) && !c.HUIKUAN_ADMIN_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `binding ${c.HOST} (not loopback) requires HUIKUAN_ADMIN_TOKEN`,
      });
    }
    const twilio = [c.TWILIO_AUTH_TOKEN, c.TWILIO_ACCOUNT_SID, c.TWILIO_NUMBER];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      const missing = (['TWILIO_AUTH_TOKEN', 'TWILIO_ACCOUNT_SID', 'TWILIO_NUMBER'] as const).filter(
        (k) => !c[k],
      );
      ctx.addIssue({
        code: 'custom',
        path: [missing[0]!],
        message: `the Twilio channel needs TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID and TWILIO_NUMBER together (missing ${missing.join(', ')})`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & {
  publicUrl: string;
  defaultChannel: ChannelName;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Read and validate the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const c = r.data;
  const host = c.HOST.includes(':') && !c.HOST.startsWith('[') ? `[${c.HOST}]` : c.HOST;
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://${host}:${c.PORT}`).replace(/\/+$/, ''),
    defaultChannel:
      c.HUIKUAN_DEFAULT_CHANNEL ?? (c.TWILIO_AUTH_TOKEN ? 'twilio' : c.GATEWAY_SEND_URL ? 'gateway' : 'sim'),
  };
}
