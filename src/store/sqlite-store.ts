import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ArchivedMessage, Job } from '../dialogue/conversation.ts';
import type { Account } from '../dialogue/types.ts';
import type {
  ChannelName,
  ConversationRow,
  InboxRecord,
  MessageStatus,
  OutboxItem,
  RawMetrics,
  Store,
  StoredAccount,
  StoredMessage,
  StoredPayment,
} from './store.ts';

/**
 * The embedded store: one SQLite file (better-sqlite3, synchronous), WAL so the HTTP server and
 * the sender read while a transaction writes, and numbered migrations applied at open.
 *
 * Two rules keep the data exact:
 * - an archived message is kept whole as JSON (`messages.message`) and read back from it, so what
 *   the runtime wrote is what it gets back (absent optional fields stay absent); the columns beside
 *   it (`seq`, `status`, `acts`, `offers`, …) are copies for queries and are rewritten with it;
 * - JSON columns are written with `JSON.stringify`, which drops `undefined` properties.
 *
 * Foreign keys are DEFERRABLE INITIALLY DEFERRED: inside `transaction()` the order of the writes
 * does not matter (archive the inbound, then create its conversation), the check runs at commit.
 */

/** One schema step. Versions are positive integers in strictly increasing order. */
export interface Migration {
  version: number;
  name: string;
  /** SQL run with `exec`, or a function for steps SQL alone cannot express. */
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, conversations, messages, schedule, outbox',
    up: `
      CREATE TABLE accounts (
        id           TEXT PRIMARY KEY,
        phone        TEXT NOT NULL UNIQUE,
        debtor_name  TEXT NOT NULL,
        lender       TEXT NOT NULL,
        balance      INTEGER NOT NULL,
        currency     TEXT NOT NULL,
        overdue_days INTEGER NOT NULL,
        locale       TEXT NOT NULL,
        timezone     TEXT NOT NULL,
        policy       TEXT,
        demo         INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        created_at   INTEGER NOT NULL
      );

      CREATE TABLE conversations (
        id         TEXT PRIMARY KEY,
        account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id) DEFERRABLE INITIALLY DEFERRED,
        channel    TEXT NOT NULL,
        state      TEXT NOT NULL,
        data       TEXT NOT NULL,
        paused     INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX conversations_state ON conversations (state);
      CREATE INDEX conversations_updated_at ON conversations (updated_at);

      CREATE TABLE messages (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id     TEXT REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
        seq                 INTEGER NOT NULL,
        direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        at                  INTEGER NOT NULL,
        text                TEXT NOT NULL,
        -- delivery status (StoredMessage.status); the runtime's own is message_status
        status              TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'failed', 'deferred', 'blocked')),
        message_status      TEXT NOT NULL,
        kind                TEXT,
        state               TEXT,
        acts                TEXT,
        parsed              TEXT,
        offers              TEXT,
        plan                TEXT,
        in_reply_to         INTEGER,
        until               INTEGER,
        violations          TEXT,
        channel             TEXT NOT NULL,
        provider_message_id TEXT,
        phone               TEXT,
        -- why blocked or failed (StoredMessage.reason); the runtime's own reason is in message
        reason              TEXT,
        -- the whole ArchivedMessage, the source of truth when reading back
        message             TEXT NOT NULL
      );
      -- a redelivered webhook is archived once: the dedupe is this key, not a lookup
      CREATE UNIQUE INDEX messages_inbound_provider_id ON messages (channel, provider_message_id) WHERE direction = 'in';
      CREATE UNIQUE INDEX messages_conversation_seq ON messages (conversation_id, seq) WHERE conversation_id IS NOT NULL;
      CREATE INDEX messages_orphans ON messages (at, id) WHERE conversation_id IS NULL;

      CREATE TABLE schedule (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
        job_id          INTEGER NOT NULL,
        at              INTEGER NOT NULL,
        kind            TEXT NOT NULL,
        payload         TEXT NOT NULL,
        PRIMARY KEY (conversation_id, job_id)
      );
      CREATE INDEX schedule_at ON schedule (at);

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id      INTEGER NOT NULL UNIQUE REFERENCES messages (id) DEFERRABLE INITIALLY DEFERRED,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) DEFERRABLE INITIALLY DEFERRED,
        channel         TEXT NOT NULL,
        to_phone        TEXT NOT NULL,
        text            TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        last_error      TEXT
      );
      CREATE INDEX outbox_status_next_attempt_at ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_conversation_status ON outbox (conversation_id, status);
    `,
  },
  {
    version: 2,
    name: 'payments; an index for the metrics by day',
    up: `
      CREATE TABLE payments (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL REFERENCES accounts (id) DEFERRABLE INITIALLY DEFERRED,
        amount     INTEGER NOT NULL CHECK (amount > 0),
        paid_at    INTEGER NOT NULL,
        reference  TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX payments_account ON payments (account_id, paid_at);
      CREATE INDEX messages_direction_at ON messages (direction, at);
    `,
  },
  {
    version: 3,
    name: 'the outbox sender finds the oldest pending item without sorting the backlog',
    // pendingOutbox orders by (created_at, id): over (status, next_attempt_at) that was a sort of
    // every pending item per send, quadratic while thousands of first reminders drain.
    up: `CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE status = 'pending';`,
  },
];

