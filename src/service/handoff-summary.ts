import { z } from 'zod';
import type { ArchivedMessage, PlanView } from '../dialogue/archive.ts';
import { formatZoned } from '../time/timezone.ts';
import { PlanViewSchema } from './plan-view.ts';

/**
 * The facts a person reads at the top of a handed-off conversation (issue 13, "handoffs that
 * answer"): why it came to them, the debtor's own last words before it, every amount, date and
 * installment count the debtor named, and what was on the table. Built from the archive only,
 * so it says nothing the conversation did not hold: no judgement, no paraphrase.
 */

/** How many of the debtor's messages up to the handoff are quoted. */
export const SAID_MAX = 3;
/** A quoted message is cut to this many characters (graphemes), with an ellipsis. */
export const CLIP_AT = 140;
/** At most this many amounts, dates or installment counts, the latest named. */
export const NAMED_MAX = 6;

export const HandoffSummarySchema = z.object({
  /** The intent or event that asked for a person (dispute, request_human, plan_broken…). */
  reason: z.string(),
  /** When the handoff came, in the debtor's zone; null for one recorded before the time was kept. */
  since: z.string().nullable(),
  /** The debtor's last messages up to the handoff, oldest first; text as written, whitespace folded. */
  said: z.array(z.object({ seq: z.number(), at: z.string(), text: z.string(), clipped: z.boolean() })),
  /** Inbound messages after the handoff (shown in the thread below). */
  laterMessages: z.number().int().min(0),
  /** What the parser read in any of the debtor's messages, distinct, in the order first named. */
  named: z.object({
    /** Major units, the account's currency. */
    amounts: z.array(z.number()),
    /** YYYY-MM-DD. */
    dates: z.array(z.string()),
    installments: z.array(z.number().int()),
  }),
  /**
   * agreed: a plan in force. was_agreed: the plan agreed before the handoff, dropped by it (a
   * broken plan). offered: the last offers sent before the handoff (a handoff clears the table).
   */
  table: z.discriminatedUnion('status', [
    z.object({ status: z.literal('agreed'), plan: PlanViewSchema }),
    z.object({ status: z.literal('was_agreed'), plan: PlanViewSchema }),
    z.object({ status: z.literal('offered'), offers: z.array(PlanViewSchema) }),
    z.object({ status: z.literal('none') }),
  ]),
});
export type HandoffSummary = z.infer<typeof HandoffSummarySchema>;

export interface HandoffFacts {
  handoffReason: string;
  /** Epoch ms of the event that handed off; null when not recorded. */
  handoffAt: number | null;
  /** The plan in force, if any. */
  plan: PlanView | null;
  timezone: string;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Whitespace folded to single spaces, then cut at `CLIP_AT` graphemes (never inside one). */
export function clip(text: string): { text: string; clipped: boolean } {
  const folded = text.replace(/\s+/gu, ' ').trim();
  const parts = Array.from(graphemes.segment(folded), (s) => s.segment);
  if (parts.length <= CLIP_AT) return { text: folded, clipped: false };
  return {
    text: `${parts
      .slice(0, CLIP_AT - 1)
      .join('')
      .trimEnd()}…`,
    clipped: true,
  };
}

/** Distinct values in the order first named, keeping the latest `NAMED_MAX`. */
function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)].slice(-NAMED_MAX);
}

export function handoffSummary(messages: readonly ArchivedMessage[], facts: HandoffFacts): HandoffSummary {
  const at = facts.handoffAt ?? Infinity;
  const inbound = messages.filter((m) => m.direction === 'in');
  const before = inbound.filter((m) => m.at <= at);
  const lastTable = messages
    .filter((m) => m.direction === 'out' && m.at <= at && (m.plan || m.offers?.length))
    .at(-1);
  const parsed = inbound.flatMap((m) => (m.parsed ? [m.parsed] : []));
  return {
    reason: facts.handoffReason,
    since: facts.handoffAt === null ? null : formatZoned(facts.handoffAt, facts.timezone),
    said: before.slice(-SAID_MAX).map((m) => ({
      seq: m.seq,
      at: formatZoned(m.at, facts.timezone),
      ...clip(m.text),
    })),
    laterMessages: inbound.length - before.length,
    named: {
      amounts: distinct(parsed.flatMap((p) => (p.amount === null ? [] : [p.amount]))),
      dates: distinct(parsed.flatMap((p) => (p.date === null ? [] : [p.date]))),
      installments: distinct(parsed.flatMap((p) => (p.installments === null ? [] : [p.installments]))),
    },
    table: facts.plan
      ? { status: 'agreed', plan: facts.plan }
      : lastTable?.plan
        ? { status: 'was_agreed', plan: lastTable.plan }
        : lastTable?.offers?.length
          ? { status: 'offered', offers: lastTable.offers }
          : { status: 'none' },
  };
}
