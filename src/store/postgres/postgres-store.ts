import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Job } from '../../dialogue/archive.ts';
import {
  PhoneInUseError,
  type AccountStore,
  type ConversationRow,
  type ConversationStore,
  type InboxRecord,
  type MessageStatus,
  type OutboxItem,
  type OutboxStatus,
  type OutboxStore,
  type RawMetrics,
  type ReadQueries,
  type StoredAccount,
  type StoredMessage,
  type StoredPayment,
  type StoreKind,
  type StoreSession,
} from '../store.ts';
import {
  accountParams,
  conversationParams,
  enqueueParams,
  markOutboxParams,
  messageParams,
  toAccount,
  toConversation,
  toInboxRecord,
  toMessage,
  toOutbox,
  toPayment,
  writtenMessage,
  type AccountDbRow,
  type ConversationDbRow,
  type InboxDbRow,
  type MessageDbRow,
  type OutboxDbRow,
  type PaymentDbRow,
} from '../sqlite/rows.ts';
import { PgAgentStore } from './agent-store.ts';
import { pgDriver, type PgConnection, type PgDriver, type PgHeld } from './driver.ts';
import { migratePg } from './migrations.ts';
import { decodeChanges, encodeChanges, CHANGES_CHANNEL } from './rows.ts';
import {
  accountValues,
  conversationValues,
  enqueueValues,
  inboxQuery,
  markValues,
  messageValues,
  SQL,
} from './statements.ts';

/** A transaction in progress: its connection, its savepoint depth, the conversations it changed. */
interface Tx {
  conn: PgHeld;
  depth: number;
  changed: Set<string>;
  /** Set at COMMIT or ROLLBACK: work the transaction started and left running gets the pool. */
  ended: boolean;
}

export interface PostgresStoreOptions {
  /** Connections in the pool (each transaction holds one while it runs). Default 10. */
  poolSize?: number;
  /** Whether to LISTEN for other instances' changes (default true; a migration tool needs none). */
  listen?: boolean;
  /** Where a lost LISTEN connection is reported. */
  onListenError?: (err: Error) => void;
}

/**
 * The shared store: PostgreSQL, for any number of instances on one database (CONTRACTS §9).
 * The same tables, migrations and guarantees as the SQLite store, and the same row mapping
 * (`../sqlite/rows.ts`); the SQL is in `statements.ts`, the schema in `migrations.ts`.
 *
 * A transaction holds one pooled connection for its whole function; every store call made in
 * its async context (AsyncLocalStorage) runs on that connection, so the service's unit of work
 * reads like the SQLite one. Conversations are held with a transaction-scoped advisory lock
 * (released at COMMIT or ROLLBACK, also when an instance dies: its connection goes, and its
 * locks with it). Changes are announced with NOTIFY at commit, to every instance LISTENing.
 */