/**
 * Bring `db` up to the last of `migrations`: each missing one runs in its own IMMEDIATE
 * transaction together with its `schema_migrations` row, and is re-checked inside it, so two
 * processes opening a fresh file at once apply each step once. A database that already has a
 * version this build does not know is refused rather than written to. Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && m.version <= migrations[i - 1]!.version)) {
      throw new Error(
        `migration ${m.version} (${m.name}): versions must be positive integers in increasing order`,
      );
    }
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const known = new Set(migrations.map((m) => m.version));
  const isApplied = db.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const record = db.prepare<[number, string]>('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  const unknown = db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .filter((r) => !known.has(r.version));
  if (unknown.length > 0) {
    throw new Error(
      `the database has schema version ${unknown.map((r) => r.version).join(', ')}, unknown to this build (newest known: ${migrations.at(-1)?.version ?? 0}); refusing to open it`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    const step = db.transaction(() => {
      if (isApplied.get(m.version)) return;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(m.version, m.name);
      applied.push(m.version);
    });
    step.immediate();
  }
  return applied;
}

/** `upsertAccount` for a phone number another account already has. */
export class PhoneInUseError extends Error {
  override name = 'PhoneInUseError';
  constructor(
    readonly phone: string,
    readonly accountId: string,
  ) {
    super(`phone ${phone} is already used by account ${accountId}`);
  }
}

interface InboxDbRow {
  id: string;
  account_id: string;
  timezone: string;
  state: string;
  paused: number;
  updated_at: number;
  debtor_name: string;
  phone: string;
  overdue_days: number;
  balance: number;
  currency: string;
  locale: string;
  demo: number;
  last: string | null;
}

interface AccountDbRow {
  id: string;
  phone: string;
  debtor_name: string;
  lender: string;
  balance: number;
  currency: string;
  overdue_days: number;
  locale: string;
  timezone: string;
  policy: string | null;
  demo: number;
  created_at: number;
}

interface ConversationDbRow {
  id: string;
  account_id: string;
  channel: string;
  state: string;
  data: string;
  paused: number;
  updated_at: number;
}

interface MessageDbRow {
  id: number;
  conversation_id: string | null;
  status: string;
  channel: string;
  provider_message_id: string | null;
  phone: string | null;
  reason: string | null;
  message: string;
}

interface OutboxDbRow {
  id: number;
  message_id: number;
  conversation_id: string;
  channel: string;
  to_phone: string;
  text: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_error: string | null;
}

