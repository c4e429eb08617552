import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { account, conversation, inbound, MIN, outbound, storeFiles, T0 } from './support.ts';

/**
 * The SQLite store as one connection: how it opens a file, its transactions, and what survives
 * a restart. It is the durable half of the bot: a transaction commits whole or not at all, and
 * what was committed is there after reopening.
 */

const t = storeFiles();
const { open, raw, inFile, seeded } = t;

describe('opening a database', () => {
  it('creates the file and its missing parent folders', () => {
    const nested = join(t.dir, 'data', 'nested', 'huikuan.db');
    open(nested);
    expect(existsSync(nested)).toBe(true);
  });

  it('runs in WAL mode with a 5 s busy timeout, NORMAL sync and foreign keys on', () => {
    const store = open();
    const db = store['db'];
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw().pragma('journal_mode', { simple: true })).toBe('wal'); // persistent in the file
  });

  it('also opens an in-memory database', () => {
    const store = open(':memory:');
    store.upsertAccount(account());
    expect(store.countAccounts()).toBe(1);
  });
});

describe('transactions', () => {
  /** One inbound SMS's worth of writes: account, conversation, archive, schedule, outbox. */
  function handleOneSms(store: SqliteStore) {
    store.upsertAccount(account());
    store.saveConversation(conversation());
    store.insertInbound(inbound(2));
    const reply = store.upsertOutbound(outbound(3));
    store.replaceSchedule('c1', [{ id: 1, at: T0 + 60 * MIN, kind: 'offer_followup' }]);
    store.enqueue({
      messageId: reply.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      nextAttemptAt: T0,
      createdAt: T0,
    });
  }

  function isEmpty(store: SqliteStore) {
    return (
      store.countAccounts() === 0 &&
      inFile().listConversations().length === 0 &&
      store.listMessages('c1').length === 0 &&
      inFile().nextDueAt() === null &&
      inFile().countOutbox('pending') === 0
    );
  }

  it('commits everything together and returns what fn returns', () => {
    const store = open();
    expect(store.transaction(() => (handleOneSms(store), 'done'))).toBe('done');
    expect(open().pendingOutbox(T0, 10)).toHaveLength(1);
  });

  it('a transaction that throws rolls everything back', () => {
    const store = open();
    expect(() =>
      store.transaction(() => {
        handleOneSms(store);
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(isEmpty(store)).toBe(true);
    expect(isEmpty(open())).toBe(true);
  });

  it('a nested transaction commits only with the outer one', () => {
    const store = open();
    expect(() =>
      store.transaction(() => {
        store.transaction(() => handleOneSms(store));
        throw new Error('outer fails after inner succeeded');
      }),
    ).toThrow();
    expect(isEmpty(store)).toBe(true);
  });

  it('a nested transaction that throws undoes its own writes only, if the outer one carries on', () => {
    const store = open();
    store.transaction(() => {
      store.upsertAccount(account());
      try {
        store.transaction(() => {
          store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
          throw new Error('inner fails');
        });
      } catch {
        // the outer transaction decides to go on
      }
    });
    expect(store.listAccounts().map((a) => a.id)).toEqual(['a1']);
  });

  it('within a transaction the order of writes is free; references are checked at commit', () => {
    const store = open();
    store.transaction(() => {
      store.insertInbound(inbound(2)); // before its conversation and account exist
      store.saveConversation(conversation());
      store.upsertAccount(account());
    });
    expect(store.listMessages('c1')).toHaveLength(1);
    expect(() =>
      store.transaction(() => void store.insertInbound(inbound(3, { conversationId: 'ghost' }))),
    ).toThrow(/FOREIGN KEY/);
    expect(store.listMessages('ghost')).toEqual([]);
  });

  it('refuses an async function, rolling back what it did before its first await', async () => {
    const store = open();
    expect(() =>
      store.transaction(async () => {
        store.upsertAccount(account());
        await Promise.resolve();
      }),
    ).toThrow(/promise/);
    expect(store.countAccounts()).toBe(0);
  });
});

describe('durability', () => {
  it('everything survives closing and reopening the file', () => {
    const store = seeded();
    const acct = store.getAccount('a1');
    const conv = store.getConversation('c1');
    const messages = [store.insertInbound(inbound(2))!, store.upsertOutbound(outbound(3))];
    store.insertInbound(inbound(1, { conversationId: null, providerMessageId: 'O1' }));
    store.replaceSchedule('c1', [{ id: 1, at: T0 + 60 * MIN, kind: 'offer_followup' }]);
    const item = store.enqueue({
      messageId: messages[1]!.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      nextAttemptAt: T0,
      createdAt: T0,
    });
    store.close();

    const reopened = open();
    expect(reopened.getAccount('a1')).toStrictEqual(acct);
    expect(reopened.getConversation('c1')).toStrictEqual(conv);
    expect(reopened.listMessages('c1')).toStrictEqual(messages);
    expect(inFile().listOrphanMessages(10)).toHaveLength(1);
    expect(reopened.dueConversations(T0 + 60 * MIN, 10)).toEqual(['c1']);
    expect(reopened.pendingOutbox(T0, 10)).toStrictEqual([item]);
    // and the dedupe key with it
    expect(reopened.insertInbound(inbound(2))).toBeNull();
  });

  it('closing twice is harmless', () => {
    const store = open();
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});
