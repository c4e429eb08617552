import Database from 'better-sqlite3';
import pg from 'pg';
import {
  toConversation,
  toMessage,
  type ConversationDbRow,
  type MessageDbRow,
} from '../../src/store/sqlite/rows.ts';
import type { ConversationRow, OutboxStatus, StoredMessage } from '../../src/store/store.ts';

/**
 * What tests look up in a database that the service never asks for, on either store: each call
 * a connection of its own (read-only on SQLite), so it sees what was committed (never a
 * transaction still open) and keeps these queries off the `Store` interfaces. `db` is what
 * HUIKUAN_DB takes: a SQLite file path or a postgres:// URL.
 */
export interface Inspector {
  /** Every conversation, most recently updated first. */
  listConversations(): Promise<ConversationRow[]>;
  /** Messages from unknown numbers (no conversation), newest first. */
  listOrphanMessages(limit: number): Promise<StoredMessage[]>;
  /** The earliest job in the schedule, or null when it is empty. */
  nextDueAt(): Promise<number | null>;
  countOutbox(status: OutboxStatus): Promise<number>;
  /** Any SELECT both engines read alike, parameters as `?` (numbers come back as numbers on both). */
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === INT8 || oid === NUMERIC) && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function runner(db: string): <R>(sql: string, params?: readonly unknown[]) => Promise<R[]> {
  if (/^postgres(ql)?:\/\//.test(db))
    return async <R>(sql: string, params: readonly unknown[] = []) => {
      let n = 0;
      const c = new pg.Client({ connectionString: db, types });
      await c.connect();
      try {
        return (
          await c.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params as unknown[],
          )
        ).rows as R[];
      } finally {
        await c.end();
      }
    };
  return async <R>(sql: string, params: readonly unknown[] = []) => {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return c.prepare(sql).all(...params) as R[];
    } finally {
      c.close();
    }
  };
}

export function inspect(db: string): Inspector {
  const all = runner(db);
  return {
    all,
    listConversations: async () =>
      (await all<ConversationDbRow>('SELECT * FROM conversations ORDER BY updated_at DESC, id')).map(
        toConversation,
      ),
    listOrphanMessages: async (limit) =>
      (
        await all<MessageDbRow>(
          'SELECT * FROM messages WHERE conversation_id IS NULL ORDER BY at DESC, id DESC LIMIT ?',
          [limit],
        )
      ).map(toMessage),
    nextDueAt: async () => (await all<{ at: number | null }>('SELECT MIN(at) AS at FROM schedule'))[0]!.at,
    countOutbox: async (status) =>
      (await all<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE status = ?', [status]))[0]!.n,
  };
}
