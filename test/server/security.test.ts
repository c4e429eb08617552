import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewaySignature } from '../../src/channels/gateway.ts';
import { twilioSignature } from '../../src/channels/twilio.ts';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { MAX_STREAMS_PER_CLIENT } from '../../src/server/routes/events.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.ts';
import {
  eventually,
  exited,
  fakeProvider,
  GATEWAY_SECRET,
  gatewayRequest,
  startChild,
  testDb,
  type Recorded,
} from './support.ts';

/**
 * Issue 12, "the guard holds against people, not just templates": each finding of the review
 * as a specification, on a real server on 127.0.0.1.
 */

const running: Running[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const c of closers.splice(0)) await c();
});

// 10:00 in Beijing, 21:00 the evening before in New York (quiet there): the zh-CN debtors are reminded at once.
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;

async function start(env: Record<string, string> = {}, clock?: () => number): Promise<Running> {
  const real = Date.now();
  const r = await startHuikuan(
    { PORT: '0', HUIKUAN_DB: await testDb(), LOG_LEVEL: 'silent', HUIKUAN_TICK_MS: '60000', ...env },
    { clock: clock ?? (() => NOW + (Date.now() - real)) },
  );
  running.push(r);
  return r;
}

/** Twilio configured against a local stand-in for its API: the default channel is then Twilio. */
async function withTwilio(env: Record<string, string> = {}, answer?: Parameters<typeof fakeProvider>[0]) {
  const api = await fakeProvider(
    answer ?? ((q) => ({ status: 201, body: { sid: `SM${String(q.body.length).padStart(32, '0')}` } })),
  );
  closers.push(api.close);
  const r = await start({
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_NUMBER: '+15550001111',
    TWILIO_API_BASE: api.url,
    ...env,
  });
  return { api, r };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => { error?: string } & Record<string, unknown>;
}

