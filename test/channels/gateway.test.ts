import crypto from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInboundError, PermanentSendError } from '../../src/channels/channel.ts';
import {
  GatewayInboundSchema,
  GatewaySender,
  gatewaySignature,
  gatewayToInbound,
  verifyGateway,
} from '../../src/channels/gateway.ts';

const SECRET = 'gateway-secret';
const NOW_S = 1_700_000_000;
const NOW_MS = NOW_S * 1000;
const BODY =
  '{"messageId":"SM-1","from":"+8613800138000","to":"106900001234","text":"没钱","receivedAt":1700000000}';

/**
 * A worked example computed outside this code base:
 *   printf '%s' '1700000000.<BODY>' | openssl dgst -sha256 -hmac 'gateway-secret'
 */
const BODY_SIGNATURE = '344868d60a0e7023ba2bfceb7d0cfe07bb0eaf51339003222cfe7cfafc0111ed';

describe('gatewaySignature', () => {
  it('is hex HMAC-SHA256(secret, timestamp + "." + raw body), matching openssl', () => {
    expect(gatewaySignature(SECRET, String(NOW_S), BODY)).toBe(BODY_SIGNATURE);
  });

  it('signs the same bytes whether the body is a string or a Buffer', () => {
    expect(gatewaySignature(SECRET, String(NOW_S), Buffer.from(BODY, 'utf8'))).toBe(BODY_SIGNATURE);
  });

  it('signs raw bytes as they are, not as re-encoded text', () => {
    const latin1 = Buffer.from([0x7b, 0xe9, 0x7d]); // not valid UTF-8
    const independent = crypto
      .createHmac('sha256', SECRET)
      .update(Buffer.concat([Buffer.from('1.'), latin1]))
      .digest('hex');
    expect(gatewaySignature(SECRET, '1', latin1)).toBe(independent);
  });
});

