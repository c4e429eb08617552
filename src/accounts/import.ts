import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { E164, toE164 } from '../channels/channel.ts';
import { DialogueLocaleSchema, TimeZoneSchema } from '../dialogue/types.ts';
import { CurrencySchema, toMinor } from '../money.ts';
import { PolicyOverrideSchema, resolvePolicy } from '../planning/policy.ts';
import type { StoredAccount } from '../store/store.ts';

/**
 * An account as the import API takes it (CONTRACTS §7): amounts in major units, a phone in
 * E.164, a policy override field by field. Each row is validated on its own; a bad row is
 * reported with its line and never stops the good ones.
 */
export const AccountInputSchema = z.object({
  id: z.string().trim().min(1, 'expected a non-empty id').max(64, 'at most 64 characters'),
  phone: z
    .string()
    .transform((p) => toE164(p))
    .refine((p) => E164.test(p), 'expected an E.164 phone number such as +8613800138000'),
  debtorName: z.string().trim().min(1, 'expected a name').max(40, 'at most 40 characters'),
  lender: z.string().trim().min(1, 'expected a lender').max(20, 'at most 20 characters'),
  balance: z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d+(?:\.\d{1,2})?$/, 'expected an amount such as 3600 or 1234.56'),
    ])
    .transform((b, ctx) => {
      try {
        const minor = toMinor(b);
        if (minor <= 0) throw new Error('expected a positive amount');
        return minor;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  currency: CurrencySchema,
  overdueDays: z.coerce.number().int('expected a whole number of days').min(0, 'expected 0 or more days'),
  locale: DialogueLocaleSchema,
  timezone: TimeZoneSchema,
  /** CONTRACTS §8: the lender's payment instructions, quoted verbatim; a CSV column of the same name. */
  howToPay: z
    .string()
    .trim()
    .min(1, 'expected payment instructions')
    .max(200, 'at most 200 characters')
    .optional(),
  /** CONTRACTS §8: the lender's official number; a CSV column of the same name. */
  hotline: z.string().trim().min(1, 'expected a phone number').max(40, 'at most 40 characters').optional(),
  policy: z
    .union([PolicyOverrideSchema, z.string()])
    .optional()
    .transform((p, ctx) => {
      if (p === undefined || p === '') return undefined;
      let value: unknown = p;
      if (typeof p === 'string') {
        try {
          value = JSON.parse(p);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
          return z.NEVER;
        }
      }
      try {
        resolvePolicy(value);
        return value as z.infer<typeof PolicyOverrideSchema>;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^policy\.?/, '') });
        return z.NEVER;
      }
    }),
});

export interface RowError {
  line: number;
  error: string;
}

export interface ParsedRows {
  rows: { line: number; account: StoredAccount }[];
  errors: RowError[];
}

function validate(raw: unknown, line: number, now: number, out: ParsedRows, seen: Set<string>): void {
  const r = AccountInputSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    out.errors.push({ line, error: `${i.path.join('.') || 'row'}: ${i.message}` });
    return;
  }
  if (seen.has(r.data.id)) {
    out.errors.push({ line, error: `id: ${r.data.id} appears twice in this import` });
    return;
  }
  seen.add(r.data.id);
  const { policy, ...a } = r.data;
  out.rows.push({ line, account: { ...a, ...(policy ? { policy } : {}), demo: false, createdAt: now } });
}

/** A JSON array of accounts; `line` is the 1-based position in the array. */
export function parseAccountsJson(body: unknown, now: number): ParsedRows {
  const out: ParsedRows = { rows: [], errors: [] };
  if (!Array.isArray(body))
    return { rows: [], errors: [{ line: 0, error: 'expected a JSON array of accounts' }] };
  const seen = new Set<string>();
  body.forEach((raw, i) => validate(raw, i + 1, now, out, seen));
  return out;
}

/** CSV with a header row; `line` is the file's line, the header being line 1. */
export function parseAccountsCsv(text: string, now: number): ParsedRows {
  const out: ParsedRows = { rows: [], errors: [] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      bom: true,
    }) as never;
  } catch (err) {
    return {
      rows: [],
      errors: [
        {
          line: Number((err as { lines?: number }).lines ?? 1),
          error: `not valid CSV: ${(err as Error).message}`,
        },
      ],
    };
  }
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const raw = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
    validate(raw, info.lines, now, out, seen);
  }
  return out;
}