/** The named parameters of a message write: every column but `id`. */
interface MessageParams {
  conversation_id: string | null;
  seq: number;
  direction: string;
  at: number;
  text: string;
  status: string;
  message_status: string;
  kind: string | null;
  state: string | null;
  acts: string | null;
  parsed: string | null;
  offers: string | null;
  plan: string | null;
  in_reply_to: number | null;
  until: number | null;
  violations: string | null;
  channel: string;
  provider_message_id: string | null;
  phone: string | null;
  reason: string | null;
  message: string;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

const MESSAGE_COLUMNS =
  'conversation_id, seq, direction, at, text, status, message_status, kind, state, acts, parsed, offers, plan, in_reply_to, until, violations, channel, provider_message_id, phone, reason, message';
const MESSAGE_VALUES = MESSAGE_COLUMNS.split(', ')
  .map((c) => `@${c}`)
  .join(', ');

function messageParams(m: Omit<StoredMessage, 'id'>): MessageParams {
  const a = m.message;
  return {
    conversation_id: m.conversationId,
    seq: a.seq,
    direction: a.direction,
    at: a.at,
    text: a.text,
    status: m.status,
    message_status: a.status,
    kind: a.kind ?? null,
    state: a.state ?? null,
    acts: json(a.acts),
    parsed: json(a.parsed),
    offers: json(a.offers),
    plan: json(a.plan),
    in_reply_to: a.inReplyTo ?? null,
    until: a.until ?? null,
    violations: json(a.violations),
    channel: m.channel,
    provider_message_id: m.providerMessageId,
    phone: m.phone,
    reason: m.reason,
    message: JSON.stringify(a),
  };
}

function toAccount(r: AccountDbRow): StoredAccount {
  return {
    id: r.id,
    phone: r.phone,
    debtorName: r.debtor_name,
    lender: r.lender,
    balance: r.balance,
    currency: r.currency as Account['currency'],
    overdueDays: r.overdue_days,
    locale: r.locale as Account['locale'],
    timezone: r.timezone,
    ...(r.policy === null ? {} : { policy: JSON.parse(r.policy) as NonNullable<Account['policy']> }),
    demo: r.demo === 1,
    createdAt: r.created_at,
  };
}

function toConversation(r: ConversationDbRow): ConversationRow {
  return {
    id: r.id,
    accountId: r.account_id,
    channel: r.channel as ChannelName,
    state: r.state,
    data: JSON.parse(r.data) as ConversationRow['data'],
    paused: r.paused === 1,
    updatedAt: r.updated_at,
  };
}

function toMessage(r: MessageDbRow): StoredMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    message: JSON.parse(r.message) as ArchivedMessage,
    status: r.status as MessageStatus,
    channel: r.channel as ChannelName,
    providerMessageId: r.provider_message_id,
    phone: r.phone,
    reason: r.reason,
  };
}

function toOutbox(r: OutboxDbRow): OutboxItem {
  return {
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    channel: r.channel as ChannelName,
    to: r.to_phone,
    text: r.text,
    status: r.status as OutboxItem['status'],
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    lastError: r.last_error,
  };
}

