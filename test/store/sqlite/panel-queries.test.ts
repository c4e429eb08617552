import { describe, expect, it } from 'vitest';
import type { Store, StoredAccount, StoredMessage } from '../../../src/store/store.ts';
import { storeFiles } from './support.ts';

const { open } = storeFiles();

const account = (id: string, phone: string, name: string): StoredAccount => ({
  id,
  phone,
  debtorName: name,
  lender: '安心贷',
  balance: 100000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  demo: false,
  createdAt: 1,
});

async function seed(
  s: Store,
  id: string,
  state: string,
  at: number,
  inbound: { intent: string; date?: string } | null,
  plan = false,
) {
  await s.transaction(async () => {
    await s.saveConversation({
      id,
      accountId: id,
      channel: 'sim',
      state,
      data: { snapshot: null, jobs: [], nextJobId: 1 },
      paused: false,
      updatedAt: at,
    });
    const out: Omit<StoredMessage, 'id'> = {
      conversationId: id,
      status: 'sent',
      channel: 'sim',
      providerMessageId: null,
      phone: null,
      reason: null,
      message: {
        seq: 1,
        direction: 'out',
        at,
        text: 'reminder',
        status: 'sent',
        kind: 'proactive',
        acts: ['reminder'],
        state: 'reminded',
      },
    };
    await s.upsertOutbound(out);
    if (inbound) {
      await s.insertInbound({
        conversationId: id,
        status: 'received',
        channel: 'sim',
        providerMessageId: `${id}-in`,
        phone: null,
        reason: null,
        message: {
          seq: 2,
          direction: 'in',
          at: at + 60_000,
          text: 'x',
          status: 'received',
          parsed: {
            intent: inbound.intent as never,
            amount: null,
            date: inbound.date ?? null,
            installments: null,
            hardship: null,
          },
        },
      });
    }
    if (plan) {
      await s.upsertOutbound({
        ...out,
        message: {
          ...out.message,
          seq: 3,
          kind: 'reply',
          acts: ['confirm'],
          plan: { id: 'A', installments: [{ due: '2026-11-30', amount: 1000 }] },
        },
      });
    }
  });
}

