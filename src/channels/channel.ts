import type { ChannelName } from '../vocabulary.ts';
import { maskPhone } from '../log.ts';
import type { ValidityLimits } from '../time/delivery-window.ts';

/**
 * Our own small channel interface: the core speaks this, never Botkit. One file per provider
 * (twilio.ts, gateway.ts, simulator.ts), as Rasa keeps one base channel and one file per
 * provider; the Botkit adapters in src/server wrap these at the edge.
 */

export interface InboundSms {
  channel: ChannelName;
  /** The provider's message id (Twilio MessageSid, gateway messageId); the dedupe key. */
  providerMessageId: string;
  /** E.164 of the sender. */
  from: string;
  to: string | null;
  text: string;
  /** Epoch ms the provider received it (or now when it does not say). */
  receivedAt: number;
}

export interface OutboundSms {
  /** Our outbox id: an idempotency key for providers that accept one. */
  id: number;
  to: string;
  text: string;
  /**
   * How long the provider may hold the message before delivering it, in seconds; it drops it
   * after that. The outbox sets it for senders with `validity`, so it never lands in quiet hours.
   */
  validitySeconds?: number;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** A refusal that retrying will not change (Twilio 21610: the number opted out). */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly code?: string | number,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** What a provider says about a send whose request went out but whose answer was never recorded. */
export type Reconciled =
  /** The provider has the message: it is sent, and must not be sent again. */
  | { status: 'found'; providerMessageId: string | null }
  /** The provider has no such message: sending it again is safe. */
  | { status: 'missing' }
  /** Not found yet, but too soon to be sure (the provider may not list it yet): ask again at `retryAt`. */
  | { status: 'unsettled'; retryAt: number };

export interface SmsSender {
  readonly name: ChannelName;
  send(sms: OutboundSms): Promise<SendResult>;
  /**
   * Present for a provider that can look a message up after the fact (Twilio). The outbox then
   * records a send as ambiguous before each request, and after a crash, a timeout or a 5xx asks
   * this before any retry. `sendingSince`: when the last request went out; `now`: our clock.
   * Rejects (retryably) when the provider cannot be asked.
   */
  reconcile?(sms: OutboundSms, at: { sendingSince: number; now: number }): Promise<Reconciled>;
  /** Present for a provider that takes a validity window (Twilio's ValidityPeriod). */
  readonly validity?: ValidityLimits;
}

/** "+86 138-0013-8000" → "+8613800138000"; a number without a country code is taken as given. */
export function toE164(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return trimmed.startsWith('+') || trimmed.startsWith('00') ? `+${digits.replace(/^00/, '')}` : digits;
}

export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * An inbound webhook body that does not have the provider's shape. `message` names the field
 * ("From: required; Body: expected a string"), ready for a 400 response.
 */
export class InvalidInboundError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'InvalidInboundError';
  }
}

/** Zod-like issues → "field: message; other.field: message" (the body itself is "body"). */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((i) => ({
    path: i.path.length > 0 ? i.path.map((p) => String(p)).join('.') : 'body',
    message: i.message,
  }));
}

export function invalidInbound(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): InvalidInboundError {
  const described = describeIssues(issues);
  return new InvalidInboundError(described.map((i) => `${i.path}: ${i.message}`).join('; '), described);
}

/** An HTTP 4xx is the request's fault and permanent, except 408 (timeout) and 429 (rate limit). */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** A network failure or timeout talking to a provider: a plain (retryable) Error that says which. */
export function retryableSendError(provider: string, err: unknown, timeoutMs: number): Error {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new Error(`${provider}: no answer within ${timeoutMs} ms`, { cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new Error(`${provider}: request failed: ${detail}`, { cause: err });
}

/** Phone numbers inside a provider's error text are masked before they reach logs and the archive. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?\d[\d ()-]{5,}\d/g, (m) => maskPhone(m));
}

/** A JSON object, or undefined for anything else (not JSON, an array, null). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Runs of the message's own text shorter than this stay (ASCII; 4 code points with any other). */
const ECHO_MIN_ASCII = 12;
const ECHO_MIN_OTHER = 4;
/** A provider's reason is cut here: a log line, not a copy of its answer. */
const MAX_DETAIL = 300;

/**
 * A provider's error text without the SMS it refused. Some providers echo the message in their
 * error ("text '【安心贷】张伟您好…' contains a blocked word"); that reason goes to warn-level
 * logs and the archive's failure reason, where message text never goes (only debug logs
 * carry it). Every run of `detail` that appears in `text` (or in `text` URL-encoded, as a form
 * echo would show it), 12 characters or more (4 when not all ASCII), becomes "[message text]".
 */
export function withoutEcho(detail: string, text: string): string {
  const forms = [text, encodeURIComponent(text), new URLSearchParams({ t: text }).toString().slice(2)];
  // Bounded before the search: a provider's answer may be up to 1 MB.
  let s = detail.slice(0, 4 * MAX_DETAIL);
  for (const form of forms) if (form !== '') s = replaceRuns(s, form);
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s;
}

/** `detail` with every long enough run that also appears in `form` replaced by the marker. */
function replaceRuns(detail: string, form: string): string {
  const chars = Array.from(detail);
  let out = '';
  let i = 0;
  while (i < chars.length) {
    let run = '';
    let len = 0;
    let ascii = true;
    while (i + len < chars.length && form.includes(run + chars[i + len]!)) {
      run += chars[i + len]!;
      ascii &&= chars[i + len]!.charCodeAt(0) < 0x80;
      len++;
    }
    if (len >= (ascii ? ECHO_MIN_ASCII : ECHO_MIN_OTHER)) {
      out += '[message text]';
      i += len;
    } else {
      out += chars[i]!;
      i++;
    }
  }
  return out;
}
