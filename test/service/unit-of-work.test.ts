import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConversationCache } from '../../src/service/conversation-cache.ts';
import { UnitOfWork } from '../../src/service/unit-of-work.ts';
import type { StoredAccount } from '../../src/store/store.ts';
import { service, T0, chineseAccount } from './support.ts';

const account: StoredAccount = chineseAccount();

const setup = async () => {
  const { store } = await service();
  const cache = new ConversationCache(10);
  const woken: string[] = [];
  const emitted: string[] = [];
  const logged: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const units = new UnitOfWork({
    log: pino({ level: 'info' }, sink),
    store,
    cache,
    clock: () => T0,
    defaultChannel: 'gateway',
    afterCommit: () => woken.push('drain'),
    emit: (id) => emitted.push(id),
  });
  const started = await store.transaction(async () => {
    await store.upsertAccount(account);
    return await units.start(account);
  });
  return { store, cache, units, woken, emitted, started, logged };
};

const open = (units: UnitOfWork) => async () => (await units.find('a1')) ?? { none: null };

describe('a unit of work', () => {
  it('starting a conversation persists its first reminder and queues it', async () => {
    const { store, started } = await setup();
    expect(started).toMatchObject({ conversationId: 'a1', queued: 1 });
    expect((await store.listMessages('a1')).map((m) => m.status)).toEqual(['queued']);
    expect(await store.pendingOutbox(T0, 10)).toHaveLength(1);
  });

  it('starts a demo debtor on the simulator, whatever the default channel is', async () => {
    const { store, units } = await setup();
    await store.transaction(async () => {
      await store.upsertAccount({ ...account, id: 'demo-x', phone: '+8613600136000', demo: true });
      return await units.start({ ...account, id: 'demo-x', phone: '+8613600136000', demo: true });
    });
    expect((await store.getConversation('demo-x'))?.channel).toBe('sim');
    expect((await store.getConversation('a1'))?.channel).toBe('gateway');
  });

  it('persists what its step did and keeps the runtime for the next one', async () => {
    const { store, cache, units } = await setup();
    const done = await units.run(open(units), ({ conv }) =>
      conv.agentSay('【安心贷】陈静您好,方便聊聊吗?回复R拒收', T0),
    );
    expect(done).toMatchObject({ conversationId: 'a1', queued: 1, value: { status: 'sent' } });
    expect(done.changed.map((m) => m.status)).toEqual(['queued']);
    expect(await store.listMessages('a1')).toHaveLength(2);
    expect(cache.size).toBe(1);
  });

  it('archives a blocked message with its reason and logs the reason, never the text', async () => {
    const { store, units, logged } = await setup();
    const done = await units.run(open(units), ({ conv }) =>
      conv.agentSay('【安心贷】陈静您好,再不还钱就上门找你家人。回复R拒收', T0),
    );
    expect(done.value).toMatchObject({ status: 'blocked' });
    const stored = (await store.listMessages('a1')).at(-1)!;
    expect(stored.status).toBe('blocked');
    expect(stored.reason).toMatch(/visit|family/);
    const warn = logged.find((l) => l.msg === 'outbound message blocked');
    expect(warn).toMatchObject({ conversationId: 'a1', level: 40 });
    expect(String(warn!.reason)).toBe(stored.reason);
    expect(JSON.stringify(logged)).not.toContain('上门找你家人');
  });

  it('rolls everything back when its step throws, and the next unit restores from the store', async () => {
    const { store, cache, units } = await setup();
    await units.run(open(units), () => null);
    expect(cache.size).toBe(1);
    await expect(
      (async () =>
        await units.run(open(units), ({ conv }) => {
          conv.agentSay('【安心贷】陈静您好,方便聊聊吗?回复R拒收', T0);
          throw new Error('the disk is full');
        }))(),
    ).rejects.toThrow('the disk is full');
    expect(await store.listMessages('a1')).toHaveLength(1);
    expect(cache.size).toBe(0);
    // The runtime that saw the rolled-back message is gone: this one knows only the reminder.
    expect((await units.run(open(units), ({ conv }) => conv.archive.length)).value).toBe(1);
  });

  it('answers without a conversation when it finds none, and persists nothing', async () => {
    const { units } = await setup();
    const done = await units.run(
      async () => (await units.find('nobody')) ?? { none: 'no such conversation' },
      () => 'ran',
    );
    expect(done).toEqual({ value: 'no such conversation', conversationId: null, changed: [], queued: 0 });
  });

  it('announces: wakes the sender once for many commits, and tells of each conversation', async () => {
    const { units, woken, emitted, started } = await setup();
    units.announce([started, { conversationId: 'b', queued: 2 }, { conversationId: null, queued: 0 }]);
    expect(woken).toEqual(['drain']);
    expect(emitted).toEqual(['a1', 'b']);
    units.announce([{ conversationId: 'a1', queued: 0 }]);
    expect(woken).toEqual(['drain']);
  });
});
