import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { maskPhone } from '../../log.ts';
import { migrate } from './migrations.ts';
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
} from './rows.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { GroupCommit } from './group-commit.ts';
import { prepareStatements, selectInbox, type Statements } from './statements.ts';

/** With background checkpoints, the log size (pages) at which a COMMIT still checkpoints itself. */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/**
 * The embedded store: one SQLite file (better-sqlite3, synchronous), WAL so the HTTP server and
 * the sender read while a transaction writes, and numbered migrations applied at open
 * (`migrations.ts`). The SQL is in `statements.ts`, the row mapping in `rows.ts`.
 *
 * Foreign keys are DEFERRABLE INITIALLY DEFERRED: inside `transaction()` the order of the writes
 * does not matter (archive the inbound, then create its conversation), the check runs at commit.
 *
 * The store interfaces are async (PostgreSQL needs them so); here every statement still runs
 * synchronously and its result is wrapped. A transaction is a savepoint in one BEGIN IMMEDIATE …
 * COMMIT on the one connection, which the transactions of one event-loop turn share: its function only awaits these already-settled results, so it runs to its end
 * before any other I/O is served, and transactions (and calls from outside one while one is
 * open) queue behind each other instead of interleaving on the connection.
 */
export class SqliteStore implements StoreSession, ConversationStore, OutboxStore, AccountStore, ReadQueries {
  readonly kind: StoreKind = 'sqlite';
  private readonly s: Statements;
  /** Set in the async context of a running transaction: how deep its savepoints go. */
  private readonly inTx = new AsyncLocalStorage<{ depth: number }>();
  /** The tail of the queue of transactions waiting for the connection. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether a transaction holds the connection now. */
  private busy = false;

  /** Transactions asked for in one turn of the event loop share one commit (group-commit.ts). */
  private readonly groups: GroupCommit;
  /** The background checkpoints (checkpointer.ts), when the store was opened with them. */
  private checkpointer: Checkpointer | null = null;

  private constructor(private readonly db: Database.Database) {
    this.s = prepareStatements(db);
    this.groups = new GroupCommit(
      db,
      (f) => this.exclusive(f),
      (fn) => this.inTx.run({ depth: 0 }, fn),
    );
  }

