import { describe, expect, it } from 'vitest';
import { PermanentSendError, type SmsSender } from '../../src/channels/channel.ts';
import type { StoredAccount } from '../../src/store/store.ts';
import { service, T0 } from './support.ts';

const account: StoredAccount = {
  id: 'a1',
  phone: '+8613500135000',
  debtorName: '陈静',
  lender: '安心贷',
  balance: 120000,
  currency: 'CNY',
  overdueDays: 4,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  demo: false,
  createdAt: T0,
};

/** A provider that answers each send with the next of `answers` (an error is thrown). */
const provider = (...answers: (Error | 'ok')[]) => {
  const sent: string[] = [];
  const sender: SmsSender = {
    name: 'gateway',
    async send(sms) {
      const a = answers.shift() ?? 'ok';
      if (a !== 'ok') throw a;
      sent.push(sms.to);
      return { providerMessageId: `p${sent.length}` };
    },
  };
  return { sender, sent };
};

const reminderOf = async (s: ReturnType<typeof service>) =>
  (await s.store.listMessages('a1')).find((m) => m.message.direction === 'out')!;

describe('the outbox sender', () => {
  it('sends a committed reminder once and records the provider id', async () => {
    const p = provider('ok');
    const s = service({ senders: { gateway: p.sender } });
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(1);
    expect(await s.svc.drain()).toBe(0);
    expect(p.sent).toEqual([account.phone]);
    expect(await reminderOf(s)).toMatchObject({ status: 'sent', providerMessageId: 'p1' });
  });

  it('retries a transient failure after a backoff, keeping the message queued meanwhile', async () => {
    const p = provider(new Error('503 from the aggregator'), 'ok');
    const s = service({ senders: { gateway: p.sender } });
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(0);
    expect((await reminderOf(s)).status).toBe('queued');
    expect(await s.store.pendingOutbox(s.clock.now + 999, 10)).toEqual([]);
    expect(await s.store.pendingOutbox(s.clock.now + 1000, 10)).toMatchObject([
      { attempts: 1, lastError: '503 from the aggregator' },
    ]);
    s.clock.now += 1000;
    expect(await s.svc.drain()).toBe(1);
    expect((await reminderOf(s)).status).toBe('sent');
  });

  it('gives up at once on a permanent failure, and on a channel that is not configured', async () => {
    const p = provider(new PermanentSendError('invalid number'));
    const s = service({ senders: { gateway: p.sender } });
    await s.svc.addAccounts([{ line: 1, account }]);
    await s.svc.drain();
    expect(await reminderOf(s)).toMatchObject({ status: 'failed', reason: 'invalid number' });

    const none = service();
    await none.svc.addAccounts([{ line: 1, account }]);
    await none.svc.drain();
    expect(await reminderOf(none)).toMatchObject({
      status: 'failed',
      reason: 'the gateway channel is not configured',
    });
  });

  it('holds a message whose quiet hours began after its commit until they end', async () => {
    const p = provider('ok');
    const s = service({ senders: { gateway: p.sender } });
    s.clock.now = Date.parse('2026-11-23T20:59:00+08:00');
    await s.svc.addAccounts([{ line: 1, account }]);
    s.clock.now = Date.parse('2026-11-23T21:05:00+08:00');
    expect(await s.svc.drain()).toBe(0);
    const morning = Date.parse('2026-11-24T08:00:00+08:00');
    expect(await s.store.pendingOutbox(morning - 1, 10)).toEqual([]);
    expect(await s.store.pendingOutbox(morning, 10)).toHaveLength(1);
    s.clock.now = morning;
    expect(await s.svc.drain()).toBe(1);
  });
});