/** One request with exactly these headers (Host included: fetch will not send a foreign one). */
function raw(
  r: Running,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: r.port,
        method,
        path,
        headers: {
          host: `127.0.0.1:${r.port}`,
          ...headers,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as never,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const postJson = (r: Running, path: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(r, 'POST', path, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));

const account = (i: number, over: Record<string, unknown> = {}) => ({
  id: `a${i}`,
  phone: `+86136${String(i).padStart(8, '0')}`,
  debtorName: '王芳',
  lender: '安心贷',
  balance: 2400,
  currency: 'CNY',
  overdueDays: 9,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  ...over,
});

const sentThrough = async (r: Running, conversationId: string) =>
  (await r.store.listMessages(conversationId))
    .filter((m) => m.message.direction === 'out' && m.status === 'sent')
    .map((m) => m.providerMessageId);

describe('5. demo debtors only ever hear from the simulator', () => {
  it('with Twilio configured, a fresh start reminds the demo debtors through the simulator, not Twilio', async () => {
    const { api, r } = await withTwilio();
    expect(r.config.defaultChannel).toBe('twilio');
    await r.service.drain();
    // demo-zhangwei and demo-lina are reminded now (demo-maria waits for New York's morning)
    for (const id of ['demo-zhangwei', 'demo-lina'])
      expect(await sentThrough(r, id)).toEqual([expect.stringMatching(/^sim-/)]);
    expect(api.requests).toEqual([]);
  });

  it('a new demo debtor from the panel, and the reply to an SMS from a demo phone, go to the simulator too', async () => {
    const { api, r } = await withTwilio({ HUIKUAN_DEMO: '0' });
    const created = await postJson(r, '/api/demo-debtors', { locale: 'zh-CN' });
    expect(created.status).toBe(201);
    const { conversationId, account: demo } = created.json() as {
      conversationId: string;
      account: { phone: string };
    };
    await r.service.drain();
    expect(await sentThrough(r, conversationId)).toEqual([expect.stringMatching(/^sim-/)]);

    // Someone texts the Twilio number from the demo debtor's phone: the reply still goes to the simulator.
    const params = { MessageSid: `SM${'5'.repeat(32)}`, From: demo.phone, To: '+15550001111', Body: '没钱' };
    const signature = twilioSignature(TWILIO_TOKEN, `${r.config.publicUrl}/sms/twilio`, params);
    const webhook = await raw(
      r,
      'POST',
      '/sms/twilio',
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      new URLSearchParams(params).toString(),
    );
    expect(webhook.status).toBe(200);
    await r.service.drain();
    expect(await sentThrough(r, conversationId)).toEqual([
      expect.stringMatching(/^sim-/),
      expect.stringMatching(/^sim-/),
    ]);
    expect(api.requests).toEqual([]);

    // A real debtor imported beside them is reminded through Twilio.
    await postJson(r, '/api/accounts', [account(1)]);
    await r.service.drain();
    expect(api.requests).toHaveLength(1);
    expect(new URLSearchParams(api.requests[0]!.body).get('To')).toBe(account(1).phone);
    expect(await sentThrough(r, 'a1')).toEqual([expect.stringMatching(/^SM/)]);
  });
});

describe('6. other websites cannot drive the server', () => {
  it('answers only to its own names: loopback on its port, PUBLIC_URL’s host; a rebinding page’s Host is 421', async () => {
    const r = await start({ PUBLIC_URL: 'https://huikuan.example.com' });
    for (const host of [
      `127.0.0.1:${r.port}`,
      `localhost:${r.port}`,
      `[::1]:${r.port}`,
      'huikuan.example.com',
    ])
      expect((await raw(r, 'GET', '/api/conversations', { host })).status, host).toBe(200);
    for (const host of [
      `attacker.example:${r.port}`,
      'attacker.example',
      `127.0.0.1:${r.port + 1}`,
      `localhost`,
    ]) {
      const res = await raw(r, 'GET', '/api/conversations/demo-zhangwei', { host });
      expect(res.status, host).toBe(421);
      expect(res.json().error).toMatch(/^misdirected request: Host .* is not this server/);
      expect(res.text).not.toMatch(/张伟|proactive/);
    }
    // The panel itself and a state change are refused the same way.
    expect((await raw(r, 'GET', '/', { host: 'attacker.example' })).status).toBe(421);
    expect(
      (await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', { host: 'attacker.example' }))
        .status,
    ).toBe(421);
    // A liveness probe calls by IP or service name.
    expect((await raw(r, 'GET', '/healthz', { host: '10.1.2.3:3000' })).status).toBe(200);
  });

  it('refuses a state change from a foreign Origin or Referer with 403, and nothing changes', async () => {
    const r = await start();
    const evil = { origin: 'https://evil.example' };
    const takeover = await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', evil);
    expect(takeover.status).toBe(403);
    expect(takeover.json().error).toBe(
      'cross-origin request refused: Origin "https://evil.example" is not this server',
    );
    expect((await r.store.getConversation('demo-zhangwei'))!.paused).toBe(false);

    expect((await postJson(r, '/api/demo-debtors', {}, evil)).status).toBe(403);
    expect((await postJson(r, '/sim/inbound', { from: '+8613800138000', text: '没钱' }, evil)).status).toBe(
      403,
    );
    expect(
      (await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', { origin: 'null' })).status,
    ).toBe(403);
    expect(
      (
        await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', {
          referer: 'https://evil.example/page',
        })
      ).status,
    ).toBe(403);
    expect(await r.store.countAccounts()).toBe(3);
    expect((await r.store.getConversation('demo-zhangwei'))!.paused).toBe(false);
    expect(
      (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'in'),
    ).toHaveLength(0);

    // The panel's own origin, under any loopback name, and a script without one, may.
    const own = await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', {
      origin: `http://localhost:${r.port}`,
    });
    expect(own.status).toBe(200);
    expect((await raw(r, 'POST', '/api/conversations/demo-zhangwei/handback', {})).status).toBe(200);
  });

  it('answers no CORS preflight: OPTIONS is 405 with the reason, so a browser sends no JSON cross-origin', async () => {
    const r = await start();
    for (const path of [
      '/',
      '/api/conversations',
      '/api/conversations/demo-zhangwei/takeover',
      '/sim/inbound',
    ]) {
      const res = await raw(r, 'OPTIONS', path, {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      });
      expect(res.status, path).toBe(405);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.json().error).toMatch(/^method not allowed: OPTIONS/);
    }
  });

  it('takes only JSON (and CSV for an import): a form or text body, which needs no preflight, is 415', async () => {
    const r = await start();
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await raw(r, 'POST', '/api/demo-debtors', { 'content-type': type }, 'locale=zh-CN');
      expect(res.status, type).toBe(415);
      expect(res.json().error).toMatch(/^unsupported media type: expected content-type application\/json/);
      expect(
        (await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover', { 'content-type': type }, 'x'))
          .status,
      ).toBe(415);
      expect(
        (
          await raw(
            r,
            'POST',
            '/sim/inbound',
            { 'content-type': type },
            '{"from":"+8613800138000","text":"TD"}',
          )
        ).status,
      ).toBe(415);
    }
    expect(await r.store.countAccounts()).toBe(3);
    expect((await r.store.getConversation('demo-zhangwei'))!.paused).toBe(false);
    expect((await r.store.getConversation('demo-zhangwei'))!.state).not.toBe('opted_out');
    // A body without a type is refused too; no body and no type (take over) is fine.
    expect((await raw(r, 'POST', '/api/demo-debtors', {}, '{}')).status).toBe(415);
    expect((await raw(r, 'POST', '/api/conversations/demo-zhangwei/takeover')).status).toBe(200);
    const csv = await raw(r, 'POST', '/api/accounts', { 'content-type': 'text/csv' }, 'id,phone\n');
    expect(csv.status).toBe(200);
  });

  it('provider webhooks, which carry no Origin, keep working', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    const res = await gatewayRequest(r.url, {
      messageId: 'gw-origin',
      from: '+8613800138000',
      to: '10690000',
      text: '没钱',
    });
    expect(res.status).toBe(200);
  });
});

