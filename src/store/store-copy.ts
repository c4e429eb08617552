/**
 * Copying a whole store from one database to another (`npm run migrate-store -- FROM TO`): SQLite
 * to PostgreSQL, back, or between two of a kind. The logic is here, against two small endpoint
 * interfaces; `sqlite/copy-endpoint.ts` and `postgres/copy-endpoint.ts` implement them.
 *
 * What a lender moving must not lose: every row of every table (the archive, the outbox with its
 * ids and states, the schedule, the team's tables), the inbound dedupe key (messages' channel and
 * provider id travel with their rows), and the id counters: a gateway send's messageId is the
 * outbox id, which the aggregator deduplicates on, so the target hands out ids after the highest
 * the source ever handed out, never one again.
 */

/** The tables of the schema, parents before children, each with the order it is read in. */
export const STORE_TABLES: readonly StoreTable[] = [
  { name: 'accounts', order: 'id' },
  { name: 'conversations', order: 'id' },
  { name: 'messages', order: 'id', counter: 'id' },
  { name: 'schedule', order: 'conversation_id, job_id' },
  { name: 'outbox', order: 'id', counter: 'id' },
  { name: 'payments', order: 'id', counter: 'id' },
  { name: 'agents', order: 'username' },
  { name: 'agent_sessions', order: 'token_hash' },
  { name: 'login_failures', order: 'username, at' },
  { name: 'assignments', order: 'conversation_id' },
  { name: 'notes', order: 'id', counter: 'id' },
  { name: 'canned_replies', order: 'id', counter: 'id' },
  { name: 'audit', order: 'id', counter: 'id' },
];

/** The schema's own bookkeeping: created by the migrations on the target, never copied. */
export const SCHEMA_TABLE = 'schema_migrations';

export interface StoreTable {
  name: string;
  /** ORDER BY of the read: the primary key, so batches are stable and ids go in rising. */
  order: string;
  /** The column an id counter (AUTOINCREMENT, an identity sequence) hands out, if any. */
  counter?: string;
}

/** What the target holds before the copy. */
export type TargetState =
  | { kind: 'empty' }
  | { kind: 'migrated'; versions: number[] }
  /** Tables, but no schema_migrations: not a store of ours. */
  | { kind: 'foreign'; tables: string[] };

/** The database copied from, read in one snapshot between `begin` and `end`. */
export interface CopySource {
  /** For messages: the engine and where (no password). */
  readonly label: string;
  /** Start the one snapshot every later read sees. */
  begin(): Promise<void>;
  /** The schema versions applied (schema_migrations), oldest first. */
  versions(): Promise<number[]>;
  /** The tables there are (without the engine's own). */
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  /** The rows, as value arrays in `columns` order, `batch` at a time. */
  rows(table: StoreTable, columns: readonly string[], batch: number): AsyncIterable<unknown[][]>;
  /** The highest id the table's counter has handed out (0 if none), whether or not its row is still there. */
  counter(table: StoreTable): Promise<number>;
  end(): Promise<void>;
  close(): Promise<void>;
}

