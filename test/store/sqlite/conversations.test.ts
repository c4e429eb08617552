import { describe, expect, it } from 'vitest';
import { Conversation, type ArchivedMessage } from '../../../src/dialogue/conversation.ts';
import type { StoredMessage } from '../../../src/store/store.ts';
import { account, conversation, inbound, MIN, outbound, storeFiles, T0 } from './support.ts';

/**
 * The SQLite store's conversations and their message archive: what it is given it gives back
 * exactly, and a webhook delivered twice is archived once.
 */

const { open, raw, inFile, seeded } = storeFiles();

describe('conversations', () => {
  it('saves, loads by id and by account, and updates in place', () => {
    const store = open();
    store.upsertAccount(account());
    const row = conversation();
    store.saveConversation(row);
    expect(store.getConversation('c1')).toStrictEqual(row);
    expect(store.getConversationByAccount('a1')).toStrictEqual(row);

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
    store.saveConversation(later);
    expect(store.getConversation('c1')).toStrictEqual(later);
    expect(inFile().listConversations()).toHaveLength(1);
    expect(store.getConversation('c2')).toBeNull();
    expect(store.getConversationByAccount('a2')).toBeNull();
  });

  it('keeps each saved conversation with its update time (listed in the file most recently updated first)', () => {
    const store = open();
    for (const [i, id] of ['a1', 'a2', 'a3'].entries()) {
      store.upsertAccount(account({ id, phone: `+861380013800${i}` }));
      store.saveConversation(
        conversation({ id: `c${i + 1}`, accountId: id, updatedAt: T0 + [2, 9, 5][i]! * MIN }),
      );
    }
    expect(
      inFile()
        .listConversations()
        .map((c) => c.id),
    ).toEqual(['c2', 'c3', 'c1']);
  });

  it('belongs to an existing account, one conversation per account', () => {
    const store = open();
    expect(() => store.saveConversation(conversation({ accountId: 'ghost' }))).toThrow(/FOREIGN KEY/);
    store.upsertAccount(account());
    store.saveConversation(conversation());
    expect(() => store.saveConversation(conversation({ id: 'c2' }))).toThrow(/UNIQUE/);
  });
});

