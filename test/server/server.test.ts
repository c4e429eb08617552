import { afterEach, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/twilio.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { inspect, type Inspector } from '../support/inspector.ts';
import { ADMIN_TOKEN, eventually, fakeProvider, GATEWAY_SECRET, gatewayRequest, testDb } from './support.ts';

const running: Running[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const c of closers.splice(0)) await c();
});

// Monday 2026-11-23 10:00 in Beijing, 21:00 the evening before in New York.
const NOW = Date.parse('2026-11-23T10:00:00+08:00');

/**
 * A clock that runs in real time from a fixed weekday morning: the replies of these tests must not
 * depend on the hour CI runs at (at 21:00 in Shanghai quiet hours hold every reply).
 */
function morningClock(): () => number {
  const real = Date.now();
  return () => NOW + (Date.now() - real);
}

async function start(env: Record<string, string> = {}, clock = () => NOW): Promise<Running> {
  const r = await startHuikuan(
    { PORT: '0', HUIKUAN_DB: await testDb(), LOG_LEVEL: 'silent', HUIKUAN_TICK_MS: '60000', ...env },
    { clock },
  );
  running.push(r);
  return r;
}

/** The queries only tests ask (not on the store's interfaces), on what the server committed to its database. */
const inFile = (r: Running): Inspector => inspect(r.config.HUIKUAN_DB);

const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('npm start: the embedded defaults', () => {
  it('answers /healthz and starts with demo debtors who got their first reminder', async () => {
    const r = await start();
    expect(await (await fetch(`${r.url}/healthz`)).json()).toEqual({ ok: true });
    const list = (await (await fetch(`${r.url}/api/conversations`)).json()) as {
      id: string;
      phone: string;
      state: string;
    }[];
    expect(list.map((c) => c.id).sort()).toEqual(['demo-lina', 'demo-maria', 'demo-zhangwei']);
    expect(list.every((c) => /\*{2,}/.test(c.phone))).toBe(true);
    const zhang = (await (await fetch(`${r.url}/api/conversations/demo-zhangwei`)).json()) as {
      messages: { status: string; kind: string }[];
    };
    expect(zhang.messages).toMatchObject([{ kind: 'proactive', status: 'sent' }]);
  });

  it('a debtor texting 没钱 through the simulator gets the clarify reply', async () => {
    const r = await start();
    const res = await json(`${r.url}/sim/inbound`, { from: '+8613800138000', text: '没钱' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      intent: string;
      state: string;
      reply: { text: string; status: string; acts: string[] };
    };
    expect(body).toMatchObject({
      intent: 'no_money',
      state: 'clarify',
      reply: { status: 'sent', acts: ['empathy', 'clarify'] },
    });
    expect(body.reply.text).toMatch(/^【安心贷】张伟.*暂时周转不开.*长期困难/);
  });

  it('HUIKUAN_DEMO=0 starts empty', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    expect(await (await fetch(`${r.url}/api/conversations`)).json()).toEqual([]);
  });

  it('shows a conversation with parsed meaning under each inbound and the suggested replies', async () => {
    const r = await start();
    await json(`${r.url}/sim/inbound`, { from: '+8613800138000', text: '每月最多能还600' });
    const view = (await (await fetch(`${r.url}/api/conversations/demo-zhangwei`)).json()) as {
      state: string;
      messages: {
        direction: string;
        at: string;
        text: string;
        status: string;
        parse?: { intent: string; amount: number };
      }[];
      suggestions: { text: string; acts: string[]; offers?: unknown[] }[];
    };
    expect(view.state).toBe('offer');
    expect(view.messages.map((m) => m.direction)).toEqual(['out', 'in', 'out']);
    expect(view.messages[1]).toMatchObject({
      at: '2026-11-23T10:00:00+08:00',
      text: '每月最多能还600',
      status: 'received',
      parse: { intent: 'offer_amount', amount: 600 },
    });
    expect(view.suggestions.length).toBeGreaterThan(0);
    expect(view.suggestions[0]!.acts).toContain('offer');
    expect(view.suggestions[0]!.offers!.length).toBeGreaterThan(0);
    expect((await fetch(`${r.url}/api/conversations/nobody`)).status).toBe(404);
  });
});