describe('the queries behind the panel', () => {
  it('lists the inbox newest first, with the last message, filtered by state and searched by name or phone', async () => {
    const s = await open();
    await s.upsertAccount(account('a', '+8613800000001', '张伟'));
    await s.upsertAccount(account('b', '+8613800000002', '李娜'));
    await seed(s, 'a', 'handoff', 1000, { intent: 'complaint' });
    await seed(s, 'b', 'offer', 2000, null);
    expect((await s.inbox(null, false, null, 10)).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await s.inbox(null, false, null, 10))[1]!.last).toEqual({
      direction: 'in',
      text: 'x',
      at: 61_000,
      status: 'received',
    });
    expect((await s.inbox(['handoff'], false, null, 10)).map((r) => r.id)).toEqual(['a']);
    expect((await s.inbox(null, false, '李', 10)).map((r) => r.id)).toEqual(['b']);
    expect((await s.inbox(null, false, '0001', 10)).map((r) => r.id)).toEqual(['a']);
    // LIKE wildcards in a search are literal.
    expect(await s.inbox(null, false, '%', 10)).toEqual([]);
  });

  it('narrows the inbox to given conversation ids, however old, together with the search', async () => {
    const s = await open();
    await s.upsertAccount(account('a', '+8613800000001', '张伟'));
    await s.upsertAccount(account('b', '+8613800000002', '李娜'));
    await seed(s, 'a', 'handoff', 1000, { intent: 'complaint' });
    await seed(s, 'b', 'offer', 2000, null);
    // A limit of 1 would keep only the newest (b); asked by id, the old one is there.
    expect((await s.inbox(null, false, null, 1)).map((r) => r.id)).toEqual(['b']);
    expect((await s.inbox(null, false, null, -1, undefined, ['a'])).map((r) => r.id)).toEqual(['a']);
    expect(await s.inbox(null, false, '李', -1, undefined, ['a'])).toEqual([]);
    expect(await s.inbox(null, false, null, -1, undefined, [])).toEqual([]);
  });

  it('searches phones as the panel shows them (+86138****8000) or by the exact full number', async () => {
    const s = await open();
    await s.upsertAccount(account('zh', '+8613800138000', '张伟'));
    await s.upsertAccount(account('us', '+15551234567', 'Maria Lopez'));
    await seed(s, 'zh', 'offer', 1000, null);
    await seed(s, 'us', 'offer', 2000, null);
    const ids = async (q: string) => (await s.inbox(null, false, q, 10)).map((r) => r.id);
    // What the panel shows: the last four, the prefix, the masked form itself.
    expect(await ids('8000')).toEqual(['zh']);
    expect(await ids('+86138')).toEqual(['zh']);
    expect(await ids('138****8000')).toEqual(['zh']);
    expect(await ids('4567')).toEqual(['us']);
    expect(await ids('+155****4567')).toEqual(['us']);
    // The exact full number, with or without its +.
    expect(await ids('+8613800138000')).toEqual(['zh']);
    expect(await ids('8613800138000')).toEqual(['zh']);
    expect(await ids('+15551234567')).toEqual(['us']);
  });

  it('never matches the digits the mask hides: the queries that used to unmask a number find nothing', async () => {
    const s = await open();
    await s.upsertAccount(account('zh', '+8613800138000', '张伟'));
    await s.upsertAccount(account('us', '+15551234567', 'Maria Lopez'));
    await seed(s, 'zh', 'offer', 1000, null);
    await seed(s, 'us', 'offer', 2000, null);
    const ids = async (q: string) => (await s.inbox(null, false, q, 10)).map((r) => r.id);
    // Growing the visible prefix one hidden digit at a time (or the suffix backwards) read the
    // whole number back in eight queries.
    const attack = ['1380', '13800', '138001', '1380013', '08000', '38000', '138000', '0138000'];
    for (const q of attack) expect(await ids(q), q).toEqual([]);
    for (const q of ['5551', '55512', '555123', '1234567', '34567']) expect(await ids(q), q).toEqual([]);
    // A wrong guess at the full number finds nothing either.
    expect(await ids('+8613800138001')).toEqual([]);
  });

  it('records payments and aggregates the metrics from the archive', async () => {
    const s = await open();
    for (const [id, phone] of [
      ['a', '+8613800000001'],
      ['b', '+8613800000002'],
      ['c', '+8613800000003'],
    ] as const)
      await s.upsertAccount(account(id, phone, id));
    await seed(s, 'a', 'promised', Date.UTC(2026, 10, 23), { intent: 'promise_to_pay', date: '2026-11-24' });
    await seed(s, 'b', 'agreed', Date.UTC(2026, 10, 23), { intent: 'accept' }, true);
    await seed(s, 'c', 'reminded', Date.UTC(2026, 10, 24), null);
    const p = await s.insertPayment({
      accountId: 'a',
      amount: 50000,
      paidAt: Date.UTC(2026, 10, 24),
      reference: 'r1',
      createdAt: 5,
    });
    expect(await s.listPayments()).toEqual([p]);
    const m = await s.metricsRaw();
    expect(m).toMatchObject({
      debtors: 3,
      contacted: 3,
      replied: 2,
      promised: 1,
      agreed: 1,
      complaints: 0,
      optedOut: 0,
    });
    expect(m.promises).toEqual([{ accountId: 'a', at: Date.UTC(2026, 10, 23) + 60_000, date: '2026-11-24' }]);
    expect(m.agreedAccounts).toEqual(['b']);
    expect(m.daily).toEqual([
      { date: '2026-11-23', sent: 3, received: 2, agreed: 1, promised: 1 },
      { date: '2026-11-24', sent: 1, received: 0, agreed: 0, promised: 0 },
    ]);
  });
});
