import type { Logger } from 'pino';
import { Conversation } from '../dialogue/conversation.ts';
import type { LenderBook } from '../lenders/schema.ts';
import type {
  ChannelName,
  ConversationRow,
  MessageStatus,
  Store,
  StoredAccount,
  StoredMessage,
} from '../store/store.ts';
import type { CachedConversation, ConversationCache } from './conversation-cache.ts';
import { restoreConversation } from './restore.ts';

/**
 * The one way a conversation changes: in a single transaction, hold the conversation (one
 * instance at a time works it), load it (the cached runtime this process committed last, if the
 * row is still at that version, else restored from the store), run a step on it, and persist
 * what the step did (the row, new and re-judged messages, the schedule, the outbox). A crash
 * leaves all of it or none. The runtime is cached for the next step (dropped if the commit fails), and
 * `announce` wakes the sender and tells the panel. Inbound SMS, scheduled jobs and agent actions
 * all go through here; they differ only in how they find the conversation and what they do to it.
 *
 * On SQLite the whole unit is one IMMEDIATE transaction whose awaits are already settled; on
 * PostgreSQL it is one transaction on one pooled connection, other instances waiting on the
 * conversation's lock.
 */

/** A conversation being worked on: its runtime, its row and what was last persisted of it. */
export interface Working extends CachedConversation {
  account: StoredAccount;
}

/** What a unit found to work on: a conversation, or (none to run) the unit's answer without one. */
export type Opening<T> = { row: ConversationRow; account: StoredAccount } | { none: T };

/** What a unit is given to find its conversation (inside its transaction). */
export type Open<T> = () => Promise<Opening<T>>;

/** A committed unit: the step's answer and what it left for the sender and the panel. */
export interface Committed<T> {
  value: T;
  /** The conversation the unit ran; null when it found none. */
  conversationId: string | null;
  /** The outbound messages it stored or re-judged. */
  changed: StoredMessage[];
  /** How many of them wait in the outbox. */
  queued: number;
}

export interface UnitOfWorkOptions {
  store: Store;
  cache: ConversationCache;
  clock: () => number;
  /** The channel accounts are reached on before they ever text us. */
  defaultChannel: ChannelName;
  /** Called after a transaction that queued outbound messages commits (tests use it to crash). */
  afterCommit: () => void;
  /** Tells listeners a conversation changed. */
  emit: (conversationId: string) => void;
  /** Where a blocked outbound is reported (the reason only: never the text, never the phone). */
  log: Logger;
  /** The lenders' configuration (CONTRACTS §10), for every conversation this unit runs. */
  lenders?: LenderBook;
}

const queuedIn = (changed: StoredMessage[]): number => changed.filter((m) => m.status === 'queued').length;

export class UnitOfWork {
  private readonly store: Store;
  private readonly cache: ConversationCache;
  private readonly clock: () => number;
  private readonly defaultChannel: ChannelName;
  private readonly afterCommit: () => void;
  private readonly emit: (conversationId: string) => void;
  private readonly log: Logger;
  private readonly lenders: LenderBook | undefined;

  constructor(o: UnitOfWorkOptions) {
    this.store = o.store;
    this.cache = o.cache;
    // Shared by other instances, the store has no version of its own data: the cache is checked
    // row by row (`working`), so whoever builds a unit of work gets a cache that works on it.
    if (this.shared) this.cache.checkRowVersions();
    this.clock = o.clock;
    this.defaultChannel = o.defaultChannel;
    this.afterCommit = o.afterCommit;
    this.emit = o.emit;
    this.log = o.log;
    this.lenders = o.lenders;
  }

  /**
   * One conversation, one transaction. `open` runs inside it (after the cache is checked against
   * the store) and finds the conversation; `step` changes its runtime and may throw to roll all
   * of it back. Call `announce` with the result once the caller is done.
   */
  async run<T>(open: Open<T>, step: (w: Working) => T | Promise<T>): Promise<Committed<T>> {
    let w: Working | null = null;
    let done: Committed<T>;
    try {
      done = await this.store.transaction(async (): Promise<Committed<T>> => {
        this.cache.sync(await this.store.dataVersion());
        const opened = await open();
        if ('none' in opened) return { value: opened.none, conversationId: null, changed: [], queued: 0 };
        const working = await this.working(opened.row, opened.account);
        w = working;
        const value = await step(working);
        const changed = await this.persist(working);
        // Kept before the commit: a later transaction of the same group commit (group-commit.ts)
        // works on this runtime, as the store it shares sees these writes. If the commit fails,
        // the catch below drops it.
        this.keep(working);
        return { value, conversationId: working.row.id, changed, queued: queuedIn(changed) };
      });
    } catch (err) {
      // Rolled back: the runtime in hand saw changes the store did not keep.
      if (w) this.cache.delete((w as Working).row.id);
      throw err;
    }
    return done;
  }

  /** After commits: wake the sender once if any of them queued a message, then tell the listeners. */
  announce(done: readonly { conversationId: string | null; queued: number }[]): void {
    if (done.some((d) => d.queued > 0)) this.afterCommit();
    for (const d of done) if (d.conversationId !== null) this.emit(d.conversationId);
  }

  /**
   * Inside `open`: conversation `id`, held for the transaction, and its account. With `wait`
   * false, null when another instance holds it now (the scheduler comes back next beat). The
   * cached row is current when the store tracks writers as a whole (SQLite: this process wrote it
   * last); otherwise the row is read under the lock, its version checked against the cache's.
   */
  async find(id: string, wait = true): Promise<{ row: ConversationRow; account: StoredAccount } | null> {
    if (!(await this.store.lockConversation(id, wait))) return null;
    const row = (this.shared ? null : this.cache.get(id)?.row) ?? (await this.store.getConversation(id));
    const account = row && (await this.store.getAccount(row.accountId));
    return row && account ? { row, account } : null;
  }

