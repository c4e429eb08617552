import { PostgresStore } from './postgres/postgres-store.ts';
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
