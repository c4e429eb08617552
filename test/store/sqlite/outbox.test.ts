import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.ts';
import { account, conversation, MIN, outbound, storeFiles, T0, VIOLATION } from './support.ts';

/** The SQLite store's schedule (due work across conversations) and outbox (what the sender sends). */

const { inFile, seeded } = storeFiles();

describe('the schedule', () => {
  async function twoConversations(): Promise<Store> {
    const store = await seeded();
    await store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
    await store.saveConversation(conversation({ id: 'c2', accountId: 'a2' }));
    return store;
  }

  it('is empty at first', async () => {
    const store = await seeded();
    expect(await inFile().nextDueAt()).toBeNull();
    expect(await store.dueConversations(T0 * 2, 10)).toEqual([]);
  });

  it("replaces a conversation's jobs rather than adding to them", async () => {
    const store = await twoConversations();
    await store.replaceSchedule('c1', [
      { id: 1, at: T0 + 10 * MIN, kind: 'offer_followup' },
      { id: 2, at: T0 + 20 * MIN, kind: 'deliver', messageSeq: 3 },
    ]);
    await store.replaceSchedule('c1', [{ id: 3, at: T0 + 30 * MIN, kind: 'installment_due', index: 0 }]);
    expect(await inFile().nextDueAt()).toBe(T0 + 30 * MIN);
    await store.replaceSchedule('c1', []);
    expect(await inFile().nextDueAt()).toBeNull();
  });

  it('finds the conversations with a job due at or before a time, earliest first, up to a limit', async () => {
    const store = await twoConversations();
    await store.upsertAccount(account({ id: 'a3', phone: '+8613700137000' }));
    await store.saveConversation(conversation({ id: 'c3', accountId: 'a3' }));
    await store.replaceSchedule('c1', [
      { id: 1, at: T0 + 20 * MIN, kind: 'offer_followup' },
      { id: 2, at: T0 + 90 * MIN, kind: 'silence_followup' },
    ]);
    await store.replaceSchedule('c2', [
      { id: 1, at: T0 + 10 * MIN, kind: 'promise_missed' },
      { id: 2, at: T0 + 30 * MIN, kind: 'deliver', messageSeq: 4 },
    ]);
    await store.replaceSchedule('c3', [{ id: 7, at: T0 + 60 * MIN, kind: 'installment_due', index: 1 }]);

    expect(await store.dueConversations(T0 + 9 * MIN, 10)).toEqual([]);
    expect(await store.dueConversations(T0 + 20 * MIN, 10)).toEqual(['c2', 'c1']); // at or before
    expect(await store.dueConversations(T0 + 60 * MIN, 10)).toEqual(['c2', 'c1', 'c3']); // each once
    expect(await store.dueConversations(T0 + 60 * MIN, 2)).toEqual(['c2', 'c1']);
    expect(await inFile().nextDueAt()).toBe(T0 + 10 * MIN);
  });

  it('belongs to a saved conversation', async () => {
    const store = await seeded();
    await expect(
      (async () => await store.replaceSchedule('ghost', [{ id: 1, at: T0, kind: 'offer_followup' }]))(),
    ).rejects.toThrow(VIOLATION.foreignKey);
    expect(await inFile().nextDueAt()).toBeNull();
  });
});

