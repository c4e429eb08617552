import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { ArchivedMessage } from '../../../src/dialogue/conversation.ts';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { ConversationRow, Store, StoredAccount, StoredMessage } from '../../../src/store/store.ts';
import { inspect, type Inspector } from '../../support/inspector.ts';
import { pgDatabase, TEST_STORE, truncateAll } from '../../support/stores.ts';

/**
 * The store tests' bench: a fresh database per test, on the store HUIKUAN_TEST_STORE names
 * (a SQLite file in a fresh temporary folder by default; on PostgreSQL the test file's database,
 * emptied before each test), and the records the tests write (an account, its conversation,
 * inbound and outbound messages). What only a SQLite file has (its path, pragmas, a raw
 * connection) is `sqlite()` and `raw()`, for the tests of file handling.
 */

export const T0 = Date.UTC(2026, 10, 23, 11, 0); // 2026-11-23 19:00 Asia/Shanghai
export const MIN = 60_000;

/** The error a broken reference or a duplicate key raises, in the words of the store under test. */
export const VIOLATION =
  TEST_STORE === 'postgres'
    ? {
        foreignKey: /violates foreign key constraint/,
        unique: /duplicate key value violates unique constraint/,
      }
    : { foreignKey: /FOREIGN KEY/, unique: /UNIQUE/ };

/**
 * Registers the per-test database and closes whatever the test opened. Call once at the top of a
 * test file; `file` and `dir` are the current test's.
 */
export function storeFiles() {
  let dir = '';
  let file = '';
  let url = '';
  let opened: { close(): unknown }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huikuan-store-'));
    file = join(dir, 'huikuan.db');
    opened = [];
    if (TEST_STORE === 'postgres') {
      url = await pgDatabase();
      await PostgresStore.open(url, { listen: false }).then((s) => s.close()); // migrated
      await truncateAll(url);
    }
  });

  afterEach(async () => {
    for (const s of opened) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const track = <T extends { close(): unknown }>(x: T): T => (opened.push(x), x);

  /** A SQLite store on `path` (the test's file by default), whichever store the run is for. */
  function sqlite(path = file): SqliteStore {
    return track(SqliteStore.open(path));
  }

  /** The store under test on the test's database; each call another connection (another instance). */
  async function open(): Promise<Store> {
    return TEST_STORE === 'postgres' ? track(await PostgresStore.open(url, { poolSize: 4 })) : sqlite();
  }

  return {
    get dir() {
      return dir;
    },
    get file() {
      return file;
    },
    open,
    sqlite,
    /** A second, plain connection to the SQLite file, to look at what the store wrote. */
    raw: (): Database.Database => track(new Database(file, { readonly: true })),
    /** The queries only tests ask, on the committed contents of the test's database. */
    inFile: (): Inspector => inspect(TEST_STORE === 'postgres' ? url : file),
    /** An account and its conversation, so messages, jobs and outbox items have something to belong to. */
    async seeded(): Promise<Store> {
      const store = await open();
      await store.transaction(async () => {
        await store.upsertAccount(account());
        await store.saveConversation(conversation());
      });
      return store;
    },
  };
}

export function account(over: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: 'a1',
    phone: '+8613800138000',
    debtorName: '高翔',
    lender: '易借花',
    balance: 480_000,
    currency: 'CNY',
    overdueDays: 5,
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    demo: false,
    createdAt: T0,
    ...over,
  };
}

export function conversation(over: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id: 'c1',
    accountId: 'a1',
    channel: 'twilio',
    state: 'reminded',
    data: { snapshot: { value: 'reminded', context: { rounds: 0 } }, jobs: [], nextJobId: 1 },
    paused: false,
    updatedAt: T0,
    ...over,
  };
}

export function inbound(
  seq: number,
  over: Partial<Omit<StoredMessage, 'id'>> = {},
  text = '我现在真的没钱',
): Omit<StoredMessage, 'id'> {
  return {
    conversationId: 'c1',
    message: {
      seq,
      direction: 'in',
      at: T0 + seq * MIN,
      text,
      status: 'received',
      parsed: { intent: 'no_money', hardship: null, amount: null, installments: null, date: null },
    },
    status: 'received',
    channel: 'twilio',
    providerMessageId: `SM${seq}`,
    phone: '+8613800138000',
    reason: null,
    ...over,
  };
}

export function outbound(
  seq: number,
  message: Partial<ArchivedMessage> = {},
  over: Partial<Omit<StoredMessage, 'id'>> = {},
): Omit<StoredMessage, 'id'> {
  return {
    conversationId: 'c1',
    message: {
      seq,
      direction: 'out',
      at: T0 + seq * MIN,
      text: `reply ${seq}`,
      status: 'sent',
      kind: 'reply',
      state: 'clarify',
      acts: ['empathy', 'clarify'],
      inReplyTo: seq - 1,
      ...message,
    },
    status: 'queued',
    channel: 'twilio',
    providerMessageId: null,
    phone: '+8613800138000',
    reason: null,
    ...over,
  };
}
