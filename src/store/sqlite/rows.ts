import type { ArchivedMessage } from '../../dialogue/archive.ts';
import type {
  ChannelName,
  ConversationRow,
  InboxRecord,
  MessageStatus,
  OutboxItem,
  OutboxStatus,
  StoredAccount,
  StoredMessage,
  StoredPayment,
} from '../store.ts';

/**
 * SQLite rows and the store's domain types, both ways. Pure: no database here.
 *
 * Two rules keep the data exact:
 * - an archived message is kept whole as JSON (`messages.message`) and read back from it, so what
 *   the runtime wrote is what it gets back (absent optional fields stay absent); the columns beside
 *   it (`seq`, `status`, `acts`, `offers`, …) are copies for queries and are rewritten with it;
 * - JSON columns are written with `JSON.stringify`, which drops `undefined` properties.
 *
 * Booleans are 0/1 integers; text columns holding a union (channel, status, currency) are trusted
 * as written, since only these functions write them.
 */

export interface AccountDbRow {
  id: string;
  phone: string;
  debtor_name: string;
  lender: string;
  balance: number;
  currency: string;
  overdue_days: number;
  locale: string;
  timezone: string;
  policy: string | null;
  how_to_pay: string | null;
  hotline: string | null;
  demo: number;
  created_at: number;
}

export interface ConversationDbRow {
  id: string;
  account_id: string;
  channel: string;
  state: string;
  data: string;
  paused: number;
  updated_at: number;
  /** Written by the store (each save adds one), never from the row given. */
  version?: number;
}

/** The columns a message is read back from (the rest are query copies of `message`). */
export interface MessageDbRow {
  id: number;
  conversation_id: string | null;
  status: string;
  channel: string;
  provider_message_id: string | null;
  phone: string | null;
  reason: string | null;
  message: string;
}

/** The named parameters of a message write: every column but `id`. */
export interface MessageParams {
  conversation_id: string | null;
  seq: number;
  direction: string;
  at: number;
  text: string;
  status: string;
  message_status: string;
  kind: string | null;
  state: string | null;
  acts: string | null;
  parsed: string | null;
  offers: string | null;
  plan: string | null;
  in_reply_to: number | null;
  until: number | null;
  violations: string | null;
  channel: string;
  provider_message_id: string | null;
  phone: string | null;
  reason: string | null;
  message: string;
  /** Inbound: how sure the parser was (0–1) and which rule decided; NULL otherwise. */
  confidence: number | null;
  parse_reason: string | null;
}

export interface OutboxDbRow {
  id: number;
  message_id: number;
  conversation_id: string;
  channel: string;
  to_phone: string;
  text: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_error: string | null;
  sending_since: number | null;
}

/** The named parameters of `enqueue`: what a new outbox item is given (the rest are defaults). */
export type EnqueueParams = Pick<
  OutboxDbRow,
  'message_id' | 'conversation_id' | 'channel' | 'to_phone' | 'text' | 'next_attempt_at' | 'created_at'
>;

/** The named parameters of `markOutbox`: null leaves a column as it is, unless `set_last_error`. */
export interface MarkOutboxParams {
  id: number;
  status: string;
  attempts: number | null;
  next_attempt_at: number | null;
  set_last_error: number;
  last_error: string | null;
  set_sending_since: number;
  sending_since: number | null;
  /** Only an item still in this status is marked (null: whatever its status). */
  from_status: string | null;
}

export interface PaymentDbRow {
  id: number;
  account_id: string;
  amount: number;
  paid_at: number;
  reference: string | null;
  created_at: number;
}

export interface InboxDbRow {
  id: string;
  account_id: string;
  timezone: string;
  state: string;
  paused: number;
  updated_at: number;
  debtor_name: string;
  phone: string;
  overdue_days: number;
  balance: number;
  currency: string;
  locale: string;
  demo: number;
  /** Why the dialogue flagged the conversation for a person outside a handoff, if it did. */
  attention: string | null;
  /** The last message as a JSON object, or null for a conversation without messages. */
  last: string | null;
  /** The last inbound message's confidence and reason as a JSON object, or null without one. */
  last_inbound: string | null;
}

/** JSON for a column that is NULL when the value is absent. */
const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

// accounts

export function accountParams(account: StoredAccount): AccountDbRow {
  return {
    id: account.id,
    phone: account.phone,
    debtor_name: account.debtorName,
    lender: account.lender,
    balance: account.balance,
    currency: account.currency,
    overdue_days: account.overdueDays,
    locale: account.locale,
    timezone: account.timezone,
    policy: json(account.policy),
    how_to_pay: account.howToPay ?? null,
    hotline: account.hotline ?? null,
    demo: account.demo ? 1 : 0,
    created_at: account.createdAt,
  };
}

