import { z } from 'zod';
import { CHECK_BELOW, isUnsure } from '../../machines/reading-check.ts';
import { planView } from '../dialogue/conversation.ts';
import { suggest } from '../dialogue/suggest.ts';
import { ActSchema, DialogueLocaleSchema } from '../dialogue/types.ts';
import { maskPhone } from '../log.ts';
import { CurrencySchema, toMajor } from '../money.ts';
import { HardshipSchema, ParseResultSchema, type ParseResult } from '../parse/schema.ts';
import type { Store } from '../store/store.ts';
import { ChannelSchema, LocaleSchema, MessageStatusSchema } from '../vocabulary.ts';
import { formatZoned } from '../time/timezone.ts';
import { HandoffSummarySchema, handoffSummary } from './handoff-summary.ts';
import { promiseOutcomes } from './kept-promises.ts';
import { PlanViewSchema } from './plan-view.ts';
import { restoreConversation } from './restore.ts';
import { layeredPolicy } from '../lenders/layering.ts';
import type { LenderBook } from '../lenders/schema.ts';

/**
 * What the agent-assist panel reads: the inbox, one conversation with the bot's suggestions,
 * the metrics, a conversation exported as a replay file. Read-only: straight from the store
 * (never the write side's cache), amounts in major units, phones masked, times in the debtor's
 * zone. The schemas are the panel API's response shapes (docs/panel-api.md).
 */

/** The inbox's tabs. */
export const InboxFilterSchema = z.enum([
  'all',
  'needs_person',
  'negotiating',
  'agreed',
  'opted_out',
  'wrong_party',
  /** The last inbound message was read unsurely (below the reading check's threshold): a person should look. */
  'unsure',
]);
export type InboxFilter = z.infer<typeof InboxFilterSchema>;

/** The conversation states each tab shows (null: all); "needs a person" also shows paused ones. */
const FILTER_STATES: Record<InboxFilter, readonly string[] | null> = {
  all: null,
  needs_person: ['handoff'],
  negotiating: ['clarify', 'offer', 'promised'],
  agreed: ['agreed'],
  opted_out: ['opted_out'],
  wrong_party: ['wrong_party'],
  unsure: null,
};

/** How sure the parser was of an inbound message, and which rule or model decided. */
const ReadingSchema = z.object({ confidence: z.number(), reason: z.string() });

/** A local date-time with its offset, in the debtor's zone: 2026-11-23T10:05:00+08:00. */
const ZonedTime = z.string();
/** An instant in UTC: 2026-11-23T02:05:00.000Z. */
const IsoTime = z.string();

export const InboxRowSchema = z.object({
  id: z.string(),
  debtorName: z.string(),
  /** Masked: +86138****8000. */
  phone: z.string(),
  state: z.string(),
  paused: z.boolean(),
  needsPerson: z.boolean(),
  /** Why the dialogue asked for a person outside a handoff (third_party, late_fees, wrote_after_opt_out…). */
  attention: z.string().nullable(),
  overdueDays: z.number(),
  /** Major units. */
  balance: z.number(),
  currency: CurrencySchema,
  locale: DialogueLocaleSchema,
  demo: z.boolean(),
  /** The last inbound message was read with low confidence ("needs a look"): how sure, and why. */
  unsure: ReadingSchema.nullable(),
  updatedAt: IsoTime,
  lastMessage: z
    .object({
      direction: z.enum(['in', 'out']),
      text: z.string(),
      at: ZonedTime,
      status: MessageStatusSchema,
    })
    .nullable(),
});
export type InboxRow = z.infer<typeof InboxRowSchema>;

export const ConversationListRowSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  phone: z.string(),
  state: z.string(),
  updatedAt: IsoTime,
});
export type ConversationListRow = z.infer<typeof ConversationListRowSchema>;

const MessageViewSchema = z.object({
  id: z.number(),
  seq: z.number(),
  direction: z.enum(['in', 'out']),
  at: ZonedTime,
  text: z.string(),
  status: MessageStatusSchema,
  kind: z.enum(['reply', 'proactive']).optional(),
  state: z.string().optional(),
  acts: z.array(ActSchema).optional(),
  /** For an inbound: what the parser read in it. */
  parse: ParseResultSchema.optional(),
  /** For an inbound read with low confidence: "needs a look", with how sure and which rule decided. */
  needsLook: ReadingSchema.optional(),
  offers: z.array(PlanViewSchema).optional(),
  plan: PlanViewSchema.optional(),
  /** For a deferred reply: when it goes out. */
  until: ZonedTime.optional(),
  reason: z.string().optional(),
  author: z.enum(['bot', 'agent']).optional(),
});