describe('8. the simulator speaks only for simulator debtors', () => {
  it('/sim/inbound for a debtor reached on Twilio is 403: nothing stored, the negotiation and its channel untouched', async () => {
    const { r } = await withTwilio({ HUIKUAN_DEMO: '0' });
    await postJson(r, '/api/accounts', [account(1)]);
    await r.service.drain();
    const before = (await r.store.getConversation('a1'))!;
    const messages = (await r.store.listMessages('a1')).length;
    const res = await postJson(r, '/sim/inbound', { from: account(1).phone, text: '每月最多能还600' });
    expect(res.status).toBe(403);
    expect(res.json().error).toMatch(
      /^from: \+86136\*+0001 is a real debtor reached on twilio, not a simulator account/,
    );
    expect(await r.store.listMessages('a1')).toHaveLength(messages);
    const after = (await r.store.getConversation('a1'))!;
    expect(after.channel).toBe('twilio');
    expect(after.state).toBe(before.state);
  });

  it('and for one reached on the gateway; demo debtors and unknown numbers still play', async () => {
    const aggregator = await fakeProvider(() => ({ status: 200, body: { messageId: 'agg' } }));
    closers.push(aggregator.close);
    const r = await start({ GATEWAY_SECRET, GATEWAY_SEND_URL: `${aggregator.url}/send` });
    expect(r.config.defaultChannel).toBe('gateway');
    await postJson(r, '/api/accounts', [account(2)]);
    expect((await postJson(r, '/sim/inbound', { from: account(2).phone, text: 'TD' })).status).toBe(403);
    expect((await r.store.getConversation('a2'))!.state).not.toBe('opted_out');
    const demo = await postJson(r, '/sim/inbound', { from: '+8613800138000', text: '没钱' });
    expect(demo.status).toBe(200);
    expect(demo.json()).toMatchObject({ intent: 'no_money', state: 'clarify' });
    expect((await postJson(r, '/sim/inbound', { from: '+8613111111111', text: '你好' })).status).toBe(200);
  });

  it('plays an imported debtor when the simulator is the channel (the npm start default)', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    await postJson(r, '/api/accounts', [account(3)]);
    const res = await postJson(r, '/sim/inbound', { from: account(3).phone, text: '没钱' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ state: 'clarify' });
  });
});

