import { describe, expect, it } from 'vitest';
import { Conversation, type ArchivedMessage } from '../../../src/dialogue/conversation.ts';
import type { StoredMessage } from '../../../src/store/store.ts';
import { account, conversation, inbound, MIN, outbound, storeFiles, T0, VIOLATION } from './support.ts';

/**
 * The SQLite store's conversations and their message archive: what it is given it gives back
 * exactly, and a webhook delivered twice is archived once.
 */

const { open, inFile, seeded } = storeFiles();

describe('conversations', () => {
  it('saves, loads by id and by account, and updates in place', async () => {
    const store = await open();
    await store.upsertAccount(account());
    const row = conversation();
    await store.saveConversation(row);
    // Each save counts: the version is how an instance tells its cached runtime is stale.
    expect(await store.getConversation('c1')).toStrictEqual({ ...row, version: 1 });
    expect(await store.getConversationByAccount('a1')).toStrictEqual({ ...row, version: 1 });

    const later = conversation({
      state: 'offer',
      paused: true,
      channel: 'gateway',
      data: {
        snapshot: { value: { active: 'offer' } },
        jobs: [{ id: 1, at: T0 + 60 * MIN, kind: 'offer_followup' }],
        nextJobId: 2,
      },
      updatedAt: T0 + 5 * MIN,
    });
    await store.saveConversation(later);
    expect(await store.getConversation('c1')).toStrictEqual({ ...later, version: 2 });
    expect(await inFile().listConversations()).toHaveLength(1);
    expect(await store.getConversation('c2')).toBeNull();
    expect(await store.getConversationByAccount('a2')).toBeNull();
  });

  it('keeps each saved conversation with its update time (listed in the file most recently updated first)', async () => {
    const store = await open();
    for (const [i, id] of ['a1', 'a2', 'a3'].entries()) {
      await store.upsertAccount(account({ id, phone: `+861380013800${i}` }));
      await store.saveConversation(
        conversation({ id: `c${i + 1}`, accountId: id, updatedAt: T0 + [2, 9, 5][i]! * MIN }),
      );
    }
    expect((await inFile().listConversations()).map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
  });

  it('belongs to an existing account, one conversation per account', async () => {
    const store = await open();
    await expect(
      (async () => await store.saveConversation(conversation({ accountId: 'ghost' })))(),
    ).rejects.toThrow(VIOLATION.foreignKey);
    await store.upsertAccount(account());
    await store.saveConversation(conversation());
    await expect((async () => await store.saveConversation(conversation({ id: 'c2' })))()).rejects.toThrow(
      VIOLATION.unique,
    );
  });
});

describe('the message archive', () => {
  it('archives an inbound SMS and gives it a store-wide id', async () => {
    const store = await seeded();
    const m = inbound(2);
    const stored = await store.insertInbound(m);
    expect(stored).toStrictEqual({ id: expect.any(Number), ...m });
    expect(await store.listMessages('c1')).toStrictEqual([stored]);
  });

  it('a second delivery of the same (channel, provider message id) returns null and archives nothing', async () => {
    const store = await seeded();
    expect(await store.insertInbound(inbound(2))).not.toBeNull();
    expect(await store.insertInbound(inbound(3, { providerMessageId: 'SM2' }))).toBeNull();
    expect(await store.listMessages('c1')).toHaveLength(1);
  });

  it('the same provider message id on another channel is another message', async () => {
    const store = await seeded();
    expect(
      await store.insertInbound(inbound(2, { channel: 'twilio', providerMessageId: 'X1' })),
    ).not.toBeNull();
    expect(
      await store.insertInbound(inbound(3, { channel: 'gateway', providerMessageId: 'X1' })),
    ).not.toBeNull();
    expect((await store.listMessages('c1')).map((m) => m.channel)).toEqual(['twilio', 'gateway']);
  });

  it('the dedupe is a key in the file: a second store on the same file also gets null', async () => {
    const first = await seeded();
    const second = await open();
    expect(await first.insertInbound(inbound(2))).not.toBeNull();
    expect(await second.insertInbound(inbound(2))).toBeNull();
    expect(
      await second.insertInbound(inbound(3, { providerMessageId: 'SM2', conversationId: null })),
    ).toBeNull();
    expect(await first.listMessages('c1')).toHaveLength(1);
    expect(await inFile().listOrphanMessages(10)).toEqual([]);
  });

  it('a clash on (conversation, seq) is an error, not a silent duplicate', async () => {
    const store = await seeded();
    await store.insertInbound(inbound(2));
    await expect(
      (async () => await store.insertInbound(inbound(2, { providerMessageId: 'SM-other' })))(),
    ).rejects.toThrow(VIOLATION.unique);
    await expect((async () => await store.insertInbound(outbound(3)))()).rejects.toThrow(/outbound/);
  });

  it('upserts an outbound message by (conversation, seq): a second write updates the same row', async () => {
    const store = await seeded();
    const queued = await store.upsertOutbound(
      outbound(
        3,
        { status: 'deferred', until: T0 + 600 * MIN, violations: [{ rule: 'quiet_hours', reason: 'quiet' }] },
        { status: 'deferred' },
      ),
    );
    const sentMessage = outbound(3, { at: T0 + 600 * MIN }, { status: 'sent', providerMessageId: 'SMout3' });
    const sent = await store.upsertOutbound(sentMessage);
    expect(sent).toStrictEqual({ id: queued.id, ...sentMessage });
    expect(await store.listMessages('c1')).toStrictEqual([sent]);
    // the runtime's view has no until and no violations any more: they are gone, not left over
    expect((await store.listMessages('c1'))[0]!.message).not.toHaveProperty('until');
    expect((await store.listMessages('c1'))[0]!.message).not.toHaveProperty('violations');
  });

  it('an outbound re-save without a provider id keeps the one the provider gave', async () => {
    const store = await seeded();
    const m = await store.upsertOutbound(outbound(3));
    await store.setMessageDelivery(m.id, 'sent', 'SMout3', null);
    expect((await store.upsertOutbound(outbound(3, {}, { status: 'sent' }))).providerMessageId).toBe(
      'SMout3',
    );
  });

  it('an outbound upsert never overwrites an inbound message, and needs a conversation', async () => {
    const store = await seeded();
    const original = (await store.insertInbound(inbound(2)))!;
    await expect((async () => await store.upsertOutbound(outbound(2)))()).rejects.toThrow(/inbound/);
    expect(await store.listMessages('c1')).toStrictEqual([original]);
    await expect(
      (async () => await store.upsertOutbound(outbound(3, {}, { conversationId: null })))(),
    ).rejects.toThrow(/conversation/);
    await expect((async () => await store.upsertOutbound(inbound(4)))()).rejects.toThrow(/inbound/);
  });

  it('lists a conversation in seq order and reads every field back exactly, absent ones absent', async () => {
    const store = await seeded();
    const offer = outbound(
      5,
      {
        kind: 'reply',
        state: 'offer',
        acts: ['empathy', 'offer'],
        offers: [
          { id: 'A', installments: [{ due: '2026-12-24', amount: 4800 }] },
          {
            id: 'B',
            installments: [
              { due: '2026-12-01', amount: 1600.5 },
              { due: '2027-01-01', amount: 3199.5 },
            ],
          },
        ],
        inReplyTo: 4,
      },
      { status: 'sent', providerMessageId: 'SMout5' },
    );
    const confirm = outbound(7, {
      state: 'agreed',
      acts: ['confirm'],
      plan: { id: 'A', installments: [{ due: '2026-12-24', amount: 4800 }] },
      inReplyTo: 6,
    });
    const deferred = outbound(
      9,
      {
        kind: 'proactive',
        state: 'agreed',
        acts: ['reminder'],
        status: 'deferred',
        until: T0 + 13 * 60 * MIN,
        violations: [
          { rule: 'quiet_hours', reason: '23:30 is inside quiet hours 21:00–08:00 (Asia/Shanghai)' },
        ],
      },
      { status: 'deferred' },
    );
    const { inReplyTo: _, ...proactive } = deferred.message;
    deferred.message = proactive;
    const blocked = outbound(
      11,
      {
        status: 'blocked',
        reason: 'cancelled before its time: the conversation moved to opted_out',
        text: '含"引号"、emoji 👍 与 \\ 反斜杠\n换行',
      },
      { status: 'blocked', reason: 'cancelled before its time' },
    );
    const bare: Omit<StoredMessage, 'id'> = {
      conversationId: 'c1',
      message: { seq: 12, direction: 'in', at: T0, text: '', status: 'received' },
      status: 'received',
      channel: 'sim',
      providerMessageId: null,
      phone: null,
      reason: null,
    };
    const withParse = inbound(4, {}, '暂时的');
    withParse.message.parsed = {
      intent: 'offer_amount',
      hardship: 'temporary',
      amount: 300.25,
      installments: 6,
      date: '2026-12-31',
    };

    // written out of order, mixing inbound and outbound
    for (const m of [blocked, confirm, bare, withParse, deferred, offer]) {
      if (m.message.direction === 'in') await store.insertInbound(m);
      else await store.upsertOutbound(m);
    }
    const listed = await store.listMessages('c1');
    expect(listed.map((m) => m.message.seq)).toEqual([4, 5, 7, 9, 11, 12]);
    expect(listed.map(({ id: _id, ...rest }) => rest)).toStrictEqual([
      withParse,
      offer,
      confirm,
      deferred,
      blocked,
      bare,
    ]);
    expect(Object.keys(listed.at(-1)!.message).sort()).toEqual(['at', 'direction', 'seq', 'status', 'text']);
  });

  it('keeps the queryable columns in step with the message', async () => {
    const store = await seeded();
    await store.upsertOutbound(
      outbound(3, { offers: [{ id: 'A', installments: [{ due: '2026-12-24', amount: 4800 }] }] }),
    );
    await store.upsertOutbound(
      outbound(3, { status: 'blocked', acts: ['offer'] }, { status: 'blocked', reason: 'guard' }),
    );
    const [row] = await inFile().all(
      'SELECT seq, direction, status, message_status, kind, acts, offers, in_reply_to, reason FROM messages',
    );
    expect(row).toEqual({
      seq: 3,
      direction: 'out',
      status: 'blocked',
      message_status: 'blocked',
      kind: 'reply',
      acts: '["offer"]',
      offers: null,
      in_reply_to: 2,
      reason: 'guard',
    });
  });

  it('archives SMS from unknown numbers without a conversation, listed newest first', async () => {
    const store = await seeded();
    const orphan = (at: number, sid: string) => {
      const m = inbound(
        1,
        { conversationId: null, providerMessageId: sid, phone: '+8613700000000' },
        'who is this?',
      );
      m.message.at = at;
      return m;
    };
    const stored = [];
    for (const m of [orphan(T0 + 5 * MIN, 'O1'), orphan(T0 + 9 * MIN, 'O2'), orphan(T0 + 1 * MIN, 'O3')])
      stored.push((await store.insertInbound(m))!);
    const [o1, o2] = stored;
    expect((await inFile().listOrphanMessages(10)).map((m) => m.providerMessageId)).toEqual([
      'O2',
      'O1',
      'O3',
    ]);
    expect(await inFile().listOrphanMessages(2)).toStrictEqual([o2, o1]);
    expect(await store.listMessages('c1')).toEqual([]);
    // the same sid redelivered is still archived once
    expect(await store.insertInbound(orphan(T0 + 20 * MIN, 'O1'))).toBeNull();
  });

  it('records delivery: status, provider id and reason, without touching the message itself', async () => {
    const store = await seeded();
    const m = await store.upsertOutbound(outbound(3));
    await store.setMessageDelivery(m.id, 'failed', null, 'Twilio 21610: unsubscribed recipient');
    expect(await store.listMessages('c1')).toStrictEqual([
      { ...m, status: 'failed', reason: 'Twilio 21610: unsubscribed recipient' },
    ]);
    await store.setMessageDelivery(m.id, 'sent', 'SMout3', null);
    expect(await store.listMessages('c1')).toStrictEqual([
      { ...m, status: 'sent', providerMessageId: 'SMout3' },
    ]);
    await expect((async () => await store.setMessageDelivery(9999, 'sent', null, null))()).rejects.toThrow(
      /9999/,
    );
  });

  it('a real conversation stored message by message restores to the same conversation', async () => {
    const store = await seeded();
    const acct = account();
    const conv = Conversation.create('c1', acct);
    const at = (local: string) => Date.parse(`${local}+08:00`);
    const archive = async (ms: readonly ArchivedMessage[]) =>
      await store.transaction(async () => {
        for (const msg of ms) {
          const base = {
            conversationId: 'c1',
            message: structuredClone(msg),
            channel: 'twilio' as const,
            phone: acct.phone,
            reason: null,
          };
          if (msg.direction === 'in')
            await store.insertInbound({ ...base, status: 'received', providerMessageId: `SM${msg.seq}` });
          else
            await store.upsertOutbound({
              ...base,
              status: msg.status === 'sent' ? 'queued' : msg.status,
              providerMessageId: null,
            });
        }
        const { snapshot, jobs, nextJobId } = structuredClone(conv.toJSON());
        await store.saveConversation(
          conversation({
            state: conv.state,
            data: { snapshot, jobs, nextJobId },
            updatedAt: ms.at(-1)?.at ?? 0,
          }),
        );
        await store.replaceSchedule('c1', [...conv.pendingJobs]);
      });

    await archive(conv.start(at('2026-11-23T19:00:00')));
    const late = conv.receive('我现在真的没钱', at('2026-11-23T23:30:00')); // answered at 08:00: deferred
    await archive([late.inbound, ...late.out]);
    expect((await store.listMessages('c1')).at(-1)!.status).toBe('deferred');
    await archive(conv.runDue(at('2026-11-24T08:00:00')));
    for (const [text, when] of [
      ['暂时的', '2026-11-24T08:20:00'],
      ['可以,就A吧', '2026-11-24T08:45:00'], // §8: with several options, a bare yes asks which
    ] as const) {
      const turn = conv.receive(text, at(when));
      await archive([turn.inbound, ...turn.out]);
    }
    await store.close();

    const reopened = await open();
    const row = (await reopened.getConversation('c1'))!;
    const messages = (await reopened.listMessages('c1')).map((m) => m.message);
    expect(messages).toStrictEqual(conv.archive);
    const restored = Conversation.restore({
      id: row.id,
      account: acct,
      snapshot: row.data.snapshot as never,
      messages,
      jobs: row.data.jobs,
      nextJobId: row.data.nextJobId,
    });
    expect(restored.state).toBe('agreed');
    expect(restored.toJSON()).toStrictEqual(conv.toJSON());
    expect(await inFile().nextDueAt()).toBe(conv.nextJobAt());
  });
});
