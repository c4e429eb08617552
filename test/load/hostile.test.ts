import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewaySignature } from '../../src/channels/gateway.ts';
import { twilioSignature } from '../../src/channels/twilio.ts';
import { prng } from '../../bench/stats.ts';
import { demoAccounts } from '../../src/service/demo-debtors.ts';
import { ADMIN_TOKEN, exited, fakeProvider, GATEWAY_SECRET, startChild, testDb } from '../server/support.ts';
import { isPgUrl } from '../support/stores.ts';

/**
 * 10 000 generated hostile requests (seeded) against every endpoint of `npm start` as a child
 * process: wrong types, huge strings, invalid UTF-8, deep JSON, SQL and HTML in text, unknown
 * phones, wrong content types, missing and huge headers, bad and valid signatures over hostile
 * bodies. No answer may be a 5xx or HTML, every 4xx says why, and the server stays up. About 20 s.
 */

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://sms.example.test';
const KNOWN = demoAccounts(0).map((a) => a.phone);
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  what: string;
}

interface Res {
  status: number;
  type: string;
  body: string;
}

/** The hostile corpus: values, strings and bodies no well-behaved client sends. */
function corpus(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const strings = [
    '',
    ' ',
    '没钱',
    "'; DROP TABLE messages; --",
    "1' OR '1'='1",
    XSS,
    '\u0000\u0001\u0002',
    '\ud800',
    '\udfff\ud800',
    '🙂'.repeat(500),
    'x'.repeat(2001),
    '9'.repeat(400),
    'null',
    'undefined',
    '{{name}}',
    '${7*7}',
    '%s%d%n',
    '../../etc/passwd',
    '\u202e\u200b',
    'STOP',
    '退订',
    '+8613800138000',
    '+1',
    '00861380013800099999',
    'NaN',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
  ];
  const scalar = (): unknown =>
    pick<() => unknown>([
      () => pick(strings),
      () => Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1),
      () => rand() * 1e308,
      () => -0,
      () => null,
      () => rand() < 0.5,
      () => 'x'.repeat(Math.floor(rand() * 70_000)),
    ])();
  const value = (depth = 0): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.6) return scalar();
    if (r < 0.8) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(rand() * 4) }, () => [
        pick(['a', '__proto__', 'constructor', 'text', 'from', 'id', pick(strings)]),
        value(depth + 1),
      ]),
    );
  };
  const deep = (n: number) =>
    rand() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const invalidUtf8 = () =>
    Buffer.concat([
      Buffer.from('{"text":"'),
      Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x80, 0xe2, 0x28]),
      Buffer.from('"}'),
    ]);
  /** A body for an endpoint that wants an object with these fields: right shape, wrong values, or garbage. */
  const body = (fields: Record<string, () => unknown>): Buffer => {
    const r = rand();
    if (r < 0.08) return Buffer.from(deep(1000 + Math.floor(rand() * 8000)));
    if (r < 0.14) return invalidUtf8();
    if (r < 0.2)
      return Buffer.from(
        pick(['{', '{"a":', 'not json', '[1,2', '\u0000', '', 'null', '"str"', '123', '[]', '{}']),
      );
    if (r < 0.28) return Buffer.from(JSON.stringify(value()));
    const o: Record<string, unknown> = {};
    for (const [k, good] of Object.entries(fields)) {
      const x = rand();
      if (x < 0.55) o[k] = good();
      else if (x < 0.9) o[k] = scalar();
      // else: missing
    }
    if (rand() < 0.2) o[pick(strings) || 'extra'] = value();
    return Buffer.from(JSON.stringify(o));
  };
  const contentType = () =>
    pick([
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/json; charset=bogus',
      'text/csv',
      '',
      '*/*',
    ]);
  const phone = (): string =>
    rand() < 0.4
      ? pick(KNOWN)
      : rand() < 0.5
        ? `+86139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`
        : pick(strings);
  return { pick, strings, scalar, value, deep, body, contentType, phone, invalidUtf8 };
}

