import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { AgentStore } from '../../src/store/agent-store.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { SqliteAgentStore } from '../../src/store/sqlite/agent-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Both stores for the tests that must hold on each. PostgreSQL comes from `HUIKUAN_TEST_PG`
 * (a server URL, e.g. postgres://postgres@127.0.0.1:55432/postgres; `.ci/run` starts a
 * throwaway cluster and sets it): each test file gets a database of its own, created on first
 * use and dropped when the file ends. Without the variable the PostgreSQL variants are skipped,
 * and say why in their name, so a run without PostgreSQL never passes them silently.
 */

export const PG_URL = process.env.HUIKUAN_TEST_PG?.trim() || null;
export const PG_SKIP_REASON = 'skipped: HUIKUAN_TEST_PG is not set (no PostgreSQL to test against)';

/**
 * Which store the server, service, load and store suites run on: `HUIKUAN_TEST_STORE=postgres`
 * (a fresh database on `HUIKUAN_TEST_PG` for each server, service or test file; `.ci/run` runs
 * those suites a second time so) or `sqlite` (the default, a fresh file each). Asked for
 * PostgreSQL without a server to run on, every such file fails, naming the variable: a run meant
 * for PostgreSQL never passes on SQLite.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = (() => {
  const v = process.env.HUIKUAN_TEST_STORE?.trim() || 'sqlite';
  if (v !== 'sqlite' && v !== 'postgres')
    throw new Error(`HUIKUAN_TEST_STORE: expected sqlite or postgres, got ${JSON.stringify(v)}`);
  if (v === 'postgres' && !PG_URL)
    throw new Error('HUIKUAN_TEST_STORE=postgres needs HUIKUAN_TEST_PG (a PostgreSQL server URL) to run on');
  return v;
})();

/** A fresh, empty database for one server or service, as HUIKUAN_DB takes it (a file path or a URL). */
export async function testDb(): Promise<string> {
  if (TEST_STORE === 'postgres') return createDatabase();
  return join(mkdtempSync(join(tmpdir(), 'huikuan-')), 'huikuan.db');
}

/** Whether a HUIKUAN_DB value names a PostgreSQL database (else a SQLite file). */
export const isPgUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** Open the store `HUIKUAN_DB`-style `db` names, as a server would (migrated). */
export async function openTestStore(db: string, opts: { poolSize?: number } = {}): Promise<Store> {
  return isPgUrl(db) ? PostgresStore.open(db, { poolSize: opts.poolSize ?? 4 }) : SqliteStore.open(db);
}

let fileDb: Promise<string> | null = null;
const toDrop: string[] = [];

/** A URL to a fresh database for this test file (created once, dropped after the file). */
export function pgDatabase(): Promise<string> {
  if (!PG_URL) throw new Error(PG_SKIP_REASON);
  fileDb ??= createDatabase();
  return fileDb;
}

/** A further fresh database (for tests that need an empty one, or several). */
export async function createDatabase(): Promise<string> {
  const name = `hk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL! });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  toDrop.push(name);
  const u = new URL(PG_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Empty every table of the file's database (between tests sharing it). */
export async function truncateAll(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `TRUNCATE accounts, conversations, messages, schedule, outbox, payments,
                agents, agent_sessions, login_failures, assignments, notes, canned_replies, audit
       RESTART IDENTITY CASCADE`,
    );
  } finally {
    await c.end();
  }
}

// A server test file makes a database per server (dozens): dropping them takes a while on a loaded machine.
afterAll(async () => {
  if (!PG_URL || toDrop.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    for (const name of toDrop.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}, 120_000);

export interface StoreKindUnderTest {
  name: 'sqlite' | 'postgres';
  /** Skip the variant (with the reason in its title) when its engine is not available. */
  skip: boolean;
  title: string;
  /**
   * A fresh, empty, migrated store; `second` opens another connection (another instance) to the
   * same data; `agents` the team's store on the same database, as the server opens it.
   */
  open(): Promise<{
    store: Store;
    second: () => Promise<Store>;
    agents: () => AgentStore;
    close: () => Promise<void>;
  }>;
}

export const STORE_KINDS: StoreKindUnderTest[] = [
  {
    name: 'sqlite',
    skip: false,
    title: 'on SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'hk-stores-'));
      const file = join(dir, 'huikuan.db');
      const opened: Store[] = [SqliteStore.open(file)];
      const teams: AgentStore[] = [];
      return {
        store: opened[0]!,
        second: async () => (opened.push(SqliteStore.open(file)), opened.at(-1)!),
        agents: () => {
          const a = SqliteAgentStore.open(file);
          teams.push(a);
          return a;
        },
        close: async () => {
          for (const t of teams) await t.close();
          for (const s of opened) await s.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: PG_URL === null,
    title: PG_URL === null ? `on PostgreSQL (${PG_SKIP_REASON})` : 'on PostgreSQL',
    async open() {
      const url = await pgDatabase();
      await PostgresStore.open(url, { listen: false }).then((s) => s.close()); // migrated
      await truncateAll(url);
      const main = await PostgresStore.open(url, { poolSize: 4 });
      const opened: Store[] = [main];
      return {
        store: main,
        agents: () => main.agentStore(),
        second: async () => (opened.push(await PostgresStore.open(url, { poolSize: 4 })), opened.at(-1)!),
        close: async () => {
          for (const s of opened) await s.close();
        },
      };
    },
  },
];