describe('9. the gateway reads its signed body one way only', () => {
  const gw = (over: Record<string, unknown> = {}) => ({
    messageId: 'gw-strict',
    from: '+8613800138000',
    to: '10690000',
    text: '没钱',
    ...over,
  });
  const inbound = async (r: Running) =>
    (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'in');

  it('refuses a body that is not valid UTF-8 (signed as it is) with 400, storing nothing', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    const bytes = Buffer.concat([
      Buffer.from('{"messageId":"gw-utf8","from":"+8613800138000","to":"1069","text":"'),
      Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
      Buffer.from('"}'),
    ]);
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await raw(
      r,
      'POST',
      '/sms/gateway',
      {
        'content-type': 'application/json',
        'x-huikuan-timestamp': ts,
        'x-huikuan-signature': gatewaySignature(GATEWAY_SECRET, ts, bytes),
      },
      bytes,
    );
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'body is not valid UTF-8' });
    expect(await inbound(r)).toHaveLength(0);
  });

  it('refuses duplicate keys, at any depth, naming the key: not "the last text wins"', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    const top = await gatewayRequest(r.url, null, {
      raw: '{"messageId":"gw-dup","from":"+8613800138000","to":"1069","text":"我已经还了","text":"TD"}',
    });
    expect(top.status).toBe(400);
    expect(await top.json()).toEqual({ error: 'body: duplicate key "text"' });
    const escaped = await gatewayRequest(r.url, null, {
      raw: '{"messageId":"gw-dup2","from":"+8613800138000","to":"1069","text":"a","te\\u0078t":"TD"}',
    });
    expect(await escaped.json()).toEqual({ error: 'body: duplicate key "text"' });
    const nested = await gatewayRequest(r.url, null, {
      raw: JSON.stringify(gw({ messageId: 'gw-dup3' })).replace(/}$/, ',"meta":[{"a":1},{"b":1,"b":2}]}'),
    });
    expect(nested.status).toBe(400);
    expect(await nested.json()).toEqual({ error: 'meta.1: duplicate key "b"' });
    expect(await inbound(r)).toHaveLength(0);
    // The same keys in different objects are fine.
    const fine = await gatewayRequest(r.url, null, {
      raw: JSON.stringify(gw()).replace(/}$/, ',"meta":{"text":"x","inner":{"text":"y"}}}'),
    });
    expect(fine.status).toBe(200);
    expect(await inbound(r)).toHaveLength(1);
  });
});

