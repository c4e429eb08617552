import type Database from 'better-sqlite3';
import type { RawMetrics } from '../store.ts';
import type {
  AccountDbRow,
  ConversationDbRow,
  EnqueueParams,
  InboxDbRow,
  MarkOutboxParams,
  MessageDbRow,
  MessageParams,
  OutboxDbRow,
  PaymentDbRow,
} from './rows.ts';

/**
 * Every SQL statement of the SQLite store, prepared once at open against the migrated schema and
 * grouped by concern. Only the inbox query is built per call (its WHERE depends on the filter).
 */

const MESSAGE_COLUMNS =
  'conversation_id, seq, direction, at, text, status, message_status, kind, state, acts, parsed, offers, plan, in_reply_to, until, violations, channel, provider_message_id, phone, reason, message, confidence, parse_reason';
const MESSAGE_VALUES = MESSAGE_COLUMNS.split(', ')
  .map((c) => `@${c}`)
  .join(', ');

/** The metrics count an outbound message once queued or sent: failed, deferred and blocked ones never reached the debtor. */
const OUT_DELIVERED = "status IN ('queued', 'sent')";
const INTENT = "json_extract(parsed, '$.intent')";

function accountStatements(db: Database.Database) {
  return {
    byId: db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE id = ?'),
    byPhone: db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE phone = ?'),
    upsert: db.prepare<[AccountDbRow]>(`
      INSERT INTO accounts (id, phone, debtor_name, lender, balance, currency, overdue_days, locale, timezone, policy, how_to_pay, hotline, demo, created_at)
      VALUES (@id, @phone, @debtor_name, @lender, @balance, @currency, @overdue_days, @locale, @timezone, @policy, @how_to_pay, @hotline, @demo, @created_at)
      ON CONFLICT (id) DO UPDATE SET
        phone = excluded.phone, debtor_name = excluded.debtor_name, lender = excluded.lender,
        balance = excluded.balance, currency = excluded.currency, overdue_days = excluded.overdue_days,
        locale = excluded.locale, timezone = excluded.timezone, policy = excluded.policy,
        how_to_pay = excluded.how_to_pay, hotline = excluded.hotline, demo = excluded.demo`),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts'),
    list: db.prepare<[], AccountDbRow>('SELECT * FROM accounts ORDER BY created_at, id'),
  };
}

function paymentStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, number, number, string | null, number], { id: number }>(
      'INSERT INTO payments (account_id, amount, paid_at, reference, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ),
    list: db.prepare<[], PaymentDbRow>('SELECT * FROM payments ORDER BY paid_at, id'),
  };
}

function conversationStatements(db: Database.Database) {
  return {
    byId: db.prepare<[string], ConversationDbRow>('SELECT * FROM conversations WHERE id = ?'),
    byAccount: db.prepare<[string], ConversationDbRow>('SELECT * FROM conversations WHERE account_id = ?'),
    save: db.prepare<[ConversationDbRow], { version: number }>(`
      INSERT INTO conversations (id, account_id, channel, state, data, paused, updated_at, version)
      VALUES (@id, @account_id, @channel, @state, @data, @paused, @updated_at, 1)
      ON CONFLICT (id) DO UPDATE SET
        account_id = excluded.account_id, channel = excluded.channel, state = excluded.state,
        data = excluded.data, paused = excluded.paused, updated_at = excluded.updated_at,
        version = conversations.version + 1
      RETURNING version`),
    // The common case, an existing conversation moving on: columns that change only, so the
    // unique index on account_id is not rewritten (a page less in every commit).
    update: db.prepare<[ConversationDbRow], { version: number }>(`
      UPDATE conversations SET channel = @channel, state = @state, data = @data, paused = @paused, updated_at = @updated_at,
        version = version + 1
      WHERE id = @id AND account_id = @account_id
      RETURNING version`),
  };
}

function messageStatements(db: Database.Database) {
  return {
    // The dedupe of a redelivered webhook: the unique index decides, RETURNING nothing on a clash.
    insertInbound: db.prepare<[MessageParams], { id: number }>(`
      INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (channel, provider_message_id) WHERE direction = 'in' DO NOTHING
      RETURNING id`),
    // Returns nothing when (conversation, seq) is an inbound message: that row is left alone.
    upsertOutbound: db.prepare<[MessageParams], { id: number; provider_message_id: string | null }>(`
      INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (conversation_id, seq) WHERE conversation_id IS NOT NULL DO UPDATE SET
        at = excluded.at, text = excluded.text, status = excluded.status, message_status = excluded.message_status,
        kind = excluded.kind, state = excluded.state, acts = excluded.acts, parsed = excluded.parsed,
        offers = excluded.offers, plan = excluded.plan, in_reply_to = excluded.in_reply_to, until = excluded.until,
        violations = excluded.violations, channel = excluded.channel,
        provider_message_id = COALESCE(excluded.provider_message_id, messages.provider_message_id),
        phone = excluded.phone, reason = excluded.reason, message = excluded.message,
        confidence = excluded.confidence, parse_reason = excluded.parse_reason
      WHERE messages.direction = 'out'
      RETURNING id, provider_message_id`),
    list: db.prepare<[string], MessageDbRow>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq'),
    setDelivery: db.prepare<[string, string | null, string | null, number]>(
      'UPDATE messages SET status = ?, provider_message_id = ?, reason = ? WHERE id = ?',
    ),
  };
}