function generate(n: number, seed: number, serverSeconds: () => number): Req[] {
  const rand = prng(seed);
  const c = corpus(rand);
  const out: Req[] = [];
  const admin = (): Record<string, string> =>
    rand() < 0.85
      ? { authorization: `Bearer ${ADMIN_TOKEN}` }
      : rand() < 0.5
        ? {}
        : {
            authorization: c.pick([
              'Bearer',
              'Bearer x',
              'Basic abc',
              `Bearer ${ADMIN_TOKEN}x`,
              'x'.repeat(5000),
            ]),
          };
  const withType = (h: Record<string, string>) => {
    const t = c.contentType();
    return t ? { ...h, 'content-type': t } : h;
  };
  const id = () =>
    c.pick([
      'demo-zhangwei',
      'demo-lina',
      'demo-maria',
      'nobody',
      '%E0%A4%A',
      '..%2F..%2Fetc',
      encodeURIComponent(c.pick(c.strings).replace(/[\ud800-\udfff]/g, '')) || 'x',
      'a'.repeat(3000),
    ]);
  const gatewayFields = {
    messageId: () => `h-${Math.floor(rand() * 1e9)}`,
    from: c.phone,
    to: () => '10690000',
    text: () => c.pick(c.strings),
    receivedAt: () => c.pick(['2026-11-23T10:00:00+08:00', 1795399200, '2026-13-45T99:99:99Z', -1, 1e15]),
  };
  const accountFields = {
    id: () => `h${Math.floor(rand() * 1e6)}`,
    phone: c.phone,
    debtorName: () => c.pick([XSS, '张伟', ...c.strings]),
    lender: () => c.pick(['安心贷', 'QuickCash', XSS]),
    balance: () => c.pick([3600, 0.01, 1e20, -5, '12.345', 1e10]),
    currency: () => c.pick(['CNY', 'USD', 'EUR']),
    overdueDays: () => c.pick([5, -1, 1e308, '7']),
    locale: () => c.pick(['zh-CN', 'en-US', 'fr']),
    timezone: () => c.pick(['Asia/Shanghai', 'America/New_York', 'Mars/Olympus', '']),
    policy: () =>
      c.pick([
        { maxInstallments: 6 },
        { quietHours: { start: '25:00' } },
        '{"maxInstallments":',
        JSON.stringify({ roundTo: 1e300 }),
        { maxProactivePerDay: -1 },
      ]),
  };
  for (let i = 0; i < n; i++) {
    const kind = Math.floor(rand() * 14);
    let r: Req;
    switch (kind) {
      case 0:
      case 1:
      case 2: {
        // The gateway with a valid signature over a hostile body (the aggregator's shim is trusted, its input is not).
        const body = c.body(gatewayFields);
        const ts = String(Math.floor(serverSeconds()));
        r = {
          method: 'POST',
          path: '/sms/gateway',
          headers: withType({
            'x-huikuan-timestamp': ts,
            'x-huikuan-signature': gatewaySignature(GATEWAY_SECRET, ts, body),
          }),
          body,
          what: 'gateway signed',
        };
        break;
      }
      case 3: {
        const body = c.body(gatewayFields);
        const h: Record<string, string> = {};
        if (rand() < 0.7)
          h['x-huikuan-timestamp'] = c.pick([
            String(Math.floor(serverSeconds()) - 1000),
            'abc',
            '',
            '1e3',
            String(Math.floor(serverSeconds())),
          ]);
        if (rand() < 0.7)
          h['x-huikuan-signature'] = c.pick(['00'.repeat(32), 'zz', '', 'A'.repeat(64), 'x'.repeat(10_000)]);
        r = { method: 'POST', path: '/sms/gateway', headers: withType(h), body, what: 'gateway unsigned' };
        break;
      }
      case 4: {
        // Twilio: form bodies, signed correctly or not.
        const params: Record<string, string> = {};
        for (const [k, f] of Object.entries<() => string>({
          MessageSid: () => `SM${Math.floor(rand() * 1e9)}`,
          From: c.phone,
          To: () => '+15550001111',
          Body: () => c.pick(c.strings),
        }))
          if (rand() < 0.85) params[k] = String(f());
        if (rand() < 0.2) params[c.pick(c.strings) || 'x'] = c.pick(c.strings);
        const form =
          new URLSearchParams(params).toString() + (rand() < 0.1 ? '&MessageSid=dup&MessageSid=dup2' : '');
        const sig =
          rand() < 0.6
            ? twilioSignature(
                TWILIO_TOKEN,
                `${PUBLIC_URL}/sms/twilio`,
                Object.fromEntries(new URLSearchParams(form).entries()),
              )
            : c.pick(['', 'x', 'A'.repeat(27) + '=']);
        const body = rand() < 0.1 ? c.invalidUtf8() : Buffer.from(form);
        r = {
          method: 'POST',
          path: '/sms/twilio',
          headers: {
            'content-type':
              rand() < 0.8 ? 'application/x-www-form-urlencoded' : c.contentType() || 'text/plain',
            ...(rand() < 0.9 ? { 'x-twilio-signature': sig } : {}),
          },
          body,
          what: 'twilio',
        };
        break;
      }
      case 5:
        r = {
          method: 'POST',
          path: '/sim/inbound',
          headers: withType(admin()),
          body: c.body({ from: c.phone, text: () => c.pick(c.strings), messageId: () => c.pick(c.strings) }),
          what: 'sim',
        };
        break;
      case 6: {
        const rows = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
          try {
            return JSON.parse(c.body(accountFields).toString('utf8')) as unknown;
          } catch {
            return c.value();
          }
        });
        const asCsv = rand() < 0.35;
        const body = asCsv
          ? Buffer.from(
              c.pick([
                `id,phone,debtorName,lender,balance,currency,overdueDays,locale,timezone,policy\nh${i},+8613700${String(i).padStart(6, '0')},"${XSS.replace(/"/g, '""')}",安心贷,100,CNY,3,zh-CN,Asia/Shanghai,"{""maxInstallments"":""x""}"`,
                '"unclosed,quote\n1,2',
                'a,b\n' + '"'.repeat(1000),
                '\ufeffid\n\u0000',
                'id,phone\n' + 'x,'.repeat(5000),
              ]),
            )
          : rand() < 0.8
            ? (() => {
                try {
                  return Buffer.from(JSON.stringify(rows));
                } catch {
                  return Buffer.from(c.deep(5000)); // V8's JSON.stringify recurses: build it as text
                }
              })()
            : c.body(accountFields);
        r = {
          method: 'POST',
          path: '/api/accounts',
          headers: {
            ...admin(),
            'content-type': asCsv
              ? c.pick(['text/csv', 'application/csv', 'text/csv; charset=latin1'])
              : c.contentType() || 'application/json',
          },
          body,
          what: asCsv ? 'accounts csv' : 'accounts json',
        };
        break;
      }
      case 7:
        r = {
          method: 'POST',
          path: '/api/payments',
          headers: withType(admin()),
          body: c.body({
            accountId: () => c.pick(['demo-zhangwei', 'nobody', ...c.strings]),
            amount: () => c.pick([100, 0.001, 1e300, -1, 1e15, '100']),
            paidAt: () =>
              c.pick([
                '2026-11-23T10:00:00+08:00',
                '+275760-09-13T00:00:00Z',
                '-271821-04-20T00:00:00Z',
                '9999-12-31T23:59:59+14:00',
                'yesterday',
              ]),
            reference: () => c.pick(c.strings),
          }),
          what: 'payments',
        };
        break;
      case 8:
        r = {
          method: 'POST',
          path: `/api/conversations/${id()}/messages`,
          headers: withType(admin()),
          body: c.body({ text: () => c.pick([XSS, '您好', ...c.strings]) }),
          what: 'agent message',
        };
        break;
      case 9: {
        const q = new URLSearchParams();
        if (rand() < 0.7) q.set('filter', c.pick(['all', 'needs_person', 'bogus', '']));
        if (rand() < 0.7) q.set('q', c.pick(c.strings));
        const raw =
          rand() < 0.2
            ? c.pick(['filter[]=all&filter[]=x', 'q[a]=b', 'q=%ZZ', 'filter=%00', '__proto__[x]=1'])
            : q.toString();
        r = { method: 'GET', path: `/api/inbox?${raw}`, headers: admin(), what: 'inbox' };
        break;
      }
      case 10:
        r = {
          method: 'POST',
          path: '/api/demo-debtors',
          headers: withType(admin()),
          body: c.body({ locale: () => c.pick(['zh-CN', 'en-US', 'xx']) }),
          what: 'demo debtors',
        };
        break;
      case 11: {
        const action = c.pick(['', '/export', '/takeover', '/handback', '/resolve']);
        r = {
          method: action && action !== '/export' ? 'POST' : 'GET',
          path: `/api/conversations/${id()}${action}`,
          headers: withType(admin()),
          body:
            action === '/resolve'
              ? c.body({ resolution: () => c.pick(['other', 'nope']), note: () => c.pick(c.strings) })
              : undefined,
          what: `conversation${action}`,
        };
        break;
      }
      case 12:
        // Huge or odd headers, odd methods and paths.
        r = {
          method: c.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST']),
          path: c.pick([
            '/',
            '/healthz',
            '/api',
            '/api/conversations',
            '/sms/gateway',
            '/%',
            '/api/%E0%A4%A',
            '/panel/../../package.json',
            '/x'.repeat(2000),
          ]),
          headers:
            rand() < 0.5
              ? { 'x-huge': 'x'.repeat(20_000 + Math.floor(rand() * 60_000)) }
              : { ...admin(), 'content-type': 'application/json' },
          body: rand() < 0.5 ? c.body({}) : undefined,
          what: 'odd request',
        };
        break;
      default:
        r = {
          method: 'GET',
          path: c.pick(['/api/conversations', '/api/metrics', '/api/session', '/healthz']),
          headers: admin(),
          what: 'reads',
        };
    }
    out.push(r);
  }
  return out;
}