/** The database copied to: the whole copy is one transaction between `begin` and `commit`. */
export interface CopyTarget {
  readonly label: string;
  state(): Promise<TargetState>;
  /** Apply this build's migrations (to an empty target). */
  migrate(): Promise<void>;
  /** Open the one transaction, keeping other writers out until it ends. */
  begin(): Promise<void>;
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  insert(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
  /** The table's counter continues after `value` (at least). */
  setCounter(table: StoreTable, value: number): Promise<void>;
  /** The highest id the counter has handed out (0 if none), for the check after the copy. */
  counter(table: StoreTable): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

/** The copy was not started, and nothing was written: the reason says why (exit 2). */
export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

export interface TableReport {
  table: string;
  rows: number;
  /** The id counter the target continues after (tables with one). */
  counter?: number;
}

export interface CopyReport {
  from: string;
  to: string;
  schemaVersion: number;
  tables: TableReport[];
}

export interface CopyOptions {
  /** The schema versions this build knows; the source must be at all of them. */
  versions: readonly number[];
  /** Rows per INSERT. Default 500. */
  batch?: number;
  /** Told after each table is copied (the CLI prints progress). */
  onTable?: (t: TableReport) => void;
}

const same = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Copy every row of `source` into `target`, refusing (CopyRefused, nothing written) unless the
 * source is at this build's schema version and the target is empty or migrated to it with no rows.
 * After the commit the counts are read back from the target and must equal the source's.
 */
export async function copyStore(
  source: CopySource,
  target: CopyTarget,
  opts: CopyOptions,
): Promise<CopyReport> {
  const batch = opts.batch ?? 500;
  const newest = opts.versions.at(-1) ?? 0;
  await source.begin();
  try {
    const have = await source.versions();
    if (!same(have, opts.versions))
      throw new CopyRefused(
        `${source.label} is at schema version ${have.at(-1) ?? 'none'} (steps ${have.join(', ') || 'none'}), this build's is ${newest}: ` +
          (have.length === 0
            ? 'it is not a Huikuan store'
            : (have.at(-1) ?? 0) < newest
              ? 'start the bot on it once (npm start) so it migrates, then copy'
              : 'copy it with the build that wrote it'),
      );
    const known = new Set([...STORE_TABLES.map((t) => t.name), SCHEMA_TABLE]);
    const unknown = (await source.tables()).filter((t) => !known.has(t));
    if (unknown.length > 0)
      throw new CopyRefused(`${source.label} has tables this build does not copy: ${unknown.join(', ')}`);

    await prepareTarget(target, opts.versions);
    await target.begin();
    let tables: TableReport[];
    try {
      tables = await copyTables(source, target, batch, opts.onTable);
      await target.commit();
    } catch (err) {
      await target.rollback().catch(() => {});
      if (err instanceof CopyRefused) throw err;
      throw new Error(`rolled back, the target has no rows: ${(err as Error).message}`, { cause: err });
    }
    await verify(target, tables);
    return { from: source.label, to: target.label, schemaVersion: newest, tables };
  } finally {
    await source.end().catch(() => {});
  }
}

/** An empty target is migrated; a migrated one must be at the same version; any other is refused. */
async function prepareTarget(target: CopyTarget, versions: readonly number[]): Promise<void> {
  const state = await target.state();
  if (state.kind === 'foreign')
    throw new CopyRefused(
      `${target.label} is not empty and not a Huikuan store (tables: ${state.tables.slice(0, 8).join(', ')}${state.tables.length > 8 ? ', …' : ''})`,
    );
  if (state.kind === 'empty') return target.migrate();
  if (!same(state.versions, versions))
    throw new CopyRefused(
      `${target.label} is at schema version ${state.versions.at(-1) ?? 'none'}, the source at ${versions.at(-1)}: the target must be empty or at the same version`,
    );
}

async function copyTables(
  source: CopySource,
  target: CopyTarget,
  batch: number,
  onTable: CopyOptions['onTable'],
): Promise<TableReport[]> {
  // Checked inside the target's transaction: a writer that came in since is kept out from here on.
  const nonEmpty: string[] = [];
  for (const t of STORE_TABLES) {
    const n = await target.count(t.name);
    if (n > 0) nonEmpty.push(`${t.name} (${n})`);
  }
  if (nonEmpty.length > 0)
    throw new CopyRefused(
      `${target.label} already has rows: ${nonEmpty.join(', ')}; the target must be empty`,
    );
  const targetTables = new Set(await target.tables());
  const reports: TableReport[] = [];
  for (const t of STORE_TABLES) {
    if (!targetTables.has(t.name)) throw new CopyRefused(`${target.label} has no table ${t.name}`);
    const columns = await source.columns(t.name);
    const theirs = new Set(await target.columns(t.name));
    const missing = columns.filter((c) => !theirs.has(c));
    if (missing.length > 0 || theirs.size !== columns.length)
      throw new CopyRefused(
        `${t.name}: the columns differ (source ${columns.join(', ')}; target ${[...theirs].join(', ')})`,
      );
    const expected = await source.count(t.name);
    let copied = 0;
    for await (const rows of source.rows(t, columns, batch)) {
      try {
        await target.insert(t.name, columns, rows);
      } catch (err) {
        throw new Error(
          `${t.name}: rows ${copied + 1}-${copied + rows.length} (from ${columns[0]} ${String(rows[0]?.[0])}): ${(err as Error).message}`,
          { cause: err },
        );
      }
      copied += rows.length;
    }
    if (copied !== expected)
      throw new Error(`${t.name}: read ${copied} rows from ${source.label}, which counted ${expected}`);
    const report: TableReport = { table: t.name, rows: copied };
    if (t.counter) {
      report.counter = await source.counter(t);
      await target.setCounter(t, report.counter);
    }
    reports.push(report);
    onTable?.(report);
  }
  return reports;
}

/** Read back from the committed target: every table's count, and each counter at least the source's. */
async function verify(target: CopyTarget, tables: readonly TableReport[]): Promise<void> {
  const wrong: string[] = [];
  for (const r of tables) {
    const n = await target.count(r.table);
    if (n !== r.rows) wrong.push(`${r.table}: ${n} rows, the source ${r.rows}`);
    const t = STORE_TABLES.find((x) => x.name === r.table)!;
    if (r.counter !== undefined) {
      const c = await target.counter(t);
      if (c < r.counter) wrong.push(`${r.table}: the id counter is at ${c}, the source's at ${r.counter}`);
    }
  }
  if (wrong.length > 0) throw new Error(`the copy committed but does not check out: ${wrong.join('; ')}`);
}

/** The per-table counts as the CLI prints them. */
export function formatCopyReport(r: CopyReport): string {
  const w = Math.max(...r.tables.map((t) => t.table.length), 'table'.length);
  const lines = [
    `${'table'.padEnd(w)}  ${'rows'.padStart(9)}  next id`,
    ...r.tables.map(
      (t) =>
        `${t.table.padEnd(w)}  ${String(t.rows).padStart(9)}  ${t.counter === undefined ? '' : String(t.counter + 1)}`,
    ),
  ];
  const total = r.tables.reduce((s, t) => s + t.rows, 0);
  lines.push(
    `${total} rows copied from ${r.from} to ${r.to} (schema version ${r.schemaVersion}); counts verified on the target`,
  );
  return lines.join('\n');
}