function scheduleStatements(db: Database.Database) {
  return {
    deleteAll: db.prepare<[string]>('DELETE FROM schedule WHERE conversation_id = ?'),
    insertJob: db.prepare<[string, number, number, string, string]>(
      'INSERT INTO schedule (conversation_id, job_id, at, kind, payload) VALUES (?, ?, ?, ?, ?)',
    ),
    // INDEXED BY: grouping by conversation would otherwise walk the primary key, i.e. the whole
    // schedule (a job per debtor) every tick; through schedule_at only the due jobs are read.
    dueConversations: db.prepare<[number, number], { conversation_id: string }>(`
      SELECT conversation_id, MIN(at) AS first_at FROM schedule INDEXED BY schedule_at WHERE at <= ?
      GROUP BY conversation_id ORDER BY first_at, conversation_id LIMIT ?`),
  };
}

function outboxStatements(db: Database.Database) {
  return {
    enqueue: db.prepare<[EnqueueParams], OutboxDbRow>(`
      INSERT INTO outbox (message_id, conversation_id, channel, to_phone, text, next_attempt_at, created_at)
      VALUES (@message_id, @conversation_id, @channel, @to_phone, @text, @next_attempt_at, @created_at)
      RETURNING *`),
    pending: db.prepare<[number, number], OutboxDbRow>(`
      SELECT * FROM outbox INDEXED BY outbox_pending WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY created_at, id LIMIT ?`),
    // One writer at a time (IMMEDIATE transactions), so no SKIP LOCKED is needed to claim.
    claim: db.prepare<[number, number], OutboxDbRow>(`
      UPDATE outbox SET next_attempt_at = ?
      WHERE id = (SELECT id FROM outbox INDEXED BY outbox_pending WHERE status = 'pending' AND next_attempt_at <= ?
                  ORDER BY created_at, id LIMIT 1)
      RETURNING *`),
    /** As `claim`, passing over the conversations in a JSON array of ids. */
    claimExcept: db.prepare<[number, number, string], OutboxDbRow>(`
      UPDATE outbox SET next_attempt_at = ?
      WHERE id = (SELECT id FROM outbox INDEXED BY outbox_pending WHERE status = 'pending' AND next_attempt_at <= ?
                    AND conversation_id NOT IN (SELECT value FROM json_each(?))
                  ORDER BY created_at, id LIMIT 1)
      RETURNING *`),
    mark: db.prepare<[MarkOutboxParams]>(`
      UPDATE outbox SET
        status = @status,
        attempts = COALESCE(@attempts, attempts),
        next_attempt_at = COALESCE(@next_attempt_at, next_attempt_at),
        last_error = CASE WHEN @set_last_error = 1 THEN @last_error ELSE last_error END,
        sending_since = CASE WHEN @set_sending_since = 1 THEN @sending_since ELSE sending_since END
      WHERE id = @id AND (@from_status IS NULL OR status = @from_status)`),
    byId: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE id = ?'),
    cancelPending: db.prepare<[string, number | null, number | null], OutboxDbRow>(`
      UPDATE outbox SET status = 'cancelled'
      WHERE conversation_id = ? AND status = 'pending' AND (? IS NULL OR message_id <> ?)
      RETURNING *`),
  };
}

