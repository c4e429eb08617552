import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_MS } from '../../../src/store/sqlite/checkpointer.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { account } from './support.ts';

/**
 * Background checkpoints (issue 16): a worker thread copies the write-ahead log back into the
 * database file, so the store's own COMMITs never have to. What must hold: the main file catches
 * up without a checkpoint on the store's connection, nothing committed is lost, and the store's
 * data version (what the conversation cache trusts) does not move for it.
 */

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fileIn = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-checkpoint-'));
  dirs.push(dir);
  return join(dir, 'huikuan.db');
};

const open = (path: string, backgroundCheckpoints: boolean): SqliteStore => {
  const s = SqliteStore.open(path, { backgroundCheckpoints });
  stores.push(s);
  return s;
};

/** The accounts the main database file holds by itself, its WAL left behind (0 if not even the schema is there). */
function accountsInMainFile(path: string): number {
  const copy = `${path}.main-only`;
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

const writeAccounts = async (s: SqliteStore, n: number): Promise<void> => {
  for (let i = 0; i < n; i++)
    await s.upsertAccount(account({ id: `c${i}`, phone: `+86135${String(i).padStart(8, '0')}` }));
};

const settle = () => new Promise((r) => setTimeout(r, CHECKPOINT_EVERY_MS * 5));

describe('background checkpoints', () => {
  it('bring the main file up to date while the store itself never checkpoints', async () => {
    const path = fileIn();
    const s = open(path, true);
    expect(s['db'].pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await writeAccounts(s, 150);
    await settle();
    expect(accountsInMainFile(path)).toBe(150);
  });

  it('without them, the same commits stay in the log until a COMMIT checkpoints (the control)', async () => {
    const path = fileIn();
    const s = open(path, false);
    await writeAccounts(s, 150);
    await settle();
    expect(accountsInMainFile(path)).toBe(0);
  });

  it('leave the data version alone, so the conversation cache stays valid', async () => {
    const s = open(fileIn(), true);
    await writeAccounts(s, 50);
    const before = await s.dataVersion();
    await settle();
    await writeAccounts(s, 1);
    await settle();
    expect(await s.dataVersion()).toBe(before);
  });

  it('lose nothing committed: a reopened store reads every row, and close stops the worker', async () => {
    const path = fileIn();
    const s = open(path, true);
    await writeAccounts(s, 120);
    await s.close();
    stores.splice(stores.indexOf(s), 1);
    const again = open(path, false);
    expect(await again.countAccounts()).toBe(120);
  });

  it('are not started for an in-memory database', async () => {
    const s = open(':memory:', true);
    await writeAccounts(s, 3);
    expect(s['checkpointer']).toBeNull();
  });
});
