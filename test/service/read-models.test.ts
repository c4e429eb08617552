import { describe, expect, it } from 'vitest';
import { ConversationFileSchema } from '../../src/replay/file.ts';
import { demoAccounts } from '../../src/service/demo-debtors.ts';
import {
  ConversationListRowSchema,
  ConversationViewSchema,
  InboxFilterSchema,
  InboxRowSchema,
  MetricsSchema,
} from '../../src/service/read-models.ts';
import { service, sms, T0 } from './support.ts';

const seeded = async () => {
  const s = await service();
  await s.svc.addAccounts(demoAccounts(T0).map((account, i) => ({ line: i + 1, account })));
  const receive = async (from: string, text: string, id: string) => await s.svc.receive(sms(from, text, id));
  s.clock.now += 60_000;
  await receive('+8613800138000', '我现在真的没钱', 'm1');
  s.clock.now += 60_000;
  await receive('+8613800138000', '暂时的,每个月能还500', 'm2');
  await receive('+8613900139000', '我没借过钱', 'm3');
  return s;
};

describe('the panel read models', () => {
  it('a conversation view is exactly its schema: amounts in major units, times in the debtor zone', async () => {
    const { svc } = await seeded();
    const view = (await svc.conversation('demo-zhangwei'))!;
    expect(ConversationViewSchema.parse(view)).toEqual(view);
    expect(view.account).toMatchObject({ balance: 3600, currency: 'CNY', timezone: 'Asia/Shanghai' });
    expect(view.context.capacity).toBe(500);
    expect(view.context.offers.length).toBeGreaterThan(0);
    expect(view.messages[0]!.at).toBe('2026-11-23T10:00:00+08:00');
    expect(view.messages.map((m) => m.direction)).toEqual(['out', 'in', 'out', 'in', 'out']);
    expect(await svc.conversation('nobody')).toBeNull();
  });

  it('every inbox tab lists rows of the schema, with masked phones', async () => {
    const { svc } = await seeded();
    for (const filter of InboxFilterSchema.options) {
      for (const row of await svc.inbox(filter, null)) expect(InboxRowSchema.parse(row)).toEqual(row);
    }
    expect((await svc.inbox('needs_person', null)).map((r) => r.id)).toEqual(['demo-lina']);
    expect(await svc.inbox('all', '0123')).toMatchObject([{ id: 'demo-maria', phone: '+155****0123' }]);
    expect((await svc.inbox('all', null)).find((r) => r.id === 'demo-maria')?.balance).toBe(1250.5);
    for (const row of await svc.listConversations())
      expect(ConversationListRowSchema.parse(row)).toEqual(row);
  });

  it('the inbox filter is one closed list', async () => {
    expect(InboxFilterSchema.options).toEqual([
      'all',
      'needs_person',
      'negotiating',
      'agreed',
      'opted_out',
      'wrong_party',
      'unsure',
    ]);
    expect(InboxFilterSchema.safeParse('bogus').success).toBe(false);
  });

  it('the metrics are their schema, and a payment after a promise counts as kept', async () => {
    const { svc, clock } = await seeded();
    await svc.receive(sms('+15555550123', 'I can pay 100 on Friday', 'e1'));
    const paid = await svc.recordPayment({
      accountId: 'demo-maria',
      amount: 10000,
      paidAt: clock.now,
      reference: null,
    });
    expect(paid?.promiseKept).toBe(true);
    const metrics = await svc.metrics();
    expect(MetricsSchema.parse(metrics)).toEqual(metrics);
    // Maria's first reminder waits for the end of New York's quiet hours: not contacted yet.
    expect(metrics.totals).toMatchObject({
      debtors: 3,
      contacted: 2,
      replied: 3,
      payments: 1,
      promisesKept: 1,
    });
  });

  it('an exported conversation is a replay file whose turns are the debtor’s SMS', async () => {
    const { svc } = await seeded();
    const file = ConversationFileSchema.parse(await svc.exportConversation('demo-zhangwei'));
    expect(file.account).toEqual({
      debtorName: '张伟',
      lender: '安心贷',
      balance: 3600,
      currency: 'CNY',
      overdueDays: 5,
    });
    expect(file.policy).toEqual({ maxInstallments: 6 });
    expect(file.turns.map((t) => [t.text, t.expect?.intent])).toEqual([
      ['我现在真的没钱', 'no_money'],
      ['暂时的,每个月能还500', expect.any(String)],
    ]);
  });

  describe('messages read with low confidence ("needs a look")', () => {
    // 到25号 reads as a promise at 0.65 (promise_to_pay.date): below the check's threshold.
    const unsure = async () => {
      const s = await service();
      await s.svc.addAccounts(demoAccounts(T0).map((account, i) => ({ line: i + 1, account })));
      s.clock.now += 60_000;
      await s.svc.receive(sms('+8613800138000', '到25号', 'u1'));
      return s;
    };

    it('the conversation view marks the unsure inbound with how sure and why, and no other', async () => {
      const { svc } = await unsure();
      const view = (await svc.conversation('demo-zhangwei'))!;
      expect(ConversationViewSchema.parse(view)).toEqual(view);
      const inbound = view.messages.filter((m) => m.direction === 'in');
      expect(inbound).toHaveLength(1);
      expect(inbound[0]!.needsLook).toEqual({ confidence: 0.65, reason: 'promise_to_pay.date' });
      expect(view.messages.filter((m) => m.needsLook)).toHaveLength(1);
      // The bot asked instead of recording the promise.
      expect(view.messages.at(-1)?.acts).toEqual(['check_reading']);
      expect(view.context.promise).toBeNull();
    });

    it('the inbox filters them, and the debtor’s yes to the bot’s question clears the mark', async () => {
      const s = await unsure();
      await s.svc.receive(sms('+8613900139000', '我已经还了', 'u2')); // sure: 0.87
      expect((await s.svc.inbox('unsure', null)).map((r) => [r.id, r.unsure])).toEqual([
        ['demo-zhangwei', { confidence: 0.65, reason: 'promise_to_pay.date' }],
      ]);
      expect((await s.svc.inbox('all', null)).find((r) => r.id === 'demo-lina')?.unsure).toBeNull();
      s.clock.now += 60_000;
      await s.svc.receive(sms('+8613800138000', '是的', 'u3'));
      const view = (await s.svc.conversation('demo-zhangwei'))!;
      expect(view.context.promise).toEqual({ amount: null, date: '2026-11-25' });
      expect(view.messages.filter((m) => m.needsLook).map((m) => m.text)).toEqual(['到25号']);
      expect(await s.svc.inbox('unsure', null)).toEqual([]);
    });
  });
});
