import type {
  AccountDbRow,
  ConversationDbRow,
  EnqueueParams,
  MarkOutboxParams,
  MessageParams,
} from '../sqlite/rows.ts';

/**
 * Every SQL statement of the PostgreSQL store, the same statements as SQLite's
 * (`../sqlite/statements.ts`) in PostgreSQL's words, with positional parameters. Ids compare with
 * COLLATE "C" where they order results, so both stores list rows in the same (byte) order.
 */

const MESSAGE_COLUMNS = [
  'conversation_id',
  'seq',
  'direction',
  'at',
  'text',
  'status',
  'message_status',
  'kind',
  'state',
  'acts',
  'parsed',
  'offers',
  'plan',
  'in_reply_to',
  'until',
  'violations',
  'channel',
  'provider_message_id',
  'phone',
  'reason',
  'message',
  'confidence',
  'parse_reason',
] as const satisfies readonly (keyof MessageParams)[];
const MESSAGE_VALUES = MESSAGE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
export const messageValues = (p: MessageParams): unknown[] => MESSAGE_COLUMNS.map((c) => p[c]);

const ACCOUNT_COLUMNS = [
  'id',
  'phone',
  'debtor_name',
  'lender',
  'balance',
  'currency',
  'overdue_days',
  'locale',
  'timezone',
  'policy',
  'how_to_pay',
  'hotline',
  'demo',
  'created_at',
] as const satisfies readonly (keyof AccountDbRow)[];
export const accountValues = (a: AccountDbRow): unknown[] => ACCOUNT_COLUMNS.map((c) => a[c]);

const CONVERSATION_COLUMNS = [
  'id',
  'account_id',
  'channel',
  'state',
  'data',
  'paused',
  'updated_at',
] as const;
export const conversationValues = (c: ConversationDbRow): unknown[] => CONVERSATION_COLUMNS.map((k) => c[k]);

export const enqueueValues = (e: EnqueueParams): unknown[] => [
  e.message_id,
  e.conversation_id,
  e.channel,
  e.to_phone,
  e.text,
  e.next_attempt_at,
  e.created_at,
];
export const markValues = (m: MarkOutboxParams): unknown[] => [
  m.id,
  m.status,
  m.attempts,
  m.next_attempt_at,
  m.set_last_error,
  m.last_error,
  m.set_sending_since,
  m.sending_since,
  m.from_status,
];

const OUT_DELIVERED = "status IN ('queued', 'sent')";
const INTENT = "(parsed::jsonb ->> 'intent')";