function send(base: URL, agent: Agent, r: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body);
  });
}

describe('hostile input against every endpoint', () => {
  it('never answers 5xx or HTML, always says why it refuses, and stays up', async () => {
    const db = await testDb();
    // A SQLite file's folder (a PostgreSQL database is dropped after the file).
    if (!isPgUrl(db)) cleanups.push(() => rmSync(dirname(db), { recursive: true, force: true }));
    const provider = await fakeProvider(() => ({ status: 200, body: { sid: 'SMx', messageId: 'x' } }));
    cleanups.push(provider.close);
    const server = await startChild({
      HUIKUAN_DB: db,
      HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
      GATEWAY_SECRET,
      GATEWAY_SEND_URL: `${provider.url}/send`,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_NUMBER: '+15550001111',
      TWILIO_API_BASE: provider.url,
      PUBLIC_URL,
      HUIKUAN_NOW: '2026-11-23T10:00:00+08:00',
      LOG_LEVEL: 'error',
    });
    children.push(server.child);
    const startedAt = Date.now();
    const serverSeconds = () => (Date.parse('2026-11-23T10:00:00+08:00') + Date.now() - startedAt) / 1000;
    const base = new URL(server.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    cleanups.push(() => agent.destroy());

    const requests = generate(10_000, 424242, serverSeconds);
    const bad: string[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          let res: Res;
          try {
            res = await send(base, agent, r);
          } catch (err) {
            bad.push(`${r.what} ${r.method} ${r.path.slice(0, 60)}: no answer (${(err as Error).message})`);
            continue;
          }
          byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
          const where = `${r.what} ${r.method} ${r.path.slice(0, 60)} → ${res.status} ${res.type} ${res.body.slice(0, 120)}`;
          if (res.status >= 500) bad.push(`5xx: ${where}`);
          if (res.status >= 400 && res.body.trim() === '') bad.push(`4xx without a reason: ${where}`);
          if (
            res.status >= 400 &&
            /json/.test(res.type) &&
            !(JSON.parse(res.body) as { error?: unknown }).error
          )
            bad.push(`4xx JSON without "error": ${where}`);
          if (/html/.test(res.type) && !(r.method === 'GET' && r.path === '/')) bad.push(`HTML: ${where}`);
          if (
            r.path.startsWith('/api/') &&
            res.status !== 431 &&
            res.status !== 400 &&
            !/json/.test(res.type)
          )
            bad.push(`not JSON: ${where}`);
        }
      }),
    );
    expect(bad.slice(0, 30)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    console.log(
      `hostile: ${requests.length} requests; answers ${[...byStatus]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );

    // A stored <script> comes back verbatim as JSON string data, never as markup.
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    await fetch(`${server.url}/sim/inbound`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ from: KNOWN[0], text: XSS }),
    });
    await fetch(`${server.url}/api/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify([
        {
          id: 'xss',
          phone: '+8613611136111',
          debtorName: XSS.slice(0, 40),
          lender: '安心贷',
          balance: 100,
          currency: 'CNY',
          overdueDays: 1,
          locale: 'zh-CN',
          timezone: 'Asia/Shanghai',
        },
      ]),
    });
    const view = await fetch(`${server.url}/api/conversations/demo-zhangwei`, { headers: auth });
    expect(view.headers.get('content-type')).toMatch(/^application\/json/);
    const raw = await view.text();
    // JSON string data, byte for byte what was stored, and the browser told not to guess a type.
    expect(view.headers.get('x-content-type-options')).toBe('nosniff');
    const parsed = JSON.parse(raw) as { messages: { direction: string; text: string }[] };
    expect(parsed.messages.filter((m) => m.direction === 'in').map((m) => m.text)).toContain(XSS);
    const inbox = await fetch(`${server.url}/api/inbox?q=${encodeURIComponent('<script>')}`, {
      headers: auth,
    });
    expect(inbox.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await inbox.json()) as { debtorName: string }[]).map((r) => r.debtorName)).toContain(
      XSS.slice(0, 40),
    );

    server.child.kill('SIGTERM');
    await exited(server.child);
    expect(server.output()).not.toMatch(/"level":(50|60)/);
  }, 120_000);
});