function prepareStatements(db: Database.Database) {
  return {
    accountById: db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE id = ?'),
    accountByPhone: db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE phone = ?'),
    upsertAccount: db.prepare<[AccountDbRow]>(`
      INSERT INTO accounts (id, phone, debtor_name, lender, balance, currency, overdue_days, locale, timezone, policy, demo, created_at)
      VALUES (@id, @phone, @debtor_name, @lender, @balance, @currency, @overdue_days, @locale, @timezone, @policy, @demo, @created_at)
      ON CONFLICT (id) DO UPDATE SET
        phone = excluded.phone, debtor_name = excluded.debtor_name, lender = excluded.lender,
        balance = excluded.balance, currency = excluded.currency, overdue_days = excluded.overdue_days,
        locale = excluded.locale, timezone = excluded.timezone, policy = excluded.policy, demo = excluded.demo`),
    countAccounts: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts'),
    listAccounts: db.prepare<[], AccountDbRow>('SELECT * FROM accounts ORDER BY created_at, id'),

    conversationById: db.prepare<[string], ConversationDbRow>('SELECT * FROM conversations WHERE id = ?'),
    conversationByAccount: db.prepare<[string], ConversationDbRow>(
      'SELECT * FROM conversations WHERE account_id = ?',
    ),
    saveConversation: db.prepare<[ConversationDbRow]>(`
      INSERT INTO conversations (id, account_id, channel, state, data, paused, updated_at)
      VALUES (@id, @account_id, @channel, @state, @data, @paused, @updated_at)
      ON CONFLICT (id) DO UPDATE SET
        account_id = excluded.account_id, channel = excluded.channel, state = excluded.state,
        data = excluded.data, paused = excluded.paused, updated_at = excluded.updated_at`),
    // The common case, an existing conversation moving on: columns that change only, so the
    // unique index on account_id is not rewritten (a page less in every commit).
    updateConversation: db.prepare<[ConversationDbRow]>(`
      UPDATE conversations SET channel = @channel, state = @state, data = @data, paused = @paused, updated_at = @updated_at
      WHERE id = @id AND account_id = @account_id`),
    listConversations: db.prepare<[], ConversationDbRow>(
      'SELECT * FROM conversations ORDER BY updated_at DESC, id',
    ),

    insertInbound: db.prepare<[MessageParams], { id: number }>(`
      INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (channel, provider_message_id) WHERE direction = 'in' DO NOTHING
      RETURNING id`),
    upsertOutbound: db.prepare<[MessageParams], { id: number; provider_message_id: string | null }>(`
      INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (conversation_id, seq) WHERE conversation_id IS NOT NULL DO UPDATE SET
        at = excluded.at, text = excluded.text, status = excluded.status, message_status = excluded.message_status,
        kind = excluded.kind, state = excluded.state, acts = excluded.acts, parsed = excluded.parsed,
        offers = excluded.offers, plan = excluded.plan, in_reply_to = excluded.in_reply_to, until = excluded.until,
        violations = excluded.violations, channel = excluded.channel,
        provider_message_id = COALESCE(excluded.provider_message_id, messages.provider_message_id),
        phone = excluded.phone, reason = excluded.reason, message = excluded.message
      WHERE messages.direction = 'out'
      RETURNING id, provider_message_id`),
    listMessages: db.prepare<[string], MessageDbRow>(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq',
    ),
    listOrphans: db.prepare<[number], MessageDbRow>(
      'SELECT * FROM messages WHERE conversation_id IS NULL ORDER BY at DESC, id DESC LIMIT ?',
    ),
    setDelivery: db.prepare<[string, string | null, string | null, number]>(
      'UPDATE messages SET status = ?, provider_message_id = ?, reason = ? WHERE id = ?',
    ),

    deleteSchedule: db.prepare<[string]>('DELETE FROM schedule WHERE conversation_id = ?'),
    insertJob: db.prepare<[string, number, number, string, string]>(
      'INSERT INTO schedule (conversation_id, job_id, at, kind, payload) VALUES (?, ?, ?, ?, ?)',
    ),
    // INDEXED BY: grouping by conversation would otherwise walk the primary key, i.e. the whole
    // schedule (a job per debtor) every tick; through schedule_at only the due jobs are read.
    dueConversations: db.prepare<[number, number], { conversation_id: string }>(`
      SELECT conversation_id, MIN(at) AS first_at FROM schedule INDEXED BY schedule_at WHERE at <= ?
      GROUP BY conversation_id ORDER BY first_at, conversation_id LIMIT ?`),
    nextDueAt: db.prepare<[], { at: number | null }>('SELECT MIN(at) AS at FROM schedule'),

    enqueue: db.prepare<
      [
        Pick<
          OutboxDbRow,
          | 'message_id'
          | 'conversation_id'
          | 'channel'
          | 'to_phone'
          | 'text'
          | 'next_attempt_at'
          | 'created_at'
        >,
      ],
      OutboxDbRow
    >(`
      INSERT INTO outbox (message_id, conversation_id, channel, to_phone, text, next_attempt_at, created_at)
      VALUES (@message_id, @conversation_id, @channel, @to_phone, @text, @next_attempt_at, @created_at)
      RETURNING *`),
    pendingOutbox: db.prepare<[number, number], OutboxDbRow>(`
      SELECT * FROM outbox INDEXED BY outbox_pending WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY created_at, id LIMIT ?`),
    markOutbox: db.prepare<
      [
        {
          id: number;
          status: string;
          attempts: number | null;
          next_attempt_at: number | null;
          set_last_error: number;
          last_error: string | null;
        },
      ]
    >(`
      UPDATE outbox SET
        status = @status,
        attempts = COALESCE(@attempts, attempts),
        next_attempt_at = COALESCE(@next_attempt_at, next_attempt_at),
        last_error = CASE WHEN @set_last_error = 1 THEN @last_error ELSE last_error END
      WHERE id = @id`),
    cancelPendingOutbox: db.prepare<[string, number | null, number | null], OutboxDbRow>(`
      UPDATE outbox SET status = 'cancelled'
      WHERE conversation_id = ? AND status = 'pending' AND (? IS NULL OR message_id <> ?)
      RETURNING *`),
    countOutbox: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE status = ?'),
    dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version'),
  };
}

