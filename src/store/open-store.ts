import type { AgentStore } from './agent-store.ts';
import { pgCopySource, pgCopyTarget } from './postgres/copy-endpoint.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteAgentStore } from './sqlite/agent-store.ts';
import { sqliteCopySource, sqliteCopyTarget } from './sqlite/copy-endpoint.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';
import { CopyRefused, type CopySource, type CopyTarget } from './store-copy.ts';
import { parseStoreTarget } from './store-target.ts';

export { parseStoreTarget, type StoreTarget } from './store-target.ts';

/** Open the store `HUIKUAN_DB` names, migrated. */
export async function openStore(
  value: string,
  opts: { poolSize?: number; onListenError?: (err: Error) => void } = {},
): Promise<Store> {
  const t = parseStoreTarget(value);
  if ('error' in t) throw new Error(`HUIKUAN_DB: ${t.error}`);
  return t.kind === 'sqlite'
    ? SqliteStore.open(t.path, { backgroundCheckpoints: true })
    : PostgresStore.open(t.url, opts);
}

/**
 * The team's store in the same database as `store` (opened by `openStore` from the same
 * `HUIKUAN_DB`): on SQLite a connection of its own to the file, on PostgreSQL the store's pool
 * (closing it leaves the pool to the store).
 */
export function openAgentStore(value: string, store: Store): AgentStore {
  const t = parseStoreTarget(value);
  if ('error' in t) throw new Error(`HUIKUAN_DB: ${t.error}`);
  if (t.kind === 'sqlite') return SqliteAgentStore.open(t.path);
  if (!(store instanceof PostgresStore))
    throw new Error('HUIKUAN_DB: a postgres:// URL needs the PostgreSQL store it opened');
  return store.agentStore();
}

/**
 * The two ends of `npm run migrate-store -- FROM TO` (`store-copy.ts`), by the same values
 * `HUIKUAN_DB` takes: a SQLite file path or a postgres:// URL. An unreadable value is refused
 * naming which end it is.
 */
export async function openCopyEnd(role: 'FROM', value: string): Promise<CopySource>;
export async function openCopyEnd(role: 'TO', value: string): Promise<CopyTarget>;
export async function openCopyEnd(role: 'FROM' | 'TO', value: string): Promise<CopySource | CopyTarget> {
  const t = parseStoreTarget(value);
  if ('error' in t) throw new CopyRefused(`${role}: ${t.error}`);
  try {
    if (t.kind === 'sqlite') return role === 'FROM' ? sqliteCopySource(t.path) : sqliteCopyTarget(t.path);
    return role === 'FROM' ? await pgCopySource(t.url) : await pgCopyTarget(t.url);
  } catch (err) {
    if (err instanceof CopyRefused) throw new CopyRefused(`${role}: ${err.message}`);
    throw new Error(`${role}: ${(err as Error).message}`, { cause: err });
  }
}