  /**
   * Inside `open`: the account's conversation (held for the transaction), or a new one on
   * `channel` when it has none yet. A conversation's id is its account's (`newRow`), so holding
   * the account's id holds the conversation before it exists.
   */
  async conversationOf(account: StoredAccount, channel: ChannelName): Promise<ConversationRow> {
    await this.store.lockConversation(account.id, true);
    const row =
      (this.shared ? null : this.cache.byAccountId(account.id)?.row) ??
      (await this.store.getConversationByAccount(account.id));
    if (row && row.id !== account.id) await this.store.lockConversation(row.id, true);
    return row ?? this.newRow(account, channel);
  }

  /** Whether other instances write the same store (rows are then read under the lock, never taken from the cache). */
  private get shared(): boolean {
    return this.store.kind !== 'sqlite';
  }

  /**
   * Inside the caller's transaction: a new account's conversation, started (its first reminder
   * queued, or deferred to the end of quiet hours). Not cached: most imported debtors never answer.
   */
  async start(account: StoredAccount): Promise<Committed<undefined>> {
    const row = this.newRow(account, this.defaultChannel);
    await this.store.lockConversation(row.id, true);
    const conv = Conversation.create(row.id, account, { lenders: this.lenders });
    conv.start(this.clock());
    const changed = await this.persist({ conv, row, account, statuses: new Map(), jobsJson: '[]' });
    return { value: undefined, conversationId: row.id, changed, queued: queuedIn(changed) };
  }

  /** An account changed: its cached runtime holds the account as it was. */
  forgetAccount(accountId: string): void {
    this.cache.deleteAccount(accountId);
  }

  private newRow(account: StoredAccount, channel: ChannelName): ConversationRow {
    return {
      id: account.id,
      accountId: account.id,
      // Demo debtors live on the simulator only, whatever else is configured (issue 12).
      channel: account.demo ? 'sim' : channel,
      state: 'idle',
      data: { snapshot: null, jobs: [], nextJobId: 1 },
      paused: false,
      updatedAt: this.clock(),
    };
  }

  /**
   * The runtime to work on: the one this process committed last (cached) if the row is the one it
   * committed (the same object, or the same version read back), else restored from the store.
   */
  private async working(row: ConversationRow, account: StoredAccount): Promise<Working> {
    const hit = this.cache.get(row.id);
    if (
      hit &&
      (hit.row === row || (this.shared && hit.row.version === row.version && row.version !== undefined))
    )
      return { ...hit, row, account };
    const { conv, statuses } = await restoreConversation(this.store, row, account, this.lenders);
    return { conv, row, account, statuses, jobsJson: JSON.stringify(row.data.jobs) };
  }

  /** Keep the runtime for the next SMS (an opted-out debtor's is never needed again). */
  private keep(w: Working): void {
    if (w.conv.state === 'opted_out') this.cache.delete(w.row.id);
    else this.cache.set(w);
  }

  /**
   * Persist what the runtime changed: the conversation, new and re-judged messages, the
   * schedule, and an outbox item for each message newly cleared to send. Returns the stored
   * outbound messages that changed.
   */
  private async persist(w: Working): Promise<StoredMessage[]> {
    const { conv, row, account } = w;
    const before = w.statuses;
    const data = conv.toJSON();
    row.state = conv.state;
    row.data = {
      snapshot: data.snapshot,
      jobs: data.jobs,
      nextJobId: data.nextJobId,
      ...(data.numberConfirmed ? { numberConfirmed: data.numberConfirmed } : {}),
    };
    row.updatedAt = this.clock();
    row.version = await this.store.saveConversation(row);
    await this.store.announceChange(row.id);
    // The schedule mirror is rewritten only when the jobs changed (most replies leave them be).
    const jobsJson = JSON.stringify(data.jobs);
    if (jobsJson !== w.jobsJson) await this.store.replaceSchedule(row.id, data.jobs);
    w.jobsJson = jobsJson;
    w.statuses = new Map(conv.archive.map((m) => [m.seq, m.status]));
    const changed: StoredMessage[] = [];
    for (const m of conv.archive) {
      if (m.direction !== 'out' || before.get(m.seq) === m.status) continue;
      const status: MessageStatus = m.status === 'sent' ? 'queued' : m.status;
      const reason =
        m.reason ??
        (m.status === 'blocked' && m.violations
          ? m.violations.map((v) => `${v.rule}: ${v.reason}`).join('; ')
          : null);
      const stored = await this.store.upsertOutbound({
        conversationId: row.id,
        message: m,
        status,
        channel: row.channel,
        providerMessageId: null,
        phone: account.phone,
        reason,
      });
      if (m.status === 'sent')
        await this.store.enqueue({
          messageId: stored.id,
          conversationId: row.id,
          channel: row.channel,
          to: account.phone,
          text: m.text,
          nextAttemptAt: m.at,
          createdAt: this.clock(),
        });
      if (m.status === 'blocked')
        this.log.warn(
          { conversationId: row.id, seq: m.seq, acts: m.acts, reason },
          'outbound message blocked',
        );
      changed.push(stored);
    }
    if (conv.state === 'opted_out') {
      // Opt-out cancels everything pending for this debtor, but the one confirmation.
      const confirm = changed.find(
        (m) => m.message.acts?.includes('opt_out_confirm') && m.status === 'queued',
      );
      for (const item of await this.store.cancelPendingOutbox(row.id, confirm?.id ?? null)) {
        await this.store.setMessageDelivery(
          item.messageId,
          'blocked',
          null,
          'cancelled: the debtor opted out before it was sent',
        );
      }
    }
    return changed;
  }
}
