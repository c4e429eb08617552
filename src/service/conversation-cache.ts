import type { ArchivedMessage, Conversation } from '../dialogue/conversation.ts';
import type { ConversationRow } from '../store/store.ts';

/**
 * Restored conversation runtimes kept in memory between SMS, least recently used first out.
 *
 * Restoring a conversation (read its archive, parse every message's JSON, clone it, start an
 * xstate actor from the snapshot) cost more than the dialogue step itself. An entry is exactly
 * what this process last committed for that conversation; the service puts it back after each of
 * its own commits, drops it when a transaction fails (the runtime was changed but the store was
 * not), and empties the cache whenever another process has written to the store.
 *
 * On a store other instances write all the time (PostgreSQL), emptying on every foreign commit
 * would empty it always: there an entry is checked row by row instead (its `version` against the
 * row read under the conversation's lock), and other instances' change notices drop entries early.
 */
export interface CachedConversation {
  conv: Conversation;
  /** The row as last committed (its `data` is stale: `conv` is the truth). */
  row: ConversationRow;
  /** Each message's runtime status as last persisted, by seq. */
  statuses: Map<number, ArchivedMessage['status']>;
  /** The jobs as last written to the schedule mirror (JSON), to skip rewriting an unchanged one. */
  jobsJson: string;
}

/**
 * The messages all cached runtimes may hold together. A runtime keeps its whole archive, so a
 * count of conversations alone bounds nothing while conversations grow: a 120 s soak at 150
 * webhooks/s over 3,000 debtors grew the heap by 18 MB a minute with 5,000 slots never full
 * (bench/soak.ts). About 1 KB of heap per message: 50,000 is some 50 MB.
 */
export const DEFAULT_CACHED_MESSAGES = 50_000;

export class ConversationCache {
  private readonly entries = new Map<string, CachedConversation>();
  private readonly byAccount = new Map<string, string>();
  /** Each entry's message count when it was put in, and their sum. */
  private readonly counts = new Map<string, number>();
  private messages = 0;
  private version: number | null = null;
  private perRow = false;

  constructor(
    readonly capacity: number,
    readonly messageBudget: number = DEFAULT_CACHED_MESSAGES,
  ) {}

  /** The messages the cached runtimes hold, as counted when each was put in. */
  get cachedMessages(): number {
    return this.messages;
  }

  /** Entries are checked by their row's version under the conversation's lock, not by `sync`. */
  checkRowVersions(): void {
    this.perRow = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Called at the start of every transaction that may use the cache, with the store's data
   * version: a change means another process wrote, and nothing cached can be trusted.
   */
  sync(version: number | null): void {
    if (this.perRow) return;
    if (version === null || version !== this.version) this.clear();
    this.version = version;
  }

  get(id: string): CachedConversation | undefined {
    const e = this.entries.get(id);
    if (e) {
      this.entries.delete(id);
      this.entries.set(id, e);
    }
    return e;
  }

  byAccountId(accountId: string): CachedConversation | undefined {
    const id = this.byAccount.get(accountId);
    return id === undefined ? undefined : this.get(id);
  }

  set(entry: CachedConversation): void {
    if (this.capacity <= 0 || (!this.perRow && this.version === null)) return;
    this.delete(entry.row.id);
    const count = entry.conv.archive.length;
    // A conversation longer than the whole budget is restored from the store each time.
    if (count > this.messageBudget) return;
    this.entries.set(entry.row.id, entry);
    this.byAccount.set(entry.row.accountId, entry.row.id);
    this.counts.set(entry.row.id, count);
    this.messages += count;
    while (this.entries.size > this.capacity || this.messages > this.messageBudget)
      this.delete(this.entries.keys().next().value!);
  }

  delete(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.messages -= this.counts.get(id) ?? 0;
    this.counts.delete(id);
    if (this.byAccount.get(e.row.accountId) === id) this.byAccount.delete(e.row.accountId);
  }

  deleteAccount(accountId: string): void {
    const id = this.byAccount.get(accountId);
    if (id !== undefined) this.delete(id);
  }

  clear(): void {
    this.entries.clear();
    this.byAccount.clear();
    this.counts.clear();
    this.messages = 0;
  }
}