export class SqliteStore implements Store {
  private readonly s: ReturnType<typeof prepareStatements>;
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
      migrate(db);
      return new SqliteStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

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

  // accounts

  getAccount(id: string): StoredAccount | null {
    const r = this.s.accountById.get(id);
    return r ? toAccount(r) : null;
  }

  getAccountByPhone(phone: string): StoredAccount | null {
    const r = this.s.accountByPhone.get(phone);
    return r ? toAccount(r) : null;
  }

  /** On an update, `createdAt` keeps the first insert's value; every other field is replaced. */
  upsertAccount(account: StoredAccount): { created: boolean } {
    return this.transaction(() => {
      const owner = this.s.accountByPhone.get(account.phone);
      if (owner && owner.id !== account.id) throw new PhoneInUseError(account.phone, owner.id);
      const created = this.s.accountById.get(account.id) === undefined;
      this.s.upsertAccount.run({
        id: account.id,
        phone: account.phone,
        debtor_name: account.debtorName,
        lender: account.lender,
        balance: account.balance,
        currency: account.currency,
        overdue_days: account.overdueDays,
        locale: account.locale,
        timezone: account.timezone,
        policy: json(account.policy),
        demo: account.demo ? 1 : 0,
        created_at: account.createdAt,
      });
      return { created };
    });
  }

  countAccounts(): number {
    return this.s.countAccounts.get()!.n;
  }

  /** Oldest first. */
  listAccounts(): StoredAccount[] {
    return this.s.listAccounts.all().map(toAccount);
  }

  // conversations

  getConversation(id: string): ConversationRow | null {
    const r = this.s.conversationById.get(id);
    return r ? toConversation(r) : null;
  }

  getConversationByAccount(accountId: string): ConversationRow | null {
    const r = this.s.conversationByAccount.get(accountId);
    return r ? toConversation(r) : null;
  }

  saveConversation(row: ConversationRow): void {
    const params = {
      id: row.id,
      account_id: row.accountId,
      channel: row.channel,
      state: row.state,
      data: JSON.stringify(row.data),
      paused: row.paused ? 1 : 0,
      updated_at: row.updatedAt,
    };
    if (this.s.updateConversation.run(params).changes === 0) this.s.saveConversation.run(params);
  }

  /** Most recently updated first. */
  listConversations(): ConversationRow[] {
    return this.s.listConversations.all().map(toConversation);
  }

  // the archive

  insertInbound(m: Omit<StoredMessage, 'id'>): StoredMessage | null {
    if (m.message.direction !== 'in') throw new Error(`insertInbound: message ${m.message.seq} is outbound`);
    const params = messageParams(m);
    const r = this.s.insertInbound.get(params);
    // What was written, read back from its own JSON (not the caller's object, which it may change).
    return r ? { id: r.id, ...m, message: JSON.parse(params.message) as ArchivedMessage } : null;
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
    const r = this.s.upsertOutbound.get(params);
    if (!r)
      throw new Error(
        `upsertOutbound: seq ${m.message.seq} of conversation ${m.conversationId} is an inbound message`,
      );
    return {
      id: r.id,
      ...m,
      message: JSON.parse(params.message) as ArchivedMessage,
      providerMessageId: r.provider_message_id,
    };
  }