const SuggestionViewSchema = z.object({
  text: z.string(),
  acts: z.array(ActSchema),
  offers: z.array(PlanViewSchema).optional(),
  /** The guard would hold it until quiet hours end. */
  deferredUntil: ZonedTime.optional(),
});

export const ConversationViewSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  phone: z.string(),
  channel: ChannelSchema,
  state: z.string(),
  paused: z.boolean(),
  updatedAt: IsoTime,
  account: z.object({
    debtorName: z.string(),
    lender: z.string(),
    balance: z.number(),
    currency: CurrencySchema,
    overdueDays: z.number(),
    locale: DialogueLocaleSchema,
    timezone: z.string(),
    demo: z.boolean(),
  }),
  /** What the negotiation knows so far (amounts in major units). */
  context: z.object({
    rounds: z.number(),
    capacity: z.number().nullable(),
    hardship: HardshipSchema.nullable(),
    offers: z.array(PlanViewSchema),
    plan: PlanViewSchema.nullable(),
    promise: z.object({ amount: z.number().nullable(), date: z.string().nullable() }).nullable(),
    handoffReason: z.string().nullable(),
  }),
  /** In handoff: the reason, the debtor's words, amounts and dates named, the table (handoff-summary.ts). */
  handoff: HandoffSummarySchema.nullable(),
  messages: z.array(MessageViewSchema),
  suggestions: z.array(SuggestionViewSchema),
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

const count = z.number().int().min(0);
/** A share, rounded to three decimals (0 when there is nothing to divide by). */
const rate = z.number().min(0);

export const MetricsSchema = z.object({
  totals: z.object({
    debtors: count,
    contacted: count,
    replied: count,
    promised: count,
    agreed: count,
    promisesDue: count,
    promisesKept: count,
    complaints: count,
    optedOut: count,
    payments: count,
  }),
  rates: z.object({
    reply: rate,
    promiseToPay: rate,
    agreement: rate,
    promisesKept: rate,
    complaint: rate,
    optOut: rate,
  }),
  /** Contacted debtors: paid before answering, answered without agreeing or paying, never answered. */
  segments: z.object({ prompt: count, hesitant: count, unreachable: count }),
  /** Per UTC day, in date order. */
  daily: z.array(
    z.object({
      date: z.string(),
      sent: count,
      received: count,
      agreed: count,
      promised: count,
      payments: count,
    }),
  ),
});
export type Metrics = z.infer<typeof MetricsSchema>;

/** A reading below the check's threshold, as the panel marks it; null when sure or not stated. */
function readingOf(
  p: { confidence?: number | null; reason?: string | null } | null,
): z.infer<typeof ReadingSchema> | null {
  if (!p || p.confidence === null || p.confidence === undefined || !isUnsure({ confidence: p.confidence }))
    return null;
  return { confidence: p.confidence, reason: p.reason ?? 'unknown' };
}

