import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentSendError, type SmsSender } from '../../src/channels/channel.ts';
import { GatewaySender } from '../../src/channels/gateway.ts';
import { TWILIO_VALIDITY, TwilioSender } from '../../src/channels/twilio.ts';
import { twilioStandIn, type TwilioStandIn } from '../support/twilio-api.ts';
import type { StoredAccount } from '../../src/store/store.ts';
import { CLAIM_BATCH } from '../../src/service/outbox-sender.ts';
import { service, sms, T0, chineseAccount } from './support.ts';

const account: StoredAccount = chineseAccount();

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

const reminderOf = async (s: Awaited<ReturnType<typeof service>>) =>
  (await s.store.listMessages('a1')).find((m) => m.message.direction === 'out')!;

describe('the outbox sender', () => {
  it('sends a committed reminder once and records the provider id', async () => {
    const p = provider('ok');
    const s = await service({ senders: { gateway: p.sender } });
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(1);
    expect(await s.svc.drain()).toBe(0);
    expect(p.sent).toEqual([account.phone]);
    expect(await reminderOf(s)).toMatchObject({ status: 'sent', providerMessageId: 'p1' });
  });

  it('retries a transient failure after a backoff, keeping the message queued meanwhile', async () => {
    const p = provider(new Error('503 from the aggregator'), 'ok');
    const s = await service({ senders: { gateway: p.sender } });
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
    const s = await service({ senders: { gateway: p.sender } });
    await s.svc.addAccounts([{ line: 1, account }]);
    await s.svc.drain();
    expect(await reminderOf(s)).toMatchObject({ status: 'failed', reason: 'invalid number' });

    const none = await service();
    await none.svc.addAccounts([{ line: 1, account }]);
    await none.svc.drain();
    expect(await reminderOf(none)).toMatchObject({
      status: 'failed',
      reason: 'the gateway channel is not configured',
    });
  });

  it('holds a message whose quiet hours began after its commit until they end', async () => {
    const p = provider('ok');
    const s = await service({ senders: { gateway: p.sender } });
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

  /** Twelve debtors' first reminders and a reply for the first: the sends as the provider saw them. */
  const sendAll = async (sendLanes: number | undefined) => {
    const inFlight = new Map<string, number>();
    let most = 0;
    const order: { to: string; id: number }[] = [];
    const slow: SmsSender = {
      name: 'gateway',
      async send(out) {
        inFlight.set(out.to, (inFlight.get(out.to) ?? 0) + 1);
        expect(inFlight.get(out.to)).toBe(1);
        most = Math.max(
          most,
          [...inFlight.values()].reduce((x, y) => x + y, 0),
        );
        order.push({ to: out.to, id: out.id });
        await new Promise((r) => setTimeout(r, 15));
        inFlight.set(out.to, inFlight.get(out.to)! - 1);
        return { providerMessageId: `p${out.id}` };
      },
    };
    const s = await service({ senders: { gateway: slow }, sendLanes });
    const debtors = Array.from({ length: 12 }, (_, i) => ({
      ...account,
      id: `d${i}`,
      phone: `+86135001350${String(i).padStart(2, '0')}`,
    }));
    await s.svc.addAccounts(debtors.map((a, i) => ({ line: i + 1, account: a })));
    // A second message for the first debtor, queued behind its reminder.
    await s.svc.receive(sms(debtors[0]!.phone, '没钱', 'in-1'));
    const sent = await s.svc.drain();
    const first = order.filter((o) => o.to === debtors[0]!.phone).map((o) => o.id);
    return { sent, most, first };
  };

  it('sends one item at a time by default, so a crash leaves at most one send ambiguous', async () => {
    const r = await sendAll(undefined);
    expect(r.sent).toBe(13);
    expect(r.most).toBe(1);
  });

  it('with lanes, awaits several debtors at once, never two of one debtor, each debtor in order', async () => {
    const r = await sendAll(8);
    expect(r.sent).toBe(13);
    expect(r.most).toBeGreaterThan(1);
    expect(r.most).toBeLessThanOrEqual(8);
    expect(r.first).toHaveLength(2);
    expect(r.first[0]).toBeLessThan(r.first[1]!);
  });
});

/** `n` Chinese debtors, each with a phone of their own. */
const debtorsOf = (n: number): StoredAccount[] =>
  Array.from({ length: n }, (_, i) => ({
    ...account,
    id: `d${i}`,
    phone: `+86135001350${String(i).padStart(2, '0')}`,
  }));

describe('the outbox sender, claiming ahead (issue 16)', () => {
  it(`claims up to ${CLAIM_BATCH} debtors' items in one transaction and sends each once, oldest first`, async () => {
    const order: number[] = [];
    let leasedDuringFirst = -1;
    const s = await service({
      senders: {
        gateway: {
          name: 'gateway',
          async send(out) {
            // While the first is out, the rest of its batch is leased: not due to anyone else.
            if (order.length === 0)
              leasedDuringFirst = 12 - (await s.store.pendingOutbox(s.clock.now, 100)).length;
            order.push(out.id);
            return { providerMessageId: `p${out.id}` };
          },
        },
      },
    });
    await s.svc.addAccounts(debtorsOf(12).map((a, i) => ({ line: i + 1, account: a })));
    expect(await s.svc.drain()).toBe(12);
    expect(leasedDuringFirst).toBe(CLAIM_BATCH);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(12);
    expect(await s.svc.drain()).toBe(0);
  });

  it('never sends an item claimed ahead that an opt-out cancelled before its turn', async () => {
    const sent: string[] = [];
    const debtors = debtorsOf(3);
    const s = await service({
      senders: {
        gateway: {
          name: 'gateway',
          async send(out) {
            // The second debtor opts out while the first debtor's reminder is being sent.
            if (sent.length === 0) await s.svc.receive(sms(debtors[1]!.phone, '退订', 'in-optout'));
            sent.push(`${out.to} ${out.text}`);
            return { providerMessageId: `p${out.id}` };
          },
        },
      },
    });
    await s.svc.addAccounts(debtors.map((a, i) => ({ line: i + 1, account: a })));
    await s.svc.drain();
    const toSecond = sent.filter((x) => x.startsWith(debtors[1]!.phone));
    expect(toSecond).toHaveLength(1); // the opt-out's confirmation only, never the reminder
    const reminder = (await s.store.listMessages('d1')).find((m) => m.message.seq === 1)!;
    expect(reminder).toMatchObject({ status: 'blocked' });
    expect(reminder.reason).toMatch(/opted out/);
    expect(sent.filter((x) => x.startsWith(debtors[2]!.phone))).toHaveLength(1);
  });

  it('hands back an item whose lease ran a third while it waited, and sends it once on a fresh claim', async () => {
    const sent: number[] = [];
    const s = await service({
      senders: {
        gateway: {
          name: 'gateway',
          async send(out) {
            // A slow first send: half the lease (30 s) passes before the next may start.
            if (sent.length === 0) s.clock.now += 15_000;
            sent.push(out.id);
            return { providerMessageId: `p${out.id}` };
          },
        },
      },
    });
    await s.svc.addAccounts(debtorsOf(3).map((a, i) => ({ line: i + 1, account: a })));
    expect(await s.svc.drain()).toBe(3);
    expect(sent).toEqual([1, 2, 3]);
    for (const id of [2, 3])
      expect(await s.store.outboxItem(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Through Twilio: a stand-in Twilio API on 127.0.0.1 that creates and lists messages for real.

const TWILIO_SID = 'AC0123456789abcdef0123456789abcdef';
const TWILIO_AUTH = 'auth-token-secret';
const stands: TwilioStandIn[] = [];
afterEach(async () => {
  for (const s of stands.splice(0)) await s.close();
});

async function throughTwilio(opts: { timeoutMs?: number; db?: string; clock?: { now: number } } = {}) {
  const clock = opts.clock ?? { now: T0 };
  const api = await twilioStandIn({ accountSid: TWILIO_SID, authToken: TWILIO_AUTH, clock: () => clock.now });
  stands.push(api);
  const twilio = new TwilioSender({
    accountSid: TWILIO_SID,
    authToken: TWILIO_AUTH,
    from: '+15005550006',
    apiBase: api.base,
    timeoutMs: opts.timeoutMs ?? 2_000,
  });
  const s = await service({ senders: { twilio }, defaultChannel: 'twilio', db: opts.db, clock });
  return { ...s, api, twilio };
}

const outboxOf = async (s: Awaited<ReturnType<typeof service>>) => (await s.store.outboxItem(1))!;

describe('the outbox sender through Twilio', () => {
  it('records the send as ambiguous before the request, and clears it with the answer', async () => {
    const s = await throughTwilio();
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(1);
    expect(await outboxOf(s)).toMatchObject({ status: 'sent', sendingSince: null });
    expect(await reminderOf(s)).toMatchObject({ status: 'sent', providerMessageId: s.api.messages[0]!.sid });
  });

  it('reconciles an ambiguous send (a 5xx after Twilio created the message) without sending it again', async () => {
    const s = await throughTwilio();
    s.api.faults.push('error-after-create');
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(0);
    expect(await outboxOf(s)).toMatchObject({ status: 'pending', attempts: 1, sendingSince: T0 });
    expect((await reminderOf(s)).status).toBe('queued');

    s.clock.now += 1000; // the backoff
    expect(await s.svc.drain()).toBe(1);
    expect(s.api.creates()).toHaveLength(1); // looked up, not resent
    expect(s.api.lists().length).toBeGreaterThan(0);
    expect(await reminderOf(s)).toMatchObject({ status: 'sent', providerMessageId: s.api.messages[0]!.sid });
    expect(await outboxOf(s)).toMatchObject({ status: 'sent', sendingSince: null });
    expect(await s.svc.drain()).toBe(0);
  });

  it('resends exactly once when Twilio really does not have it, after the lookup has settled', async () => {
    const s = await throughTwilio();
    s.api.faults.push('error-before-create');
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(0);

    s.clock.now += 1000; // too soon to call it missing: asked again once the request has settled
    expect(await s.svc.drain()).toBe(0);
    expect(s.api.creates()).toHaveLength(1);
    expect((await outboxOf(s)).nextAttemptAt).toBe(T0 + s.twilio.settleMs);

    s.clock.now = T0 + s.twilio.settleMs;
    expect(await s.svc.drain()).toBe(1);
    expect(s.api.creates()).toHaveLength(2);
    expect(s.api.messages).toHaveLength(1); // the debtor got it once
    expect(await reminderOf(s)).toMatchObject({ status: 'sent', providerMessageId: s.api.messages[0]!.sid });
  });

  it('after a crash between the send and its commit, the next process finds the message and does not resend', async () => {
    const first = await throughTwilio({ timeoutMs: 60_000 });
    first.api.faults.push('hang-after-create'); // Twilio created it; the answer never arrives
    await first.svc.addAccounts([{ line: 1, account }]);
    const abandoned = first.svc.drain(); // this process "dies" with the request out
    for (let i = 0; i < 200 && first.api.messages.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(first.api.messages).toHaveLength(1);
    expect(await outboxOf(first)).toMatchObject({ status: 'pending', sendingSince: T0 });

    // the next process on the same database, talking to the same Twilio
    const clock = { now: T0 + 60_000 };
    const next = await service({
      senders: {
        twilio: new TwilioSender({
          accountSid: TWILIO_SID,
          authToken: TWILIO_AUTH,
          from: '+15005550006',
          apiBase: first.api.base,
        }),
      },
      defaultChannel: 'twilio',
      db: first.db,
      clock,
    });
    expect(await next.svc.drain()).toBe(1);
    expect(first.api.creates()).toHaveLength(1);
    expect(await reminderOf(next)).toMatchObject({
      status: 'sent',
      providerMessageId: first.api.messages[0]!.sid,
    });

    // the dead process's request fails at last: it must not put the sent item back in the queue
    await first.api.close();
    await abandoned;
    expect(await outboxOf(next)).toMatchObject({ status: 'sent', sendingSince: null });
  });

  it("gives every send a ValidityPeriod that ends before the debtor's quiet hours (21:00 in Shanghai)", async () => {
    const s = await throughTwilio({ clock: { now: Date.parse('2026-11-23T20:00:00+08:00') } });
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(1);
    expect(s.api.messages[0]!.form['ValidityPeriod']).toBe(String(3600 - TWILIO_VALIDITY.marginSeconds));
  });

  it('holds a send too close to quiet hours until they end, then sends it with the full window', async () => {
    const s = await throughTwilio({ clock: { now: Date.parse('2026-11-23T20:58:00+08:00') } });
    await s.svc.addAccounts([{ line: 1, account }]);
    expect(await s.svc.drain()).toBe(0);
    expect(s.api.creates()).toHaveLength(0);
    const morning = Date.parse('2026-11-24T08:00:00+08:00');
    expect(await outboxOf(s)).toMatchObject({
      status: 'pending',
      nextAttemptAt: morning,
      sendingSince: null,
    });
    s.clock.now = morning;
    expect(await s.svc.drain()).toBe(1);
    expect(s.api.messages[0]!.form['ValidityPeriod']).toBe('36000'); // 13 h to 21:00: Twilio's maximum
  });
});

describe('the outbox sender through the gateway', () => {
  it('resends an item with the same messageId (our outbox id), the key an aggregator drops a duplicate by', async () => {
    const seen: { messageId: string; text: string }[] = [];
    const answers = [503, 200];
    const gw = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push(JSON.parse(body) as { messageId: string; text: string });
        const status = answers.shift() ?? 200;
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: status === 200 }));
      });
    });
    await new Promise<void>((resolve) => gw.listen(0, '127.0.0.1', resolve));
    try {
      const clock = { now: T0 };
      const gateway = new GatewaySender({
        sendUrl: `http://127.0.0.1:${(gw.address() as AddressInfo).port}/send`,
        secret: 'gateway-secret-0123456789',
        nowSeconds: () => Math.floor(clock.now / 1000),
      });
      const s = await service({ senders: { gateway }, clock });
      await s.svc.addAccounts([{ line: 1, account }]);
      expect(await s.svc.drain()).toBe(0); // 503: retried later
      s.clock.now += 1000;
      expect(await s.svc.drain()).toBe(1);
      const item = (await s.store.outboxItem(1))!;
      expect(seen).toHaveLength(2);
      expect(seen.map((b) => b.messageId)).toEqual([String(item.id), String(item.id)]);
      expect(seen[1]!.text).toBe(seen[0]!.text);
      // the gateway is not reconciled: no ambiguous mark is kept for it
      expect(item).toMatchObject({ status: 'sent', sendingSince: null });
    } finally {
      gw.closeAllConnections();
      await new Promise<void>((resolve) => gw.close(() => resolve()));
    }
  });
});
