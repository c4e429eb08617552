import crypto from 'node:crypto';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  InvalidInboundError,
  invalidInbound,
  isPermanentStatus,
  maskPhonesIn,
  parseJsonObject,
  PermanentSendError,
  retryableSendError,
  withoutEcho,
  type InboundSms,
  type OutboundSms,
  type SendResult,
  type SmsSender,
} from './channel.ts';
import { httpPost, type PostResponse } from './http-post.ts';
import { decodeUtf8, findDuplicateKey, findUnpairedSurrogate } from './strict-json.ts';
import type { ChannelWebhook, WebhookDeps } from './webhook.ts';
import { toPhone } from './phone.ts';

/**
 * The generic signed gateway (CONTRACTS §7) for Chinese SMS aggregators, whose own callbacks are
 * mostly unsigned: a small shim in front of the aggregator posts our JSON shape, signed with a
 * shared secret and a timestamp; we sign what we send it the same way. Here: the signature, the
 * inbound body, the webhook (POST /sms/gateway) and the sender.
 *
 *   X-Huikuan-Timestamp: unix seconds
 *   X-Huikuan-Signature: hex HMAC-SHA256(secret, timestamp + "." + raw body)
 */

export const TIMESTAMP_HEADER = 'X-Huikuan-Timestamp';
export const SIGNATURE_HEADER = 'X-Huikuan-Signature';
/** How far (either direction) the timestamp may be from our clock. */
export const WINDOW_SECONDS = 300;

/** Hex HMAC-SHA256(secret, timestamp + "." + rawBody); the body's bytes are signed as they are. */
export function gatewaySignature(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const hmac = crypto.createHmac('sha256', secret).update(`${timestamp}.`, 'utf8');
  if (typeof rawBody === 'string') hmac.update(rawBody, 'utf8');
  else hmac.update(rawBody);
  return hmac.digest('hex');
}

export interface GatewayVerifyInput {
  secret: string;
  /** The X-Huikuan-Timestamp header. */
  timestamp: string | undefined;
  /** The X-Huikuan-Signature header. */
  signature: string | undefined;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: string | Buffer;
  nowMs: number;
}

export type GatewayVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a request from the gateway: both headers present, the timestamp unix seconds within 300 s
 * of `nowMs` (inclusive, either direction), and the signature right. The signature is compared
 * as bytes in constant time. Reasons are fit for a 401 body; they never include the expected value.
 */
export function verifyGateway({
  secret,
  timestamp,
  signature,
  rawBody,
  nowMs,
}: GatewayVerifyInput): GatewayVerdict {
  if (!secret) return { ok: false, reason: 'gateway secret not configured' };
  if (timestamp === undefined || timestamp === '')
    return { ok: false, reason: `missing ${TIMESTAMP_HEADER}` };
  if (signature === undefined || signature === '')
    return { ok: false, reason: `missing ${SIGNATURE_HEADER}` };
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: `${TIMESTAMP_HEADER} must be unix seconds (digits only)` };
  }
  if (Math.abs(nowMs - Number(timestamp) * 1000) > WINDOW_SECONDS * 1000) {
    return { ok: false, reason: `timestamp outside the ${WINDOW_SECONDS} s window` };
  }
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return { ok: false, reason: 'bad signature' };
  const expected = Buffer.from(gatewaySignature(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad signature' };
  }
  return { ok: true };
}

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : `expected ${what}`;

const RECEIVED_AT = 'expected an ISO 8601 instant with an offset (2025-03-01T09:30:00+08:00) or unix seconds';

/** Unix seconds beyond this are surely milliseconds (it is the year 5138). */
const MAX_UNIX_SECONDS = 1e11;

/**
 * The body the gateway posts to /sms/gateway. Strict about types: nothing is coerced, so a
 * numeric messageId or a string of digits for receivedAt is an error naming the field. Unknown
 * fields are ignored. `receivedAt` may be left out (then it is the time we got it).
 */
