import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseInstant } from '../time/calendar.ts';
import { toMinor, CurrencySchema } from '../money.ts';
import { IntentSchema } from '../parse/schema.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { PolicyError, PolicyOverrideSchema, resolvePolicy } from '../planning/policy.ts';
import {
  AccountSchema,
  ActSchema,
  DialogueLocaleSchema,
  TimeZoneSchema,
  type Account,
} from '../dialogue/types.ts';

const InstantSchema = z
  .string()
  .refine((s) => parseInstant(s) !== null, 'expected an ISO 8601 instant with an offset');

/** Optional per-turn regression expectations. */
export const TurnExpectSchema = z.strictObject({
  intent: IntentSchema.optional(),
  state: z.string().optional(),
  acts: z.array(ActSchema).optional(),
  offers: z.number().int().min(0).optional(),
});

/**
 * One turn: an SMS from the debtor, or a payment recorded against the account (POST
 * /api/payments; major units). A payment is no §6 event of its own: the bot's thank-you is.
 */
export const TurnSchema = z
  .object({
    at: InstantSchema,
    text: z.string().optional(),
    payment: z.number().positive().optional(),
    expect: TurnExpectSchema.optional(),
  })
  .refine((t) => (t.text === undefined) !== (t.payment === undefined), 'a turn has either text or a payment')
  // Readers of turns that only know SMS (the benchmark) see a payment as an empty text.
  .transform((t) => ({ ...t, text: t.text ?? '' }));
export type Turn = z.infer<typeof TurnSchema>;

/** CONTRACTS §5: a recorded conversation. */
export const ConversationFileSchema = z
  .object({
    id: z.string().min(1),
    locale: DialogueLocaleSchema.default('zh-CN'),
    timezone: TimeZoneSchema.default('Asia/Shanghai'),
    start: InstantSchema,
    account: z.object({
      debtorName: z.string().min(1),
      lender: z.string().min(1),
      balance: z.number().positive(),
      currency: CurrencySchema.default('CNY'),
      overdueDays: z.number().int().min(0),
      /** CONTRACTS §8: the lender's payment instructions and official number. */
      howToPay: z.string().min(1).optional(),
      hotline: z.string().min(1).optional(),
    }),
    policy: PolicyOverrideSchema.optional(),
    turns: z.array(TurnSchema).default([]),
  })
  .superRefine((f, ctx) => {
    // The legal floors hold for recorded conversations too: a replay must never show the bot
    // texting at an hour, or as often, as no account could make it.
    if (f.policy) {
      try {
        resolvePolicy(f.policy, jurisdictionOf({ timezone: f.timezone, currency: f.account.currency }));
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        for (const issue of err.issues)
          ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
      }
    }
    // Zod runs this even when an instant failed its own check (that issue does not abort the
    // object): an instant that is not one was reported there, so only real ones are ordered.
    let prev = parseInstant(f.start)?.epochMs ?? -Infinity;
    f.turns.forEach((t, i) => {
      const at = parseInstant(t.at)?.epochMs;
      if (at === undefined) return;
      if (at < prev)
        ctx.addIssue({
          code: 'custom',
          path: ['turns', i, 'at'],
          message: 'turns must be in time order, at or after start',
        });
      prev = at;
    });
  });
export type ConversationFile = z.infer<typeof ConversationFileSchema>;

export function accountOf(f: ConversationFile): Account {
  return {
    id: f.id,
    debtorName: f.account.debtorName,
    lender: f.account.lender,
    balance: toMinor(f.account.balance),
    currency: f.account.currency,
    overdueDays: f.account.overdueDays,
    locale: f.locale,
    timezone: f.timezone,
    ...(f.policy ? { policy: f.policy } : {}),
    ...(f.account.howToPay ? { howToPay: f.account.howToPay } : {}),
    ...(f.account.hotline ? { hotline: f.account.hotline } : {}),
  };
}

export interface LoadedFile {
  path: string;
  file?: ConversationFile;
  error?: string;
}

const isConversationFile = (p: string): boolean =>
  ['.json', '.yaml', '.yml'].includes(extname(p)) && !p.endsWith('.golden.jsonl');

/** Every conversation file under the paths (files or folders, recursively), sorted by path. */
export function collectPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else if (isConversationFile(p)) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

/** A zod issue's path as a reader writes it: ["turns", 2, "at"] → "turns[2].at". */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

export function loadFile(path: string): LoadedFile {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    return { path, error: `cannot read: ${(err as Error).message}` };
  }
  const r = ConversationFileSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { path, error: `${fieldPath(i.path) || 'file'}: ${i.message}` };
  }
  try {
    AccountSchema.parse(accountOf(r.data));
  } catch (err) {
    return { path, error: `account: ${(err as Error).message}` };
  }
  return { path, file: r.data };
}

/** The golden events file beside a conversation file: c01.yaml → c01.golden.jsonl. */
export const goldenPath = (path: string): string =>
  path.slice(0, path.length - extname(path).length) + '.golden.jsonl';
