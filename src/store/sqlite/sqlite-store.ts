import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Job } from '../../dialogue/conversation.ts';
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
import { prepareStatements, selectInbox, type Statements } from './statements.ts';

/**
 * The embedded store: one SQLite file (better-sqlite3, synchronous), WAL so the HTTP server and
 * the sender read while a transaction writes, and numbered migrations applied at open
 * (`migrations.ts`). The SQL is in `statements.ts`, the row mapping in `rows.ts`.
 *
 * Foreign keys are DEFERRABLE INITIALLY DEFERRED: inside `transaction()` the order of the writes
 * does not matter (archive the inbound, then create its conversation), the check runs at commit.
 */
export class SqliteStore implements StoreSession, ConversationStore, OutboxStore, AccountStore, ReadQueries {
  private readonly s: Statements;
  /** One wrapper for every `transaction()` call: BEGIN IMMEDIATE outside, a SAVEPOINT inside. */
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;

  private constructor(private readonly db: Database.Database) {
    this.s = prepareStatements(db);
    this.tx = db.transaction((fn: () => unknown) => fn());
  }

  /**
   * Open (creating it and its folders if need be) the database at `path`, or `:memory:`, and
   * apply the migrations it lacks.
   */
  static open(path: string): SqliteStore {
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
      return new SqliteStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  // the session

  /**
   * Run `fn` in one transaction. The outermost call is BEGIN IMMEDIATE (it takes the write lock
   * up front, so a read-then-write never fails with SQLITE_BUSY halfway); a nested call joins it
   * as a savepoint: its writes commit only with the outer transaction, and if it throws, only its
   * own writes are undone before the error reaches the outer `fn`. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T {
    return this.tx.immediate(fn) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** SQLite's `PRAGMA data_version`: changes only when another connection commits. */
  dataVersion(): number | null {
    return this.s.dataVersion.get()!.data_version;
  }

  // accounts and payments

  getAccount(id: string): StoredAccount | null {
    const r = this.s.accounts.byId.get(id);
    return r ? toAccount(r) : null;
  }

  getAccountByPhone(phone: string): StoredAccount | null {
    const r = this.s.accounts.byPhone.get(phone);
    return r ? toAccount(r) : null;
  }

  /** On an update, `createdAt` keeps the first insert's value; every other field is replaced. */
  upsertAccount(account: StoredAccount): { created: boolean } {
    return this.transaction(() => {
      const owner = this.s.accounts.byPhone.get(account.phone);
      if (owner && owner.id !== account.id) throw new PhoneInUseError(account.phone, owner.id);
      const created = this.s.accounts.byId.get(account.id) === undefined;
      this.s.accounts.upsert.run(accountParams(account));
      return { created };
    });
  }

  countAccounts(): number {
    return this.s.accounts.count.get()!.n;
  }

  /** Oldest first. */
  listAccounts(): StoredAccount[] {
    return this.s.accounts.list.all().map(toAccount);
  }

  insertPayment(p: Omit<StoredPayment, 'id'>): StoredPayment {
    const row = this.s.payments.insert.get(p.accountId, p.amount, p.paidAt, p.reference, p.createdAt)!;
    return { id: row.id, ...p };
  }

  /** In payment order (`paidAt`, then id). */
  listPayments(): StoredPayment[] {
    return this.s.payments.list.all().map(toPayment);
  }

  // conversations

  getConversation(id: string): ConversationRow | null {
    const r = this.s.conversations.byId.get(id);
    return r ? toConversation(r) : null;
  }

  getConversationByAccount(accountId: string): ConversationRow | null {
    const r = this.s.conversations.byAccount.get(accountId);
    return r ? toConversation(r) : null;
  }

  saveConversation(row: ConversationRow): void {
    const params = conversationParams(row);
    if (this.s.conversations.update.run(params).changes === 0) this.s.conversations.save.run(params);
  }

  // the archive

  insertInbound(m: Omit<StoredMessage, 'id'>): StoredMessage | null {
    if (m.message.direction !== 'in') throw new Error(`insertInbound: message ${m.message.seq} is outbound`);
    const params = messageParams(m);
    const r = this.s.messages.insertInbound.get(params);
    // What was written, read back from its own JSON (not the caller's object, which it may change).
    return r ? { id: r.id, ...m, message: writtenMessage(params) } : null;
  }

  /**
   * A later upsert with `providerMessageId: null` keeps the provider id already recorded (the
   * runtime re-saving its view must not erase what `setMessageDelivery` learnt from the provider).
   */
  upsertOutbound(m: Omit<StoredMessage, 'id'>): StoredMessage {
    if (m.message.direction !== 'out') throw new Error(`upsertOutbound: message ${m.message.seq} is inbound`);
    if (m.conversationId === null)
      throw new Error('upsertOutbound: an outbound message needs a conversation');
    const params = messageParams(m);
    const r = this.s.messages.upsertOutbound.get(params);
    if (!r)
      throw new Error(
        `upsertOutbound: seq ${m.message.seq} of conversation ${m.conversationId} is an inbound message`,
      );
    return { id: r.id, ...m, message: writtenMessage(params), providerMessageId: r.provider_message_id };
  }

  listMessages(conversationId: string): StoredMessage[] {
    return this.s.messages.list.all(conversationId).map(toMessage);
  }

  /** Throws for an unknown id. */
  setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): void {
    const { changes } = this.s.messages.setDelivery.run(status, providerMessageId, reason, id);
    if (changes === 0) throw new Error(`setMessageDelivery: no message ${id}`);
  }

  // the schedule

  replaceSchedule(conversationId: string, jobs: Job[]): void {
    this.transaction(() => {
      this.s.schedule.deleteAll.run(conversationId);
      for (const job of jobs)
        this.s.schedule.insertJob.run(conversationId, job.id, job.at, job.kind, JSON.stringify(job));
    });
  }

  dueConversations(at: number, limit: number): string[] {
    return this.s.schedule.dueConversations.all(at, limit).map((r) => r.conversation_id);
  }

  // the outbox

  enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): OutboxItem {
    return toOutbox(this.s.outbox.enqueue.get(enqueueParams(item))!);
  }

  /** Oldest first means creation order (`createdAt`, then id), whatever the retry times. */
  pendingOutbox(at: number, limit: number): OutboxItem[] {
    return this.s.outbox.pending.all(at, limit).map(toOutbox);
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
  ): void {
    const { changes } = this.s.outbox.mark.run(markOutboxParams(id, status, fields));
    if (changes === 0) throw new Error(`markOutbox: no outbox item ${id}`);
  }

  outboxItem(id: number): OutboxItem | null {
    const row = this.s.outbox.byId.get(id);
    return row ? toOutbox(row) : null;
  }

  /** The cancelled items are returned with status `cancelled`, in id order. */
  cancelPendingOutbox(conversationId: string, keepMessageId: number | null): OutboxItem[] {
    return this.s.outbox.cancelPending
      .all(conversationId, keepMessageId, keepMessageId)
      .map(toOutbox)
      .sort((a, b) => a.id - b.id);
  }

  // the read queries

  inbox(
    states: readonly string[] | null,
    pausedToo: boolean,
    q: string | null,
    limit: number,
    unsureBelow?: number,
    ids?: readonly string[],
  ): InboxRecord[] {
    return selectInbox(this.db, states, pausedToo, q, limit, unsureBelow, ids).map(toInboxRecord);
  }

  metricsRaw(): RawMetrics {
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
  }
}
