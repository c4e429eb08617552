import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conversation, type ArchivedMessage } from '../../src/dialogue/conversation.ts';
import {
  MIGRATIONS,
  migrate,
  PhoneInUseError,
  SqliteStore,
  type Migration,
} from '../../src/store/sqlite-store.ts';
import type { ConversationRow, StoredAccount, StoredMessage } from '../../src/store/store.ts';

/**
 * The SQLite store, on a real database file in a fresh temporary folder per test. It is the
 * durable half of the bot: what it is given it gives back exactly, a webhook delivered twice is
 * archived once, and a transaction commits whole or not at all.
 */

const T0 = Date.UTC(2026, 10, 23, 11, 0); // 2026-11-23 19:00 Asia/Shanghai
const MIN = 60_000;

let dir: string;
let file: string;
let opened: SqliteStore[];
let raws: Database.Database[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huikuan-store-'));
  file = join(dir, 'huikuan.db');
  opened = [];
  raws = [];
});

afterEach(() => {
  for (const s of opened) s.close();
  for (const db of raws) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(path = file): SqliteStore {
  const store = SqliteStore.open(path);
  opened.push(store);
  return store;
}

/** A second, plain connection to the same file, to look at what the store wrote. */
function raw(): Database.Database {
  const db = new Database(file, { readonly: true });
  raws.push(db);
  return db;
}

function account(over: Partial<StoredAccount> = {}): StoredAccount {
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

function conversation(over: Partial<ConversationRow> = {}): ConversationRow {
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

function inbound(
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

function outbound(
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

/** An account and its conversation, so messages, jobs and outbox items have something to belong to. */
function seeded(path = file): SqliteStore {
  const store = open(path);
  store.transaction(() => {
    store.upsertAccount(account());
    store.saveConversation(conversation());
  });
  return store;
}

describe('opening a database', () => {
  it('creates the file and its missing parent folders', () => {
    const nested = join(dir, 'data', 'nested', 'huikuan.db');
    open(nested);
    expect(existsSync(nested)).toBe(true);
  });

  it('applies every migration once, in order, and records each in schema_migrations', () => {
    open();
    const rows = raw().prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('creates the tables with their keys and indexes', () => {
    open();
    const db = raw();
    const names = (type: string) =>
      (
        db
          .prepare('SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE ? ORDER BY name')
          .all(type, 'sqlite_%') as { name: string }[]
      ).map((r) => r.name);
    expect(names('table')).toEqual([
      'accounts',
      'conversations',
      'messages',
      'outbox',
      'payments',
      'schedule',
      'schema_migrations',
    ]);
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'conversations_state',
        'conversations_updated_at',
        'messages_inbound_provider_id',
        'messages_conversation_seq',
        'schedule_at',
        'outbox_status_next_attempt_at',
        'outbox_pending',
      ]),
    );
    const dedupe = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_inbound_provider_id'")
      .get() as { sql: string };
    expect(dedupe.sql).toMatch(
      /UNIQUE INDEX .* ON messages \(channel, provider_message_id\) WHERE direction = 'in'/,
    );
  });

  it('re-opening an up-to-date file applies nothing twice', () => {
    open().close();
    const before = raw().prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    open().close();
    open();
    expect(raw().prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual(before);
  });

  it('applies only the migrations a file lacks', () => {
    const log: string[] = [];
    const m1: Migration = { version: 1, name: 'one', up: 'CREATE TABLE one (x INTEGER)' };
    const m2: Migration = {
      version: 2,
      name: 'two',
      up: (db) => void (db.exec('CREATE TABLE two (y INTEGER)'), log.push('two')),
    };
    const db = new Database(file);
    try {
      expect(migrate(db, [m1])).toEqual([1]);
      expect(migrate(db, [m1, m2])).toEqual([2]);
      expect(migrate(db, [m1, m2])).toEqual([]);
      expect(log).toEqual(['two']);
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
        1, 2,
      ]);
    } finally {
      db.close();
    }
  });

  it('a migration that fails leaves neither its changes nor its schema_migrations row', () => {
    const bad: Migration = {
      version: 1,
      name: 'bad',
      up: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);',
    };
    const db = new Database(file);
    try {
      expect(() => migrate(db, [bad])).toThrow(/nowhere/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a file whose schema is newer than this build, and migrations out of order', () => {
    open().close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(999, 'from the future');
    db.close();
    expect(() => SqliteStore.open(file)).toThrow(/schema version 999/);
    const db2 = new Database(':memory:');
    expect(() =>
      migrate(db2, [
        { version: 2, name: 'b', up: '' },
        { version: 1, name: 'a', up: '' },
      ]),
    ).toThrow(/increasing order/);
    db2.close();
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

describe('accounts', () => {
  it('upsert inserts, then updates by id; the result says whether the account is new', () => {
    const store = open();
    expect(store.upsertAccount(account())).toEqual({ created: true });
    expect(
      store.upsertAccount(account({ balance: 300_000, overdueDays: 9, demo: true, createdAt: T0 + 1000 })),
    ).toEqual({ created: false });
    // every field is replaced but the creation time
    expect(store.getAccount('a1')).toStrictEqual(account({ balance: 300_000, overdueDays: 9, demo: true }));
    expect(store.countAccounts()).toBe(1);
  });

  it('reads back exactly what was written, by id and by phone; an absent policy stays absent', () => {
    const store = open();
    const plain = account();
    const withPolicy = account({
      id: 'a2',
      phone: '+12125550123',
      debtorName: 'Maria Lopez',
      lender: 'QuickCash',
      currency: 'USD',
      locale: 'en-US',
      timezone: 'America/New_York',
      policy: { maxInstallments: 4, quietHours: { start: '21:00' } },
      demo: true,
      createdAt: T0 + 1,
    });
    store.upsertAccount(plain);
    store.upsertAccount(withPolicy);
    expect(store.getAccount('a1')).toStrictEqual(plain);
    expect(store.getAccount('a1')).not.toHaveProperty('policy');
    expect(store.getAccountByPhone('+12125550123')).toStrictEqual(withPolicy);
    expect(store.listAccounts()).toStrictEqual([plain, withPolicy]);
    expect(store.getAccount('nobody')).toBeNull();
    expect(store.getAccountByPhone('+10000000000')).toBeNull();
  });

  it('refuses a phone number another account already has, naming the phone, and changes nothing', () => {
    const store = open();
    store.upsertAccount(account());
    const clash = () => store.upsertAccount(account({ id: 'a2', debtorName: '李娜' }));
    expect(clash).toThrow(PhoneInUseError);
    expect(clash).toThrow('+8613800138000');
    expect(store.countAccounts()).toBe(1);
    expect(store.getAccountByPhone('+8613800138000')?.id).toBe('a1');
  });

  it('an account may keep its own phone, or move to a free one', () => {
    const store = open();
    store.upsertAccount(account());
    expect(store.upsertAccount(account({ debtorName: '高翔翔' }))).toEqual({ created: false });
    store.upsertAccount(account({ phone: '+8613900139000' }));
    expect(store.getAccountByPhone('+8613800138000')).toBeNull();
    expect(store.getAccountByPhone('+8613900139000')?.id).toBe('a1');
  });
});

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
    expect(store.listConversations()).toHaveLength(1);
    expect(store.getConversation('c2')).toBeNull();
    expect(store.getConversationByAccount('a2')).toBeNull();
  });

  it('lists the most recently updated first', () => {
    const store = open();
    for (const [i, id] of ['a1', 'a2', 'a3'].entries()) {
      store.upsertAccount(account({ id, phone: `+861380013800${i}` }));
      store.saveConversation(
        conversation({ id: `c${i + 1}`, accountId: id, updatedAt: T0 + [2, 9, 5][i]! * MIN }),
      );
    }
    expect(store.listConversations().map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
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
    expect(second.listOrphanMessages(10)).toEqual([]);
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
    expect(store.listOrphanMessages(10).map((m) => m.providerMessageId)).toEqual(['O2', 'O1', 'O3']);
    expect(store.listOrphanMessages(2)).toStrictEqual([o2, o1]);
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
      ['可以', '2026-11-24T08:45:00'],
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
    expect(reopened.nextDueAt()).toBe(conv.nextJobAt());
  });
});

describe('the schedule', () => {
  function twoConversations(): SqliteStore {
    const store = seeded();
    store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
    store.saveConversation(conversation({ id: 'c2', accountId: 'a2' }));
    return store;
  }

  it('is empty at first', () => {
    const store = seeded();
    expect(store.nextDueAt()).toBeNull();
    expect(store.dueConversations(T0 * 2, 10)).toEqual([]);
  });

  it("replaces a conversation's jobs rather than adding to them", () => {
    const store = twoConversations();
    store.replaceSchedule('c1', [
      { id: 1, at: T0 + 10 * MIN, kind: 'offer_followup' },
      { id: 2, at: T0 + 20 * MIN, kind: 'deliver', messageSeq: 3 },
    ]);
    store.replaceSchedule('c1', [{ id: 3, at: T0 + 30 * MIN, kind: 'installment_due', index: 0 }]);
    expect(store.nextDueAt()).toBe(T0 + 30 * MIN);
    store.replaceSchedule('c1', []);
    expect(store.nextDueAt()).toBeNull();
  });

  it('finds the conversations with a job due at or before a time, earliest first, up to a limit', () => {
    const store = twoConversations();
    store.upsertAccount(account({ id: 'a3', phone: '+8613700137000' }));
    store.saveConversation(conversation({ id: 'c3', accountId: 'a3' }));
    store.replaceSchedule('c1', [
      { id: 1, at: T0 + 20 * MIN, kind: 'offer_followup' },
      { id: 2, at: T0 + 90 * MIN, kind: 'silence_followup' },
    ]);
    store.replaceSchedule('c2', [
      { id: 1, at: T0 + 10 * MIN, kind: 'promise_missed' },
      { id: 2, at: T0 + 30 * MIN, kind: 'deliver', messageSeq: 4 },
    ]);
    store.replaceSchedule('c3', [{ id: 7, at: T0 + 60 * MIN, kind: 'installment_due', index: 1 }]);

    expect(store.dueConversations(T0 + 9 * MIN, 10)).toEqual([]);
    expect(store.dueConversations(T0 + 20 * MIN, 10)).toEqual(['c2', 'c1']); // at or before
    expect(store.dueConversations(T0 + 60 * MIN, 10)).toEqual(['c2', 'c1', 'c3']); // each once
    expect(store.dueConversations(T0 + 60 * MIN, 2)).toEqual(['c2', 'c1']);
    expect(store.nextDueAt()).toBe(T0 + 10 * MIN);
  });

  it('belongs to a saved conversation', () => {
    const store = seeded();
    expect(() => store.replaceSchedule('ghost', [{ id: 1, at: T0, kind: 'offer_followup' }])).toThrow(
      /FOREIGN KEY/,
    );
    expect(store.nextDueAt()).toBeNull();
  });
});

describe('the outbox', () => {
  /** An outbound message and its outbox item, created `minutes` after T0 and first due at `dueMinutes`. */
  function queue(
    store: SqliteStore,
    seq: number,
    minutes: number,
    dueMinutes = minutes,
    conversationId = 'c1',
  ) {
    const m = store.upsertOutbound(outbound(seq, {}, { conversationId }));
    return store.enqueue({
      messageId: m.id,
      conversationId,
      channel: 'twilio',
      to: '+8613800138000',
      text: m.message.text,
      nextAttemptAt: T0 + dueMinutes * MIN,
      createdAt: T0 + minutes * MIN,
    });
  }

  it('enqueues an item as pending, with no attempts and no error', () => {
    const store = seeded();
    const item = queue(store, 3, 0);
    expect(item).toStrictEqual({
      id: expect.any(Number),
      messageId: store.listMessages('c1')[0]!.id,
      conversationId: 'c1',
      channel: 'twilio',
      to: '+8613800138000',
      text: 'reply 3',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
      lastError: null,
    });
    expect(store.countOutbox('pending')).toBe(1);
  });

  it('holds one item per message', () => {
    const store = seeded();
    const item = queue(store, 3, 0);
    expect(() => store.enqueue({ ...item })).toThrow(/UNIQUE/);
  });

  it('hands out pending items whose attempt is due, oldest first, up to a limit', () => {
    const store = seeded();
    const a = queue(store, 3, 0);
    const b = queue(store, 5, 1, 30); // retry later
    const c = queue(store, 7, 2);
    const d = queue(store, 9, 2); // same creation time as c: id order
    expect(store.pendingOutbox(T0 + 10 * MIN, 10).map((i) => i.id)).toEqual([a.id, c.id, d.id]);
    expect(store.pendingOutbox(T0 + 30 * MIN, 10).map((i) => i.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(store.pendingOutbox(T0 + 30 * MIN, 2).map((i) => i.id)).toEqual([a.id, b.id]);
    expect(store.pendingOutbox(T0 - 1, 10)).toEqual([]);
  });

  it('marks items: sent and failed leave the queue, a retry updates attempts, time and error', () => {
    const store = seeded();
    const a = queue(store, 3, 0);
    const b = queue(store, 5, 0);
    const c = queue(store, 7, 0);
    store.markOutbox(a.id, 'sent', { attempts: 1 });
    store.markOutbox(b.id, 'failed', { attempts: 1, lastError: 'Twilio 21610' });
    store.markOutbox(c.id, 'pending', { attempts: 1, nextAttemptAt: T0 + 5 * MIN, lastError: 'timeout' });
    expect(store.pendingOutbox(T0 + 4 * MIN, 10)).toEqual([]);
    expect(store.pendingOutbox(T0 + 5 * MIN, 10)).toStrictEqual([
      { ...c, attempts: 1, nextAttemptAt: T0 + 5 * MIN, lastError: 'timeout' },
    ]);
    expect([store.countOutbox('sent'), store.countOutbox('failed'), store.countOutbox('pending')]).toEqual([
      1, 1, 1,
    ]);

    // fields left out keep their value; lastError null clears it
    store.markOutbox(c.id, 'pending', {});
    expect(store.pendingOutbox(T0 + 5 * MIN, 10)[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + 5 * MIN,
      lastError: 'timeout',
    });
    store.markOutbox(c.id, 'pending', { lastError: null });
    expect(store.pendingOutbox(T0 + 5 * MIN, 10)[0]!.lastError).toBeNull();
    expect(() => store.markOutbox(9999, 'sent', {})).toThrow(/9999/);
  });

  it("cancels a conversation's pending items but the one to keep, and returns them", () => {
    const store = seeded();
    store.upsertAccount(account({ id: 'a2', phone: '+8613900139000' }));
    store.saveConversation(conversation({ id: 'c2', accountId: 'a2' }));
    const sent = queue(store, 3, 0);
    store.markOutbox(sent.id, 'sent', { attempts: 1 });
    const reminder = queue(store, 5, 1);
    const followup = queue(store, 7, 2, 600);
    const confirmation = queue(store, 9, 3); // the opt-out confirmation: it still goes
    const other = queue(store, 3, 0, 0, 'c2');

    const cancelled = store.cancelPendingOutbox('c1', confirmation.messageId);
    expect(cancelled).toStrictEqual([
      { ...reminder, status: 'cancelled' },
      { ...followup, status: 'cancelled' },
    ]);
    expect(store.pendingOutbox(T0 + 1000 * MIN, 10).map((i) => i.id)).toEqual([other.id, confirmation.id]);
    expect(store.countOutbox('sent')).toBe(1);
    expect(store.countOutbox('cancelled')).toBe(2);

    // nothing to keep: every pending item goes
    expect(store.cancelPendingOutbox('c1', null).map((i) => i.id)).toEqual([confirmation.id]);
    expect(store.cancelPendingOutbox('c1', null)).toEqual([]);
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
      store.listConversations().length === 0 &&
      store.listMessages('c1').length === 0 &&
      store.nextDueAt() === null &&
      store.countOutbox('pending') === 0
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
    expect(reopened.listOrphanMessages(10)).toHaveLength(1);
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