describe('the message archive', () => {
  it('archives an inbound SMS and gives it a store-wide id', () => {
    const store = seeded();
    const m = inbound(2);
    const stored = store.insertInbound(m);
    expect(stored).toStrictEqual({ id: expect.any(Number), ...m });
    expect(store.listMessages('c1')).toStrictEqual([stored]);
  });

  it('a second delivery of the same (channel, provider message id) returns null and archives nothing', () => {
    const store = seeded();
    expect(store.insertInbound(inbound(2))).not.toBeNull();
    expect(store.insertInbound(inbound(3, { providerMessageId: 'SM2' }))).toBeNull();
    expect(store.listMessages('c1')).toHaveLength(1);
  });

  it('the same provider message id on another channel is another message', () => {
    const store = seeded();
    expect(store.insertInbound(inbound(2, { channel: 'twilio', providerMessageId: 'X1' }))).not.toBeNull();
    expect(store.insertInbound(inbound(3, { channel: 'gateway', providerMessageId: 'X1' }))).not.toBeNull();
    expect(store.listMessages('c1').map((m) => m.channel)).toEqual(['twilio', 'gateway']);
  });

  it('the dedupe is a key in the file: a second store on the same file also gets null', () => {
    const first = seeded();
    const second = open();
    expect(first.insertInbound(inbound(2))).not.toBeNull();
    expect(second.insertInbound(inbound(2))).toBeNull();
    expect(second.insertInbound(inbound(3, { providerMessageId: 'SM2', conversationId: null }))).toBeNull();
    expect(first.listMessages('c1')).toHaveLength(1);
    expect(inFile().listOrphanMessages(10)).toEqual([]);
  });

  it('a clash on (conversation, seq) is an error, not a silent duplicate', () => {
    const store = seeded();
    store.insertInbound(inbound(2));
    expect(() => store.insertInbound(inbound(2, { providerMessageId: 'SM-other' }))).toThrow(/UNIQUE/);
    expect(() => store.insertInbound(outbound(3))).toThrow(/outbound/);
  });

  it('upserts an outbound message by (conversation, seq): a second write updates the same row', () => {
    const store = seeded();
    const queued = store.upsertOutbound(
      outbound(
        3,
        { status: 'deferred', until: T0 + 600 * MIN, violations: [{ rule: 'quiet_hours', reason: 'quiet' }] },
        { status: 'deferred' },
      ),
    );
    const sentMessage = outbound(3, { at: T0 + 600 * MIN }, { status: 'sent', providerMessageId: 'SMout3' });
    const sent = store.upsertOutbound(sentMessage);
    expect(sent).toStrictEqual({ id: queued.id, ...sentMessage });
    expect(store.listMessages('c1')).toStrictEqual([sent]);
    // the runtime's view has no until and no violations any more: they are gone, not left over
    expect(store.listMessages('c1')[0]!.message).not.toHaveProperty('until');
    expect(store.listMessages('c1')[0]!.message).not.toHaveProperty('violations');
  });

  it('an outbound re-save without a provider id keeps the one the provider gave', () => {
    const store = seeded();
    const m = store.upsertOutbound(outbound(3));
    store.setMessageDelivery(m.id, 'sent', 'SMout3', null);
    expect(store.upsertOutbound(outbound(3, {}, { status: 'sent' })).providerMessageId).toBe('SMout3');
  });

  it('an outbound upsert never overwrites an inbound message, and needs a conversation', () => {
    const store = seeded();
    const original = store.insertInbound(inbound(2))!;
    expect(() => store.upsertOutbound(outbound(2))).toThrow(/inbound/);
    expect(store.listMessages('c1')).toStrictEqual([original]);
    expect(() => store.upsertOutbound(outbound(3, {}, { conversationId: null }))).toThrow(/conversation/);
    expect(() => store.upsertOutbound(inbound(4))).toThrow(/inbound/);
  });

  it('lists a conversation in seq order and reads every field back exactly, absent ones absent', () => {
    const store = seeded();
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
      if (m.message.direction === 'in') store.insertInbound(m);
      else store.upsertOutbound(m);
    }
    const listed = store.listMessages('c1');
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

  it('keeps the queryable columns in step with the message', () => {
    const store = seeded();
    store.upsertOutbound(
      outbound(3, { offers: [{ id: 'A', installments: [{ due: '2026-12-24', amount: 4800 }] }] }),
    );
    store.upsertOutbound(
      outbound(3, { status: 'blocked', acts: ['offer'] }, { status: 'blocked', reason: 'guard' }),
    );
    const row = raw()
      .prepare(
        'SELECT seq, direction, status, message_status, kind, acts, offers, in_reply_to, reason FROM messages',
      )
      .get();
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

  it('archives SMS from unknown numbers without a conversation, listed newest first', () => {
    const store = seeded();
    const orphan = (at: number, sid: string) => {
      const m = inbound(
        1,
        { conversationId: null, providerMessageId: sid, phone: '+8613700000000' },
        'who is this?',
      );
      m.message.at = at;
      return m;
    };
    const [o1, o2] = [orphan(T0 + 5 * MIN, 'O1'), orphan(T0 + 9 * MIN, 'O2'), orphan(T0 + 1 * MIN, 'O3')].map(
      (m) => store.insertInbound(m)!,
    );
    expect(
      inFile()
        .listOrphanMessages(10)
        .map((m) => m.providerMessageId),
    ).toEqual(['O2', 'O1', 'O3']);
    expect(inFile().listOrphanMessages(2)).toStrictEqual([o2, o1]);
    expect(store.listMessages('c1')).toEqual([]);
    // the same sid redelivered is still archived once
    expect(store.insertInbound(orphan(T0 + 20 * MIN, 'O1'))).toBeNull();
  });

  it('records delivery: status, provider id and reason, without touching the message itself', () => {
    const store = seeded();
    const m = store.upsertOutbound(outbound(3));
    store.setMessageDelivery(m.id, 'failed', null, 'Twilio 21610: unsubscribed recipient');
    expect(store.listMessages('c1')).toStrictEqual([
      { ...m, status: 'failed', reason: 'Twilio 21610: unsubscribed recipient' },
    ]);
    store.setMessageDelivery(m.id, 'sent', 'SMout3', null);
    expect(store.listMessages('c1')).toStrictEqual([{ ...m, status: 'sent', providerMessageId: 'SMout3' }]);
    expect(() => store.setMessageDelivery(9999, 'sent', null, null)).toThrow(/9999/);
  });

  it('a real conversation stored message by message restores to the same conversation', () => {
    const store = seeded();
    const acct = account();
    const conv = Conversation.create('c1', acct);
    const at = (local: string) => Date.parse(`${local}+08:00`);
    const archive = (ms: readonly ArchivedMessage[]) =>
      store.transaction(() => {
        for (const msg of ms) {
          const base = {
            conversationId: 'c1',
            message: structuredClone(msg),
            channel: 'twilio' as const,
            phone: acct.phone,
            reason: null,
          };
          if (msg.direction === 'in')
            store.insertInbound({ ...base, status: 'received', providerMessageId: `SM${msg.seq}` });
          else
            store.upsertOutbound({
              ...base,
              status: msg.status === 'sent' ? 'queued' : msg.status,
              providerMessageId: null,
            });
        }
        const { snapshot, jobs, nextJobId } = structuredClone(conv.toJSON());
        store.saveConversation(
          conversation({
            state: conv.state,
            data: { snapshot, jobs, nextJobId },
            updatedAt: ms.at(-1)?.at ?? 0,
          }),
        );
        store.replaceSchedule('c1', [...conv.pendingJobs]);
      });

    archive(conv.start(at('2026-11-23T19:00:00')));
    const late = conv.receive('我现在真的没钱', at('2026-11-23T23:30:00')); // answered at 08:00: deferred
    archive([late.inbound, ...late.out]);
    expect(store.listMessages('c1').at(-1)!.status).toBe('deferred');
    archive(conv.runDue(at('2026-11-24T08:00:00')));
    for (const [text, when] of [
      ['暂时的', '2026-11-24T08:20:00'],
      ['可以,就A吧', '2026-11-24T08:45:00'], // §8: with several options, a bare yes asks which
    ] as const) {
      const turn = conv.receive(text, at(when));
      archive([turn.inbound, ...turn.out]);
    }
    store.close();

    const reopened = open();
    const row = reopened.getConversation('c1')!;
    const messages = reopened.listMessages('c1').map((m) => m.message);
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
    expect(inFile().nextDueAt()).toBe(conv.nextJobAt());
  });
});