  listMessages(conversationId: string): StoredMessage[] {
    return this.s.listMessages.all(conversationId).map(toMessage);
  }

  listOrphanMessages(limit: number): StoredMessage[] {
    return this.s.listOrphans.all(limit).map(toMessage);
  }

  /** Throws for an unknown id. */
  setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): void {
    const { changes } = this.s.setDelivery.run(status, providerMessageId, reason, id);
    if (changes === 0) throw new Error(`setMessageDelivery: no message ${id}`);
  }

  // the schedule

  replaceSchedule(conversationId: string, jobs: Job[]): void {
    this.transaction(() => {
      this.s.deleteSchedule.run(conversationId);
      for (const job of jobs)
        this.s.insertJob.run(conversationId, job.id, job.at, job.kind, JSON.stringify(job));
    });
  }

  dueConversations(at: number, limit: number): string[] {
    return this.s.dueConversations.all(at, limit).map((r) => r.conversation_id);
  }

  nextDueAt(): number | null {
    return this.s.nextDueAt.get()!.at;
  }

  // the outbox

  enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): OutboxItem {
    const r = this.s.enqueue.get({
      message_id: item.messageId,
      conversation_id: item.conversationId,
      channel: item.channel,
      to_phone: item.to,
      text: item.text,
      next_attempt_at: item.nextAttemptAt,
      created_at: item.createdAt,
    });
    return toOutbox(r!);
  }

  /** Oldest first means creation order (`createdAt`, then id), whatever the retry times. */
  pendingOutbox(at: number, limit: number): OutboxItem[] {
    return this.s.pendingOutbox.all(at, limit).map(toOutbox);
  }

  /** Fields left undefined keep their value; `lastError: null` clears it. Throws for an unknown id. */
  markOutbox(
    id: number,
    status: OutboxItem['status'],
    fields: { attempts?: number; nextAttemptAt?: number; lastError?: string | null },
  ): void {
    const { changes } = this.s.markOutbox.run({
      id,
      status,
      attempts: fields.attempts ?? null,
      next_attempt_at: fields.nextAttemptAt ?? null,
      set_last_error: fields.lastError === undefined ? 0 : 1,
      last_error: fields.lastError ?? null,
    });
    if (changes === 0) throw new Error(`markOutbox: no outbox item ${id}`);
  }

  /** The cancelled items are returned with status `cancelled`, in id order. */
  cancelPendingOutbox(conversationId: string, keepMessageId: number | null): OutboxItem[] {
    return this.s.cancelPendingOutbox
      .all(conversationId, keepMessageId, keepMessageId)
      .map(toOutbox)
      .sort((a, b) => a.id - b.id);
  }

  insertPayment(p: Omit<StoredPayment, 'id'>): StoredPayment {
    const row = this.db
      .prepare<[string, number, number, string | null, number], { id: number }>(
        'INSERT INTO payments (account_id, amount, paid_at, reference, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
      )
      .get(p.accountId, p.amount, p.paidAt, p.reference, p.createdAt)!;
    return { id: row.id, ...p };
  }

  listPayments(): StoredPayment[] {
    return this.db
      .prepare<
        [],
        {
          id: number;
          account_id: string;
          amount: number;
          paid_at: number;
          reference: string | null;
          created_at: number;
        }
      >('SELECT * FROM payments ORDER BY paid_at, id')
      .all()
      .map((r) => ({
        id: r.id,
        accountId: r.account_id,
        amount: r.amount,
        paidAt: r.paid_at,
        reference: r.reference,
        createdAt: r.created_at,
      }));
  }

  inbox(
    states: readonly string[] | null,
    pausedToo: boolean,
    q: string | null,
    limit: number,
  ): InboxRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (states) {
      const stateClause = `c.state IN (${states.map(() => '?').join(', ') || "''"})`;
      where.push(pausedToo ? `(${stateClause} OR c.paused = 1)` : stateClause);
      args.push(...states);
    }
    if (q) {
      where.push("(a.debtor_name LIKE ? ESCAPE '\\' OR a.phone LIKE ? ESCAPE '\\')");
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    args.push(limit);
    const rows = this.db
      .prepare<(string | number)[], InboxDbRow>(
        `SELECT c.id, c.account_id, a.timezone, c.state, c.paused, c.updated_at, a.debtor_name, a.phone, a.overdue_days, a.balance, a.currency, a.locale, a.demo,
           (SELECT json_object('direction', m.direction, 'text', m.text, 'at', m.at, 'status', m.status)
              FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS last
         FROM conversations c JOIN accounts a ON a.id = c.account_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY c.updated_at DESC, c.id LIMIT ?`,
      )
      .all(...args);
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      timezone: r.timezone,
      state: r.state,
      paused: r.paused === 1,
      updatedAt: r.updated_at,
      debtorName: r.debtor_name,
      phone: r.phone,
      overdueDays: r.overdue_days,
      balance: r.balance,
      currency: r.currency as StoredAccount['currency'],
      locale: r.locale as StoredAccount['locale'],
      demo: r.demo === 1,
      last: r.last ? (JSON.parse(r.last) as InboxRecord['last']) : null,
    }));
  }

  metricsRaw(): RawMetrics {
    const one = (sql: string): number => this.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    const intent = "json_extract(parsed, '$.intent')";
    return {
      debtors: one('SELECT COUNT(*) AS n FROM accounts'),
      contacted: one(
        "SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'out' AND status IN ('queued', 'sent')",
      ),
      replied: one(
        "SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND conversation_id IS NOT NULL",
      ),
      promised: one(
        `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND ${intent} = 'promise_to_pay'`,
      ),
      agreed: one(
        "SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'out' AND plan IS NOT NULL AND status IN ('queued', 'sent')",
      ),
      complaints: one(
        `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND ${intent} = 'complaint'`,
      ),
      optedOut: one("SELECT COUNT(*) AS n FROM conversations WHERE state = 'opted_out'"),
      promises: this.db
        .prepare<[], { accountId: string; at: number; date: string | null }>(
          `SELECT c.account_id AS accountId, m.at AS at, json_extract(m.parsed, '$.date') AS date
             FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.direction = 'in' AND json_extract(m.parsed, '$.intent') = 'promise_to_pay' ORDER BY m.at`,
        )
        .all(),
      firstInbound: this.db
        .prepare<[], { accountId: string; at: number }>(
          "SELECT c.account_id AS accountId, MIN(m.at) AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'in' GROUP BY c.account_id",
        )
        .all(),
      agreedAccounts: this.db
        .prepare<[], { accountId: string }>(
          "SELECT DISTINCT c.account_id AS accountId FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'out' AND m.plan IS NOT NULL AND m.status IN ('queued', 'sent')",
        )
        .all()
        .map((r) => r.accountId),
      contactedAccounts: this.db
        .prepare<[], { accountId: string }>(
          "SELECT DISTINCT c.account_id AS accountId FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'out' AND m.status IN ('queued', 'sent')",
        )
        .all()
        .map((r) => r.accountId),
      daily: this.db
        .prepare<[], RawMetrics['daily'][number]>(
          `SELECT date(at / 1000, 'unixepoch') AS date,
                  SUM(direction = 'out' AND status IN ('queued', 'sent')) AS sent,
                  SUM(direction = 'in') AS received,
                  SUM(direction = 'out' AND plan IS NOT NULL AND status IN ('queued', 'sent')) AS agreed,
                  SUM(direction = 'in' AND ${intent} = 'promise_to_pay') AS promised
             FROM messages GROUP BY 1 ORDER BY 1`,
        )
        .all(),
    };
  }

  countOutbox(status: OutboxItem['status']): number {
    return this.s.countOutbox.get(status)!.n;
  }
}