describe('9. the gateway reads its signed body as text only', () => {
  it('refuses a lone surrogate escape (valid UTF-8 bytes, not Unicode text) with 400 naming the field', async () => {
    const r = await start({ GATEWAY_SECRET }, () => Date.now());
    const res = await gatewayRequest(r.url, null, {
      raw: '{"messageId":"gw-sur","from":"+8613800138000","to":"1069","text":"\\ud800没钱"}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'text: not Unicode text (an unpaired surrogate escape)' });
    expect(
      (await r.store.listMessages('demo-zhangwei')).filter((m) => m.message.direction === 'in'),
    ).toHaveLength(0);
    // A pair of escapes is one character, and fine.
    const pair = await gatewayRequest(r.url, null, {
      raw: '{"messageId":"gw-pair","from":"+8613800138000","to":"1069","text":"\\ud83d\\ude42没钱"}',
    });
    expect(pair.status).toBe(200);
  });
});

describe('10. one client cannot stall the server', () => {
  it('imports 10 000 rows without holding the event loop more than a few tens of ms at a time', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    const rows: Record<string, unknown>[] = Array.from({ length: 10_000 }, (_, i) => account(i));
    rows[0] = account(0, { balance: -5 }); // line 1
    rows[4_999] = account(4_999, { timezone: 'Mars/Olympus' }); // line 5000
    rows[6_999] = account(7_777_777, { id: 'a10' }); // line 7000: an id already in this import
    rows[7_999] = account(8_888_888, { phone: account(20).phone }); // line 8000: another account's phone
    const body = JSON.stringify(rows);

    // The one step not sliced: JSON.parse of the whole body, here, on this machine, now.
    const parseStarted = performance.now();
    JSON.parse(body);
    const parseMs = performance.now() - parseStarted;

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    let answered: number | null = null;
    const importing = raw(r, 'POST', '/api/accounts', { 'content-type': 'application/json' }, body).then(
      (x) => {
        answered = performance.now();
        return x;
      },
    );
    // Other requests are served while the import runs, not after it.
    const probes: number[] = [];
    while (answered === null) {
      await new Promise((x) => setTimeout(x, 250));
      if (answered !== null) break;
      const health = await raw(r, 'GET', '/healthz');
      expect(health.status).toBe(200);
      if (answered === null) probes.push(performance.now() - started);
    }
    const res = await importing;
    const took = performance.now() - started;
    delay.disable();

    expect(res.status).toBe(200);
    const out = res.json() as {
      imported: number;
      created: number;
      errors: { line: number; error: string }[];
    };
    expect(out.created).toBe(9_996);
    expect(out.errors.map((e) => e.line)).toEqual([1, 5000, 7000, 8000]);
    expect(out.errors[0]!.error).toMatch(/^balance: /);
    expect(out.errors[1]!.error).toMatch(/^timezone: not an IANA time zone/);
    expect(out.errors[2]!.error).toBe('id: a10 appears twice in this import');
    expect(out.errors[3]!.error).toMatch(/^phone \+8613600000020 is already used by account a20/);
    expect(await r.store.countAccounts()).toBe(9_996);

    const maxMs = delay.max / 1e6;
    console.log(
      `10k import: ${Math.round(took)} ms in all, ${probes.length} health checks answered meanwhile; event loop delay max ${maxMs.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; JSON.parse of the body ${parseMs.toFixed(1)} ms`,
    );
    // Every step is a slice of about 20 ms of work but JSON.parse of the body. A loaded shared
    // machine stretches all of it and stops the process now and then (a bare loop of 20 ms
    // slices shows pauses of 200 ms and more there), so the bounds are relative: in one go, the
    // import held the event loop from its start to its answer, and no health check got through.
    expect(maxMs).toBeLessThan(took / 10);
    expect(delay.percentile(99) / 1e6).toBeLessThan(500);
    expect(probes.length).toBeGreaterThanOrEqual(Math.floor(took / 1000));
    // The reminders go out after the answer; let them, before the server closes.
    await r.service.drain();
    // On PostgreSQL, loaded: 60-95 s for the import and ~50 s for the drain (round trips, not CPU).
  }, 300_000);

  it(`holds at most ${MAX_STREAMS_PER_CLIENT} event streams per client: the rest are 429`, async () => {
    const r = await start();
    const controller = new AbortController();
    closers.push(() => controller.abort());
    // The open streams are held on to: a Response nobody references may be collected, and undici
    // then closes its connection, which frees a place on the server (seen after a big import).
    const held: Response[] = [];
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${r.url}/api/events`, { signal: controller.signal }).then(async (res) => {
          if (res.status === 200) held.push(res);
          return {
            status: res.status,
            error: res.status === 429 ? ((await res.json()) as { error: string }).error : null,
          };
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(MAX_STREAMS_PER_CLIENT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(200 - MAX_STREAMS_PER_CLIENT);
    expect(answers.find((a) => a.error)!.error).toMatch(/^too many event streams: at most 5 per client/);
    expect(held).toHaveLength(MAX_STREAMS_PER_CLIENT);
    // Closing one frees its place.
    controller.abort();
    await eventually(async () => {
      const res = await fetch(`${r.url}/api/events`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      void res?.body?.cancel();
      return res?.status === 200;
    });
  });

  it('coalesces an import’s changes: one read per event for every stream, at most one event per conversation per flush', async () => {
    const r = await start({ HUIKUAN_DEMO: '0' });
    let reads = 0;
    const stateOf = r.service.stateOf.bind(r.service);
    r.service.stateOf = (id: string) => {
      reads++;
      return stateOf(id);
    };
    let changes = 0;
    r.service.onChange(() => changes++);

    const controller = new AbortController();
    closers.push(() => controller.abort());
    const streams = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_CLIENT }, async () => {
        const res = await fetch(`${r.url}/api/events`, { signal: controller.signal });
        const reader = res.body!.getReader();
        const seen = { text: '' };
        void (async () => {
          for (;;) {
            const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
            if (done) return;
            seen.text += new TextDecoder().decode(value);
          }
        })();
        return seen;
      }),
    );
    const imported = await raw(
      r,
      'POST',
      '/api/accounts',
      { 'content-type': 'application/json' },
      JSON.stringify(Array.from({ length: 1000 }, (_, i) => account(i))),
    );
    expect(imported.status).toBe(200);
    await r.service.drain();
    const events = (s: { text: string }) =>
      [...s.text.matchAll(/^event: change\ndata: (.*)\n\n/gm)].map(
        (m) => JSON.parse(m[1]!) as { conversationId: string; state: string },
      );
    // Every conversation's change arrives on every stream, its last state last.
    await eventually(
      () => streams.every((s) => new Set(events(s).map((e) => e.conversationId)).size === 1000),
      30_000,
    );
    // Its state is read once for all streams, not once per stream: each stream gets every read as one event.
    await eventually(() => streams.every((s) => events(s).length === reads), 30_000);
    const perStream = streams.map((s) => events(s).length);
    console.log(
      `1000-row import: ${changes} changes → ${perStream.join('/')} events per stream, ${reads} reads`,
    );
    for (const s of streams) expect(events(s).at(-1)!.state).toBe('reminded');
    // An event is a conversation that changed within one flush: never more than the changes.
    expect(perStream[0]!).toBeLessThanOrEqual(changes);
    controller.abort();
  });
});

describe('11. logs and headers', () => {
  it('keeps an SMS a provider echoes in its error out of warn-level logs (debug shows it)', async () => {
    /**
     * The stand-in Twilio echoes the message in its refusal: first a 503 (retried), then a 400.
     * Before the retry the sender looks the message up (a 5xx may follow a create): the list is
     * empty, as Twilio's would be, and the retry goes out once the lookup has settled.
     */
    let calls = 0;
    const echo = (q: Recorded) => {
      if (q.method === 'GET') return { status: 200, body: { messages: [], next_page_uri: null } };
      const text = new URLSearchParams(q.body).get('Body') ?? '';
      calls++;
      return calls === 1
        ? { status: 503, body: { code: 20503, message: `Service busy, could not send '${text}'` } }
        : { status: 400, body: { code: 21617, message: `The body '${text}' was refused` } };
    };
    const logsAt = async (level: string) => {
      calls = 0;
      const api = await fakeProvider(echo);
      closers.push(api.close);
      const child = await startChild({
        HUIKUAN_DB: await testDb(),
        HUIKUAN_DEMO: '0',
        HUIKUAN_NOW: '2026-11-23T10:00:00+08:00',
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_ACCOUNT_SID: TWILIO_SID,
        TWILIO_NUMBER: '+15550001111',
        TWILIO_API_BASE: api.url,
        LOG_LEVEL: level,
      });
      closers.push(() => void child.child.kill('SIGKILL'));
      const res = await fetch(`${child.url}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([account(1)]),
      });
      expect(res.status).toBe(200);
      await eventually(() => /send failed permanently/.test(child.output()), 45_000);
      const view = (await (await fetch(`${child.url}/api/conversations/a1`)).json()) as {
        messages: { text: string; status: string; reason?: string }[];
      };
      child.child.kill('SIGTERM');
      await exited(child.child);
      return { output: child.output(), sms: view.messages[0]!.text, reason: view.messages[0]!.reason };
    };

    const warn = await logsAt('info');
    expect(warn.output).toMatch(/send failed, will retry/);
    expect(warn.output).toMatch(
      /twilio: HTTP 503 error 20503: Service busy, could not send '\[message text\]'/,
    );
    expect(warn.output).toMatch(/twilio: HTTP 400 error 21617: The body '\[message text\]' was refused/);
    expect(warn.output).not.toContain(warn.sms.slice(0, 8));
    expect(warn.output).not.toContain('王芳');
    // The archive's reason says why without the text (the archive has the text where it belongs).
    expect(warn.reason).toBe("twilio: HTTP 400 error 21617: The body '[message text]' was refused");

    const debug = await logsAt('debug');
    expect(debug.output).toContain('provider refused');
    expect(debug.output).toContain(debug.sms.slice(0, 8));
  }, 120_000);

  it('sends a strict Content-Security-Policy, nosniff, no-referrer and DENY framing with every answer', async () => {
    const r = await start({ GATEWAY_SECRET });
    const answers = [
      await raw(r, 'GET', '/'),
      await raw(r, 'GET', '/panel/style.css'),
      await raw(r, 'GET', '/api/conversations'),
      await raw(r, 'GET', '/nowhere'),
      await raw(r, 'POST', '/sms/gateway', { 'content-type': 'application/json' }, '{}'),
      await raw(r, 'GET', '/api/inbox', { host: 'attacker.example' }),
    ];
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(a.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    const controller = new AbortController();
    const events = await fetch(`${r.url}/api/events`, { signal: controller.signal });
    expect(events.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    controller.abort();
  });
});
