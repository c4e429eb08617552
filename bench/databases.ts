import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * What the benches read from a benched server's database (inbound archived, outbox still
 * pending, PostgreSQL's backends), on either store, and fresh PostgreSQL databases to run on.
 */

/** What the bench reads from the database: inbound archived, outbox still pending, backends' pids. */
export interface Counter {
  inbound(): Promise<number>;
  pending(): Promise<number>;
  backends(): Promise<number[]>;
  close(): Promise<void>;
}

export function sqliteCounter(file: string): Counter {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    inbound: async () => one("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'"),
    pending: async () => one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'"),
    backends: async () => [],
    close: async () => void db.close(),
  };
}

export async function pgCounter(url: string): Promise<Counter> {
  const c = new pg.Client({ connectionString: url, application_name: 'huikuan-bench' });
  await c.connect();
  const one = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  return {
    inbound: () => one("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'"),
    pending: () => one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'"),
    backends: async () =>
      (
        await c.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'huikuan'",
        )
      ).rows.map((r) => r.pid),
    close: () => c.end(),
  };
}

/** Whether a HUIKUAN_DB value names a PostgreSQL database (else a SQLite file). */
export const isPgUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** The counter for `db` as HUIKUAN_DB names it (a SQLite file the server has created, or a URL). */
export const counterFor = (db: string): Promise<Counter> =>
  isPgUrl(db) ? pgCounter(db) : Promise.resolve(sqliteCounter(db));

/** Run `f` on a fresh database created on the server `adminUrl`, dropped afterwards. */
export async function withDatabase<T>(adminUrl: string, f: (url: string) => Promise<T>): Promise<T> {
  const name = `hk_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return await f(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** The PostgreSQL server the benches may create databases on (HUIKUAN_BENCH_PG, else HUIKUAN_TEST_PG), or null. */
export const benchPgUrl = (): string | null =>
  process.env.HUIKUAN_BENCH_PG?.trim() || process.env.HUIKUAN_TEST_PG?.trim() || null;
