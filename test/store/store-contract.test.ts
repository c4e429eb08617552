import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStore } from '../../src/store/agent-store.ts';
import { PhoneInUseError, type Store } from '../../src/store/store.ts';
import { account, conversation, inbound, MIN, outbound, T0 } from './sqlite/support.ts';
import { STORE_KINDS } from '../support/stores.ts';

/**
 * What every store guarantees, run on SQLite and on PostgreSQL alike (CONTRACTS §9: the same
 * tables, migrations and guarantees hold for both). The SQLite-only details (pragmas, the file)
 * stay in test/store/sqlite/, the PostgreSQL-only ones (locks, notices) in test/store/postgres/.
 */

for (const kind of STORE_KINDS) {
  describe.skipIf(kind.skip)(`the store contract ${kind.title}`, () => {
    let store: Store;
    let second: () => Promise<Store>;
    let agents: () => AgentStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, second, agents, close } = await kind.open());
    });
    afterEach(async () => close());

    const seed = async (s: Store = store) => {
      await s.transaction(async () => {
        await s.upsertAccount(account());
        await s.saveConversation(conversation());
      });
    };
    const enqueueReply = async (seq: number, s: Store = store) => {
      const m = await s.upsertOutbound(outbound(seq));
      return s.enqueue({
        messageId: m.id,
        conversationId: 'c1',
        channel: 'twilio',
        to: '+8613800138000',
        text: `reply ${seq}`,
        nextAttemptAt: T0,
        createdAt: T0 + seq,
      });
    };

    it('keeps accounts whole, tells new from updated, and refuses a phone another account has', async () => {
      expect(await store.upsertAccount(account({ howToPay: '在App还款', hotline: '95188' }))).toEqual({
        created: true,
      });
      expect(await store.upsertAccount(account())).toEqual({ created: false });
      expect(await store.getAccount('a1')).toStrictEqual(account());
      expect(await store.getAccountByPhone('+8613800138000')).toStrictEqual(account());
      await expect(store.upsertAccount(account({ id: 'a2' }))).rejects.toThrow(PhoneInUseError);
      expect(await store.countAccounts()).toBe(1);
      expect((await store.listAccounts()).map((a) => a.id)).toEqual(['a1']);
    });

    it('refuses one account of a batch and keeps the batch going: the others commit', async () => {
      await store.transaction(async () => {
        expect(await store.upsertAccount(account())).toEqual({ created: true });
        await expect(store.upsertAccount(account({ id: 'a2' }))).rejects.toThrow(PhoneInUseError);
        expect(await store.upsertAccount(account({ id: 'a3', phone: '+8613900139000' }))).toEqual({
          created: true,
        });
        expect(await store.upsertAccount(account({ debtorName: '高翔二' }))).toEqual({ created: false });
      });
      expect((await store.listAccounts()).map((a) => [a.id, a.debtorName])).toEqual([
        ['a1', '高翔二'],
        ['a3', '高翔'],
      ]);
    });

    it('archives text no JSON reader chokes on: a NUL or a lone surrogate; the inbox and the team still read', async () => {
      await seed();
      const texts = ['ok\u0000 no money', '【快借】\ud800', 'QuickCash: \udfff', '\\ud800 typed'];
      for (const [i, text] of texts.entries()) await store.insertInbound(inbound(2 + i, {}, text));
      await store.upsertOutbound(outbound(9, { text: '【快借】\ud800', author: 'agent' }));
      // SQLite keeps them; PostgreSQL's text and jsonb cannot, and hold U+FFFD in their place.
      const kept =
        kind.name === 'sqlite'
          ? texts
          : ['ok\ufffd no money', '【快借】\ufffd', 'QuickCash: \ufffd', '\\ud800 typed'];
      expect((await store.listMessages('c1')).map((x) => x.message.text)).toEqual([...kept, kept[1]]);
      // Every query that looks inside the archive's JSON runs.
      expect((await store.inbox(null, true, null, 10)).map((r) => r.id)).toEqual(['c1']);
      await expect(agents().waiting(['c1'])).resolves.toBeInstanceOf(Map);
      expect((await store.metricsRaw()).debtors).toBe(1);
      // (SQLite's LIKE stops reading a pattern at a NUL; PostgreSQL searches for U+FFFD.)
      await expect(store.inbox(null, true, 'x\u0000', 10)).resolves.toEqual([]);
      expect(await store.getAccountByPhone('+86138\u0000')).toBeNull();
    });

    it('counts each save of a conversation in its version', async () => {
      await seed();
      expect((await store.getConversation('c1'))?.version).toBe(1);
      expect(await store.saveConversation(conversation({ state: 'offer' }))).toBe(2);
      expect(await store.getConversationByAccount('a1')).toStrictEqual(
        conversation({ state: 'offer', version: 2 }),
      );
    });

    it('archives a redelivered inbound once, also through a second connection', async () => {
      await seed();
      const other = await second();
      expect(await store.insertInbound(inbound(2))).not.toBeNull();
      expect(await other.insertInbound(inbound(2))).toBeNull();
      expect(
        await store.insertInbound(inbound(3, { providerMessageId: 'SM9', conversationId: null })),
      ).not.toBeNull();
      expect(
        await other.insertInbound(inbound(3, { providerMessageId: 'SM9', conversationId: null })),
      ).toBeNull();
      const stored = await store.listMessages('c1');
      expect(stored.map((m) => m.message)).toStrictEqual([inbound(2).message]);
    });

    it('updates an outbound message in place and keeps the provider id it learnt', async () => {
      await seed();
      const first = await store.upsertOutbound(outbound(3));
      await store.setMessageDelivery(first.id, 'sent', 'SMX', null);
      const again = await store.upsertOutbound(outbound(3, { text: 'reply 3 again' }));
      expect(again.id).toBe(first.id);
      expect(again.providerMessageId).toBe('SMX');
      await expect(store.setMessageDelivery(9999, 'sent', null, null)).rejects.toThrow(/9999/);
    });

    it('finds due conversations earliest first and replaces a schedule whole', async () => {
      await seed();
      await store.replaceSchedule('c1', [
        { id: 1, at: T0 + 20 * MIN, kind: 'offer_followup' },
        { id: 2, at: T0 + 90 * MIN, kind: 'silence_followup' },
      ]);
      expect(await store.dueConversations(T0 + 10 * MIN, 10)).toEqual([]);
      expect(await store.dueConversations(T0 + 20 * MIN, 10)).toEqual(['c1']);
      await store.replaceSchedule('c1', []);
      expect(await store.dueConversations(T0 + 100 * MIN, 10)).toEqual([]);
    });

    it('claims each due outbox item for one sender at a time, oldest first, until its lease ends', async () => {
      await seed();
      const a = await enqueueReply(3);
      const b = await enqueueReply(4);
      const other = await second();
      const [x, y, none] = await Promise.all([
        store.claimOutbox(T0, T0 + MIN),
        other.claimOutbox(T0, T0 + MIN),
        store.claimOutbox(T0, T0 + MIN),
      ]);
      // Which of the three racing claims comes away empty is up to the scheduler: each item is
      // claimed by exactly one of them, and one gets nothing.
      const got = [x, y, none].map((i) => i?.id ?? null);
      expect(got.filter((id) => id !== null).sort()).toEqual([a.id, b.id].sort());
      expect(got.filter((id) => id === null)).toHaveLength(1);
      // A claimer that never marks its item: after the lease, it is due again.
      expect((await store.claimOutbox(T0 + MIN, T0 + 2 * MIN))?.id).toBe(a.id);
      await store.markOutbox(a.id, 'sent', { attempts: 1, lastError: null });
      expect((await store.pendingOutbox(T0 + 5 * MIN, 10)).map((i) => i.id)).toEqual([b.id]);
    });

    it('moves an outbox item only from the status it is still in, whichever connection got there first', async () => {
      await seed();
      const a = await enqueueReply(3);
      const claimed = (await store.claimOutbox(T0, T0 + MIN))!;
      await store.markOutbox(a.id, 'pending', { sendingSince: T0 + 1 });
      expect(await store.outboxItem(a.id)).toMatchObject({ status: 'pending', sendingSince: T0 + 1 });
      // A status callback on another instance settles it while this sender's request is failing.
      const other = await second();
      expect(await other.markOutboxIf(a.id, 'pending', 'sent', { attempts: 1, sendingSince: null })).toBe(
        true,
      );
      // The sender's late requeue finds it sent and changes nothing.
      expect(
        await store.markOutboxIf(a.id, 'pending', 'pending', {
          attempts: claimed.attempts + 1,
          nextAttemptAt: T0 + MIN,
          lastError: 'timeout',
        }),
      ).toBe(false);
      expect(await store.outboxItem(a.id)).toMatchObject({
        status: 'sent',
        attempts: 1,
        lastError: null,
        sendingSince: null,
      });
      expect(await store.outboxItem(a.id + 1000)).toBeNull();
      expect(await store.markOutboxIf(a.id + 1000, 'pending', 'sent', {})).toBe(false);
    });

    it('two racing settlements of one item: exactly one moves it', async () => {
      await seed();
      const a = await enqueueReply(3);
      const other = await second();
      const results = await Promise.all([
        store.markOutboxIf(a.id, 'pending', 'sent', { attempts: 1 }),
        other.markOutboxIf(a.id, 'pending', 'failed', { attempts: 1 }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.outboxItem(a.id))?.status).toBe(results[0] ? 'sent' : 'failed');
    });

    it('cancels every pending item of a conversation but the one kept', async () => {
      await seed();
      const a = await enqueueReply(3);
      const b = await enqueueReply(4);
      const cancelled = await store.cancelPendingOutbox('c1', b.messageId);
      expect(cancelled.map((i) => [i.id, i.status])).toEqual([[a.id, 'cancelled']]);
      expect((await store.pendingOutbox(T0, 10)).map((i) => i.id)).toEqual([b.id]);
    });

    it('commits a transaction whole or not at all, nested ones as savepoints', async () => {
      await expect(
        store.transaction(async () => {
          await seed();
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await store.countAccounts()).toBe(0);
      await store.transaction(async () => {
        await store.upsertAccount(account());
        await store
          .transaction(async () => {
            await store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
            throw new Error('inner fails');
          })
          .catch(() => undefined);
      });
      expect((await store.listAccounts()).map((a) => a.id)).toEqual(['a1']);
    });

    it('checks references at commit, whatever the order of the writes', async () => {
      await store.transaction(async () => {
        await store.insertInbound(inbound(2));
        await store.saveConversation(conversation());
        await store.upsertAccount(account());
      });
      expect(await store.listMessages('c1')).toHaveLength(1);
      await expect(
        store.transaction(
          async () => void (await store.insertInbound(inbound(3, { conversationId: 'ghost' }))),
        ),
      ).rejects.toThrow(/foreign key/i);
    });

    it('searches the inbox by name and by the phone as the panel masks it, never by hidden digits', async () => {
      await seed();
      await store.insertInbound(inbound(2));
      const ids = async (q: string | null) => (await store.inbox(null, false, q, -1)).map((r) => r.id);
      expect(await ids(null)).toEqual(['c1']);
      expect(await ids('高翔')).toEqual(['c1']);
      expect(await ids('8000')).toEqual(['c1']);
      expect(await ids('+86138')).toEqual(['c1']);
      expect(await ids('0013')).toEqual([]); // hidden by the mask
      expect(await ids('+8613800138000')).toEqual(['c1']);
      const [row] = await store.inbox(['reminded'], false, null, 10);
      expect(row?.last).toEqual({
        direction: 'in',
        text: '我现在真的没钱',
        at: T0 + 2 * MIN,
        status: 'received',
      });
    });

    it("filters the inbox to conversations whose last inbound was read unsurely, a bare yes/no to the bot's check excepted", async () => {
      await seed();
      const unsure = (seq: number, confidence: number, answersCheck?: 'yes') =>
        inbound(seq, {
          message: {
            ...inbound(seq).message,
            parsed: { ...inbound(seq).message.parsed!, confidence, reason: 'promise_to_pay.date' },
            ...(answersCheck ? { answersCheck } : {}),
          } as never,
        });
      await store.insertInbound(unsure(2, 0.65));
      const [row] = await store.inbox(null, false, null, -1, 0.7);
      expect(row?.id).toBe('c1');
      expect(row?.lastInbound).toEqual({
        confidence: 0.65,
        reason: 'promise_to_pay.date',
        answersCheck: null,
      });
      expect(await store.inbox(null, false, null, -1, 0.6)).toEqual([]);
      await store.insertInbound(unsure(3, 0.5, 'yes'));
      expect(await store.inbox(null, false, null, -1, 0.7)).toEqual([]);
      expect((await store.inbox(null, false, null, -1))[0]?.lastInbound).toEqual({
        confidence: 0.5,
        reason: 'promise_to_pay.date',
        answersCheck: 'yes',
      });
    });

    it('counts the metrics from the archive', async () => {
      await seed();
      await store.insertInbound(inbound(2));
      await store.upsertOutbound(outbound(3));
      const raw = await store.metricsRaw();
      expect(raw).toMatchObject({ debtors: 1, contacted: 1, replied: 1, promised: 0, optedOut: 0 });
      expect(raw.daily).toEqual([{ date: '2026-11-23', sent: 1, received: 1, agreed: 0, promised: 0 }]);
      expect(raw.firstInbound).toEqual([{ accountId: 'a1', at: T0 + 2 * MIN }]);
    });

    it('records payments in payment order', async () => {
      await seed();
      await store.insertPayment({
        accountId: 'a1',
        amount: 500,
        paidAt: T0 + 2,
        reference: null,
        createdAt: T0,
      });
      await store.insertPayment({
        accountId: 'a1',
        amount: 700,
        paidAt: T0 + 1,
        reference: 'r',
        createdAt: T0,
      });
      expect((await store.listPayments()).map((p) => p.amount)).toEqual([700, 500]);
    });
  });
}
