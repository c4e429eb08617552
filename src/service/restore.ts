import { Conversation, type ArchivedMessage } from '../dialogue/conversation.ts';
import type { LenderBook } from '../lenders/schema.ts';
import type { ConversationRow, MessageStatus, Store, StoredAccount } from '../store/store.ts';

/** Each archived message's runtime status, by seq: what the store last holds of the conversation. */
export type Statuses = Map<number, ArchivedMessage['status']>;

/** The runtime knows only that a message went out; the outbox's progress with it is the store's. */
const runtimeStatus = (s: MessageStatus): ArchivedMessage['status'] =>
  s === 'queued' || s === 'sent' || s === 'failed' ? 'sent' : s;

/**
 * A conversation's runtime rebuilt from its row and its archive (a new one when it never ran),
 * with each message's status as stored, so a later persist can tell what changed.
 */
export async function restoreConversation(
  store: Store,
  row: ConversationRow,
  account: StoredAccount,
  lenders?: LenderBook,
): Promise<{ conv: Conversation; statuses: Statuses }> {
  if (!row.data.snapshot)
    return { conv: Conversation.create(row.id, account, { lenders }), statuses: new Map() };
  const messages = (await store.listMessages(row.id)).map((m) => ({
    ...m.message,
    status: runtimeStatus(m.status),
  }));
  const conv = Conversation.restore(
    {
      id: row.id,
      account,
      snapshot: row.data.snapshot as never,
      messages,
      jobs: row.data.jobs,
      nextJobId: row.data.nextJobId,
      ...(row.data.numberConfirmed ? { numberConfirmed: row.data.numberConfirmed } : {}),
    },
    { lenders },
  );
  return { conv, statuses: new Map(messages.map((m) => [m.seq, m.status])) };
}