export function toAccount(r: AccountDbRow): StoredAccount {
  return {
    id: r.id,
    phone: r.phone,
    debtorName: r.debtor_name,
    lender: r.lender,
    balance: r.balance,
    currency: r.currency as StoredAccount['currency'],
    overdueDays: r.overdue_days,
    locale: r.locale as StoredAccount['locale'],
    timezone: r.timezone,
    ...(r.policy === null ? {} : { policy: JSON.parse(r.policy) as NonNullable<StoredAccount['policy']> }),
    ...(r.how_to_pay === null ? {} : { howToPay: r.how_to_pay }),
    ...(r.hotline === null ? {} : { hotline: r.hotline }),
    demo: r.demo === 1,
    createdAt: r.created_at,
  };
}

// conversations

export function conversationParams(row: ConversationRow): ConversationDbRow {
  return {
    id: row.id,
    account_id: row.accountId,
    channel: row.channel,
    state: row.state,
    data: JSON.stringify(row.data),
    paused: row.paused ? 1 : 0,
    updated_at: row.updatedAt,
  };
}

export function toConversation(r: ConversationDbRow): ConversationRow {
  return {
    id: r.id,
    accountId: r.account_id,
    channel: r.channel as ChannelName,
    state: r.state,
    data: JSON.parse(r.data) as ConversationRow['data'],
    paused: r.paused === 1,
    updatedAt: r.updated_at,
    ...(r.version === undefined ? {} : { version: Number(r.version) }),
  };
}

// the archive

export function messageParams(m: Omit<StoredMessage, 'id'>): MessageParams {
  const a = m.message;
  return {
    conversation_id: m.conversationId,
    seq: a.seq,
    direction: a.direction,
    at: a.at,
    text: a.text,
    status: m.status,
    message_status: a.status,
    kind: a.kind ?? null,
    state: a.state ?? null,
    acts: json(a.acts),
    parsed: json(a.parsed),
    offers: json(a.offers),
    plan: json(a.plan),
    in_reply_to: a.inReplyTo ?? null,
    until: a.until ?? null,
    violations: json(a.violations),
    channel: m.channel,
    provider_message_id: m.providerMessageId,
    phone: m.phone,
    reason: m.reason,
    message: JSON.stringify(a),
    confidence: a.direction === 'in' ? (a.parsed?.confidence ?? null) : null,
    parse_reason: a.direction === 'in' ? (a.parsed?.reason ?? null) : null,
  };
}

/** The runtime's view as written: parsed back from the `message` column of `params`. */
export const writtenMessage = (params: MessageParams): ArchivedMessage =>
  JSON.parse(params.message) as ArchivedMessage;

export function toMessage(r: MessageDbRow): StoredMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    message: JSON.parse(r.message) as ArchivedMessage,
    status: r.status as MessageStatus,
    channel: r.channel as ChannelName,
    providerMessageId: r.provider_message_id,
    phone: r.phone,
    reason: r.reason,
  };
}

// the outbox

export function enqueueParams(
  item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>,
): EnqueueParams {
  return {
    message_id: item.messageId,
    conversation_id: item.conversationId,
    channel: item.channel,
    to_phone: item.to,
    text: item.text,
    next_attempt_at: item.nextAttemptAt,
    created_at: item.createdAt,
  };
}

export function markOutboxParams(
  id: number,
  status: OutboxStatus,
  fields: {
    attempts?: number;
    nextAttemptAt?: number;
    lastError?: string | null;
    sendingSince?: number | null;
  },
  from: OutboxStatus | null = null,
): MarkOutboxParams {
  return {
    id,
    status,
    attempts: fields.attempts ?? null,
    next_attempt_at: fields.nextAttemptAt ?? null,
    // `lastError: null` clears the error; left out, it stays: a flag tells the two apart
    set_last_error: fields.lastError === undefined ? 0 : 1,
    last_error: fields.lastError ?? null,
    set_sending_since: fields.sendingSince === undefined ? 0 : 1,
    sending_since: fields.sendingSince ?? null,
    from_status: from,
  };
}

export function toOutbox(r: OutboxDbRow): OutboxItem {
  return {
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    channel: r.channel as ChannelName,
    to: r.to_phone,
    text: r.text,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    lastError: r.last_error,
    sendingSince: r.sending_since,
  };
}

// payments and the read queries

export function toPayment(r: PaymentDbRow): StoredPayment {
  return {
    id: r.id,
    accountId: r.account_id,
    amount: r.amount,
    paidAt: r.paid_at,
    reference: r.reference,
    createdAt: r.created_at,
  };
}

export function toInboxRecord(r: InboxDbRow): InboxRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    timezone: r.timezone,
    state: r.state,
    paused: r.paused === 1,
    updatedAt: r.updated_at,
    debtorName: r.debtor_name,
    phone: r.phone,
    overdueDays: r.overdue_days,
    balance: r.balance,
    currency: r.currency as StoredAccount['currency'],
    locale: r.locale as StoredAccount['locale'],
    demo: r.demo === 1,
    attention: r.attention ?? null,
    last: r.last ? (JSON.parse(r.last) as InboxRecord['last']) : null,
    lastInbound: r.last_inbound ? (JSON.parse(r.last_inbound) as InboxRecord['lastInbound']) : null,
  };
}