describe('verifyGateway', () => {
  const ok = {
    secret: SECRET,
    timestamp: String(NOW_S),
    signature: BODY_SIGNATURE,
    rawBody: BODY,
    nowMs: NOW_MS,
  };

  it('accepts the right signature within the window', () => {
    expect(verifyGateway(ok)).toEqual({ ok: true });
    expect(verifyGateway({ ...ok, rawBody: Buffer.from(BODY) })).toEqual({ ok: true });
  });

  it('accepts the signature in upper-case hex too', () => {
    expect(verifyGateway({ ...ok, signature: BODY_SIGNATURE.toUpperCase() })).toEqual({ ok: true });
  });

  it('accepts a timestamp exactly 300 s old or 300 s ahead', () => {
    expect(verifyGateway({ ...ok, nowMs: NOW_MS + 300_000 })).toEqual({ ok: true });
    expect(verifyGateway({ ...ok, nowMs: NOW_MS - 300_000 })).toEqual({ ok: true });
  });

  it('rejects a timestamp 301 s old or 301 s in the future, even correctly signed', () => {
    const stale = { ok: false, reason: 'timestamp outside the 300 s window' };
    expect(verifyGateway({ ...ok, nowMs: NOW_MS + 301_000 })).toEqual(stale);
    expect(verifyGateway({ ...ok, nowMs: NOW_MS - 301_000 })).toEqual(stale);
  });

  it.each(['17e8', '-1700000000', '1700000000.5', ' 1700000000', '0x6553f100', 'yesterday', '1'.repeat(13)])(
    'rejects the non-numeric timestamp %j',
    (timestamp) => {
      const signature = gatewaySignature(SECRET, timestamp, BODY);
      expect(verifyGateway({ ...ok, timestamp, signature })).toEqual({
        ok: false,
        reason: 'X-Huikuan-Timestamp must be unix seconds (digits only)',
      });
    },
  );

  it('rejects a tampered body: one character changed', () => {
    expect(verifyGateway({ ...ok, rawBody: BODY.replace('没钱', '有钱') })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    expect(verifyGateway({ ...ok, rawBody: `${BODY} ` })).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('rejects a signature made for another timestamp or with another secret', () => {
    const other = String(NOW_S + 1);
    expect(verifyGateway({ ...ok, timestamp: other })).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyGateway({ ...ok, signature: gatewaySignature('other', String(NOW_S), BODY) })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
  });

  it.each([
    'zz',
    BODY_SIGNATURE.slice(0, 63),
    `${BODY_SIGNATURE}00`,
    `sha256=${BODY_SIGNATURE}`,
    'g'.repeat(64),
  ])('rejects the malformed signature %j', (signature) => {
    expect(verifyGateway({ ...ok, signature })).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('rejects missing headers, naming the header', () => {
    expect(verifyGateway({ ...ok, timestamp: undefined })).toEqual({
      ok: false,
      reason: 'missing X-Huikuan-Timestamp',
    });
    expect(verifyGateway({ ...ok, timestamp: '' })).toEqual({
      ok: false,
      reason: 'missing X-Huikuan-Timestamp',
    });
    expect(verifyGateway({ ...ok, signature: undefined })).toEqual({
      ok: false,
      reason: 'missing X-Huikuan-Signature',
    });
  });

  it('rejects everything when no secret is configured', () => {
    expect(
      verifyGateway({ ...ok, secret: '', signature: gatewaySignature('', String(NOW_S), BODY) }).ok,
    ).toBe(false);
  });

  it('compares signatures with crypto.timingSafeEqual', () => {
    const spy = vi.spyOn(crypto, 'timingSafeEqual');
    try {
      const forged = `0${BODY_SIGNATURE.slice(1)}`;
      expect(verifyGateway({ ...ok, signature: forged }).ok).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
      expect((spy.mock.calls[0]?.[0] as Buffer).length).toBe(32);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the inbound gateway body', () => {
  const body = JSON.parse(BODY) as Record<string, unknown>;

  it('becomes an InboundSms on the gateway channel', () => {
    expect(gatewayToInbound(body, 0)).toEqual({
      channel: 'gateway',
      providerMessageId: 'SM-1',
      from: '+8613800138000',
      to: '106900001234',
      text: '没钱',
      receivedAt: NOW_MS,
    });
  });

  it('normalises the sender to E.164', () => {
    expect(gatewayToInbound({ ...body, from: '+86 138-0013-8000' }, 0).from).toBe('+8613800138000');
    expect(gatewayToInbound({ ...body, from: '008613800138000' }, 0).from).toBe('+8613800138000');
  });

  it('takes receivedAt as an ISO 8601 instant with an offset, or as unix seconds', () => {
    expect(gatewayToInbound({ ...body, receivedAt: '2023-11-15T06:13:20+08:00' }, 0).receivedAt).toBe(NOW_MS);
    expect(gatewayToInbound({ ...body, receivedAt: '2023-11-14T22:13:20+08:00' }, 0).receivedAt).toBe(
      NOW_MS - 8 * 3_600_000,
    );
    expect(gatewayToInbound({ ...body, receivedAt: '2023-11-14T22:13:20.250Z' }, 0).receivedAt).toBe(
      NOW_MS + 250,
    );
    expect(gatewayToInbound({ ...body, receivedAt: 1_700_000_000.5 }, 0).receivedAt).toBe(NOW_MS + 500);
  });

  it('dates a message without receivedAt now', () => {
    const { receivedAt: _, ...without } = body;
    expect(gatewayToInbound(without, 42).receivedAt).toBe(42);
  });

  it('accepts an empty text and ignores fields it does not know', () => {
    const sms = gatewayToInbound({ ...body, text: '', carrier: 'CMCC' }, 0);
    expect(sms.text).toBe('');
    expect(GatewayInboundSchema.safeParse({ ...body, carrier: 'CMCC' }).success).toBe(true);
  });

  it.each([
    [{ messageId: undefined }, 'messageId: required'],
    [{ messageId: 123 }, 'messageId: expected a string'],
    [{ messageId: '' }, 'messageId: must not be empty'],
    [{ messageId: 'x'.repeat(129) }, 'messageId: at most 128 characters'],
    [{ from: undefined }, 'from: required'],
    [{ from: 8613800138000 }, 'from: expected a string'],
    [{ from: 'hello' }, 'from: expected an E.164 phone number'],
    [{ from: '13800138000' }, 'from: expected an E.164 phone number'], // no country code
    [{ from: '+0123456789' }, 'from: expected an E.164 phone number'],
    [
      { from: '+86138001380O0' },
      'from: expected an E.164 phone number such as +8613800138000 (it has letters)',
    ],
    [
      { from: '+8613800138000 ext 7' },
      'from: expected an E.164 phone number such as +8613800138000 (an extension cannot receive SMS)',
    ],
    [
      { from: '+86 123' },
      'from: expected an E.164 phone number such as +8613800138000 (too short for its country)',
    ],
    [{ to: undefined }, 'to: required'],
    [{ text: undefined }, 'text: required'],
    [{ text: null }, 'text: expected a string'],
    [{ text: '钱'.repeat(2001) }, 'text: at most 2000 characters'],
    [{ receivedAt: '2023-11-14T22:13:20' }, 'receivedAt: expected an ISO 8601 instant with an offset'],
    [{ receivedAt: '1700000000' }, 'receivedAt: expected an ISO 8601 instant'],
    [{ receivedAt: 'yesterday' }, 'receivedAt: expected an ISO 8601 instant'],
    [{ receivedAt: '2023-02-30T10:00:00Z' }, 'receivedAt: expected an ISO 8601 instant'],
    [{ receivedAt: true }, 'receivedAt: expected an ISO 8601 instant'],
    [{ receivedAt: 1_700_000_000_000 }, 'receivedAt: unix seconds, not milliseconds'],
    [{ receivedAt: -1 }, 'receivedAt: unix seconds must not be negative'],
  ])('rejects %j with an error naming the field', (patch, message) => {
    const bad = { ...body, ...patch };
    expect(() => gatewayToInbound(bad, 0)).toThrow(InvalidInboundError);
    expect(() => gatewayToInbound(bad, 0)).toThrow(message);
  });

  it('names every bad field at once', () => {
    const err = (() => {
      try {
        gatewayToInbound({ ...body, messageId: 1, text: 2 }, 0);
      } catch (e) {
        return e;
      }
    })() as InvalidInboundError;
    expect(err.issues.map((i) => i.path)).toEqual(['messageId', 'text']);
    expect(err.message).toBe('messageId: expected a string; text: expected a string');
  });

  it.each([[null], [[]], ['SM-1'], [undefined]])('rejects %j: not a JSON object', (notObject) => {
    expect(() => gatewayToInbound(notObject, 0)).toThrow(/^body: (expected a JSON object|required)$/);
  });
});

// ---------------------------------------------------------------------------------------------
// GatewaySender against a real HTTP server on 127.0.0.1 standing in for an aggregator's shim.

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

const servers: Server[] = [];

async function aggregator(
  respond: (req: Recorded, res: ServerResponse) => void,
): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw: Buffer.concat(chunks),
      };
      requests.push(r);
      respond(r, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/sms/send`, requests };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const SMS = { id: 42, to: '+8613800138000', text: '您好，本月可先还 300 元' };

function sender(
  url: string,
  extra: Partial<ConstructorParameters<typeof GatewaySender>[0]> = {},
): GatewaySender {
  return new GatewaySender({ sendUrl: url, secret: SECRET, nowSeconds: () => NOW_S + 0.75, ...extra });
}

describe('GatewaySender', () => {
  it('POSTs {messageId, to, text} as JSON, signed so the aggregator can verify us', async () => {
    const agg = await aggregator((_req, res) => json(res, 200, { messageId: 'agg-777' }));
    const result = await sender(agg.url).send(SMS);
    expect(result).toEqual({ providerMessageId: 'agg-777' });

    expect(agg.requests).toHaveLength(1);
    const [req] = agg.requests;
    if (!req) throw new Error('no request');
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/sms/send');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(req.raw.toString('utf8'))).toEqual({
      messageId: '42',
      to: '+8613800138000',
      text: '您好，本月可先还 300 元',
    });

    // The aggregator's side of the check, done independently of our code …
    const timestamp = req.headers['x-huikuan-timestamp'];
    expect(timestamp).toBe(String(NOW_S)); // unix seconds, floored
    const expected = crypto
      .createHmac('sha256', SECRET)
      .update(Buffer.concat([Buffer.from(`${String(timestamp)}.`), req.raw]))
      .digest('hex');
    expect(req.headers['x-huikuan-signature']).toBe(expected);
    // … and with ours, as the aggregator's clock would see it a little later.
    expect(
      verifyGateway({
        secret: SECRET,
        timestamp: String(timestamp),
        signature: String(req.headers['x-huikuan-signature']),
        rawBody: req.raw,
        nowMs: NOW_MS + 2_000,
      }),
    ).toEqual({ ok: true });
  });

  it('returns null when the gateway accepts without an id', async () => {
    const agg = await aggregator((_req, res) => res.writeHead(202).end());
    expect(await sender(agg.url).send(SMS)).toEqual({ providerMessageId: null });
  });

  it('sends the same messageId again on a retry, so the gateway can drop the duplicate', async () => {
    const agg = await aggregator((_req, res) => json(res, 200, {}));
    await sender(agg.url).send(SMS);
    await sender(agg.url).send(SMS);
    const ids = agg.requests.map(
      (r) => (JSON.parse(r.raw.toString('utf8')) as { messageId: string }).messageId,
    );
    expect(ids).toEqual(['42', '42']);
  });

  it.each([
    [400, { code: 'BLACKLISTED', error: 'recipient +8613800138000 is blacklisted' }, 'BLACKLISTED'],
    [401, { error: 'bad signature' }, 401],
    [422, 'unprocessable', 422],
  ])('turns HTTP %i into PermanentSendError', async (status, body, code) => {
    const agg = await aggregator((_req, res) =>
      typeof body === 'string' ? res.writeHead(status).end(body) : json(res, status, body),
    );
    const err = await sender(agg.url)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).code).toBe(code);
    expect((err as Error).message).not.toContain('+8613800138000');
  });

  it.each([408, 429, 500, 502, 503])('treats HTTP %i as retryable', async (status) => {
    const agg = await aggregator((_req, res) => json(res, status, { error: 'try later' }));
    const err = await sender(agg.url)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toBe(`gateway: HTTP ${status}: try later`);
  });

  it('gives up on a gateway that never answers after the timeout, retryably', async () => {
    const agg = await aggregator(() => {
      /* hang */
    });
    const err = await sender(agg.url, { timeoutMs: 150 })
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toBe('gateway: no answer within 150 ms');
  });
});
