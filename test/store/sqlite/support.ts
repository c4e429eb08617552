import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { ArchivedMessage } from '../../../src/dialogue/conversation.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { ConversationRow, StoredAccount, StoredMessage } from '../../../src/store/store.ts';
import { SqliteInspector } from './inspector.ts';

/**
 * The SQLite store's test bench: a real database file in a fresh temporary folder per test, and
 * the records the tests write (an account, its conversation, inbound and outbound messages).
 */

export const T0 = Date.UTC(2026, 10, 23, 11, 0); // 2026-11-23 19:00 Asia/Shanghai
export const MIN = 60_000;

/**
 * Registers the per-test folder and closes whatever the test opened. Call once at the top of a
 * test file; `file` and `dir` are the current test's.
 */
export function storeFiles() {
  let dir = '';
  let file = '';
  let opened: { close(): unknown }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huikuan-store-'));
    file = join(dir, 'huikuan.db');
    opened = [];
  });

  afterEach(async () => {
    for (const s of opened) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const track = <T extends { close(): unknown }>(x: T): T => (opened.push(x), x);

  function open(path = file): SqliteStore {
    return track(SqliteStore.open(path));
  }

  return {
    get dir() {
      return dir;
    },
    get file() {
      return file;
    },
    open,
    /** A second, plain connection to the same file, to look at what the store wrote. */
    raw: (): Database.Database => track(new Database(file, { readonly: true })),
    /** The queries only tests ask, on the committed contents of the file. */
    inFile: (): SqliteInspector => track(SqliteInspector.open(file)),
    /** An account and its conversation, so messages, jobs and outbox items have something to belong to. */
    async seeded(path = file): Promise<SqliteStore> {
      const store = open(path);
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
