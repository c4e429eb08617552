import type { ArchivedMessage, ConversationJSON, Job } from '../dialogue/archive.ts';
import type { Account } from '../dialogue/types.ts';

/**
 * The repository the service needs, and nothing more, as one interface per concern, implemented
 * by SQLite (`sqlite/sqlite-store.ts`, embedded, one process) and PostgreSQL
 * (`postgres/postgres-store.ts`, any number of instances on one database). `Store` is all of them
 * together, what the service is given.
 *
 * Every method returns a Promise (PostgreSQL is a network round trip; SQLite answers at once and
 * wraps its synchronous result) and every write happens inside `transaction()`, so one inbound
 * SMS (dedupe, state change, archive, schedule, outbox) commits atomically or not at all. Calls
 * made while `transaction()`'s function runs (in its async context) join that transaction.
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
  /**
   * How many times the row was saved (absent: never). Each save increments it, so an instance
   * holding a cached runtime can tell whether another instance moved the conversation on.
   */
  version?: number;
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

/** What the store's engine is: one embedded file, or a server many instances share. */
export type StoreKind = 'sqlite' | 'postgres';

/** The connection itself: its transactions, its end, and whether someone else wrote. */
export interface StoreSession {
  readonly kind: StoreKind;
  /**
   * Run `fn` in one transaction; calls to the store from inside `fn` (in its async context) are
   * part of it, and nested `transaction()` calls join it as a savepoint.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A number that changes whenever another connection (another process) commits, and never for
   * this connection's own commits; `null` when the store cannot tell, and the service must check
   * each conversation's `version` instead (PostgreSQL: other instances commit all the time).
   */
  dataVersion(): Promise<number | null>;
  /**
   * Inside a transaction: hold conversation `id` until the transaction ends, so one instance at
   * a time works it. With `wait` false, answer false at once when another transaction holds it
   * (the scheduler skips it this beat). SQLite's IMMEDIATE transactions already serialise every
   * writer, so it always answers true.
   */
  lockConversation(id: string, wait: boolean): Promise<boolean>;
  /**
   * Inside a transaction: tell the other instances, when it commits, that a conversation changed
   * (they drop their cached runtime and tell their panels). A no-op for a single-process store.
   */
  announceChange(conversationId: string): Promise<void>;
  /** Be told when another instance committed a change to a conversation. */
  onRemoteChange(listener: (conversationId: string) => void): () => void;
}

/** Conversation rows and their message archive (append-only but for delivery status), with the inbound dedupe. */
export interface ConversationStore {
  getConversation(id: string): Promise<ConversationRow | null>;
  getConversationByAccount(accountId: string): Promise<ConversationRow | null>;
  /** Insert or update by id; returns the row's new `version`. */
  saveConversation(row: ConversationRow): Promise<number>;

  /**
   * Archive an inbound SMS. Returns null when (channel, providerMessageId) was already archived:
   * a redelivered webhook is processed once (a UNIQUE key, not a lookup, so concurrent deliveries
   * cannot both pass).
   */
  insertInbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage | null>;
  /** Insert or update an outbound message by (conversationId, message.seq). */
  upsertOutbound(m: Omit<StoredMessage, 'id'>): Promise<StoredMessage>;
  /** Every message of a conversation, in seq order. */
  listMessages(conversationId: string): Promise<StoredMessage[]>;
  setMessageDelivery(
    id: number,
    status: MessageStatus,
    providerMessageId: string | null,
    reason: string | null,
  ): Promise<void>;
}

/**
 * The work waiting for its time: the schedule, a mirror of each conversation's jobs so due work
 * is found across conversations, and the outbox the sender claims items from.
 */
export interface OutboxStore {
  replaceSchedule(conversationId: string, jobs: Job[]): Promise<void>;
  /** Conversations with a job due at or before `at`, earliest first. */
  dueConversations(at: number, limit: number): Promise<string[]>;

  enqueue(item: Omit<OutboxItem, 'id' | 'status' | 'attempts' | 'lastError'>): Promise<OutboxItem>;
  /** Pending items whose next attempt is due, oldest first. */
  pendingOutbox(at: number, limit: number): Promise<OutboxItem[]>;
  markOutbox(
    id: number,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): Promise<void>;
  /**
   * Move item `id` from `from` to `status` only if it still has status `from` (one statement, so
   * two instances cannot both act on one reading of it); answers whether it moved.
   */
  markOutboxIf(
    id: number,
    from: OutboxStatus,
    status: OutboxStatus,
    fields: {
      attempts?: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      sendingSince?: number | null;
    },
  ): Promise<boolean>;
  /** One outbox item by id, whatever its status (a provider's status callback names it). */
  outboxItem(id: number): Promise<OutboxItem | null>;
  /**
   * Claim the oldest due pending item for one send: its next attempt moves to `leaseUntil` in the
   * same statement (committed at once), so no other sender (another instance: FOR UPDATE SKIP
   * LOCKED) takes it meanwhile. An instance that dies mid-send leaves it pending: it is sent once
   * more after the lease (the ambiguous window). Null when nothing is due. Items of the
   * conversations in `except` are passed over (the sender is sending one of theirs already: a
   * debtor's messages go out one after the other, in order).
   */
  claimOutbox(at: number, leaseUntil: number, except?: readonly string[]): Promise<OutboxItem | null>;
  /** Cancel every pending item of a conversation except `keepMessageId`; returns the cancelled items. */
  cancelPendingOutbox(conversationId: string, keepMessageId: number | null): Promise<OutboxItem[]>;
}

/** The debtors' accounts and the payments recorded against them. */
export interface AccountStore {
  getAccount(id: string): Promise<StoredAccount | null>;
  getAccountByPhone(phone: string): Promise<StoredAccount | null>;
  /** Insert or update by id; returns whether the account is new. Throws `PhoneInUseError` on a phone already used by another account. */
  upsertAccount(account: StoredAccount): Promise<{ created: boolean }>;
  countAccounts(): Promise<number>;
  listAccounts(): Promise<StoredAccount[]>;

  insertPayment(p: Omit<StoredPayment, 'id'>): Promise<StoredPayment>;
  listPayments(): Promise<StoredPayment[]>;
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
  ): Promise<InboxRecord[]>;
  metricsRaw(): Promise<RawMetrics>;
}

/** Everything the service needs from a store. */
export type Store = StoreSession & ConversationStore & OutboxStore & AccountStore & ReadQueries;