describe('configuration', () => {
  it('stops start-up naming the bad variable', async () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'nope' })).toThrow(/^TWILIO_ACCOUNT_SID: /);
    expect(() => loadConfig({ TWILIO_AUTH_TOKEN: 'x'.repeat(32) })).toThrow(/TWILIO_ACCOUNT_SID.*together/);
  });
  it('refuses to bind a non-loopback HOST without an admin token', async () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      /^HOST: binding 0\.0\.0\.0 \(not loopback\) requires HUIKUAN_ADMIN_TOKEN/,
    );
    expect(loadConfig({ HOST: '0.0.0.0', HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN }).HOST).toBe('0.0.0.0');
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
  });
});

describe('HUIKUAN_ADMIN_TOKEN', () => {
  it('guards /api/* and /sim/inbound with a bearer token, not /healthz or the provider webhooks', async () => {
    const r = await start({ HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN });
    expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${r.url}/api/conversations`)).status).toBe(401);
    expect(
      (
        await fetch(`${r.url}/api/conversations`, {
          headers: { authorization: 'Bearer wrong-token-wrong-token' },
        })
      ).status,
    ).toBe(401);
    expect((await json(`${r.url}/sim/inbound`, { from: '+8613800138000', text: '没钱' })).status).toBe(401);
    expect(
      (await fetch(`${r.url}/api/conversations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))
        .status,
    ).toBe(200);
    expect(
      (
        await json(
          `${r.url}/sim/inbound`,
          { from: '+8613800138000', text: '没钱' },
          { authorization: `Bearer ${ADMIN_TOKEN}` },
        )
      ).status,
    ).toBe(200);
  });
});

describe('POST /api/accounts', () => {
  const good = {
    id: 'a1',
    phone: '+8613700137000',
    debtorName: '王芳',
    lender: '安心贷',
    balance: 2400,
    currency: 'CNY',
    overdueDays: 9,
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
  };

  it('takes a JSON array: bad rows reported by position, good rows kept and reminded', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    const res = await json(`${r.url}/api/accounts`, [
      good,
      { ...good, id: 'a2', phone: 'not a phone' },
      { ...good, id: 'a3', phone: '+8613700137001', balance: -5 },
      { ...good, id: 'a4', phone: '+8613700137002', policy: { maxInstallments: 0 } },
    ]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { imported: number; errors: { line: number; error: string }[] };
    expect(body.imported).toBe(1);
    expect(body.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(body.errors[0]!.error).toMatch(/^phone: expected an E\.164/);
    expect(body.errors[2]!.error).toMatch(/maxInstallments/);
    // The sender drains after the answer: on PostgreSQL its claim and mark are round trips, so
    // the reminder may still be on its way when the answer arrives; it is sent, once.
    const view = await eventually(async () => {
      const v = (await (await fetch(`${r.url}/api/conversations/a1`)).json()) as {
        messages: { kind: string; status: string; text: string }[];
      };
      return v.messages.every((m) => m.status !== 'queued') ? v : null;
    });
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0]).toMatchObject({ kind: 'proactive', status: 'sent' });
    expect(view.messages[0]!.text).toMatch(/^【安心贷】王芳/);
  });

  it('takes CSV with a header row: bad rows reported with their file line, the rest imported', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    const csv = [
      'id,phone,debtorName,lender,balance,currency,overdueDays,locale,timezone,policy',
      'c1,+8613600136000,赵磊,快借,1800,CNY,3,zh-CN,Asia/Shanghai,',
      'c2,+8613600136001,钱敏,快借,abc,CNY,3,zh-CN,Asia/Shanghai,',
      'c3,+15555550100,John Doe,QuickCash,"1,250.50",USD,12,en-US,America/Chicago,',
      'c4,+8613600136003,孙丽,快借,900,CNY,3,zh-CN,Mars/Olympus,',
      'c5,+8613600136004,周强,快借,900,CNY,3,zh-CN,Asia/Shanghai,"{""maxInstallments"":3}"',
      'c1,+8613600136005,重复,快借,900,CNY,3,zh-CN,Asia/Shanghai,',
    ].join('\n');
    const res = await fetch(`${r.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await res.json()) as { imported: number; errors: { line: number; error: string }[] };
    expect(body.errors).toEqual([
      { line: 3, error: expect.stringMatching(/^balance: /) },
      { line: 4, error: expect.stringMatching(/^balance: /) },
      { line: 5, error: expect.stringMatching(/^timezone: not an IANA time zone/) },
      { line: 7, error: 'id: c1 appears twice in this import' },
    ]);
    expect(body.imported).toBe(2);
    const ids = ((await (await fetch(`${r.url}/api/conversations`)).json()) as { id: string }[])
      .map((c) => c.id)
      .sort();
    expect(ids).toEqual(['c1', 'c5']);
  });

  it('answers 400 with the reason for a body that is neither', async () => {
    const r = await start();
    const bad = await fetch(`${r.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/parse|JSON/i);
    const obj = await json(`${r.url}/api/accounts`, { id: 'x' });
    expect(obj.status).toBe(400);
  });
});

