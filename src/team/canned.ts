import { z } from 'zod';
import { formatMoney, toMinor, type Currency } from '../money.ts';
import type { Locale } from '../vocabulary.ts';

/**
 * Canned replies: a supervisor's approved wording with placeholders an agent fills in for one
 * debtor. The filled text is an ordinary agent message: it goes through the same guard.
 * Placeholders: {name} the debtor's name, {amount} the next installment of an agreed plan (the
 * balance without one), {balance}, {dueDate} the next due date (an agreed plan's next
 * installment, else a promised date).
 */

export const PLACEHOLDERS = ['name', 'amount', 'balance', 'dueDate'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{(\w+)\}/g;

/** POST/PUT /api/canned-replies. */
export const CannedReplyInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'expected a title').max(80, 'at most 80 characters'),
  text: z
    .string()
    .trim()
    .min(1, 'expected a text')
    .max(1000, 'at most 1000 characters')
    .superRefine((text, ctx) => {
      for (const m of text.matchAll(PLACEHOLDER))
        if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!))
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {${m[1]}}: expected one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
          });
    }),
});

/** What the placeholders are filled from: a conversation view's facts, amounts in major units. */
export interface CannedFacts {
  debtorName: string;
  balance: number;
  currency: Currency;
  locale: Locale;
  /** The debtor's local date today (YYYY-MM-DD). */
  today: string;
  plan: { installments: { due: string; amount: number }[] } | null;
  promise: { amount: number | null; date: string | null } | null;
}

export interface Filled {
  text: string;
  /** Placeholders with nothing to fill them (the text keeps them, so it is not sent by mistake). */
  missing: Placeholder[];
}

export function fillCanned(template: string, f: CannedFacts): Filled {
  const next = f.plan?.installments.find((i) => i.due >= f.today) ?? null;
  const money = (major: number) => formatMoney(toMinor(major), f.currency, f.locale);
  const values: Record<Placeholder, string | null> = {
    name: f.debtorName,
    amount: next ? money(next.amount) : money(f.balance),
    balance: money(f.balance),
    dueDate: next?.due ?? f.promise?.date ?? null,
  };
  const missing = new Set<Placeholder>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name as Placeholder];
    if (v === undefined) return whole;
    if (v === null) {
      missing.add(name as Placeholder);
      return whole;
    }
    return v;
  });
  return { text, missing: [...missing] };
}
