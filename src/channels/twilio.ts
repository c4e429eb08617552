import crypto from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  invalidInbound,
  isPermanentStatus,
  maskPhonesIn,
  parseJsonObject,
  PermanentSendError,
  retryableSendError,
  withoutEcho,
  type InboundSms,
  type OutboundSms,
  type Reconciled,
  type SendResult,
  type SmsSender,
} from './channel.ts';
import { httpGet, httpPost, type PostResponse } from './http-post.ts';
import { findSentMessage } from './twilio-lookup.ts';
import type { ChannelWebhook, WebhookDeps } from './webhook.ts';
import { toPhone } from './phone.ts';

/**
 * Twilio, the provider side: webhook signature validation, the inbound body, TwiML, the webhook
 * itself (POST /sms/twilio), and the Messages REST API. The Botkit adapter in src/server wraps
 * the webhook.
 *
 * Signature scheme (Twilio "Secure webhooks" and its helper libraries, e.g. twilio-node
 * src/webhooks/webhooks.ts): Base64(HMAC-SHA1(auth token, URL + name1 + value1 + name2 + …))
 * with the POST parameters sorted by name. A repeated parameter contributes each distinct value
 * once, values sorted. No timestamp is signed: replays are stopped by deduplicating on MessageSid.
 */

export type TwilioParams = Record<string, string | string[]>;

/** The string Twilio signs: the URL exactly as given, then every parameter, sorted by name. */
function signedString(url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += name + v;
  }
  return data;
}

/** Base64 HMAC-SHA1 of the URL and the sorted parameters: the expected `X-Twilio-Signature`. */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  return crypto.createHmac('sha1', authToken).update(signedString(url, params), 'utf8').digest('base64');
}

/**
 * The URL as given, plus the one spelling Twilio's own validators also accept: without the port
 * when it has one, with the scheme's default port (443/80) when it has none ("signature
 * generation on the back end is inconsistent", twilio-node). Nothing else is normalised: host
 * case, path and query are signed exactly as Twilio called them.
 */
function urlVariants(url: string): string[] {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/s.exec(url);
  if (!m) return [url];
  const scheme = m[1] ?? '';
  const authority = m[2] ?? '';
  const rest = m[3] ?? '';
  const at = authority.lastIndexOf('@');
  const userinfo = authority.slice(0, at + 1);
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority.slice(at + 1));
  if (!hp) return [url];
  const host = hp[1] ?? '';
  if (hp[2] !== undefined) return [url, `${scheme}${userinfo}${host}${rest}`];
  const lower = scheme.toLowerCase();
  const defaultPort = lower === 'https://' ? '443' : lower === 'http://' ? '80' : undefined;
  return defaultPort ? [url, `${scheme}${userinfo}${host}:${defaultPort}${rest}`] : [url];
}

/** A base64-encoded SHA-1 digest is always 28 characters: 27 of the alphabet and one "=". */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;

/**
 * True when `signature` is Twilio's signature of `url` and all of `params` under `authToken`.
 * Missing or malformed signatures, and an empty auth token, are false. The comparison is
 * constant-time (crypto.timingSafeEqual on equal-length buffers) and every URL spelling is
 * checked, so the time taken says nothing about how much of the signature matched.
 */
export function validateTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
  signature: string | undefined,
): boolean {
  if (!authToken || typeof signature !== 'string' || !SIGNATURE_SHAPE.test(signature)) return false;
  const given = Buffer.from(signature, 'utf8');
  let ok = false;
  for (const variant of urlVariants(url)) {
    const expected = Buffer.from(twilioSignature(authToken, variant, params), 'utf8');
    // Both are 28 bytes here; the length check only guards timingSafeEqual's RangeError.
    const same = expected.length === given.length && crypto.timingSafeEqual(expected, given);
    ok = same || ok;
  }
  return ok;
}

const str = (what = 'a string') =>
  z.string({ error: (issue) => (issue.input === undefined ? 'required' : `expected ${what}`) });

/**
 * The fields of Twilio's inbound-message webhook we use. Body may be empty (an MMS without text);
 * every other parameter Twilio sends (and the ones it adds without notice) passes through.
 */
export const TwilioInboundSchema = z.looseObject({
  MessageSid: str().min(1, 'must not be empty'),
  From: str().min(1, 'must not be empty').transform(toPhone),
  To: str(),
  Body: str(),
});
export type TwilioInbound = z.infer<typeof TwilioInboundSchema>;

