import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.ts';
import { account, conversation, inbound, MIN, outbound, storeFiles, T0, VIOLATION } from './support.ts';

/**
 * The SQLite store as one connection: how it opens a file, its transactions, and what survives
 * a restart. It is the durable half of the bot: a transaction commits whole or not at all, and
 * what was committed is there after reopening.
 */

const t = storeFiles();
const { open, sqlite, raw, inFile, seeded } = t;

// How a SQLite file is opened: on a SQLite file in either pass (the rest runs on the store under test).
describe('opening a SQLite file', () => {
  it('creates the file and its missing parent folders', async () => {
    const nested = join(t.dir, 'data', 'nested', 'huikuan.db');
    sqlite(nested);
    expect(existsSync(nested)).toBe(true);
  });

  it('runs in WAL mode with a 5 s busy timeout, NORMAL sync and foreign keys on', async () => {
    const store = sqlite();
    const db = store['db'];
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw().pragma('journal_mode', { simple: true })).toBe('wal'); // persistent in the file
  });

  it('also opens an in-memory database', async () => {
    const store = sqlite(':memory:');
    await store.upsertAccount(account());
    expect(await store.countAccounts()).toBe(1);
  });
});

describe('transactions', () => {
  /** One inbound SMS's worth of writes: account, conversation, archive, schedule, outbox. */
  async function handleOneSms(store: Store) {
    await store.upsertAccount(account());
    await store.saveConversation(conversation());
    await store.insertInbound(inbound(2));
    const reply = await store.upsertOutbound(outbound(3));
    await store.replaceSchedule('c1', [{ id: 1, at: T0 + 60 * MIN, kind: 'offer_followup' }]);
    await store.enqueue({
      messageId: reply.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      nextAttemptAt: T0,
      createdAt: T0,
    });
  }

  async function isEmpty(store: Store) {
    return (
      (await store.countAccounts()) === 0 &&
      (await inFile().listConversations()).length === 0 &&
      (await store.listMessages('c1')).length === 0 &&
      (await inFile().nextDueAt()) === null &&
      (await inFile().countOutbox('pending')) === 0
    );
  }

  it('commits everything together and returns what fn returns', async () => {
    const store = await open();
    expect(await store.transaction(async () => (await handleOneSms(store), 'done'))).toBe('done');
    expect(await (await open()).pendingOutbox(T0, 10)).toHaveLength(1);
  });

  it('a transaction that throws rolls everything back', async () => {
    const store = await open();
    await expect(
      (async () =>
        await store.transaction(async () => {
          await handleOneSms(store);
          throw new Error('crash before commit');
        }))(),
    ).rejects.toThrow('crash before commit');
    expect(await isEmpty(store)).toBe(true);
    expect(await isEmpty(await open())).toBe(true);
  });

  it('a nested transaction commits only with the outer one', async () => {
    const store = await open();
    await expect(
      (async () =>
        await store.transaction(async () => {
          await store.transaction(async () => await handleOneSms(store));
          throw new Error('outer fails after inner succeeded');
        }))(),
    ).rejects.toThrow();
    expect(await isEmpty(store)).toBe(true);
  });

  it('a nested transaction that throws undoes its own writes only, if the outer one carries on', async () => {
    const store = await open();
    await store.transaction(async () => {
      await store.upsertAccount(account());
      try {
        await store.transaction(async () => {
          await store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
          throw new Error('inner fails');
        });
      } catch {
        // the outer transaction decides to go on
      }
    });
    expect((await store.listAccounts()).map((a) => a.id)).toEqual(['a1']);
  });

  it('within a transaction the order of writes is free; references are checked at commit', async () => {
    const store = await open();
    await store.transaction(async () => {
      await store.insertInbound(inbound(2)); // before its conversation and account exist
      await store.saveConversation(conversation());
      await store.upsertAccount(account());
    });
    expect(await store.listMessages('c1')).toHaveLength(1);
    await expect(
      (async () =>
        await store.transaction(
          async () => void (await store.insertInbound(inbound(3, { conversationId: 'ghost' }))),
        ))(),
    ).rejects.toThrow(VIOLATION.foreignKey);
    expect(await store.listMessages('ghost')).toEqual([]);
  });

  it('is one transaction across awaits: a call from outside waits for it, never joins it', async () => {
    const store = await open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const tx = store.transaction(async () => {
      await store.upsertAccount(account());
      entered();
      await gate;
      throw new Error('rolled back');
    });
    await inside;
    // Another request's read, made while the transaction holds the connection.
    const outside = store.countAccounts();
    release();
    await expect(tx).rejects.toThrow('rolled back');
    expect(await outside).toBe(0);
    expect(await store.countAccounts()).toBe(0);
  });
});

describe('durability', () => {
  it('everything survives closing and reopening the file', async () => {
    const store = await seeded();
    const acct = await store.getAccount('a1');
    const conv = await store.getConversation('c1');
    const messages = [(await store.insertInbound(inbound(2)))!, await store.upsertOutbound(outbound(3))];
    await store.insertInbound(inbound(1, { conversationId: null, providerMessageId: 'O1' }));
    await store.replaceSchedule('c1', [{ id: 1, at: T0 + 60 * MIN, kind: 'offer_followup' }]);
    const item = await store.enqueue({
      messageId: messages[1]!.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      nextAttemptAt: T0,
      createdAt: T0,
    });
    await store.close();

    const reopened = await open();
    expect(await reopened.getAccount('a1')).toStrictEqual(acct);
    expect(await reopened.getConversation('c1')).toStrictEqual(conv);
    expect(await reopened.listMessages('c1')).toStrictEqual(messages);
    expect(await inFile().listOrphanMessages(10)).toHaveLength(1);
    expect(await reopened.dueConversations(T0 + 60 * MIN, 10)).toEqual(['c1']);
    expect(await reopened.pendingOutbox(T0, 10)).toStrictEqual([item]);
    // and the dedupe key with it
    expect(await reopened.insertInbound(inbound(2))).toBeNull();
  });

  it('closing twice is harmless', async () => {
    const store = await open();
    await store.close();
    await (async () => await store.close())();
  });
});
