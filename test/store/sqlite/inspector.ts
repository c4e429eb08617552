import Database from 'better-sqlite3';
import {
  toConversation,
  toMessage,
  type ConversationDbRow,
  type MessageDbRow,
} from '../../../src/store/sqlite/rows.ts';
import type { ConversationRow, OutboxStatus, StoredMessage } from '../../../src/store/store.ts';

/**
 * What tests look up in a store's file that the service never asks for: a second, read-only
 * connection to the same database, so it sees what was committed (never a transaction still
 * open) and keeps these queries off the `Store` interfaces another store would have to implement.
 */
export class SqliteInspector {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string): SqliteInspector {
    return new SqliteInspector(new Database(path, { readonly: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Every conversation, most recently updated first. */
  listConversations(): ConversationRow[] {
    return this.db
      .prepare<[], ConversationDbRow>('SELECT * FROM conversations ORDER BY updated_at DESC, id')
      .all()
      .map(toConversation);
  }

  /** Messages from unknown numbers (no conversation), newest first. */
  listOrphanMessages(limit: number): StoredMessage[] {
    return this.db
      .prepare<[number], MessageDbRow>(
        'SELECT * FROM messages WHERE conversation_id IS NULL ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(limit)
      .map(toMessage);
  }

  /** The earliest job in the schedule, or null when it is empty. */
  nextDueAt(): number | null {
    return this.db.prepare<[], { at: number | null }>('SELECT MIN(at) AS at FROM schedule').get()!.at;
  }

  countOutbox(status: OutboxStatus): number {
    return this.db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE status = ?')
      .get(status)!.n;
  }
}