export const SQL = {
  accounts: {
    byId: 'SELECT * FROM accounts WHERE id = $1',
    byPhone: 'SELECT * FROM accounts WHERE phone = $1',
    // A new account in one round trip: DO NOTHING on any key (its id, or a phone already taken),
    // so it cannot fail; only then are the id and the phone looked at (an update, or a refusal).
    insertNew: `
      INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')})
      VALUES (${ACCOUNT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
      ON CONFLICT DO NOTHING
      RETURNING id`,
    // xmax = 0 only on a row this statement inserted: whether the account is new, in one round trip.
    upsert: `
      INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')})
      VALUES (${ACCOUNT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
      ON CONFLICT (id) DO UPDATE SET
        phone = excluded.phone, debtor_name = excluded.debtor_name, lender = excluded.lender,
        balance = excluded.balance, currency = excluded.currency, overdue_days = excluded.overdue_days,
        locale = excluded.locale, timezone = excluded.timezone, policy = excluded.policy,
        how_to_pay = excluded.how_to_pay, hotline = excluded.hotline, demo = excluded.demo
      RETURNING (xmax = 0) AS created`,
    count: 'SELECT COUNT(*)::int AS n FROM accounts',
    list: 'SELECT * FROM accounts ORDER BY created_at, id COLLATE "C"',
  },
  payments: {
    insert:
      'INSERT INTO payments (account_id, amount, paid_at, reference, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    list: 'SELECT * FROM payments ORDER BY paid_at, id',
  },
  conversations: {
    byId: 'SELECT * FROM conversations WHERE id = $1',
    byAccount: 'SELECT * FROM conversations WHERE account_id = $1',
    save: `
      INSERT INTO conversations (${CONVERSATION_COLUMNS.join(', ')}, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
      ON CONFLICT (id) DO UPDATE SET
        account_id = excluded.account_id, channel = excluded.channel, state = excluded.state,
        data = excluded.data, paused = excluded.paused, updated_at = excluded.updated_at,
        version = conversations.version + 1
      RETURNING version`,
  },
  messages: {
    insertInbound: `
      INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (channel, provider_message_id) WHERE direction = 'in' DO NOTHING
      RETURNING id`,
    upsertOutbound: `
      INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_VALUES})
      ON CONFLICT (conversation_id, seq) WHERE conversation_id IS NOT NULL DO UPDATE SET
        at = excluded.at, text = excluded.text, status = excluded.status, message_status = excluded.message_status,
        kind = excluded.kind, state = excluded.state, acts = excluded.acts, parsed = excluded.parsed,
        offers = excluded.offers, plan = excluded.plan, in_reply_to = excluded.in_reply_to, until = excluded.until,
        violations = excluded.violations, channel = excluded.channel,
        provider_message_id = COALESCE(excluded.provider_message_id, messages.provider_message_id),
        phone = excluded.phone, reason = excluded.reason, message = excluded.message,
        confidence = excluded.confidence, parse_reason = excluded.parse_reason
      WHERE messages.direction = 'out'
      RETURNING id, provider_message_id`,
    list: 'SELECT * FROM messages WHERE conversation_id = $1 ORDER BY seq',
    setDelivery:
      'UPDATE messages SET status = $1, provider_message_id = $2, reason = $3 WHERE id = $4 RETURNING id',
  },
  schedule: {
    // A conversation's whole set of jobs in one statement (atomic alone, one round trip: no
    // savepoint): the jobs no longer there deleted, the rest written from the unnested arrays.
    // The DELETE and the INSERT touch different keys, so neither sees the other's rows.
    replace: `
      WITH gone AS (DELETE FROM schedule WHERE conversation_id = $1::text AND job_id <> ALL ($2::int[]))
      INSERT INTO schedule (conversation_id, job_id, at, kind, payload)
      SELECT $1::text, j.job_id, j.at, j.kind, j.payload
        FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[]) AS j (job_id, at, kind, payload)
      ON CONFLICT (conversation_id, job_id) DO UPDATE SET
        at = excluded.at, kind = excluded.kind, payload = excluded.payload`,
    dueConversations: `
      SELECT conversation_id, MIN(at) AS first_at FROM schedule WHERE at <= $1
      GROUP BY conversation_id ORDER BY first_at, conversation_id COLLATE "C" LIMIT $2`,
  },
  outbox: {
    enqueue: `
      INSERT INTO outbox (message_id, conversation_id, channel, to_phone, text, next_attempt_at, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      RETURNING *`,
    pending: `
      SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
      ORDER BY created_at, id LIMIT $2`,
    // Each instance takes the oldest due item nobody else is taking: SKIP LOCKED passes over a row
    // another instance's claim holds (for the instant of its statement), the lease keeps it after.
    claim: `
      UPDATE outbox SET next_attempt_at = $2
      WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
                    AND NOT (conversation_id = ANY($3::text[]))
                  ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    mark: `
      UPDATE outbox SET
        status = $2,
        attempts = COALESCE($3::int, attempts),
        next_attempt_at = COALESCE($4::bigint, next_attempt_at),
        last_error = CASE WHEN $5::int = 1 THEN $6::text ELSE last_error END,
        sending_since = CASE WHEN $7::int = 1 THEN $8::bigint ELSE sending_since END
      WHERE id = $1 AND ($9::text IS NULL OR status = $9::text)
      RETURNING id`,
    byId: 'SELECT * FROM outbox WHERE id = $1',
    cancelPending: `
      UPDATE outbox SET status = 'cancelled'
      WHERE conversation_id = $1 AND status = 'pending' AND ($2::bigint IS NULL OR message_id <> $2::bigint)
      RETURNING *`,
  },
  session: {
    lockWait: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
    lockTry: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok',
    notify: 'SELECT pg_notify($1, $2)',
  },
  metrics: {
    counts: `
      SELECT
        (SELECT COUNT(*) FROM accounts)::int AS debtors,
        (SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE direction = 'out' AND ${OUT_DELIVERED})::int AS contacted,
        (SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE direction = 'in' AND conversation_id IS NOT NULL)::int AS replied,
        (SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE direction = 'in' AND ${INTENT} = 'promise_to_pay')::int AS promised,
        (SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE direction = 'out' AND plan IS NOT NULL AND ${OUT_DELIVERED})::int AS agreed,
        (SELECT COUNT(DISTINCT conversation_id) FROM messages WHERE direction = 'in' AND ${INTENT} = 'complaint')::int AS complaints,
        (SELECT COUNT(*) FROM conversations WHERE state = 'opted_out')::int AS "optedOut"`,
    promises: `
      SELECT c.account_id AS "accountId", m.at AS at, (m.parsed::jsonb ->> 'date') AS date
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'in' AND (m.parsed::jsonb ->> 'intent') = 'promise_to_pay' ORDER BY m.at`,
    firstInbound: `
      SELECT c.account_id AS "accountId", MIN(m.at) AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'in' GROUP BY c.account_id`,
    agreedAccounts: `
      SELECT DISTINCT c.account_id AS "accountId" FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'out' AND m.plan IS NOT NULL AND m.status IN ('queued', 'sent')`,
    contactedAccounts: `
      SELECT DISTINCT c.account_id AS "accountId" FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'out' AND m.status IN ('queued', 'sent')`,
    daily: `
      SELECT to_char(to_timestamp(at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
             COUNT(*) FILTER (WHERE direction = 'out' AND ${OUT_DELIVERED})::int AS sent,
             COUNT(*) FILTER (WHERE direction = 'in')::int AS received,
             COUNT(*) FILTER (WHERE direction = 'out' AND plan IS NOT NULL AND ${OUT_DELIVERED})::int AS agreed,
             COUNT(*) FILTER (WHERE direction = 'in' AND ${INTENT} = 'promise_to_pay')::int AS promised
        FROM messages GROUP BY 1 ORDER BY 1`,
  },
} as const;

/** A column of the conversation's last inbound message (through messages_conversation_seq). */
const LAST_INBOUND = (column: string): string =>
  `SELECT ${column} FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' ORDER BY m.seq DESC LIMIT 1`;
const ANSWERS_CHECK = "(m.message::jsonb ->> 'answersCheck')";

/**
 * The inbox, as SQLite's `selectInbox` builds it (the same filter and search rules; see there),
 * with positional parameters. ILIKE: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
 */
export function inboxQuery(
  states: readonly string[] | null,
  pausedToo: boolean,
  q: string | null,
  limit: number,
  unsureBelow?: number,
  ids?: readonly string[],
): { text: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => (params.push(v), `$${params.length}`);
  // With ids, only those conversations (the agent's own): one array parameter, any number.
  if (ids) where.push(`c.id = ANY(${p([...ids])}::text[])`);
  const attention = "(c.data::jsonb #>> '{snapshot,context,attention,reason}')";
  if (states) {
    const stateClause = `c.state = ANY(${p([...states])}::text[])`;
    where.push(pausedToo ? `(${stateClause} OR c.paused = 1 OR ${attention} IS NOT NULL)` : stateClause);
  }
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const exact = /^\+?\d+$/.test(q) ? `+${q.replace(/^\+/, '')}` : q;
    const l = p(like);
    where.push(
      `(a.debtor_name ILIKE ${l} ESCAPE '\\' OR mask_phone(a.phone) ILIKE ${l} ESCAPE '\\' OR a.phone = ${p(exact)})`,
    );
  }
  if (unsureBelow !== undefined) {
    // A bare yes or no to the bot's own question is read by the dialogue, not the parser.
    where.push(
      `(${LAST_INBOUND('m.confidence')}) < ${p(unsureBelow)}::double precision AND (${LAST_INBOUND(ANSWERS_CHECK)}) IS NULL`,
    );
  }
  const lim = p(limit < 0 ? null : limit);
  return {
    text: `SELECT c.id, c.account_id, a.timezone, c.state, c.paused, c.updated_at, a.debtor_name, a.phone, a.overdue_days, a.balance, a.currency, a.locale, a.demo,
         ${attention} AS attention,
         (${LAST_INBOUND(`json_build_object('confidence', m.confidence, 'reason', m.parse_reason, 'answersCheck', ${ANSWERS_CHECK})::text`)}) AS last_inbound,
         (SELECT json_build_object('direction', m.direction, 'text', m.text, 'at', m.at, 'status', m.status)::text
            FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS last
       FROM conversations c JOIN accounts a ON a.id = c.account_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.updated_at DESC, c.id COLLATE "C" LIMIT ${lim}::bigint`,
    params,
  };
}
