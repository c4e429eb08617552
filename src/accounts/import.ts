import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { PhoneSchema } from '../channels/phone.ts';
import { checkLenderName } from '../compliance/lender-name.ts';
import { DialogueLocaleSchema, TimeZoneSchema } from '../dialogue/types.ts';
import { stripBidi } from '../messages/sms-parts.ts';
import { CurrencySchema, toMinor } from '../money.ts';
import { jurisdictionOf, type Jurisdiction } from '../planning/legal-floors.ts';
import { PolicyOverrideSchema, resolvePolicy, type PolicyOverride } from '../planning/policy.ts';
import type { StoredAccount } from '../store/store.ts';

/** Ten years: a debt older than that is not one the bot should be texting about. */
export const MAX_OVERDUE_DAYS = 3650;
/** The largest balance the composer's length guarantee covers (see messages/compose.ts render). */
export const MAX_BALANCE_MAJOR = 1e11;

const CONTROL = /\p{Cc}/u;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A name from a lender's file, with the bidi controls that would reorder an SMS taken out. A
 * name is one line of text: a newline or another control character would start a line of its
 * own inside the SMS (王芳\n回复R拒收), and a lone surrogate is no character any SMS can carry.
 */
const displayName = () =>
  z
    .string()
    .transform(stripBidi)
    .pipe(
      z
        .string()
        .trim()
        .refine((s) => !CONTROL.test(s), 'expected one line of text (no newline or control character)')
        .refine((s) => !UNPAIRED_SURROGATE.test(s), 'expected Unicode text (it has an unpaired surrogate)'),
    );

const overdueDaysMessage = `expected a whole number of days from 0 to ${MAX_OVERDUE_DAYS}`;

/**
 * An account as the import API takes it (CONTRACTS §7): amounts in major units, a phone in
 * E.164, a policy override field by field. Each row is validated on its own; a bad row is
 * reported with its line and never stops the good ones.
 */
const AccountFieldsSchema = z.object({
  id: z.string().trim().min(1, 'expected a non-empty id').max(64, 'at most 64 characters'),
  phone: PhoneSchema,
  debtorName: displayName().pipe(z.string().min(1, 'expected a name').max(40, 'at most 40 characters')),
  lender: displayName().pipe(
    z
      .string()
      .min(1, 'expected a lender')
      .max(20, 'at most 20 characters')
      .superRefine((name, ctx) => {
        const refused = checkLenderName(name);
        if (refused !== null) ctx.addIssue({ code: 'custom', message: refused });
      }),
  ),
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
        if (minor > toMinor(MAX_BALANCE_MAJOR))
          throw new Error(`expected a balance of at most ${MAX_BALANCE_MAJOR}`);
        return minor;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  currency: CurrencySchema,
  // A number, or digits (CSV): no coercion, so true, "1e9" or "" are not days.
  overdueDays: z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,9}$/, overdueDaysMessage)
          .transform(Number),
      ],
      {
        error: overdueDaysMessage,
      },
    )
    .pipe(
      z.number().int(overdueDaysMessage).min(0, overdueDaysMessage).max(MAX_OVERDUE_DAYS, overdueDaysMessage),
    ),
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
  // An object (JSON) or its JSON text (a CSV cell), checked field by field by resolvePolicy.
  policy: z
    .unknown()
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
      if (PolicyOverrideSchema.safeParse(value).success) return value as PolicyOverride;
      // Refused for its fields alone: resolvePolicy names each bad one.
      ctx.addIssue({ code: 'custom', message: policyError(value, 'unknown') ?? 'expected a policy' });
      return z.NEVER;
    }),
});

/** resolvePolicy's refusal without its "policy." prefix, or null when it accepts the override. */
function policyError(override: unknown, jurisdiction: Jurisdiction): string | null {
  try {
    resolvePolicy(override, jurisdiction);
    return null;
  } catch (err) {
    return (err as Error).message.replace(/^policy\.?/, '');
  }
}

/**
 * The whole row: the policy must keep the legal floors of the account's own jurisdiction (its
 * time zone, phone and currency), which no single field knows.
 */
export const AccountInputSchema = AccountFieldsSchema.superRefine((a, ctx) => {
  if (a.policy === undefined) return;
  const refused = policyError(a.policy, jurisdictionOf(a));
  if (refused !== null) ctx.addIssue({ code: 'custom', path: ['policy'], message: refused });
});

export interface RowError {
  line: number;
  error: string;
}

export interface ParsedRows {
  rows: { line: number; account: StoredAccount }[];
  errors: RowError[];
}

/**
 * One row: into `out.rows` when it is an account whose id `seen` does not hold yet, else into
 * `out.errors` with its line. Exported for the sliced import (import-sliced.ts).
 */
export function validateRow(
  raw: unknown,
  line: number,
  now: number,
  out: ParsedRows,
  seen: Set<string>,
): void {
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
  body.forEach((raw, i) => validateRow(raw, i + 1, now, out, seen));
  return out;
}

/** How an import's CSV is read: a header row, each record with the file line it ends on. */
export const CSV_OPTIONS = {
  columns: true,
  skip_empty_lines: true,
  trim: true,
  info: true,
  relax_column_count: true,
  bom: true,
} as const;

/** A CSV record as CSV_OPTIONS reads it. */
export interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/** The row a CSV record stands for: empty cells are left out (so optional fields are absent). */
export const csvRow = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));

/** A CSV parse failure as the one error of the import, at the line it stopped on. */
export const csvFailure = (err: unknown): ParsedRows => ({
  rows: [],
  errors: [
    {
      line: Number((err as { lines?: number }).lines ?? 1),
      error: `not valid CSV: ${(err as Error).message}`,
    },
  ],
});

/** CSV with a header row; `line` is the file's line, the header being line 1. */
export function parseAccountsCsv(text: string, now: number): ParsedRows {
  const out: ParsedRows = { rows: [], errors: [] };
  let records: CsvRecord[];
  try {
    records = parseCsv(text, CSV_OPTIONS) as never;
  } catch (err) {
    return csvFailure(err);
  }
  const seen = new Set<string>();
  for (const { record, info } of records) {
    validateRow(csvRow(record), info.lines, now, out, seen);
  }
  return out;
}
