import { z } from 'zod';
import { maskPhone } from '../log.ts';
import type { ArchiveRow, AuditEntry, Note } from '../store/agent-store.ts';

/**
 * The archive of a period for a regulator's request: every message with the guard's verdict,
 * every agent action and every internal note, in time order, as CSV or JSONL. Phones are masked
 * unless a supervisor asked for them in full (the route audits that request). Pure.
 */

export const ExportQuerySchema = z.strictObject({
  from: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date or instant'),
  to: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date or instant'),
  format: z.enum(['csv', 'jsonl']).default('jsonl'),
  phones: z.enum(['masked', 'full']).default('masked'),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export const ExportRecordSchema = z.object({
  at: z.string(),
  kind: z.enum(['message', 'action', 'note']),
  conversationId: z.string().nullable(),
  direction: z.enum(['in', 'out']).nullable(),
  /** The username for an agent's message, action or note; "bot" for the bot's messages. */
  agent: z.string().nullable(),
  action: z.string().nullable(),
  phone: z.string().nullable(),
  text: z.string().nullable(),
  status: z.string().nullable(),
  /** For an outbound message: what the guard decided. */
  verdict: z.enum(['send', 'defer', 'block']).nullable(),
  violations: z.array(z.string()),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecordSchema>;

const verdictOf = (status: string): ExportRecord['verdict'] =>
  status === 'blocked' ? 'block' : status === 'deferred' ? 'defer' : status === 'received' ? null : 'send';

/** The `agent` of an agent-sent message: from the audit's send entries, by conversation and seq. */
export function exportRecords(
  messages: readonly ArchiveRow[],
  actions: readonly AuditEntry[],
  notes: readonly Note[],
  fullPhones: boolean,
): ExportRecord[] {
  const sender = new Map<string, string>();
  for (const a of actions)
    if (a.action === 'send' && typeof a.detail.seq === 'number')
      sender.set(`${a.conversationId}#${a.detail.seq}`, a.agent);
  const phone = (p: string | null) => (p === null ? null : fullPhones ? p : maskPhone(p));
  const rows: { at: number; order: number; r: ExportRecord }[] = [];
  for (const m of messages)
    rows.push({
      at: m.at,
      order: 0,
      r: {
        at: new Date(m.at).toISOString(),
        kind: 'message',
        conversationId: m.conversationId,
        direction: m.direction,
        agent:
          m.direction === 'in'
            ? null
            : m.author === 'agent'
              ? (sender.get(`${m.conversationId}#${m.seq}`) ?? 'agent')
              : 'bot',
        action: null,
        phone: phone(m.phone),
        text: m.text,
        status: m.status,
        verdict: m.direction === 'out' ? verdictOf(m.status) : null,
        violations: m.violations,
        reason: m.reason,
        detail: null,
      },
    });
  for (const a of actions)
    rows.push({
      at: a.at,
      order: 1,
      r: {
        at: new Date(a.at).toISOString(),
        kind: 'action',
        conversationId: a.conversationId,
        direction: null,
        agent: a.agent,
        action: a.action,
        phone: null,
        text: null,
        status: null,
        verdict: null,
        violations: [],
        reason: null,
        detail: a.detail,
      },
    });
  for (const n of notes)
    rows.push({
      at: n.at,
      order: 2,
      r: {
        at: new Date(n.at).toISOString(),
        kind: 'note',
        conversationId: n.conversationId,
        direction: null,
        agent: n.agent,
        action: null,
        phone: null,
        text: n.text,
        status: null,
        verdict: null,
        violations: [],
        reason: null,
        detail: null,
      },
    });
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map((x) => x.r);
}

export const toJsonl = (records: readonly ExportRecord[]): string =>
  records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');

const COLUMNS = Object.keys(ExportRecordSchema.shape) as (keyof ExportRecord)[];

/**
 * RFC 4180 CSV. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start:
 * a debtor can type any of them) gets a leading apostrophe, as OWASP advises for CSV exports.
 */
export function toCsv(records: readonly ExportRecord[]): string {
  const cell = (v: unknown): string => {
    let s =
      v === null || v === undefined
        ? ''
        : Array.isArray(v)
          ? v.join('|')
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [COLUMNS.join(','), ...records.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
