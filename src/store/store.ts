import type { ArchivedMessage, ConversationJSON, Job } from '../dialogue/conversation.ts';
import type { Account } from '../dialogue/types.ts';

/**
 * The repository the service needs, and nothing more, as one interface per concern: SQLite
 * implements them today (`sqlite/sqlite-store.ts`); a PostgreSQL implementation can follow without
 * touching the core. `Store` is all of them together, what the service is given.
 *
 * Every method is synchronous and every write happens inside `transaction()`, so one inbound
 * SMS (dedupe, state change, archive, schedule, outbox) commits atomically or not at all.
 */

// ---------------------------------------------------------------------------------------------
// The store's domain types
// ---------------------------------------------------------------------------------------------

export type { ChannelName, MessageStatus } from '../vocabulary.ts';
import type { ChannelName, MessageStatus } from '../vocabulary.ts';

/** Delivery status in the archive (CONTRACTS §7). */

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface StoredAccount extends Account {
  phone: string;
  demo: boolean;
  createdAt: number;
}

/** A conversation's durable state, apart from its messages (kept in the archive). */
export interface ConversationRow {
  id: string;
  accountId: string;
  /** The channel replies and proactive messages go out on. */
  channel: ChannelName;
  state: string;
  /**
   * `Conversation#toJSON()` without `messages` (and the account, stored apart): the machine
   * snapshot, opaque to the store, the jobs and the job counter.
   */
  data: { snapshot: unknown } & Pick<ConversationJSON, 'jobs' | 'nextJobId' | 'numberConfirmed'>;
  /** Agent takeover: the bot does not reply while set (issue 7). */
  paused: boolean;
  updatedAt: number;
}

/** One archived SMS; `message` is the runtime's view, the rest is delivery bookkeeping. */
export interface StoredMessage {
  /** Store-wide id. */
  id: number;
  /** Null for an SMS from an unknown number: archived, never answered. */
  conversationId: string | null;
  message: ArchivedMessage;
  status: MessageStatus;
  channel: ChannelName;
  /** The provider's id (MessageSid, gateway messageId) for inbound and sent outbound. */
  providerMessageId: string | null;
  /** The debtor's phone (from for inbound, to for outbound). */
  phone: string | null;
  /** Why a message is blocked or failed. */
  reason: string | null;
}

export interface OutboxItem {
  id: number;
  messageId: number;
  conversationId: string;
  channel: ChannelName;
  to: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  lastError: string | null;
  /**
   * When the last send request went out without its answer recorded yet (epoch ms), for channels
   * that can look a message up afterwards (Twilio): set before the request, cleared with the
   * outcome. Still set on a pending item, the send is ambiguous and is reconciled before any retry.
   */
  sendingSince?: number | null;
}

export interface StoredPayment {
  id: number;
  accountId: string;
  /** Minor units. */
  amount: number;
  paidAt: number;
  reference: string | null;
  createdAt: number;
}

/** One row of the agent's inbox: a conversation with its debtor and its last message. */
export interface InboxRecord {
  id: string;
  accountId: string;
  /** The debtor's time zone, for showing times in it. */
  timezone: string;
  state: string;
  paused: boolean;
  updatedAt: number;
  debtorName: string;
  /** Unmasked: the service masks it for display. */
  phone: string;
  overdueDays: number;
  /** Minor units. */
  balance: number;
  currency: StoredAccount['currency'];
  locale: StoredAccount['locale'];
  demo: boolean;
  /** Why the dialogue flagged this conversation for a person outside a handoff, if it did. */
  attention: string | null;
  last: { direction: ArchivedMessage['direction']; text: string; at: number; status: MessageStatus } | null;
  /** How sure the parser was of the last inbound message (null fields: archived before it said). */
  lastInbound: {
    confidence: number | null;
    reason: string | null;
    /** A bare yes or no to the bot's own check question (ArchivedMessage.answersCheck). */
    answersCheck: 'yes' | 'no' | null;
  } | null;
}

