import { z } from 'zod';
import { DEFAULT_POLICY } from '../planning/policy.ts';
import { InboxRowSchema, type InboxRow } from '../service/read-models.ts';
import type { Assignment } from '../store/agent-store.ts';

/**
 * The inbox as a team sees it: who holds each conversation, and for the ones waiting for a
 * person, since when and against which promise: the handoff acknowledgement told the debtor a
 * person would answer within `handoffResponseHours` (CONTRACTS §8) of the policy the conversation
 * runs under (defaults < lender < account, §10), so that is the SLA, and a debtor waiting longer
 * is a breach. Pure: rows, owners, waiting times, time frames and now in; rows out.
 */

/** The team's own inbox tabs, beside the ones of read-models.ts. */
export const TeamInboxFilterSchema = z.enum(['mine', 'unassigned']);
export type TeamInboxFilter = z.infer<typeof TeamInboxFilterSchema>;

/** A row of the team's inbox (GET /api/inbox): the panel's inbox row with its owner and waiting time. */
export const TeamInboxRowSchema = InboxRowSchema.extend({
  /** The username holding the conversation, or null. */
  owner: z.string().nullable(),
  /** When the debtor's first unanswered message came (ISO, UTC), or null when none waits. */
  waitingSince: z.string().nullable(),
  /** Whole minutes waited so far, or null. */
  waitingMinutes: z.number().int().nullable(),
  /** The time frame the handoff acknowledgement promised, in hours. */
  slaHours: z.number(),
  /** When that time frame runs out (ISO, UTC), or null when none waits. */
  slaDueAt: z.string().nullable(),
  slaBreached: z.boolean(),
});
export type TeamInboxRow = z.infer<typeof TeamInboxRowSchema>;

export interface TeamInboxInput {
  rows: readonly InboxRow[];
  owners: ReadonlyMap<string, Assignment>;
  waiting: ReadonlyMap<string, { since: number | null }>;
  /** Each conversation's handoffResponseHours, layered (HuikuanService.handoffHours); the default when absent. */
  slaHours: ReadonlyMap<string, number>;
  now: number;
}

/** Adds owner and waiting time to every row. */
export function withOwnership({
  rows,
  owners,
  waiting,
  slaHours: hours,
  now,
}: TeamInboxInput): TeamInboxRow[] {
  return rows.map((r) => {
    const w = waiting.get(r.id);
    const slaHours = hours.get(r.id) ?? DEFAULT_POLICY.handoffResponseHours;
    const since = r.needsPerson ? (w?.since ?? null) : null;
    const due = since === null ? null : since + slaHours * 3_600_000;
    return {
      ...r,
      owner: owners.get(r.id)?.agent ?? null,
      waitingSince: since === null ? null : new Date(since).toISOString(),
      waitingMinutes: since === null ? null : Math.max(0, Math.floor((now - since) / 60_000)),
      slaHours,
      slaDueAt: due === null ? null : new Date(due).toISOString(),
      slaBreached: due !== null && now > due,
    };
  });
}

/** "mine": what `me` holds; "unassigned": conversations needing a person that nobody holds. Oldest waiting first. */
export function filterTeamInbox(
  rows: readonly TeamInboxRow[],
  filter: TeamInboxFilter,
  me: string,
): TeamInboxRow[] {
  const kept = rows.filter((r) => (filter === 'mine' ? r.owner === me : r.owner === null && r.needsPerson));
  return kept.sort(byWaiting);
}

/** Waiting longest first; those not waiting after, most recently updated first. */
function byWaiting(a: TeamInboxRow, b: TeamInboxRow): number {
  if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince.localeCompare(b.waitingSince);
  if (a.waitingSince !== null) return -1;
  if (b.waitingSince !== null) return 1;
  return b.updatedAt.localeCompare(a.updatedAt);
}
