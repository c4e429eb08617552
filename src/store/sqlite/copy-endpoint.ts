import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CopyRefused,
  SCHEMA_TABLE,
  type CopySource,
  type CopyTarget,
  type StoreTable,
  type TargetState,
} from '../store-copy.ts';
import { migrate } from './migrations.ts';

/**
 * A SQLite file as either end of a store copy (`../store-copy.ts`), on a connection of its own.
 * As the source it is opened read-only and read in one read transaction (WAL keeps that snapshot
 * while a bot writes on); as the target the copy is one IMMEDIATE transaction.
 */

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tablesOf(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
}

const columnsOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[], { name: string }>(
      `SELECT name FROM pragma_table_info(${`'${table.replaceAll("'", "''")}'`})`,
    )
    .all()
    .map((r) => r.name);

const countOf = (db: Database.Database, table: string): number =>
  db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${q(table)}`).get()!.n;

/** AUTOINCREMENT's counter (sqlite_sequence), or the highest id if that is higher. */
function counterOf(db: Database.Database, t: StoreTable): number {
  const seq = db
    .prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?')
    .get(t.name)?.seq;
  const max = db
    .prepare<[], { m: number | null }>(`SELECT MAX(${q(t.counter!)}) AS m FROM ${q(t.name)}`)
    .get()!.m;
  return Math.max(seq ?? 0, max ?? 0);
}

function versionsOf(db: Database.Database): number[] {
  if (!tablesOf(db).includes(SCHEMA_TABLE)) return [];
  return db
    .prepare<[], { version: number }>(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY version`)
    .all()
    .map((r) => r.version);
}

export function sqliteCopySource(path: string): CopySource {
  if (!existsSync(path) || !statSync(path).isFile()) throw new CopyRefused(`no SQLite database at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  return {
    label: `SQLite ${path}`,
    async begin() {
      db.exec('BEGIN');
      // The first read fixes the snapshot every later read in this transaction sees.
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    },
    versions: async () => versionsOf(db),
    tables: async () => tablesOf(db),
    columns: async (table) => columnsOf(db, table),
    count: async (table) => countOf(db, table),
    async *rows(t, columns, batch) {
      const stmt = db
        .prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${t.order}`)
        .raw(true);
      let rows: unknown[][] = [];
      for (const r of stmt.iterate() as IterableIterator<unknown[]>) {
        rows.push(r);
        if (rows.length === batch) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
    },
    counter: async (t) => counterOf(db, t),
    async end() {
      if (db.inTransaction) db.exec('COMMIT');
    },
    async close() {
      db.close();
    },
  };
}

export function sqliteCopyTarget(path: string): CopyTarget {
  if (existsSync(path) && !statSync(path).isFile()) throw new CopyRefused(`${path} is not a file`);
  // Opened at first use (after the source checked out); a file this copy created and did not
  // fill is removed again, so a refused or failed copy leaves nothing behind.
  const created = !existsSync(path);
  let committed = false;
  let conn: Database.Database | null = null;
  const db = (): Database.Database => {
    if (conn) return conn;
    mkdirSync(dirname(path), { recursive: true });
    conn = new Database(path, { timeout: 5000 });
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    return conn;
  };
  const inserts = new Map<string, Database.Statement>();
  return {
    label: `SQLite ${path}`,
    async state(): Promise<TargetState> {
      const tables = tablesOf(db());
      if (tables.length === 0) return { kind: 'empty' };
      if (!tables.includes(SCHEMA_TABLE)) return { kind: 'foreign', tables };
      return { kind: 'migrated', versions: versionsOf(db()) };
    },
    async migrate() {
      migrate(db());
    },
    async begin() {
      db().exec('BEGIN IMMEDIATE');
    },
    tables: async () => tablesOf(db()),
    columns: async (table) => columnsOf(db(), table),
    count: async (table) => countOf(db(), table),
    async insert(table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let stmt = inserts.get(key);
      if (!stmt) {
        stmt = db().prepare(
          `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        inserts.set(key, stmt);
      }
      for (const r of rows) stmt.run(r);
    },
    async setCounter(t, value) {
      // Inserting explicit ids already moved sqlite_sequence to the highest; a counter the source
      // had moved past its last row (a deleted row's id) is carried over too.
      if (value <= counterOf(db(), t)) return;
      const n = db().prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(value, t.name).changes;
      if (n === 0) db().prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(t.name, value);
    },
    counter: async (t) => counterOf(db(), t),
    async commit() {
      db().exec('COMMIT');
      committed = true;
    },
    async rollback() {
      if (conn?.inTransaction) conn.exec('ROLLBACK');
    },
    async close() {
      conn?.close();
      if (created && !committed && conn)
        for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    },
  };
}
