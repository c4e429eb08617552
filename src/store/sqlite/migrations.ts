import type Database from 'better-sqlite3';

/**
 * The SQLite schema, as numbered steps applied at open. A step, once released, never changes:
 * a new schema is a new step at the end.
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
  {
    version: 4,
    name: "the lender's own payment instructions and hotline on each account (CONTRACTS §8)",
    up: `
      ALTER TABLE accounts ADD COLUMN how_to_pay TEXT;
      ALTER TABLE accounts ADD COLUMN hotline TEXT;
    `,
  },
  {
    version: 5,
    name: 'how sure the parser was of each inbound message, and which rule decided (issue 14)',
    // Columns, not only the parsed JSON: the inbox filters on the last inbound's confidence.
    // Inbound messages archived before parse() stated a confidence keep NULL (never "unsure").
    up: `
      ALTER TABLE messages ADD COLUMN confidence REAL;
      ALTER TABLE messages ADD COLUMN parse_reason TEXT;
      UPDATE messages SET confidence = json_extract(parsed, '$.confidence'), parse_reason = json_extract(parsed, '$.reason')
        WHERE direction = 'in' AND parsed IS NOT NULL;
      `,
  },
  {
    version: 6,
    name: 'a team of agents: accounts, sessions, login failures, ownership, notes, canned replies, audit (CONTRACTS §10)',
    up: `
      CREATE TABLE agents (
        username      TEXT PRIMARY KEY,
        role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL
      );
      -- the token's SHA-256, never the token itself
      CREATE TABLE agent_sessions (
        token_hash   TEXT PRIMARY KEY,
        username     TEXT NOT NULL REFERENCES agents (username),
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE TABLE login_failures (
        username TEXT NOT NULL,
        at       INTEGER NOT NULL
      );
      CREATE INDEX login_failures_username_at ON login_failures (username, at);
      CREATE TABLE assignments (
        conversation_id TEXT PRIMARY KEY,
        agent           TEXT NOT NULL,
        at              INTEGER NOT NULL
      );
      CREATE TABLE notes (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL,
        at              INTEGER NOT NULL,
        agent           TEXT NOT NULL,
        text            TEXT NOT NULL
      );
      CREATE INDEX notes_conversation ON notes (conversation_id, id);
      CREATE INDEX notes_at ON notes (at);
      CREATE TABLE canned_replies (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        title      TEXT NOT NULL,
        text       TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE TABLE audit (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        at              INTEGER NOT NULL,
        agent           TEXT NOT NULL,
        action          TEXT NOT NULL,
        conversation_id TEXT,
        detail          TEXT NOT NULL
      );
      CREATE INDEX audit_at ON audit (at, id);
      CREATE INDEX audit_conversation ON audit (conversation_id, id);
    `,
  },
  {
    version: 7,
    name: 'an outbox item whose send request went out unanswered is reconciled before a retry',
    // Set before a Twilio request, cleared with its outcome: after a crash, a timeout or a 5xx
    // the item is ambiguous, and the sender looks the message up before sending it again.
    up: `ALTER TABLE outbox ADD COLUMN sending_since INTEGER;`,
  },
  {
    version: 8,
    name: 'a version on each conversation, so a cached runtime can be checked against the row (CONTRACTS §9)',
    up: `ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;`,
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
