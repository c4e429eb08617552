import pg from 'pg';
import {
  SCHEMA_TABLE,
  STORE_TABLES,
  type CopySource,
  type CopyTarget,
  type StoreTable,
  type TargetState,
} from '../store-copy.ts';
import { pgDriver, type PgConnection, type PgHeld } from './driver.ts';
import { migratePg } from './migrations.ts';

/**
 * A PostgreSQL database as either end of a store copy (`../store-copy.ts`), on one connection
 * held for the whole copy. As the source it is read in one REPEATABLE READ READ ONLY transaction
 * (one snapshot, instances may go on writing) through a cursor per table; as the target the copy
 * is one transaction that locks the store's tables against other writers until it commits.
 */

const q = (name: string) => pg.escapeIdentifier(name);

/** Where, for messages: host, port and database, never the password. */
export function pgLabel(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `PostgreSQL ${host}${u.port ? `:${u.port}` : ''}${u.pathname || '/'}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function tablesOf(c: PgConnection): Promise<string[]> {
  return (
    await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).map((r) => r.name);
}

async function columnsOf(c: PgConnection, table: string): Promise<string[]> {
  return (
    await c.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).map((r) => r.name);
}

async function countOf(c: PgConnection, table: string): Promise<number> {
  return Number((await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${q(table)}`))[0]!.n);
}

async function versionsOf(c: PgConnection): Promise<number[]> {
  if (!(await tablesOf(c)).includes(SCHEMA_TABLE)) return [];
  return (await c.query<{ version: number }>(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY version`)).map(
    (r) => r.version,
  );
}

/** The identity sequence's last value handed out (0 before the first), or the highest id if that is higher. */
async function counterOf(c: PgConnection, t: StoreTable): Promise<number> {
  const r = (
    await c.query<{ seq: number | null; max: number | null }>(
      `SELECT pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass) AS seq,
              (SELECT MAX(${q(t.counter!)}) FROM ${q(t.name)}) AS max`,
      [q(t.name), t.counter],
    )
  )[0]!;
  return Math.max(Number(r.seq ?? 0), Number(r.max ?? 0));
}

async function held(url: string): Promise<{ conn: PgHeld; end: () => Promise<void> }> {
  const driver = pgDriver(url, { max: 1, applicationName: 'huikuan-migrate-store' });
  try {
    const conn = await driver.connect();
    return {
      conn,
      end: async () => {
        conn.release();
        await driver.end();
      },
    };
  } catch (err) {
    await driver.end().catch(() => {});
    throw err;
  }
}

export async function pgCopySource(url: string): Promise<CopySource> {
  const { conn, end } = await held(url);
  let cursors = 0;
  return {
    label: pgLabel(url),
    async begin() {
      await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    versions: () => versionsOf(conn),
    tables: () => tablesOf(conn),
    columns: (table) => columnsOf(conn, table),
    count: (table) => countOf(conn, table),
    async *rows(t, columns, batch) {
      const cursor = `copy_${++cursors}`;
      await conn.query(
        `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${t.order}`,
      );
      for (;;) {
        const rows = await conn.query<Record<string, unknown>>(`FETCH ${batch} FROM ${cursor}`);
        if (rows.length > 0) yield rows.map((r) => columns.map((c) => r[c]));
        if (rows.length < batch) break;
      }
      await conn.query(`CLOSE ${cursor}`);
    },
    counter: (t) => counterOf(conn, t),
    async end() {
      await conn.query('COMMIT');
    },
    close: end,
  };
}

/** Parameters per statement stay under PostgreSQL's 65 535. */
const MAX_PARAMS = 60_000;

export async function pgCopyTarget(url: string): Promise<CopyTarget> {
  const { conn, end } = await held(url);
  return {
    label: pgLabel(url),
    async state(): Promise<TargetState> {
      const tables = await tablesOf(conn);
      if (tables.length === 0) return { kind: 'empty' };
      if (!tables.includes(SCHEMA_TABLE)) return { kind: 'foreign', tables };
      return { kind: 'migrated', versions: await versionsOf(conn) };
    },
    async migrate() {
      await migratePg(conn);
    },
    async begin() {
      await conn.query('BEGIN');
      // Readers may go on; another writer (a bot started on the target too early) waits until
      // the copy has committed, and the emptiness checked next holds until then.
      await conn.query(`LOCK TABLE ${STORE_TABLES.map((t) => q(t.name)).join(', ')} IN EXCLUSIVE MODE`);
    },
    tables: () => tablesOf(conn),
    columns: (table) => columnsOf(conn, table),
    count: (table) => countOf(conn, table),
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        const values = part.map(
          (_, r) => `(${columns.map((_c, k) => `$${r * columns.length + k + 1}`).join(', ')})`,
        );
        await conn.query(
          `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values.join(', ')}`,
          part.flat(),
        );
      }
    },
    async setCounter(t, value) {
      // Explicit ids leave an identity's sequence where it was: it must continue after the source's.
      await conn.query(
        'SELECT setval(pg_get_serial_sequence($1, $2)::regclass, GREATEST($3::bigint, 1), $3::bigint > 0)',
        [q(t.name), t.counter, value],
      );
    },
    counter: (t) => counterOf(conn, t),
    async commit() {
      await conn.query('COMMIT');
    },
    async rollback() {
      await conn.query('ROLLBACK');
    },
    close: end,
  };
}