/** Real debtors (not demo accounts) with the demo debtors' phones, for the provider channels. */
const ZHANG_WEI = {
  id: 'zhangwei',
  phone: '+8613800138000',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 3600,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};
const MARIA = {
  id: 'maria',
  phone: '+15555550123',
  debtorName: 'Maria Lopez',
  lender: 'QuickCash',
  balance: 1250.5,
  currency: 'USD',
  overdueDays: 3,
  locale: 'en-US',
  timezone: 'America/New_York',
};

describe('POST /sms/gateway (generic signed gateway)', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    messageId: 'gw-1',
    from: '+8613800138000',
    to: '10690000',
    text: '没钱',
    receivedAt: '2026-11-23T10:00:00+08:00',
    ...over,
  });

  it('accepts a signed callback and answers through the aggregator, signed', async () => {
    const clock = morningClock();
    const aggregator = await fakeProvider((req) => ({
      status: 200,
      body: { messageId: `agg-${req.body.length}` },
    }));
    closers.push(aggregator.close);
    // A real debtor: demo debtors only ever hear from the simulator.
    const r = await start(
      {
        HUIKUAN_DEMO: '0',
        GATEWAY_SECRET,
        GATEWAY_SEND_URL: `${aggregator.url}/send`,
        HUIKUAN_DEFAULT_CHANNEL: 'sim',
      },
      clock,
    );
    await json(`${r.url}/api/accounts`, [ZHANG_WEI]);
    const res = await gatewayRequest(r.url, body(), { timestamp: Math.floor(clock() / 1000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false });
    const sent = await (async () => {
      for (let i = 0; i < 100 && aggregator.requests.length === 0; i++)
        await new Promise((x) => setTimeout(x, 20));
      return aggregator.requests;
    })();
    expect(sent).toHaveLength(1);
    const payload = JSON.parse(sent[0]!.body) as { to: string; text: string };
    expect(payload.to).toBe('+8613800138000');
    expect(payload.text).toMatch(/^【安心贷】张伟/);
    expect(sent[0]!.headers['x-huikuan-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a forged signature', { secret: 'another-secret-0123456789' }],
    ['a stale timestamp', { skew: -305 }],
    ['a timestamp from the future', { skew: 305 }],
  ])('answers 401 to %s and stores nothing', async (_name, opts) => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    // The timestamp is taken when the request is made: a loaded machine must not age it into range.
    const { skew, ...rest } = { skew: 0, ...opts };
    const timestamp = skew ? Math.floor(Date.now() / 1000) + skew : undefined;
    const res = await gatewayRequest(r.url, body(), { ...rest, ...(timestamp ? { timestamp } : {}) });
    expect(res.status).toBe(401);
    expect(
      (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'in'),
    ).toHaveLength(0);
  });

  it('answers 401 without the headers, 400 with the reason for a malformed body', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    expect(
      (await fetch(`${r.url}/sms/gateway`, { method: 'POST', body: JSON.stringify(body()) })).status,
    ).toBe(401);
    const notJson = await gatewayRequest(r.url, null, { raw: '{"messageId": "x", ' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/JSON/);
    const wrong = await gatewayRequest(r.url, body({ from: 12345, messageId: '' }));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/messageId|from/);
    expect(
      (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'in'),
    ).toHaveLength(0);
  });

  it('processes a redelivered message once, also when deliveries race', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    const results = await Promise.all(
      Array.from({ length: 6 }, () => gatewayRequest(r.url, body({ messageId: 'gw-race' }))),
    );
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = (await Promise.all(results.map((x) => x.json()))) as { duplicate: boolean }[];
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    const msgs = await r.store.listMessages('demo-zhangwei');
    expect(msgs.filter((m) => m.message.direction === 'in')).toHaveLength(1);
    expect(msgs.filter((m) => m.message.direction === 'out' && m.message.kind === 'reply')).toHaveLength(1);
  });

  it('an opt-out cancels everything still pending for that debtor, but the one confirmation', async () => {
    // The aggregator is down: the first reminder waits in the outbox for a retry.
    const aggregator = await fakeProvider(() => ({ status: 503, body: { error: 'busy' } }));
    closers.push(aggregator.close);
    const r = await start({
      HUIKUAN_DEMO: '0',
      GATEWAY_SECRET,
      GATEWAY_SEND_URL: `${aggregator.url}/send`,
      HUIKUAN_DEFAULT_CHANNEL: 'gateway',
    });
    const account = {
      id: 'o1',
      phone: '+8613800138111',
      debtorName: '刘洋',
      lender: '安心贷',
      balance: 900,
      currency: 'CNY',
      overdueDays: 2,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    };
    await json(`${r.url}/api/accounts`, [account]);
    await r.service.drain();
    expect(await inFile(r).countOutbox('pending')).toBe(1);
    const res = await gatewayRequest(r.url, body({ messageId: 'gw-td', from: account.phone, text: 'TD' }), {
      timestamp: NOW / 1000,
    });
    expect(res.status).toBe(200);
    const msgs = await r.store.listMessages('o1');
    const reminder = msgs.find((m) => m.message.kind === 'proactive')!;
    expect(reminder).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/opted out/) });
    const confirm = msgs.find((m) => m.message.acts?.includes('opt_out_confirm'))!;
    expect(confirm.status).toBe('queued');
    expect(await inFile(r).countOutbox('cancelled')).toBe(1);
    expect(await inFile(r).countOutbox('pending')).toBe(1);
  });

  it('archives an SMS from an unknown number and says nothing about any debt', async () => {
    const clock = morningClock();
    const r = await start({ GATEWAY_SECRET }, clock);
    const res = await gatewayRequest(
      r.url,
      body({ from: '+8613111111111', messageId: 'gw-unknown', text: '你们是谁?我欠钱吗' }),
      { timestamp: Math.floor(clock() / 1000) },
    );
    expect(res.status).toBe(200);
    const orphans = await inFile(r).listOrphanMessages(10);
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toMatchObject({ phone: '+8613111111111', status: 'received' });
    expect((await inFile(r).countOutbox('pending')) + (await inFile(r).countOutbox('sent'))).toBe(2); // the demo reminders only
  });
});