export const GatewayInboundSchema = z.object(
  {
    messageId: z
      .string({ error: required('a string') })
      .min(1, 'must not be empty')
      .max(128, 'at most 128 characters'),
    from: z
      .string({ error: required('a string') })
      .max(32, 'at most 32 characters')
      .transform(toPhone),
    to: z.string({ error: required('a string') }).max(64, 'at most 64 characters'),
    text: z.string({ error: required('a string') }).max(2000, 'at most 2000 characters'),
    receivedAt: z
      .union(
        [
          z.iso
            .datetime({ offset: true, error: RECEIVED_AT, abort: true })
            .refine((s) => Number.isFinite(Date.parse(s)), { message: RECEIVED_AT }),
          z
            .number()
            .min(0, 'unix seconds must not be negative')
            .max(MAX_UNIX_SECONDS, 'unix seconds, not milliseconds'),
        ],
        { error: RECEIVED_AT },
      )
      .optional(),
  },
  { error: (issue) => (issue.input === undefined ? 'required' : 'expected a JSON object') },
);
export type GatewayInbound = z.infer<typeof GatewayInboundSchema>;

/**
 * The gateway's JSON body (already parsed) → our InboundSms, `from` normalised to E.164. Throws
 * InvalidInboundError naming the field ("from: expected an E.164 phone number …").
 */
export function gatewayToInbound(body: unknown, nowMs: number): InboundSms {
  const parsed = GatewayInboundSchema.safeParse(body);
  if (!parsed.success) throw invalidInbound(parsed.error.issues);
  const { messageId, from, to, text, receivedAt } = parsed.data;
  return {
    channel: 'gateway',
    providerMessageId: messageId,
    from,
    to: to.trim() === '' ? null : to.trim(),
    text,
    receivedAt:
      receivedAt === undefined
        ? nowMs
        : typeof receivedAt === 'number'
          ? Math.round(receivedAt * 1000)
          : Date.parse(receivedAt),
  };
}

/**
 * POST /sms/gateway: the body is read raw, so the signature is checked over the exact bytes the
 * gateway signed, and only then read: it must be UTF-8 and JSON without duplicate keys (each a
 * 400 with the reason). Every answer is JSON.
 */
const ANSWER_NEW = JSON.stringify({ ok: true, duplicate: false });
const ANSWER_DUPLICATE = JSON.stringify({ ok: true, duplicate: true });

export function gatewayWebhook({ config, service, afterCommit }: WebhookDeps): ChannelWebhook {
  return {
    name: 'gateway',
    path: '/sms/gateway',
    before: [express.raw({ type: () => true, limit: '64kb' })],
    verify(req) {
      if (!config.GATEWAY_SECRET)
        return { ok: false, status: 401, error: 'the gateway channel is not configured (GATEWAY_SECRET)' };
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const v = verifyGateway({
        secret: config.GATEWAY_SECRET,
        timestamp: req.get(TIMESTAMP_HEADER),
        signature: req.get(SIGNATURE_HEADER),
        rawBody: raw,
        nowMs: service.now(),
      });
      if (!v.ok) return { ok: false, status: 401, error: v.reason };
      // Signed bytes, read strictly: what we act on is exactly what was signed, one way only.
      const text = decodeUtf8(raw);
      if (text === null) return { ok: false, status: 400, error: 'body is not valid UTF-8' };
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { ok: false, status: 400, error: 'body: not valid JSON' };
      }
      const dup = findDuplicateKey(text);
      if (dup)
        return {
          ok: false,
          status: 400,
          error: `${dup.path || 'body'}: duplicate key ${JSON.stringify(dup.key)}`,
        };
      const unpaired = findUnpairedSurrogate(body);
      if (unpaired !== null)
        return {
          ok: false,
          status: 400,
          error: `${unpaired}: not Unicode text (an unpaired surrogate escape)`,
        };
      try {
        return { ok: true, sms: gatewayToInbound(body, service.now()) };
      } catch (err) {
        return {
          ok: false,
          status: 400,
          error: err instanceof InvalidInboundError ? err.message : String(err),
        };
      }
    },
    respond(res, outcome) {
      // Written directly, not through res.json(): Express would hash the body for an ETag that
      // no provider revalidates (issue 16's profile: about 1 % of a webhook's CPU).
      const body = outcome.duplicate ? ANSWER_DUPLICATE : ANSWER_NEW;
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
      });
      res.end(body);
      afterCommit();
    },
    reject(res, status, error) {
      res.status(status).json({ error });
    },
  };
}