describe('the outbox', () => {
  /** An outbound message and its outbox item, created `minutes` after T0 and first due at `dueMinutes`. */
  async function queue(
    store: Store,
    seq: number,
    minutes: number,
    dueMinutes = minutes,
    conversationId = 'c1',
  ) {
    const m = await store.upsertOutbound(outbound(seq, {}, { conversationId }));
    return await store.enqueue({
      messageId: m.id,
      conversationId,
      channel: 'twilio',
      to: '+8613800138000',
      text: m.message.text,
      nextAttemptAt: T0 + dueMinutes * MIN,
      createdAt: T0 + minutes * MIN,
    });
  }

  it('enqueues an item as pending, with no attempts and no error', async () => {
    const store = await seeded();
    const item = await queue(store, 3, 0);
    expect(item).toStrictEqual({
      id: expect.any(Number),
      messageId: (await store.listMessages('c1'))[0]!.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
      lastError: null,
      sendingSince: null,
    });
    expect(await inFile().countOutbox('pending')).toBe(1);
  });

  it('holds one item per message', async () => {
    const store = await seeded();
    const item = await queue(store, 3, 0);
    await expect((async () => await store.enqueue({ ...item }))()).rejects.toThrow(VIOLATION.unique);
  });

  it('hands out pending items whose attempt is due, oldest first, up to a limit', async () => {
    const store = await seeded();
    const a = await queue(store, 3, 0);
    const b = await queue(store, 5, 1, 30); // retry later
    const c = await queue(store, 7, 2);
    const d = await queue(store, 9, 2); // same creation time as c: id order
    expect((await store.pendingOutbox(T0 + 10 * MIN, 10)).map((i) => i.id)).toEqual([a.id, c.id, d.id]);
    expect((await store.pendingOutbox(T0 + 30 * MIN, 10)).map((i) => i.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect((await store.pendingOutbox(T0 + 30 * MIN, 2)).map((i) => i.id)).toEqual([a.id, b.id]);
    expect(await store.pendingOutbox(T0 - 1, 10)).toEqual([]);
  });

  it('marks items: sent and failed leave the queue, a retry updates attempts, time and error', async () => {
    const store = await seeded();
    const a = await queue(store, 3, 0);
    const b = await queue(store, 5, 0);
    const c = await queue(store, 7, 0);
    await store.markOutbox(a.id, 'sent', { attempts: 1 });
    await store.markOutbox(b.id, 'failed', { attempts: 1, lastError: 'Twilio 21610' });
    await store.markOutbox(c.id, 'pending', {
      attempts: 1,
      nextAttemptAt: T0 + 5 * MIN,
      lastError: 'timeout',
    });
    expect(await store.pendingOutbox(T0 + 4 * MIN, 10)).toEqual([]);
    expect(await store.pendingOutbox(T0 + 5 * MIN, 10)).toStrictEqual([
      { ...c, attempts: 1, nextAttemptAt: T0 + 5 * MIN, lastError: 'timeout' },
    ]);
    expect([
      await inFile().countOutbox('sent'),
      await inFile().countOutbox('failed'),
      await inFile().countOutbox('pending'),
    ]).toEqual([1, 1, 1]);

    // fields left out keep their value; lastError null clears it
    await store.markOutbox(c.id, 'pending', {});
    expect((await store.pendingOutbox(T0 + 5 * MIN, 10))[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + 5 * MIN,
      lastError: 'timeout',
    });
    await store.markOutbox(c.id, 'pending', { lastError: null });
    expect((await store.pendingOutbox(T0 + 5 * MIN, 10))[0]!.lastError).toBeNull();
    await expect((async () => await store.markOutbox(9999, 'sent', {}))()).rejects.toThrow(/9999/);
  });

  it('records when a send request went out unanswered, until the outcome clears it', async () => {
    const store = await seeded();
    const a = await queue(store, 3, 0);
    await store.markOutbox(a.id, 'pending', { sendingSince: T0 + 1000 });
    expect((await store.pendingOutbox(T0, 10))[0]!.sendingSince).toBe(T0 + 1000);
    // a retry's bookkeeping leaves it: the send stays ambiguous
    await store.markOutbox(a.id, 'pending', { attempts: 1, nextAttemptAt: T0, lastError: 'timeout' });
    expect((await store.pendingOutbox(T0, 10))[0]).toMatchObject({ attempts: 1, sendingSince: T0 + 1000 });
    await store.markOutbox(a.id, 'sent', { attempts: 2, sendingSince: null });
    expect(await store.outboxItem(a.id)).toStrictEqual({
      ...a,
      status: 'sent',
      attempts: 2,
      lastError: 'timeout',
      sendingSince: null,
    });
  });

  it('reads one item by id whatever its status, and null for an unknown id', async () => {
    const store = await seeded();
    const a = await queue(store, 3, 0);
    expect(await store.outboxItem(a.id)).toStrictEqual(a);
    await store.markOutbox(a.id, 'cancelled', {});
    expect((await store.outboxItem(a.id))?.status).toBe('cancelled');
    expect(await store.outboxItem(9999)).toBeNull();
  });

  it("cancels a conversation's pending items but the one to keep, and returns them", async () => {
    const store = await seeded();
    await store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
    await store.saveConversation(conversation({ id: 'c2', accountId: 'a2' }));
    const sent = await queue(store, 3, 0);
    await store.markOutbox(sent.id, 'sent', { attempts: 1 });
    const reminder = await queue(store, 5, 1);
    const followup = await queue(store, 7, 2, 600);
    const confirmation = await queue(store, 9, 3); // the opt-out confirmation: it still goes
    const other = await queue(store, 3, 0, 0, 'c2');

    const cancelled = await store.cancelPendingOutbox('c1', confirmation.messageId);
    expect(cancelled).toStrictEqual([
      { ...reminder, status: 'cancelled' },
      { ...followup, status: 'cancelled' },
    ]);
    expect((await store.pendingOutbox(T0 + 1000 * MIN, 10)).map((i) => i.id)).toEqual([
      other.id,
      confirmation.id,
    ]);
    expect(await inFile().countOutbox('sent')).toBe(1);
    expect(await inFile().countOutbox('cancelled')).toBe(2);

    // nothing to keep: every pending item goes
    expect((await store.cancelPendingOutbox('c1', null)).map((i) => i.id)).toEqual([confirmation.id]);
    expect(await store.cancelPendingOutbox('c1', null)).toEqual([]);
  });
});