/** An inbound message the parser read unsurely carries `needsLook`. */
function needsLookOf(m: { direction: 'in' | 'out'; parsed?: ParseResult; answersCheck?: string }) {
  const look = m.direction === 'in' && m.parsed && !m.answersCheck ? readingOf(m.parsed) : null;
  return look ? { needsLook: look } : {};
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

/** GET /api/demo-debtors: a demo debtor the simulator can text as. */
export const DemoDebtorRowSchema = z.strictObject({
  id: z.string(),
  debtorName: z.string(),
  phone: z.string(),
  locale: LocaleSchema,
});
export type DemoDebtorRow = z.infer<typeof DemoDebtorRowSchema>;

export class ReadModels {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly lenders?: LenderBook,
  ) {}

  /** With `ids`, only those conversations, all of them (no 500-row cap): an agent's own. */
  async inbox(filter: InboxFilter, q: string | null, ids?: readonly string[]): Promise<InboxRow[]> {
    // A phone as typed ("+86 138****8000", "138-0013-8000"): its separators go, its + and * stay,
    // so it is matched as the panel writes numbers (never on the digits the mask hides).
    const digits = q?.replace(/[^\d]/g, '') ?? '';
    const query =
      q && q.trim() !== ''
        ? digits.length >= 3 && /^[\d\s+*-]+$/.test(q)
          ? q.replace(/[\s-]/g, '')
          : q.trim()
        : null;
    const unsureBelow = filter === 'unsure' ? CHECK_BELOW : undefined;
    const rows = await this.store.inbox(
      FILTER_STATES[filter],
      filter === 'needs_person',
      query,
      ids ? -1 : 500,
      unsureBelow,
      ids,
    );
    return rows.map((r) => ({
      id: r.id,
      debtorName: r.debtorName,
      phone: maskPhone(r.phone),
      state: r.state,
      paused: r.paused,
      needsPerson: r.state === 'handoff' || r.paused || r.attention !== null,
      attention: r.attention,
      overdueDays: r.overdueDays,
      balance: toMajor(r.balance),
      currency: r.currency,
      locale: r.locale,
      demo: r.demo,
      unsure: r.lastInbound?.answersCheck ? null : readingOf(r.lastInbound),
      updatedAt: new Date(r.updatedAt).toISOString(),
      lastMessage: r.last ? { ...r.last, at: formatZoned(r.last.at, r.timezone) } : null,
    }));
  }

  /**
   * The demo debtors with their full phones, for the simulator to text from. Demo accounts are
   * simulator-only and their numbers are made up, so nothing real is unmasked; every real
   * debtor's phone stays masked everywhere.
   */
  async demoDebtors(): Promise<DemoDebtorRow[]> {
    return (await this.store.listAccounts())
      .filter((a) => a.demo)
      .map((a) => ({ id: a.id, debtorName: a.debtorName, phone: a.phone, locale: a.locale }));
  }

  async listConversations(): Promise<ConversationListRow[]> {
    // One query with the accounts joined in, not a lookup per conversation.
    return (await this.store.inbox(null, false, null, -1)).map((c) => ({
      id: c.id,
      accountId: c.accountId,
      phone: maskPhone(c.phone),
      state: c.state,
      updatedAt: new Date(c.updatedAt).toISOString(),
    }));
  }

  /** The state of a conversation, cheaply (for live-update events). */
  async stateOf(id: string): Promise<string | null> {
    return (await this.store.getConversation(id))?.state ?? null;
  }

  /**
   * For each conversation of `ids` that exists: the time frame its handoff acknowledgement
   * promises (CONTRACTS §8 handoffResponseHours), under the lender's policy (§10 layering).
   */
  async handoffHours(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const id of ids) {
      const row = await this.store.getConversation(id);
      const account = row && (await this.store.getAccount(row.accountId));
      if (account) out.set(id, layeredPolicy(account, this.lenders?.[account.lender]).handoffResponseHours);
    }
    return out;
  }

  /** One conversation with every message in order and the replies the bot proposes now. */
  async conversation(id: string): Promise<ConversationView | null> {
    const row = await this.store.getConversation(id);
    const account = row && (await this.store.getAccount(row.accountId));
    if (!row || !account) return null;
    const stored = await this.store.listMessages(id);
    const tz = account.timezone;
    const messages: ConversationView['messages'] = stored.map((m) => ({
      id: m.id,
      seq: m.message.seq,
      direction: m.message.direction,
      at: formatZoned(m.message.at, tz),
      text: m.message.text,
      status: m.status,
      ...(m.message.kind ? { kind: m.message.kind, state: m.message.state, acts: m.message.acts } : {}),
      ...(m.message.parsed ? { parse: m.message.parsed } : {}),
      ...needsLookOf(m.message),
      ...(m.message.offers ? { offers: m.message.offers } : {}),
      ...(m.message.plan ? { plan: m.message.plan } : {}),
      ...(m.message.until !== undefined && m.status === 'deferred'
        ? { until: formatZoned(m.message.until, tz) }
        : {}),
      ...(m.reason ? { reason: m.reason } : {}),
      ...(m.message.direction === 'out' ? { author: m.message.author ?? 'bot' } : {}),
    }));
    const { conv } = await restoreConversation(this.store, row, account, this.lenders);
    const ctx = conv.context;
    return {
      id: row.id,
      accountId: row.accountId,
      phone: maskPhone(account.phone),
      channel: row.channel,
      state: conv.state,
      paused: row.paused,
      updatedAt: new Date(row.updatedAt).toISOString(),
      account: {
        debtorName: account.debtorName,
        lender: account.lender,
        balance: toMajor(account.balance),
        currency: account.currency,
        overdueDays: account.overdueDays,
        locale: account.locale,
        timezone: account.timezone,
        demo: account.demo,
      },
      context: {
        rounds: ctx.rounds,
        capacity: ctx.capacity === null ? null : toMajor(ctx.capacity),
        hardship: ctx.hardship,
        offers: ctx.offers.map(planView),
        plan: ctx.plan ? planView(ctx.plan) : null,
        promise: ctx.promise
          ? {
              amount: ctx.promise.amount === null ? null : toMajor(ctx.promise.amount),
              date: ctx.promise.date,
            }
          : null,
        handoffReason: ctx.handoffReason,
      },
      handoff:
        conv.state === 'handoff'
          ? handoffSummary(
              stored.map((m) => m.message),
              {
                handoffReason: ctx.handoffReason ?? 'unknown',
                handoffAt: ctx.handoffAt,
                plan: ctx.plan ? planView(ctx.plan) : null,
                timezone: tz,
              },
            )
          : null,
      messages,
      suggestions: suggest(conv, this.clock()).map(({ deferredUntil, ...x }) => ({
        ...x,
        ...(deferredUntil !== undefined ? { deferredUntil: formatZoned(deferredUntil, tz) } : {}),
      })),
    };
  }

  /** A conversation as a CONTRACTS §5 file: its inbound SMS become the turns of a replay test. */
  async exportConversation(id: string): Promise<Record<string, unknown> | null> {
    const row = await this.store.getConversation(id);
    const account = row && (await this.store.getAccount(row.accountId));
    if (!row || !account) return null;
    const messages = (await this.store.listMessages(id)).map((m) => m.message);
    const tz = account.timezone;
    const start = messages[0]?.at ?? row.updatedAt;
    return {
      id,
      locale: account.locale,
      timezone: tz,
      start: formatZoned(start, tz),
      account: {
        debtorName: account.debtorName,
        lender: account.lender,
        balance: toMajor(account.balance),
        currency: account.currency,
        overdueDays: account.overdueDays,
      },
      ...(account.policy ? { policy: account.policy } : {}),
      turns: messages
        .filter((m) => m.direction === 'in')
        .map((m) => ({ at: formatZoned(m.at, tz), text: m.text, expect: { intent: m.parsed?.intent } })),
    };
  }

  /** The seeds' metrics, from the store. */
  async metrics(): Promise<Metrics> {
    const raw = await this.store.metricsRaw();
    const payments = await this.store.listPayments();
    const now = this.clock();
    const promises = promiseOutcomes(raw, payments);
    const due = promises.filter((p) => p.due <= now || p.keptBy !== null);
    const kept = due.filter((p) => p.keptBy !== null);
    const firstIn = new Map(raw.firstInbound.map((f) => [f.accountId, f.at]));
    const paid = new Map<string, number>();
    for (const p of payments) if (!paid.has(p.accountId)) paid.set(p.accountId, p.paidAt);
    const agreed = new Set(raw.agreedAccounts);
    let prompt = 0;
    let hesitant = 0;
    let unreachable = 0;
    for (const a of new Set([...raw.contactedAccounts, ...paid.keys()])) {
      const inAt = firstIn.get(a);
      const payAt = paid.get(a);
      if (payAt !== undefined && (inAt === undefined || payAt <= inAt)) prompt++;
      else if (inAt === undefined) unreachable++;
      else if (!agreed.has(a) && payAt === undefined) hesitant++;
    }
    const byDay = new Map(raw.daily.map((d) => [d.date, { ...d, payments: 0 }]));
    for (const p of payments) {
      const date = new Date(p.paidAt).toISOString().slice(0, 10);
      const d = byDay.get(date) ?? { date, sent: 0, received: 0, agreed: 0, promised: 0, payments: 0 };
      d.payments++;
      byDay.set(date, d);
    }
    return {
      totals: {
        debtors: raw.debtors,
        contacted: raw.contacted,
        replied: raw.replied,
        promised: raw.promised,
        agreed: raw.agreed,
        promisesDue: due.length,
        promisesKept: kept.length,
        complaints: raw.complaints,
        optedOut: raw.optedOut,
        payments: payments.length,
      },
      rates: {
        reply: ratio(raw.replied, raw.contacted),
        promiseToPay: ratio(raw.promised, raw.contacted),
        agreement: ratio(raw.agreed, raw.contacted),
        promisesKept: ratio(kept.length, due.length),
        complaint: ratio(raw.complaints, raw.contacted),
        optOut: ratio(raw.optedOut, raw.contacted),
      },
      segments: { prompt, hesitant, unreachable },
      daily: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }
}
