import type { AgentStore } from './agent-store.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteAgentStore } from './sqlite/agent-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';
import { parseStoreTarget } from './store-target.ts';

export { parseStoreTarget, type StoreTarget } from './store-target.ts';

/** Open the store `HUIKUAN_DB` names, migrated. */
export async function openStore(
  value: string,
  opts: { poolSize?: number; onListenError?: (err: Error) => void } = {},
): Promise<Store> {
  const t = parseStoreTarget(value);
  if ('error' in t) throw new Error(`HUIKUAN_DB: ${t.error}`);
  return t.kind === 'sqlite' ? SqliteStore.open(t.path) : PostgresStore.open(t.url, opts);
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