/** Aggregates the metrics are computed from (counts of conversations unless named otherwise). */
export interface RawMetrics {
  debtors: number;
  contacted: number;
  replied: number;
  promised: number;
  agreed: number;
  complaints: number;
  optedOut: number;
  promises: { accountId: string; at: number; date: string | null }[];
  firstInbound: { accountId: string; at: number }[];
  agreedAccounts: string[];
  contactedAccounts: string[];
  /** Per UTC day. */
  daily: { date: string; sent: number; received: number; agreed: number; promised: number }[];
}

/** `upsertAccount` for a phone number another account already has (every implementation throws it). */
export class PhoneInUseError extends Error {
  override name = 'PhoneInUseError';
  constructor(
    readonly phone: string,
    readonly accountId: string,
  ) {
    super(`phone ${phone} is already used by account ${accountId}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The interfaces, one per concern
// ---------------------------------------------------------------------------------------------

/** The connection itself: its transactions, its end, and whether someone else wrote. */
export interface StoreSession {
  /** Run `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  close(): void;
  /**
   * A number that changes whenever another connection (another process) commits, and never for
   * this connection's own commits; `null` when the store cannot tell. The service keeps restored
   * conversations in memory only while it stays the same.
   */
  dataVersion(): number | null;
}

/** Conversation rows and their message archive (append-only but for delivery status), with the inbound dedupe. */
export interface ConversationStore {
  getConversation(id: string): ConversationRow | null;
  getConversationByAccount(accountId: string): ConversationRow | null;
  saveConversation(row: ConversationRow): void;

  /**
   * Archive an inbound SMS. Returns null when (channel, providerMessageId) was already archived:
   * a redelivered webhook is processed once (a UNIQUE key, not a lookup, so concurrent deliveries
   * cannot both pass).
   */
  insertInbound(m: Omit<StoredMessage, 'id'>): StoredMessage | null;
  /** Insert or update an outbound message by (conversationId, message.seq). */
  upsertOutbound(m: Omit<StoredMessage, 'id'>): StoredMessage;
  /** Every message of a conversation, in seq order. */
  listMessages(conversationId: string): StoredMessage[];
  setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): void;
}

/**
 * The work waiting for its time: the schedule, a mirror of each conversation's jobs so due work
 * is found across conversations, and the outbox the sender claims items from.
 */
export interface OutboxStore {
  replaceSchedule(conversationId: string, jobs: Job[]): void;
  /** Conversations with a job due at or before `at`, earliest first. */
  dueConversations(at: number, limit: number): string[];

  enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): OutboxItem;
  /** Pending items whose next attempt is due, oldest first. */
  pendingOutbox(at: number, limit: number): OutboxItem[];
  markOutbox(
    id: number,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): void;
  /** One outbox item by id, whatever its status (a provider's status callback names it). */
  outboxItem(id: number): OutboxItem | null;
  /** Cancel every pending item of a conversation except `keepMessageId`; returns the cancelled items. */
  cancelPendingOutbox(conversationId: string, keepMessageId: number | null): OutboxItem[];
}

/** The debtors' accounts and the payments recorded against them. */
export interface AccountStore {
  getAccount(id: string): StoredAccount | null;
  getAccountByPhone(phone: string): StoredAccount | null;
  /** Insert or update by id; returns whether the account is new. Throws `PhoneInUseError` on a phone already used by another account. */
  upsertAccount(account: StoredAccount): { created: boolean };
  countAccounts(): number;
  listAccounts(): StoredAccount[];

  insertPayment(p: Omit<StoredPayment, 'id'>): StoredPayment;
  listPayments(): StoredPayment[];
}

/** Queries across conversations for the agent's panel: the inbox and the metrics. */
export interface ReadQueries {
  /**
   * Conversations in `states` (all when null; with `pausedToo`, paused ones as well), matching
   * `q` on name or phone, newest first; `limit` -1 means all. With `unsureBelow`, only those whose
   * last inbound message was read with a confidence below it. With `ids`, only those
   * conversations (the ones an agent holds: the team inbox's "mine", however old).
   */
  inbox(
    states: readonly string[] | null,
    pausedToo: boolean,
    q: string | null,
    limit: number,
    unsureBelow?: number,
    ids?: readonly string[],
  ): InboxRecord[];
  metricsRaw(): RawMetrics;
}

/** Everything the service needs from a store. */
export type Store = StoreSession & ConversationStore & OutboxStore & AccountStore & ReadQueries;
