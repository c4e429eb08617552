import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  eventually,
  exited,
  fakeProvider,
  GATEWAY_SECRET,
  gatewayRequest,
  startChild,
  testDb,
} from './support.ts';
import { twilioStandIn } from '../support/twilio-api.ts';

const TWILIO_SID = 'AC' + '0123456789abcdef'.repeat(2);
const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';

/** Real processes on a real SQLite file: killed, restarted, and counted at the provider. */

const children: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of closers.splice(0)) await c();
});

const account = {
  id: 'r1',
  phone: '+8613500135000',
  debtorName: '陈静',
  lender: '安心贷',
  balance: 1200,
  currency: 'CNY',
  overdueDays: 4,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

async function child(env: Record<string, string>) {
  const c = await startChild({ HUIKUAN_DEMO: '0', HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN, ...env });
  children.push(c.child);
  return c;
}

describe('the outbox survives a crash between commit and send', () => {
  it('a process killed right after committing a reminder sends it exactly once after restart', async () => {
    const aggregator = await fakeProvider(() => ({ status: 200, body: {} }));
    closers.push(aggregator.close);
    const db = await testDb();
    // Daytime in Beijing, so nothing waits for quiet hours.
    const env = {
      HUIKUAN_DB: db,
      GATEWAY_SECRET,
      GATEWAY_SEND_URL: `${aggregator.url}/send`,
      HUIKUAN_DEFAULT_CHANNEL: 'gateway',
      HUIKUAN_NOW: '2026-11-23T10:00:00+08:00',
    };

    const a = await child({ ...env, HUIKUAN_CRASH_AFTER_COMMIT: '1' });
    await fetch(`${a.url}/api/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify([account]),
    }).catch(() => null);
    await exited(a.child);
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(aggregator.requests).toHaveLength(0);

    const b = await child(env);
    await eventually(() => aggregator.requests.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(aggregator.requests).toHaveLength(1);
    expect(JSON.parse(aggregator.requests[0]!.body)).toMatchObject({
      to: account.phone,
      text: expect.stringMatching(/^【安心贷】陈静/),
    });
    b.child.kill('SIGTERM');
    await exited(b.child);

    const c = await child(env);
    await new Promise((r) => setTimeout(r, 800));
    expect(aggregator.requests).toHaveLength(1);
    const view = (await (await fetch(`${c.url}/api/conversations/r1`, { headers: auth })).json()) as {
      messages: { status: string }[];
    };
    expect(view.messages.map((m) => m.status)).toEqual(['sent']);
    // Three processes started one after another, like its neighbours (20 s on PostgreSQL, loaded).
  }, 90_000);

  it('a reply committed before a crash is sent once after restart, and the redelivered webhook is not processed again', async () => {
    const aggregator = await fakeProvider(() => ({ status: 200, body: {} }));
    closers.push(aggregator.close);
    const db = await testDb();
    const env = {
      HUIKUAN_DB: db,
      GATEWAY_SECRET,
      GATEWAY_SEND_URL: `${aggregator.url}/send`,
      HUIKUAN_DEFAULT_CHANNEL: 'gateway',
      HUIKUAN_NOW: '2026-11-23T10:00:00+08:00',
    };
    const first = await child(env);
    await fetch(`${first.url}/api/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify([account]),
    });
    await eventually(() => aggregator.requests.length === 1);
    first.child.kill('SIGTERM');
    await exited(first.child);

    const a = await child({ ...env, HUIKUAN_CRASH_AFTER_COMMIT: '1' });
    const sms = {
      messageId: 'gw-crash-1',
      from: account.phone,
      to: '10690000',
      text: '没钱',
      receivedAt: '2026-11-23T10:01:00+08:00',
    };
    // HUIKUAN_NOW moves the server's clock; sign with the same clock so the window holds.
    const ts = Math.floor(Date.parse('2026-11-23T10:00:00+08:00') / 1000);
    await gatewayRequest(a.url, sms, { timestamp: ts }).catch(() => null);
    await exited(a.child);
    expect(aggregator.requests).toHaveLength(1);

    const b = await child(env);
    await eventually(() => aggregator.requests.length >= 2);
    // The aggregator retries the callback it never saw answered: processed once, still one reply.
    const again = await gatewayRequest(b.url, sms, { timestamp: ts });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(aggregator.requests).toHaveLength(2);
    expect(JSON.parse(aggregator.requests[1]!.body).text).toMatch(/暂时周转不开/);
  }, 90_000);
});