describe('POST /sms/twilio', () => {
  const TOKEN = 'twilio-auth-token-0123456789abcdef';
  const SID = 'AC' + '0123456789abcdef'.repeat(2);
  const params = (over: Record<string, string> = {}) => ({
    MessageSid: 'SM' + '1'.repeat(32),
    AccountSid: SID,
    From: '+15555550123',
    To: '+15550001111',
    Body: 'I lost my job, no money',
    NumMedia: '0',
    ...over,
  });

  async function twilioSetup(apiAnswer?: Parameters<typeof fakeProvider>[0]) {
    const api = await fakeProvider(
      apiAnswer ??
        ((req) => ({ status: 201, body: { sid: 'SM' + String(req.body.length).padStart(32, '0') } })),
    );
    closers.push(api.close);
    const r = await start(
      {
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_NUMBER: '+15550001111',
        TWILIO_API_BASE: api.url,
        HUIKUAN_DEFAULT_CHANNEL: 'sim',
        // A real debtor: demo debtors only ever hear from the simulator.
        HUIKUAN_DEMO: '0',
      },
      () => Date.parse('2026-11-23T10:00:00-05:00'),
    );
    await json(`${r.url}/api/accounts`, [MARIA]);
    const post = (p: Record<string, string>, signature?: string | null) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const sig =
        signature === undefined ? twilioSignature(TOKEN, `${r.config.publicUrl}/sms/twilio`, p) : signature;
      if (sig !== null) headers['x-twilio-signature'] = sig;
      return fetch(`${r.url}/sms/twilio`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(p).toString(),
      });
    };
    return { api, r, post };
  }

  it('accepts a correctly signed webhook with TwiML and sends the reply through the Messages API', async () => {
    // PUBLIC_URL defaults to http://HOST:PORT: the URL Twilio signs is the one it called.
    const { api, r, post } = await twilioSetup();
    const res = await post(params());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toMatch(/<Response\s*\/?>(<\/Response>)?/);
    for (let i = 0; i < 100 && api.requests.length === 0; i++) await new Promise((x) => setTimeout(x, 20));
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    const form = new URLSearchParams(api.requests[0]!.body);
    expect(form.get('To')).toBe('+15555550123');
    expect(form.get('From')).toBe('+15550001111');
    expect(form.get('Body')).toMatch(/^QuickCash: /);
    // Marked sent once Twilio's answer is recorded (round trips after the request, on PostgreSQL).
    await eventually(async () =>
      (await r.store.listMessages(MARIA.id)).some((m) => m.message.kind === 'reply' && m.status === 'sent'),
    );
  });

  it.each([
    ['a missing signature', null],
    ['a forged signature', 'bm90IGEgc2lnbmF0dXJl'],
  ])('answers 403 to %s and stores nothing', async (_name, sig) => {
    const { r, post } = await twilioSetup();
    const res = await post(params(), sig);
    expect(res.status).toBe(403);
    expect((await r.store.listMessages(MARIA.id)).filter((m) => m.message.direction === 'in')).toHaveLength(
      0,
    );
  });

  it('rejects a signature over other parameters (a tampered Body)', async () => {
    const { r, post } = await twilioSetup();
    const sig = twilioSignature(TOKEN, `${r.config.publicUrl}/sms/twilio`, params());
    expect((await post(params({ Body: 'STOP' }), sig)).status).toBe(403);
  });

  it('processes the same MessageSid once, also when delivered concurrently', async () => {
    const { api, r, post } = await twilioSetup();
    const p = params({ MessageSid: 'SM' + '7'.repeat(32) });
    const results = await Promise.all([post(p), post(p), post(p), post(p)]);
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    await post(p);
    for (let i = 0; i < 100 && api.requests.length === 0; i++) await new Promise((x) => setTimeout(x, 20));
    await new Promise((x) => setTimeout(x, 200));
    const msgs = await r.store.listMessages(MARIA.id);
    expect(msgs.filter((m) => m.message.direction === 'in')).toHaveLength(1);
    expect(msgs.filter((m) => m.message.kind === 'reply')).toHaveLength(1);
    expect(api.requests).toHaveLength(1);
  });

  it('marks a message failed when Twilio refuses it for good (21610, opted out)', async () => {
    const { r, post } = await twilioSetup(() => ({
      status: 400,
      body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 },
    }));
    await post(params({ MessageSid: 'SM' + '8'.repeat(32) }));
    const failed = await (async () => {
      for (let i = 0; i < 100; i++) {
        const m = (await r.store.listMessages(MARIA.id)).find(
          (x) => x.message.kind === 'reply' && x.status === 'failed',
        );
        if (m) return m;
        await new Promise((x) => setTimeout(x, 20));
      }
      return null;
    })();
    expect(failed).not.toBeNull();
    expect(failed!.reason).toMatch(/21610/);
    expect(await inFile(r).countOutbox('failed')).toBe(1);
  });
});