export interface GatewaySenderOptions {
  /** The aggregator shim's send endpoint. */
  sendUrl: string;
  secret: string;
  /** A fetch to send with instead of node:http(s) (tests). */
  fetch?: typeof globalThis.fetch;
  /** Our clock in unix seconds (floored when signing). */
  nowSeconds: () => number;
  /** Abort the request after this long (default 10 s). */
  timeoutMs?: number;
  /** Where a refusal's whole answer goes, at debug level only (it may echo the message). */
  log?: Pick<Logger, 'debug'>;
}

/**
 * Sends through the gateway: POST sendUrl with `{"messageId", "to", "text"}`, signed with the same
 * two headers the gateway signs its callbacks with.
 *
 * `messageId` is the idempotency key: our outbox id, the same on every attempt of one outbox item
 * (a retry after a timeout, a 5xx or a restart). Chinese aggregators deduplicate on the caller's
 * message id, so a resend of a message they already accepted is dropped there; the shim in front
 * of one must pass it through as that id. That is why this channel needs no reconciling.
 */
export class GatewaySender implements SmsSender {
  readonly name = 'gateway' as const;
  private readonly timeoutMs: number;

  constructor(private readonly opts: GatewaySenderOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** node:http(s) with kept-alive connections, or the `fetch` a caller handed us. */
  private async post(headers: Record<string, string>, body: string): Promise<PostResponse> {
    if (!this.opts.fetch) return httpPost(this.opts.sendUrl, headers, body, this.timeoutMs);
    const res = await this.opts.fetch(this.opts.sendUrl, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: res.status, statusText: res.statusText, text: await res.text() };
  }

  /**
   * 2xx → the gateway's `messageId` if it returns one. 4xx other than 408/429 → PermanentSendError
   * (code: the body's `code` if any, else the HTTP status). Anything else, a network failure or a
   * timeout → a plain Error, retried by the outbox.
   */
  async send(sms: OutboundSms): Promise<SendResult> {
    const body = JSON.stringify({ messageId: String(sms.id), to: sms.to, text: sms.text });
    const timestamp = String(Math.floor(this.opts.nowSeconds()));
    let res: PostResponse;
    try {
      res = await this.post(
        {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: gatewaySignature(this.opts.secret, timestamp, body),
        },
        body,
      );
    } catch (err) {
      throw retryableSendError('gateway', err, this.timeoutMs);
    }

    const json = parseJsonObject(res.text);
    if (res.status >= 200 && res.status < 300) {
      const id = json?.['messageId'];
      return {
        providerMessageId:
          typeof id === 'string' && id !== ''
            ? id
            : typeof id === 'number' && Number.isFinite(id)
              ? String(id)
              : null,
      };
    }
    this.opts.log?.debug({ channel: 'gateway', status: res.status, body: res.text }, 'provider refused');
    const code = json?.['code'];
    const detail =
      typeof json?.['error'] === 'string'
        ? json['error']
        : typeof json?.['message'] === 'string'
          ? json['message']
          : res.statusText;
    const description = `gateway: HTTP ${res.status}: ${maskPhonesIn(withoutEcho(String(detail), sms.text))}`;
    if (isPermanentStatus(res.status)) {
      throw new PermanentSendError(
        description,
        typeof code === 'string' || typeof code === 'number' ? code : res.status,
      );
    }
    throw new Error(description);
  }
}