/**
 * Twilio's form parameters → our InboundSms. Twilio does not say when it received the message,
 * so `receivedAt` is `nowMs`. Throws InvalidInboundError naming the field when the body is not
 * Twilio's shape.
 */
export function toInbound(params: unknown, nowMs: number): InboundSms {
  const parsed = TwilioInboundSchema.safeParse(params);
  if (!parsed.success) throw invalidInbound(parsed.error.issues);
  const { MessageSid, From, To, Body } = parsed.data;
  return {
    channel: 'twilio',
    providerMessageId: MessageSid,
    from: From,
    to: To.trim() === '' ? null : To.trim(),
    text: Body,
    receivedAt: nowMs,
  };
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, FFFE/FFFF). */
function xmlAllowed(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return cp !== 0xfffe && cp !== 0xffff;
}

function xmlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    if (!xmlAllowed(ch.codePointAt(0) ?? 0)) continue;
    out +=
      ch === '&'
        ? '&amp;'
        : ch === '<'
          ? '&lt;'
          : ch === '>'
            ? '&gt;'
            : ch === '"'
              ? '&quot;'
              : ch === "'"
                ? '&apos;'
                : ch;
  }
  return out;
}

/** A TwiML answer to an inbound webhook: one `<Message>` per text; none is an empty `<Response>`. */
export function twiml(messages: string[] = []): string {
  const body = messages.map((m) => `<Message>${xmlEscape(m)}</Message>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

/**
 * POST /sms/twilio: form-encoded, signed over the URL and every parameter. Answered with an
 * empty TwiML `<Response>` (replies leave through the outbox, not the webhook answer); refusals
 * are plain text, which Twilio's debugger shows as it is.
 */
export function twilioWebhook({ config, service, afterCommit }: WebhookDeps): ChannelWebhook {
  return {
    name: 'twilio',
    path: '/sms/twilio',
    before: [express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 })],
    verify(req) {
      if (!config.TWILIO_AUTH_TOKEN)
        return { ok: false, status: 403, error: 'the Twilio channel is not configured' };
      const params = (req.body ?? {}) as TwilioParams;
      // Twilio signs the public URL it called, which a proxy may have rewritten: use PUBLIC_URL.
      const url = config.publicUrl + req.originalUrl;
      if (!validateTwilioSignature(config.TWILIO_AUTH_TOKEN, url, params, req.get('x-twilio-signature'))) {
        return { ok: false, status: 403, error: 'missing or invalid X-Twilio-Signature' };
      }
      try {
        return { ok: true, sms: toInbound(params, service.now()) };
      } catch (err) {
        return { ok: false, status: 400, error: (err as Error).message };
      }
    },
    respond(res) {
      res.status(200).type('text/xml').send(twiml());
      afterCommit();
    },
    reject(res, status, error) {
      res.status(status).type('text/plain').send(error);
    },
  };
}

/** Where Twilio posts the status of a message we sent (its StatusCallback, with our outbox id). */
export const TWILIO_STATUS_PATH = '/sms/twilio/status';

/** The fields of Twilio's status callback we read; every other parameter passes through. */
export const TwilioStatusSchema = z.looseObject({
  MessageSid: str().min(1, 'must not be empty'),
  MessageStatus: str().min(1, 'must not be empty'),
});

export interface TwilioStatusDeps {
  config: WebhookDeps['config'];
  /**
   * Twilio has the message of this outbox item (any status, even failed, means it was created):
   * an ambiguous send of it is settled as sent. Returns whether one was settled.
   */
  confirm: (outboxId: number, providerMessageId: string) => Promise<boolean>;
}

/** Our outbox ids are positive integers. */
const OUTBOX_ID = /^[1-9]\d{0,14}$/;

/**
 * POST /sms/twilio/status?outbox=<id>: Twilio's status callback, signed like the inbound webhook
 * (over the URL with its query, so the outbox id is signed too). It settles a send whose answer
 * we never recorded, often before the outbox sender would have looked the message up.
 */
export function twilioStatusWebhook({ config, confirm }: TwilioStatusDeps): {
  path: string;
  before: RequestHandler[];
  handle: RequestHandler;
} {
  return {
    path: TWILIO_STATUS_PATH,
    before: [express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 })],
    handle(req, res, next) {
      if (!config.TWILIO_AUTH_TOKEN) {
        res.status(403).type('text/plain').send('the Twilio channel is not configured');
        return;
      }
      const params = (req.body ?? {}) as TwilioParams;
      const url = config.publicUrl + req.originalUrl;
      if (!validateTwilioSignature(config.TWILIO_AUTH_TOKEN, url, params, req.get('x-twilio-signature'))) {
        res.status(403).type('text/plain').send('missing or invalid X-Twilio-Signature');
        return;
      }
      const query = req.originalUrl.includes('?')
        ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
        : '';
      const outbox = new URLSearchParams(query).get('outbox') ?? '';
      if (!OUTBOX_ID.test(outbox)) {
        res.status(400).type('text/plain').send('outbox: expected our outbox id in the query');
        return;
      }
      const parsed = TwilioStatusSchema.safeParse(params);
      if (!parsed.success) {
        res.status(400).type('text/plain').send(invalidInbound(parsed.error.issues).message);
        return;
      }
      // Answered once the settlement committed: a store error is a 500, and Twilio retries.
      confirm(Number(outbox), parsed.data.MessageSid).then(() => void res.status(204).end(), next);
    },
  };
}

/**
 * Twilio error codes that retrying will not change, whatever the HTTP status they come with:
 * 21211 invalid To, 21408 region not enabled, 21606 From cannot send SMS, 21608 unverified
 * (trial), 21610 unsubscribed (the number texted STOP), 21612 To unreachable via SMS, 21614 not a
 * mobile number, 21617 body too long, 21635 landline, 30004 blocked, 30005 unknown destination,
 * 30006 landline or unreachable carrier, 30007 filtered.
 */
export const TWILIO_PERMANENT_CODES: ReadonlySet<number> = new Set([
  21211, 21408, 21606, 21608, 21610, 21612, 21614, 21617, 21635, 30004, 30005, 30006, 30007,
]);

/**
 * Twilio's ValidityPeriod: 1 to 36 000 s (its default is the maximum). A message with less than
 * two minutes before the debtor's quiet hours waits for their end instead; 30 s are kept back for
 * clock skew between us and Twilio and the request's own time.
 */
export const TWILIO_VALIDITY = { minSeconds: 120, maxSeconds: 36_000, marginSeconds: 30 } as const;

/**
 * A lookup that finds nothing is trusted only once our request has surely ended (answered, timed
 * out, or gone with a dead process): the request timeout and this much more after it went out.
 * Twilio lists a message as soon as its create call has returned; sooner, it is asked again.
 */
const SETTLE_AFTER_TIMEOUT_MS = 2_000;
/** A listed message created this long before our request is still taken for ours (clock skew). */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Where Twilio posts a message's status (with our outbox id in the query), or none: Twilio cannot
 * reach a loopback address, and a callback it cannot deliver only fills its debugger with errors.
 */
export function statusCallbackUrl(publicUrl: string): string | undefined {
  const host = /^https?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/]*)/i.exec(publicUrl)?.[1] ?? '';
  const loopback = /^(?:127(?:\.\d{1,3}){3}|\[::1\]|localhost)$/i.test(host);
  return loopback ? undefined : `${publicUrl.replace(/\/+$/, '')}${TWILIO_STATUS_PATH}`;
}

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** Our Twilio number (E.164), or a Messaging Service SID ("MG…") sent as MessagingServiceSid. */
  from: string;
  /** The status callback URL (statusCallbackUrl()); each send adds `?outbox=<our outbox id>`. */
  statusCallback?: string;
  apiBase?: string;
  fetch?: typeof globalThis.fetch;
  /** Abort the request after this long (default 10 s). */
  timeoutMs?: number;
  /** Where a refusal's whole answer goes, at debug level only (it may echo the message). */
  log?: Pick<Logger, 'debug'>;
}

/** Sends through Twilio's Messages API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json. */
export class TwilioSender implements SmsSender {
  readonly name = 'twilio' as const;
  readonly validity = TWILIO_VALIDITY;
  private readonly base: string;
  private readonly messagesPath: string;
  private readonly endpoint: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  /** How long after a request a lookup that finds nothing is taken as "missing" (timeout + 2 s). */
  readonly settleMs: number;

  constructor(private readonly opts: TwilioSenderOptions) {
    this.base = (opts.apiBase ?? 'https://api.twilio.com').replace(/\/+$/, '');
    this.messagesPath = `/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
    this.endpoint = `${this.base}${this.messagesPath}`;
    this.authorization = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`, 'utf8').toString('base64')}`;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.settleMs = this.timeoutMs + SETTLE_AFTER_TIMEOUT_MS;
  }

  /** node:http(s) with kept-alive connections, or the `fetch` a caller handed us. */
  private async post(headers: Record<string, string>, body: string): Promise<PostResponse> {
    if (!this.opts.fetch) return httpPost(this.endpoint, headers, body, this.timeoutMs);
    const res = await this.opts.fetch(this.endpoint, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: res.status, statusText: res.statusText, text: await res.text() };
  }

  private async get(pathAndQuery: string): Promise<PostResponse> {
    const url = `${this.base}${pathAndQuery}`;
    const headers = { authorization: this.authorization, accept: 'application/json' };
    try {
      if (!this.opts.fetch) return await httpGet(url, headers, this.timeoutMs);
      const res = await this.opts.fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
      return { status: res.status, statusText: res.statusText, text: await res.text() };
    } catch (err) {
      throw retryableSendError('twilio', err, this.timeoutMs);
    }
  }

  /**
   * Did an earlier request for `sms`, made at `sendingSince`, create the message? Twilio's list
   * of messages to the debtor's number answers (a status callback may have answered first, see
   * twilioStatusWebhook). Found: its SID. Not found within `settleMs` of the request:
   * unsettled, ask again then. Later: missing, and sending again is safe.
   */
  async reconcile(sms: OutboundSms, at: { sendingSince: number; now: number }): Promise<Reconciled> {
    const sid = await findSentMessage(
      { get: (q) => this.get(q), messagesPath: this.messagesPath, from: this.opts.from },
      { to: sms.to, text: sms.text, createdFrom: at.sendingSince - CLOCK_SLACK_MS },
    );
    if (sid !== null) return { status: 'found', providerMessageId: sid };
    const settled = at.sendingSince + this.settleMs;
    return at.now < settled ? { status: 'unsettled', retryAt: settled } : { status: 'missing' };
  }

  /**
   * Resolves with Twilio's message SID. Rejects with PermanentSendError (code = Twilio's error
   * code, or the HTTP status when there is none) for a refusal retrying will not change; with a
   * plain Error for network failures, timeouts, 408, 429 and 5xx.
   */
  async send(sms: OutboundSms): Promise<SendResult> {
    const form = new URLSearchParams({ To: sms.to, Body: sms.text });
    if (/^MG[0-9a-fA-F]{32}$/.test(this.opts.from)) form.set('MessagingServiceSid', this.opts.from);
    else form.set('From', this.opts.from);
    // Every send is bounded: queued at Twilio past this, the message is dropped, not sent at night.
    form.set('ValidityPeriod', String(clampValidity(sms.validitySeconds)));
    if (this.opts.statusCallback) {
      form.set('StatusCallback', `${this.opts.statusCallback}?outbox=${encodeURIComponent(String(sms.id))}`);
    }

    let res: PostResponse;
    try {
      res = await this.post(
        {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        form.toString(),
      );
    } catch (err) {
      throw retryableSendError('twilio', err, this.timeoutMs);
    }

    const json = parseJsonObject(res.text);
    if (res.status >= 200 && res.status < 300) {
      const sid = json?.['sid'];
      return { providerMessageId: typeof sid === 'string' && sid !== '' ? sid : null };
    }

    this.opts.log?.debug({ channel: 'twilio', status: res.status, body: res.text }, 'provider refused');
    const code = typeof json?.['code'] === 'number' ? json['code'] : undefined;
    const message = maskPhonesIn(
      withoutEcho(typeof json?.['message'] === 'string' ? json['message'] : res.statusText, sms.text),
    );
    const description = `twilio: HTTP ${res.status}${code !== undefined ? ` error ${code}` : ''}: ${message}`;
    if ((code !== undefined && TWILIO_PERMANENT_CODES.has(code)) || isPermanentStatus(res.status)) {
      throw new PermanentSendError(description, code ?? res.status);
    }
    throw new Error(description);
  }
}

/** A validity window Twilio accepts: whole seconds in 1–36 000, the maximum when none is given. */
function clampValidity(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return TWILIO_VALIDITY.maxSeconds;
  return Math.min(TWILIO_VALIDITY.maxSeconds, Math.max(1, Math.floor(seconds)));
}