function metricStatements(db: Database.Database) {
  const count = (sql: string) => db.prepare<[], { n: number }>(sql);
  return {
    debtors: count('SELECT COUNT(*) AS n FROM accounts'),
    contacted: count(
      `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'out' AND ${OUT_DELIVERED}`,
    ),
    replied: count(
      "SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND conversation_id IS NOT NULL",
    ),
    promised: count(
      `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND ${INTENT} = 'promise_to_pay'`,
    ),
    agreed: count(
      `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'out' AND plan IS NOT NULL AND ${OUT_DELIVERED}`,
    ),
    complaints: count(
      `SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'in' AND ${INTENT} = 'complaint'`,
    ),
    optedOut: count("SELECT COUNT(*) AS n FROM conversations WHERE state = 'opted_out'"),
    promises: db.prepare<[], RawMetrics['promises'][number]>(
      `SELECT c.account_id AS accountId, m.at AS at, json_extract(m.parsed, '$.date') AS date
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.direction = 'in' AND json_extract(m.parsed, '$.intent') = 'promise_to_pay' ORDER BY m.at`,
    ),
    firstInbound: db.prepare<[], RawMetrics['firstInbound'][number]>(
      "SELECT c.account_id AS accountId, MIN(m.at) AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'in' GROUP BY c.account_id",
    ),
    agreedAccounts: db.prepare<[], { accountId: string }>(
      "SELECT DISTINCT c.account_id AS accountId FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'out' AND m.plan IS NOT NULL AND m.status IN ('queued', 'sent')",
    ),
    contactedAccounts: db.prepare<[], { accountId: string }>(
      "SELECT DISTINCT c.account_id AS accountId FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.direction = 'out' AND m.status IN ('queued', 'sent')",
    ),
    daily: db.prepare<[], RawMetrics['daily'][number]>(
      `SELECT date(at / 1000, 'unixepoch') AS date,
              SUM(direction = 'out' AND ${OUT_DELIVERED}) AS sent,
              SUM(direction = 'in') AS received,
              SUM(direction = 'out' AND plan IS NOT NULL AND ${OUT_DELIVERED}) AS agreed,
              SUM(direction = 'in' AND ${INTENT} = 'promise_to_pay') AS promised
         FROM messages GROUP BY 1 ORDER BY 1`,
    ),
  };
}

/** Every statement the store runs, prepared on `db` (migrated already). */
export function prepareStatements(db: Database.Database) {
  return {
    accounts: accountStatements(db),
    payments: paymentStatements(db),
    conversations: conversationStatements(db),
    messages: messageStatements(db),
    schedule: scheduleStatements(db),
    outbox: outboxStatements(db),
    metrics: metricStatements(db),
    dataVersion: db.prepare<[], { data_version: number }>('PRAGMA data_version'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * The inbox: conversations joined with their account and their last message, filtered by state
 * (or paused) and by a search, newest first. Built per call: the WHERE depends on the filter.
 *
 * The search matches the name, the phone as the panel shows it (mask_phone, registered at open:
 * "8000" or "+86138" match +86138****8000) or the exact full number; never the digits the mask
 * hides, or a few queries ("1380", "13800", …) would read a masked number back digit by digit.
 * `q` is escaped so `%` and `_` match themselves. With `unsureBelow`, only conversations whose
 * last inbound message the parser read with less confidence than that (a person should look).
 * With `ids`, only those conversations: one JSON array parameter, so any number of them fits.
 */
/** A column of the conversation's last inbound message (through messages_conversation_seq). */
const LAST_INBOUND = (column: string): string =>
  `SELECT ${column} FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' ORDER BY m.seq DESC LIMIT 1`;

export function selectInbox(
  db: Database.Database,
  states: readonly string[] | null,
  pausedToo: boolean,
  q: string | null,
  limit: number,
  unsureBelow?: number,
  ids?: readonly string[],
): InboxDbRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (ids) {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(ids));
  }
  if (states) {
    const stateClause = `c.state IN (${states.map(() => '?').join(', ') || "''"})`;
    // "Needs a person" also takes what the dialogue flagged outside a handoff (a third party, a
    // fee question, a debtor writing after opting out): the machine's attention, in its snapshot.
    where.push(
      pausedToo
        ? `(${stateClause} OR c.paused = 1 OR json_extract(c.data, '$.snapshot.context.attention.reason') IS NOT NULL)`
        : stateClause,
    );
    args.push(...states);
  }
  if (q) {
    where.push("(a.debtor_name LIKE ? ESCAPE '\\' OR mask_phone(a.phone) LIKE ? ESCAPE '\\' OR a.phone = ?)");
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The full number, with or without its +, is no secret to whoever types it.
    const exact = /^\+?\d+$/.test(q) ? `+${q.replace(/^\+/, '')}` : q;
    args.push(like, like, exact);
  }
  if (unsureBelow !== undefined) {
    // A bare yes or no to the bot's own question is read by the dialogue, not the parser.
    where.push(
      `(${LAST_INBOUND('confidence')}) < ? AND (${LAST_INBOUND("json_extract(m.message, '$.answersCheck')")}) IS NULL`,
    );
    args.push(unsureBelow);
  }
  args.push(limit);
  return db
    .prepare<(string | number)[], InboxDbRow>(
      `SELECT c.id, c.account_id, a.timezone, c.state, c.paused, c.updated_at, a.debtor_name, a.phone, a.overdue_days, a.balance, a.currency, a.locale, a.demo,
         json_extract(c.data, '$.snapshot.context.attention.reason') AS attention,
         (${LAST_INBOUND("json_object('confidence', m.confidence, 'reason', m.parse_reason, 'answersCheck', json_extract(m.message, '$.answersCheck'))")}) AS last_inbound,
         (SELECT json_object('direction', m.direction, 'text', m.text, 'at', m.at, 'status', m.status)
            FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS last
       FROM conversations c JOIN accounts a ON a.id = c.account_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.updated_at DESC, c.id LIMIT ?`,
    )
    .all(...args);
}