export class PostgresStore
  implements StoreSession, ConversationStore, OutboxStore, AccountStore, ReadQueries
{
  readonly kind: StoreKind = 'postgres';
  /** This instance, so it can tell its own change notices from others'. */
  private readonly instance = randomUUID();
  private readonly inTx = new AsyncLocalStorage<Tx>();
  private readonly listeners = new Set<(conversationId: string) => void>();
  private unlisten: (() => Promise<void>) | null = null;
  private closing: Promise<void> | null = null;

  private constructor(private readonly db: PgDriver) {}

  /** Connect, apply the migrations the database lacks, and (by default) listen for other instances' changes. */
  static open(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    return PostgresStore.openWith(pgDriver(url, { max: opts.poolSize ?? 10 }), opts);
  }

  /** The same on a given driver (the driver benchmark runs the store on each candidate). */
  static async openWith(db: PgDriver, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    try {
      const conn = await db.connect();
      try {
        await migratePg(conn);
      } finally {
        conn.release();
      }
      const store = new PostgresStore(db);
      if (opts.listen ?? true)
        store.unlisten = await db.listen(
          CHANGES_CHANNEL,
          (p) => store.heard(p),
          opts.onListenError ?? (() => {}),
        );
      return store;
    } catch (err) {
      await db.end().catch(() => {});
      throw err;
    }
  }

  /**
   * The team's tables on this store's pool; a call made inside `transaction()` runs in it.
   * Closing it leaves the pool open: `close()` here ends it.
   */
  agentStore(): PgAgentStore {
    return new PgAgentStore({
      query: <R>(text: string, params?: readonly unknown[]) => this.c.query<R>(text, params),
    });
  }

  /** The statement runner of the current transaction, or the pool. */
  private get c(): PgConnection {
    const tx = this.inTx.getStore();
    return tx && !tx.ended ? tx.conn : this.db;
  }

  /** The transaction calls made here belong to, if one is still open. */
  private get tx(): Tx | undefined {
    const tx = this.inTx.getStore();
    return tx && !tx.ended ? tx : undefined;
  }

  private async one<R>(text: string, params: readonly unknown[]): Promise<R | undefined> {
    return (await this.c.query<R>(text, params))[0];
  }

  // the session

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const tx = this.tx;
    if (tx) {
      const name = `sp${++tx.depth}`;
      await tx.conn.query(`SAVEPOINT ${name}`);
      try {
        const r = await fn();
        await tx.conn.query(`RELEASE SAVEPOINT ${name}`);
        return r;
      } catch (err) {
        await tx.conn.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await tx.conn.query(`RELEASE SAVEPOINT ${name}`);
        throw err;
      } finally {
        tx.depth--;
      }
    }
    const conn = await this.db.connect();
    const t: Tx = { conn, depth: 0, changed: new Set(), ended: false };
    try {
      await conn.query('BEGIN');
      const r = await this.inTx.run(t, fn);
      // Delivered only if the transaction commits, and then to every listener at once.
      for (const payload of encodeChanges(this.instance, t.changed))
        await conn.query(SQL.session.notify, [CHANGES_CHANNEL, payload]);
      await conn.query('COMMIT');
      t.ended = true;
      conn.release();
      return r;
    } catch (err) {
      t.ended = true;
      try {
        await conn.query('ROLLBACK');
        conn.release();
      } catch (rollbackErr) {
        conn.release(rollbackErr as Error);
      }
      throw err;
    }
  }

  /** Stop listening and end the pool; closing again (a shutdown path run twice) is harmless, as on SQLite. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.unlisten?.();
      this.unlisten = null;
      await this.db.end();
    })();
    return this.closing;
  }

  /** Other instances commit all the time: the service checks each conversation's version instead. */
  dataVersion(): Promise<number | null> {
    return Promise.resolve(null);
  }

  async lockConversation(id: string, wait: boolean): Promise<boolean> {
    if (!this.tx) throw new Error('lockConversation: only inside a transaction');
    if (wait) {
      await this.c.query(SQL.session.lockWait, [id]);
      return true;
    }
    return (await this.one<{ ok: boolean }>(SQL.session.lockTry, [id]))!.ok;
  }

  announceChange(conversationId: string): Promise<void> {
    const tx = this.tx;
    if (!tx) throw new Error('announceChange: only inside a transaction');
    tx.changed.add(conversationId);
    return Promise.resolve();
  }

  onRemoteChange(listener: (conversationId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private heard(payload: string): void {
    const notice = decodeChanges(payload);
    if (!notice || notice.instance === this.instance) return;
    for (const id of notice.conversations) for (const l of this.listeners) l(id);
  }

  // accounts and payments

  async getAccount(id: string): Promise<StoredAccount | null> {
    const r = await this.one<AccountDbRow>(SQL.accounts.byId, [id]);
    return r ? toAccount(r) : null;
  }

  async getAccountByPhone(phone: string): Promise<StoredAccount | null> {
    const r = await this.one<AccountDbRow>(SQL.accounts.byPhone, [phone]);
    return r ? toAccount(r) : null;
  }

  /**
   * On an update, `createdAt` keeps the first insert's value; every other field is replaced. A new
   * account (an import's usual row) is one statement; an existing id or a taken phone is then
   * decided in a savepoint of its own, so a refusal leaves the caller's transaction going.
   */
  async upsertAccount(account: StoredAccount): Promise<{ created: boolean }> {
    const values = accountValues(accountParams(account));
    if (await this.one(SQL.accounts.insertNew, values)) return { created: true };
    return this.transaction(async () => {
      const owner = await this.one<AccountDbRow>(SQL.accounts.byPhone, [account.phone]);
      if (owner && owner.id !== account.id) throw new PhoneInUseError(account.phone, owner.id);
      const r = await this.one<{ created: boolean }>(SQL.accounts.upsert, values);
      return { created: r!.created };
    });
  }

  async countAccounts(): Promise<number> {
    return (await this.one<{ n: number }>(SQL.accounts.count, []))!.n;
  }

  async listAccounts(): Promise<StoredAccount[]> {
    return (await this.c.query<AccountDbRow>(SQL.accounts.list)).map(toAccount);
  }

  async insertPayment(p: Omit<StoredPayment, 'id'>): Promise<StoredPayment> {
    const r = await this.one<{ id: number }>(SQL.payments.insert, [
      p.accountId,
      p.amount,
      p.paidAt,
      p.reference,
      p.createdAt,
    ]);
    return { id: r!.id, ...p };
  }

  async listPayments(): Promise<StoredPayment[]> {
    return (await this.c.query<PaymentDbRow>(SQL.payments.list)).map(toPayment);
  }

  // conversations

  async getConversation(id: string): Promise<ConversationRow | null> {
    const r = await this.one<ConversationDbRow>(SQL.conversations.byId, [id]);
    return r ? toConversation(r) : null;
  }

  async getConversationByAccount(accountId: string): Promise<ConversationRow | null> {
    const r = await this.one<ConversationDbRow>(SQL.conversations.byAccount, [accountId]);
    return r ? toConversation(r) : null;
  }

  async saveConversation(row: ConversationRow): Promise<number> {
    return (await this.one<{ version: number }>(
      SQL.conversations.save,
      conversationValues(conversationParams(row)),
    ))!.version;
  }

  // the archive

  async insertInbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage | null> {
    if (m.message.direction !== 'in') throw new Error(`insertInbound: message ${m.message.seq} is outbound`);
    const params = messageParams(m);
    const r = await this.one<{ id: number }>(SQL.messages.insertInbound, messageValues(params));
    return r ? { id: r.id, ...m, message: writtenMessage(params) } : null;
  }

  async upsertOutbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage> {
    if (m.message.direction !== 'out') throw new Error(`upsertOutbound: message ${m.message.seq} is inbound`);
    if (m.conversationId === null)
      throw new Error('upsertOutbound: an outbound message needs a conversation');
    const params = messageParams(m);
    const r = await this.one<{ id: number; provider_message_id: string | null }>(
      SQL.messages.upsertOutbound,
      messageValues(params),
    );
    if (!r)
      throw new Error(
        `upsertOutbound: seq ${m.message.seq} of conversation ${m.conversationId} is an inbound message`,
      );
    return { id: r.id, ...m, message: writtenMessage(params), providerMessageId: r.provider_message_id };
  }

  async listMessages(conversationId: string): Promise<StoredMessage[]> {
    return (await this.c.query<MessageDbRow>(SQL.messages.list, [conversationId])).map(toMessage);
  }

  async setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): Promise<void> {
    const r = await this.one(SQL.messages.setDelivery, [status, providerMessageId, reason, id]);
    if (!r) throw new Error(`setMessageDelivery: no message ${id}`);
  }

  // the schedule

  async replaceSchedule(conversationId: string, jobs: Job[]): Promise<void> {
    await this.c.query(SQL.schedule.replace, [
      conversationId,
      jobs.map((j) => j.id),
      jobs.map((j) => j.at),
      jobs.map((j) => j.kind),
      jobs.map((j) => JSON.stringify(j)),
    ]);
  }

  async dueConversations(at: number, limit: number): Promise<string[]> {
    return (await this.c.query<{ conversation_id: string }>(SQL.schedule.dueConversations, [at, limit])).map(
      (r) => r.conversation_id,
    );
  }

  // the outbox

  async enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): Promise<OutboxItem> {
    return toOutbox((await this.one<OutboxDbRow>(SQL.outbox.enqueue, enqueueValues(enqueueParams(item))))!);
  }

  async pendingOutbox(at: number, limit: number): Promise<OutboxItem[]> {
    return (await this.c.query<OutboxDbRow>(SQL.outbox.pending, [at, limit])).map(toOutbox);
  }

  async claimOutbox(
    at: number,
    leaseUntil: number,
    except: readonly string[] = [],
  ): Promise<OutboxItem | null> {
    const r = await this.one<OutboxDbRow>(SQL.outbox.claim, [at, leaseUntil, except]);
    return r ? toOutbox(r) : null;
  }

  async markOutbox(
    id: number,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): Promise<void> {
    const r = await this.one(SQL.outbox.mark, markValues(markOutboxParams(id, status, fields)));
    if (!r) throw new Error(`markOutbox: no outbox item ${id}`);
  }

  /**
   * One UPDATE … WHERE status = `from`: under READ COMMITTED a concurrent update of the row makes
   * this one wait and re-check the condition on the committed row, so exactly one of two racing
   * writers (the sender, a status callback on another instance) moves it.
   */
  async markOutboxIf(
    id: number,
    from: OutboxStatus,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): Promise<boolean> {
    return (
      (await this.one(SQL.outbox.mark, markValues(markOutboxParams(id, status, fields, from)))) !== undefined
    );
  }

  async outboxItem(id: number): Promise<OutboxItem | null> {
    const r = await this.one<OutboxDbRow>(SQL.outbox.byId, [id]);
    return r ? toOutbox(r) : null;
  }

  async cancelPendingOutbox(conversationId: string, keepMessageId: number | null): Promise<OutboxItem[]> {
    return (await this.c.query<OutboxDbRow>(SQL.outbox.cancelPending, [conversationId, keepMessageId]))
      .map(toOutbox)
      .sort((a, b) => a.id - b.id);
  }

  // the read queries

  async inbox(
    states: readonly string[] | null,
    pausedToo: boolean,
    q: string | null,
    limit: number,
    unsureBelow?: number,
    ids?: readonly string[],
  ): Promise<InboxRecord[]> {
    const { text, params } = inboxQuery(states, pausedToo, q, limit, unsureBelow, ids);
    return (await this.c.query<InboxDbRow>(text, params)).map(toInboxRecord);
  }

  async metricsRaw(): Promise<RawMetrics> {
    const m = SQL.metrics;
    const counts = (await this.one<
      Omit<RawMetrics, 'promises' | 'firstInbound' | 'agreedAccounts' | 'contactedAccounts' | 'daily'>
    >(m.counts, []))!;
    const [promises, firstInbound, agreed, contacted, daily] = await Promise.all([
      this.c.query<RawMetrics['promises'][number]>(m.promises),
      this.c.query<RawMetrics['firstInbound'][number]>(m.firstInbound),
      this.c.query<{ accountId: string }>(m.agreedAccounts),
      this.c.query<{ accountId: string }>(m.contactedAccounts),
      this.c.query<RawMetrics['daily'][number]>(m.daily),
    ]);
    return {
      ...counts,
      promises,
      firstInbound,
      agreedAccounts: agreed.map((r) => r.accountId),
      contactedAccounts: contacted.map((r) => r.accountId),
      daily,
    };
  }
}
