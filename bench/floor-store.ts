import Database from 'better-sqlite3';
import pg from 'pg';
import { isPgUrl } from './databases.ts';

/**
 * The floor server's durable work (bench/floor-server.ts), on better-sqlite3 or on PostgreSQL
 * through `pg`: the first commit (dedupe insert, the inbound archived, the conversation row of
 * about 2 KB read and written, an outbox row) and the second (the outbox row marked sent). The
 * same tables and statements on both, so the PostgreSQL floor is the SQLite floor's twin and
 * the gateway on PostgreSQL can be held to it.
 */
export interface FloorStore {
  /** The first commit; the outbox id to send, or null for a messageId already received. */
  receive(id: string, phone: string, text: string, now: number): number | null | Promise<number | null>;
  /** The second commit. */
  markSent(outboxId: number, now: number): void | Promise<void>;
  close(): Promise<void>;
}

/** About 2 KB, the size of a stored conversation snapshot. */
const PADDING = 'x'.repeat(1900);
const snapshot = (before: string | undefined, text: string): string =>
  JSON.stringify({
    turns: before ? (JSON.parse(before) as { turns: number }).turns + 1 : 1,
    last: text,
    padding: PADDING,
  });

/** The reply every inbound gets. */
export const FLOOR_REPLY = '【回款】您好,已收到您的回复,我们会尽快为您安排还款方案。回复TD退订';

const SQL = {
  dedupe: 'INSERT INTO inbound_keys (message_id) VALUES ($1) ON CONFLICT DO NOTHING',
  archive: "INSERT INTO messages (phone, direction, text, at) VALUES ($1, 'in', $2, $3)",
  load: 'SELECT snapshot FROM conversations WHERE phone = $1',
  save: `INSERT INTO conversations (phone, snapshot, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (phone) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  enqueue: "INSERT INTO outbox (phone, text, status) VALUES ($1, $2, 'pending') RETURNING id",
  markSent: "UPDATE outbox SET status = 'sent', sent_at = $1 WHERE id = $2",
};
/** better-sqlite3 binds `?` in order (each statement above uses its parameters once, in order). */
const sqlite = (sql: string): string => sql.replace(/\$\d/g, '?');

const tables = (serial: string, int: string): string => `
  CREATE TABLE IF NOT EXISTS inbound_keys (message_id TEXT PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS messages (id ${serial}, phone TEXT NOT NULL, direction TEXT NOT NULL,
    text TEXT NOT NULL, at ${int} NOT NULL);
  CREATE TABLE IF NOT EXISTS conversations (phone TEXT PRIMARY KEY, snapshot TEXT NOT NULL, updated_at ${int} NOT NULL);
  CREATE TABLE IF NOT EXISTS outbox (id ${serial}, phone TEXT NOT NULL, text TEXT NOT NULL,
    status TEXT NOT NULL, sent_at ${int});
`;

function openSqlite(file: string): FloorStore {
  const db = new Database(file);
  // The same settings as src/store/sqlite/sqlite-store.ts.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(tables('INTEGER PRIMARY KEY', 'INTEGER'));
  const dedupe = db.prepare(sqlite(SQL.dedupe));
  const archive = db.prepare(sqlite(SQL.archive));
  const load = db.prepare<[string], { snapshot: string }>(sqlite(SQL.load));
  const save = db.prepare(sqlite(SQL.save));
  const enqueue = db.prepare<[string, string], { id: number }>(sqlite(SQL.enqueue));
  const markSent = db.prepare(sqlite(SQL.markSent));
  const receive = db.transaction((id: string, phone: string, text: string, now: number): number | null => {
    if (dedupe.run(id).changes === 0) return null;
    archive.run(phone, text, now);
    save.run(phone, snapshot(load.get(phone)?.snapshot, text), now);
    return enqueue.get(phone, FLOOR_REPLY)!.id;
  });
  return {
    receive,
    markSent: (outboxId, now) => void markSent.run(now, outboxId),
    close: async () => void db.close(),
  };
}

/** Named statements: each is parsed and planned once per connection, as cheap as `pg` gets. */
const named = (name: keyof typeof SQL, values: unknown[]): pg.QueryConfig => ({
  name: `floor_${name}`,
  text: SQL[name],
  values,
});

async function openPostgres(url: string, poolSize: number): Promise<FloorStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'huikuan-floor' });
  pool.on('error', () => {});
  await pool.query(tables('BIGSERIAL PRIMARY KEY', 'BIGINT'));
  return {
    async receive(id, phone, text, now) {
      const c = await pool.connect();
      let failed: Error | undefined;
      try {
        await c.query('BEGIN');
        if ((await c.query(named('dedupe', [id]))).rowCount === 0) {
          await c.query('ROLLBACK');
          return null;
        }
        await c.query(named('archive', [phone, text, now]));
        const before = await c.query<{ snapshot: string }>(named('load', [phone]));
        await c.query(named('save', [phone, snapshot(before.rows[0]?.snapshot, text), now]));
        const outbox = await c.query<{ id: string }>(named('enqueue', [phone, FLOOR_REPLY]));
        await c.query('COMMIT');
        return Number(outbox.rows[0]!.id);
      } catch (err) {
        failed = err as Error;
        throw err;
      } finally {
        // After an error the connection's state is unknown: the pool closes it rather than reuse it.
        c.release(failed);
      }
    },
    async markSent(outboxId, now) {
      await pool.query(named('markSent', [now, outboxId]));
    },
    close: () => pool.end(),
  };
}

/** FLOOR_DB: a SQLite file (or `:memory:`), or a postgres:// URL (a pool of `poolSize`). */
export const openFloorStore = (db: string, poolSize = 10): Promise<FloorStore> =>
  isPgUrl(db) ? openPostgres(db, poolSize) : Promise.resolve(openSqlite(db));
