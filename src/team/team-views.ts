import { z } from 'zod';
import { ConversationViewSchema, type InboxFilter, type InboxRow } from '../service/read-models.ts';
import type { HuikuanService } from '../service/huikuan.ts';
import { NoteSchema } from '../store/agent-store.ts';
import { localDate } from '../time/timezone.ts';
import { fillCanned, type Filled } from './canned.ts';
import { filterTeamInbox, withOwnership, type TeamInboxFilter, type TeamInboxRow } from './team-inbox.ts';
import type { Principal, Team } from './team.ts';

/**
 * The panel's reads with the team's facts joined in: the inbox with owners and waiting times,
 * a conversation with its owner, internal notes and the agent of each agent-sent message, and
 * the canned replies filled in for one conversation.
 */

/**
 * One conversation as the team's panel reads it (GET /api/conversations/:id): the panel's view
 * with its owner, the internal notes (times as ISO, UTC) and the agent of each agent-sent message.
 */
export const TeamConversationViewSchema = ConversationViewSchema.extend({
  owner: z.object({ agent: z.string(), since: z.string() }).nullable(),
  notes: z.array(NoteSchema.extend({ at: z.string() })),
  messages: z.array(ConversationViewSchema.shape.messages.element.extend({ agent: z.string().optional() })),
});
export type TeamConversationView = z.infer<typeof TeamConversationViewSchema>;

export async function teamInbox(
  service: HuikuanService,
  team: Team,
  filter: InboxFilter | TeamInboxFilter,
  q: string | null,
  me: Principal,
): Promise<TeamInboxRow[]> {
  const team_ = filter === 'mine' || filter === 'unassigned';
  // "mine" asks for the held conversations by id, so an old one is never cut off by the inbox's
  // 500 most recently updated.
  const rows: InboxRow[] =
    filter === 'mine'
      ? await service.inbox('all', q, await team.store.heldBy(me.username))
      : await service.inbox(filter === 'unassigned' ? 'needs_person' : filter, q);
  const owners = new Map((await team.store.listAssignments()).map((a) => [a.conversationId, a]));
  const waiting = await team.store.waiting(rows.filter((r) => r.needsPerson).map((r) => r.id));
  const slaHours = await service.handoffHours(rows.map((r) => r.id));
  const all = withOwnership({ rows, owners, waiting, slaHours, now: service.now() });
  return team_ ? filterTeamInbox(all, filter, me.username) : all;
}

export async function teamConversation(
  service: HuikuanService,
  team: Team,
  id: string,
): Promise<TeamConversationView | null> {
  const view = await service.conversation(id);
  if (!view) return null;
  const [owner, notes, sends] = await Promise.all([
    team.store.assignment(id),
    team.store.listNotes(id),
    team.store.listAudit({ conversationId: id, limit: 100_000 }),
  ]);
  const bySeq = new Map<number, string>();
  for (const a of sends)
    if (a.action === 'send' && typeof a.detail.seq === 'number') bySeq.set(a.detail.seq, a.agent);
  return {
    ...view,
    owner: owner ? { agent: owner.agent, since: new Date(owner.at).toISOString() } : null,
    notes: notes.map((n) => ({ ...n, at: new Date(n.at).toISOString() })),
    messages: view.messages.map((m) => {
      const agent = m.author === 'agent' ? bySeq.get(m.seq) : undefined;
      return agent ? { ...m, agent } : m;
    }),
  };
}

/** Every canned reply, filled in for conversation `id`; null when there is no such conversation. */
export async function cannedFor(
  service: HuikuanService,
  team: Team,
  id: string,
): Promise<(Filled & { id: number; title: string })[] | null> {
  const view = await service.conversation(id);
  if (!view) return null;
  const facts = {
    debtorName: view.account.debtorName,
    balance: view.account.balance,
    currency: view.account.currency,
    locale: view.account.locale,
    today: localDate(service.now(), view.account.timezone),
    plan: view.context.plan,
    promise: view.context.promise,
  };
  return (await team.store.listCannedReplies()).map((r) => ({
    id: r.id,
    title: r.title,
    ...fillCanned(r.text, facts),
  }));
}