  /**
   * Open (creating it and its folders if need be) the database at `path`, or `:memory:`, and
   * apply the migrations it lacks. With `backgroundCheckpoints` (the server's store), a worker
   * thread checkpoints the WAL so that no COMMIT on this connection has to (checkpointer.ts).
   */
  static open(path: string, opts: { backgroundCheckpoints?: boolean } = {}): SqliteStore {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 5000 });
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // The inbox searches phones as the panel shows them, never the digits the mask hides.
      db.function('mask_phone', { deterministic: true }, (phone: unknown) =>
        typeof phone === 'string' ? maskPhone(phone) : null,
      );
      migrate(db);
      const store = new SqliteStore(db);
      if (opts.backgroundCheckpoints && path !== ':memory:' && path !== '') {
        // The writer's own checkpoint stays as a backstop, at a mark the worker keeps it under.
        db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
        store.checkpointer = startCheckpointer(path);
      }
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  // the session

  /**
   * Run `fn` in one transaction. The outermost call is BEGIN IMMEDIATE (it takes the write lock
   * up front, so a read-then-write never fails with SQLITE_BUSY halfway), shared with the other
   * transactions asked for in this turn and resolved after their COMMIT; a nested call joins it
   * as a savepoint: its writes commit only with the outer transaction, and if it throws, only its
   * own writes are undone before the error reaches the outer `fn`.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const tx = this.inTx.getStore();
    if (tx) {
      const name = `sp${++tx.depth}`;
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const r = await fn();
        this.db.exec(`RELEASE ${name}`);
        return r;
      } catch (err) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
        throw err;
      } finally {
        tx.depth--;
      }
    }
    return this.groups.run(fn);
  }

  /** `f` alone on the connection: after every transaction queued before it. */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.busy = true;
      try {
        return await f();
      } finally {
        this.busy = false;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One statement's worth of work: at once when no transaction holds the connection or when
   * called from inside the one that does; otherwise after it (never inside someone else's).
   */
  private run<T>(f: () => T): Promise<T> {
    if (!this.busy || this.inTx.getStore()) {
      try {
        return Promise.resolve(f());
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    return this.exclusive(async () => f());
  }

  async close(): Promise<void> {
    await this.groups.settled();
    await this.queue;
    await this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }

  /** SQLite's `PRAGMA data_version`: changes only when another connection commits. */
  dataVersion(): Promise<number | null> {
    return this.run(() => this.s.dataVersion.get()!.data_version);
  }

  /** One IMMEDIATE transaction at a time already holds every conversation. */
  lockConversation(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** One process: nobody else to tell. */
  announceChange(): Promise<void> {
    return Promise.resolve();
  }

  onRemoteChange(): () => void {
    return () => {};
  }

  // accounts and payments

  getAccount(id: string): Promise<StoredAccount | null> {
    return this.run(() => {
      const r = this.s.accounts.byId.get(id);
      return r ? toAccount(r) : null;
    });
  }

  getAccountByPhone(phone: string): Promise<StoredAccount | null> {
    return this.run(() => {
      const r = this.s.accounts.byPhone.get(phone);
      return r ? toAccount(r) : null;
    });
  }

  /** On an update, `createdAt` keeps the first insert's value; every other field is replaced. */
  upsertAccount(account: StoredAccount): Promise<{ created: boolean }> {
    return this.transaction(async () => {
      const owner = this.s.accounts.byPhone.get(account.phone);
      if (owner && owner.id !== account.id) throw new PhoneInUseError(account.phone, owner.id);
      const created = this.s.accounts.byId.get(account.id) === undefined;
      this.s.accounts.upsert.run(accountParams(account));
      return { created };
    });
  }

  countAccounts(): Promise<number> {
    return this.run(() => this.s.accounts.count.get()!.n);
  }

  /** Oldest first. */
  listAccounts(): Promise<StoredAccount[]> {
    return this.run(() => this.s.accounts.list.all().map(toAccount));
  }

  insertPayment(p: Omit<StoredPayment, 'id'>): Promise<StoredPayment> {
    return this.run(() => {
      const row = this.s.payments.insert.get(p.accountId, p.amount, p.paidAt, p.reference, p.createdAt)!;
      return { id: row.id, ...p };
    });
  }

  /** In payment order (`paidAt`, then id). */
  listPayments(): Promise<StoredPayment[]> {
    return this.run(() => this.s.payments.list.all().map(toPayment));
  }

  // conversations

  getConversation(id: string): Promise<ConversationRow | null> {
    return this.run(() => {
      const r = this.s.conversations.byId.get(id);
      return r ? toConversation(r) : null;
    });
  }

  getConversationByAccount(accountId: string): Promise<ConversationRow | null> {
    return this.run(() => {
      const r = this.s.conversations.byAccount.get(accountId);
      return r ? toConversation(r) : null;
    });
  }

  saveConversation(row: ConversationRow): Promise<number> {
    return this.run(() => {
      const params = conversationParams(row);
      // all(), not get(): a write stepped to its end, so a deferred foreign key failing at the
      // autocommit is reported rather than lost with the statement's reset.
      const updated = this.s.conversations.update.all(params)[0];
      return updated ? updated.version : this.s.conversations.save.all(params)[0]!.version;
    });
  }

  // the archive

  insertInbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage | null> {
    return this.run(() => {
      if (m.message.direction !== 'in')
        throw new Error(`insertInbound: message ${m.message.seq} is outbound`);
      const params = messageParams(m);
      const r = this.s.messages.insertInbound.get(params);
      // What was written, read back from its own JSON (not the caller's object, which it may change).
      return r ? { id: r.id, ...m, message: writtenMessage(params) } : null;
    });
  }

  /**
   * A later upsert with `providerMessageId: null` keeps the provider id already recorded (the
   * runtime re-saving its view must not erase what `setMessageDelivery` learnt from the provider).
   */
  upsertOutbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage> {
    return this.run(() => {
      if (m.message.direction !== 'out')
        throw new Error(`upsertOutbound: message ${m.message.seq} is inbound`);
      if (m.conversationId === null)
        throw new Error('upsertOutbound: an outbound message needs a conversation');
      const params = messageParams(m);
      const r = this.s.messages.upsertOutbound.get(params);
      if (!r)
        throw new Error(
          `upsertOutbound: seq ${m.message.seq} of conversation ${m.conversationId} is an inbound message`,
        );
      return { id: r.id, ...m, message: writtenMessage(params), providerMessageId: r.provider_message_id };
    });
  }

  listMessages(conversationId: string): Promise<StoredMessage[]> {
    return this.run(() => this.s.messages.list.all(conversationId).map(toMessage));
  }

  /** Throws for an unknown id. */
  setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): Promise<void> {
    return this.run(() => {
      const { changes } = this.s.messages.setDelivery.run(status, providerMessageId, reason, id);
      if (changes === 0) throw new Error(`setMessageDelivery: no message ${id}`);
    });
  }

  // the schedule

  replaceSchedule(conversationId: string, jobs: Job[]): Promise<void> {
    return this.transaction(async () => {
      this.s.schedule.deleteAll.run(conversationId);
      for (const job of jobs)
        this.s.schedule.insertJob.run(conversationId, job.id, job.at, job.kind, JSON.stringify(job));
    });
  }

  dueConversations(at: number, limit: number): Promise<string[]> {
    return this.run(() => this.s.schedule.dueConversations.all(at, limit).map((r) => r.conversation_id));
  }

  // the outbox

  enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): Promise<OutboxItem> {
    return this.run(() => toOutbox(this.s.outbox.enqueue.get(enqueueParams(item))!));
  }

  /** Oldest first means creation order (`createdAt`, then id), whatever the retry times. */
  pendingOutbox(at: number, limit: number): Promise<OutboxItem[]> {
    return this.run(() => this.s.outbox.pending.all(at, limit).map(toOutbox));
  }

  /** The oldest due item, as claimed (its next attempt at the lease's end). */
  claimOutbox(at: number, leaseUntil: number, except: readonly string[] = []): Promise<OutboxItem | null> {
    return this.run(() => {
      const r = except.length
        ? this.s.outbox.claimExcept.get(leaseUntil, at, JSON.stringify(except))
        : this.s.outbox.claim.get(leaseUntil, at);
      return r ? toOutbox(r) : null;
    });
  }

  /** Fields left undefined keep their value; `lastError: null` clears it. Throws for an unknown id. */
  markOutbox(
    id: number,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): Promise<void> {
    return this.run(() => {
      const { changes } = this.s.outbox.mark.run(markOutboxParams(id, status, fields));
      if (changes === 0) throw new Error(`markOutbox: no outbox item ${id}`);
    });
  }

  /** One UPDATE … WHERE status = `from`: the check and the write cannot be split. */
  markOutboxIf(
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
    return this.run(() => this.s.outbox.mark.run(markOutboxParams(id, status, fields, from)).changes > 0);
  }

  outboxItem(id: number): Promise<OutboxItem | null> {
    return this.run(() => {
      const row = this.s.outbox.byId.get(id);
      return row ? toOutbox(row) : null;
    });
  }

  /** The cancelled items are returned with status `cancelled`, in id order. */
  cancelPendingOutbox(conversationId: string, keepMessageId: number | null): Promise<OutboxItem[]> {
    return this.run(() =>
      this.s.outbox.cancelPending
        .all(conversationId, keepMessageId, keepMessageId)
        .map(toOutbox)
        .sort((a, b) => a.id - b.id),
    );
  }

  // the read queries

  inbox(
    states: readonly string[] | null,
    pausedToo: boolean,
    q: string | null,
    limit: number,
    unsureBelow?: number,
    ids?: readonly string[],
  ): Promise<InboxRecord[]> {
    return this.run(() =>
      selectInbox(this.db, states, pausedToo, q, limit, unsureBelow, ids).map(toInboxRecord),
    );
  }

  metricsRaw(): Promise<RawMetrics> {
    return this.run(() => {
      const m = this.s.metrics;
      const n = (s: typeof m.debtors): number => s.get()?.n ?? 0;
      return {
        debtors: n(m.debtors),
        contacted: n(m.contacted),
        replied: n(m.replied),
        promised: n(m.promised),
        agreed: n(m.agreed),
        complaints: n(m.complaints),
        optedOut: n(m.optedOut),
        promises: m.promises.all(),
        firstInbound: m.firstInbound.all(),
        agreedAccounts: m.agreedAccounts.all().map((r) => r.accountId),
        contactedAccounts: m.contactedAccounts.all().map((r) => r.accountId),
        daily: m.daily.all(),
      };
    });
  }
}