describe('a send killed while its Twilio request is out', () => {
  it('is looked up after restart and not sent again: Twilio created it, the answer never came', async () => {
    const now = '2026-11-23T10:00:00+08:00';
    const real = Date.now();
    const twilio = await twilioStandIn({
      accountSid: TWILIO_SID,
      authToken: TWILIO_TOKEN,
      clock: () => Date.parse(now) + (Date.now() - real),
    });
    closers.push(twilio.close);
    twilio.faults.push('hang-after-create');
    const env = {
      HUIKUAN_DB: await testDb(),
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_NUMBER: '+15550001111',
      TWILIO_API_BASE: twilio.base,
      HUIKUAN_DEFAULT_CHANNEL: 'twilio',
      HUIKUAN_NOW: now,
      // The killed process's claim holds the item until its lease ends (CONTRACTS §9: another
      // instance may still be sending it); 12 s, above the 10 s request timeout, not the 30 s default.
      HUIKUAN_OUTBOX_LEASE_MS: '12000',
    };

    const a = await child(env);
    await fetch(`${a.url}/api/accounts`, { method: 'POST', headers: auth, body: JSON.stringify([account]) });
    await eventually(() => twilio.messages.length === 1);
    a.child.kill('SIGKILL'); // between Twilio creating the message and us recording it
    await exited(a.child);

    const b = await child(env);
    const view = async () =>
      (await (await fetch(`${b.url}/api/conversations/r1`, { headers: auth })).json()) as {
        messages: { status: string }[];
      };
    await eventually(async () => (await view()).messages[0]?.status === 'sent', 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(twilio.creates()).toHaveLength(1);
    expect(twilio.lists().length).toBeGreaterThan(0);
    expect(twilio.messages).toHaveLength(1);
  }, 90_000);
});

describe('the schedule survives a restart', () => {
  it('a first reminder deferred by quiet hours goes out at 08:00 after the server restarted in between', async () => {
    const db = await testDb();
    const night = await child({ HUIKUAN_DB: db, HUIKUAN_NOW: '2026-11-23T23:30:00+08:00' });
    await fetch(`${night.url}/api/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify([account]),
    });
    const deferred = (await (await fetch(`${night.url}/api/conversations/r1`, { headers: auth })).json()) as {
      messages: { status: string; until?: string }[];
    };
    expect(deferred.messages).toMatchObject([{ status: 'deferred', until: '2026-11-24T08:00:00+08:00' }]);
    night.child.kill('SIGTERM');
    await exited(night.child);

    // Back up two seconds before the end of quiet hours: the reminder waits, then goes, once.
    const morning = await child({ HUIKUAN_DB: db, HUIKUAN_NOW: '2026-11-24T07:59:58+08:00' });
    const early = (await (await fetch(`${morning.url}/api/conversations/r1`, { headers: auth })).json()) as {
      messages: { status: string }[];
    };
    expect(early.messages.map((m) => m.status)).toEqual(['deferred']);
    const sent = await eventually(async () => {
      const v = (await (await fetch(`${morning.url}/api/conversations/r1`, { headers: auth })).json()) as {
        messages: { status: string; at: string }[];
      };
      return v.messages[0]!.status === 'sent' ? v : null;
    }, 8000);
    expect(sent.messages).toHaveLength(1);
    expect(sent.messages[0]!.at).toBe('2026-11-24T08:00:00+08:00');
  }, 90_000);
});
