import type { Logger } from 'pino';
import { PermanentSendError, type SmsSender } from '../channels/channel.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { resolvePolicy } from '../planning/policy.ts';
import type { ChannelName, Store } from '../store/store.ts';
import { nextSendableAt } from '../compliance/timing-rules.ts';
import type { ConversationCache } from './conversation-cache.ts';

/**
 * Sends what the outbox holds, after the commit that queued it, so a restart resends what was
 * committed and never sent. One item at a time: an opt-out arriving while a send is awaited
 * cancels what follows. Transient failures retry with backoff; permanent ones (or too many
 * retries) mark the message failed.
 */

/**
 * How long a claimed item is the claimer's: longer than any sender's timeout (10 s), so an item is
 * taken again only when the instance that claimed it died before recording the send.
 */
export const DEFAULT_LEASE_MS = 30_000;

/** Retry a transient send failure with backoff, at most this many times. */
const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** attempts);

export interface OutboxSenderOptions {
  store: Store;
  senders: Partial<Record<ChannelName, SmsSender>>;
  /** Where the debtor's time zone and quiet hours are at hand for conversations in memory. */
  cache: ConversationCache;
  clock: () => number;
  log: Logger;
  /** Tells listeners a conversation changed (a message was sent, held or failed). */
  emit: (conversationId: string) => void;
  /** How long a claimed item waits for this sender before another may take it (default 30 s). */
  leaseMs?: number;
}

export class OutboxSender {
  private readonly store: Store;
  private readonly senders: Partial<Record<ChannelName, SmsSender>>;
  private readonly cache: ConversationCache;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly emit: (conversationId: string) => void;
  private readonly leaseMs: number;
  private draining: Promise<number> | null = null;
  /** Set when drain() is asked for while a drain runs: the running one looks once more before it ends. */
  private drainAgain = false;

  constructor(o: OutboxSenderOptions) {
    this.store = o.store;
    this.senders = o.senders;
    this.cache = o.cache;
    this.clock = o.clock;
    this.log = o.log;
    this.emit = o.emit;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Send what is due in the outbox; one drain at a time. Resolves to the number sent. */
  drain(): Promise<number> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drainLoop(): Promise<number> {
    let sent = 0;
    for (;;) {
      // One at a time: an opt-out arriving while we await a send cancels what follows.
      this.drainAgain = false;
      // Claimed, not just read: an item another instance is sending is not due for us.
      const now = this.clock();
      const item = await this.store.claimOutbox(now, now + this.leaseMs);
      if (!item) {
        // A commit between our last look and now asked for a drain: look again rather than leave
        // its message to the next tick.
        if (this.drainAgain) continue;
        return sent;
      }
      // The guard cleared it for the time it was committed; if quiet hours have begun since (a crash
      // or an outage held it, or retries ran late), it waits for their end rather than go now.
      const quietUntil = await this.quietUntil(item.conversationId);
      if (quietUntil !== null) {
        await this.store.markOutbox(item.id, 'pending', { nextAttemptAt: quietUntil });
        this.log.info(
          { outbox: item.id, until: new Date(quietUntil).toISOString() },
          'send held until quiet hours end',
        );
        continue;
      }
      const sender = this.senders[item.channel];
      if (!sender) {
        await this.fail(
          item.id,
          item.messageId,
          item.attempts + 1,
          `the ${item.channel} channel is not configured`,
        );
        continue;
      }
      try {
        const r = await sender.send({ id: item.id, to: item.to, text: item.text });
        await this.store.transaction(async () => {
          await this.store.markOutbox(item.id, 'sent', { attempts: item.attempts + 1, lastError: null });
          await this.store.setMessageDelivery(item.messageId, 'sent', r.providerMessageId, null);
        });
        sent++;
        this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, 'sent');
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS) {
          await this.fail(item.id, item.messageId, item.attempts + 1, message);
        } else {
          await this.store.markOutbox(item.id, 'pending', {
            attempts: item.attempts + 1,
            nextAttemptAt: this.clock() + backoffMs(item.attempts),
            lastError: message,
          });
          this.log.warn(
            { channel: item.channel, to: item.to, outbox: item.id, err: message },
            'send failed, will retry',
          );
        }
      }
      this.emit(item.conversationId);
    }
  }

  /**
   * When the debtor's quiet hours end, if they are in them now; null otherwise. The guard's own
   * timing rule answers (as for a reply: the daily cap was counted when the message was committed),
   * so the outbox and the guard can never disagree about what quiet hours are.
   */
  private async quietUntil(conversationId: string): Promise<number | null> {
    const cached = this.cache.get(conversationId);
    let timezone: string;
    let policy;
    if (cached) {
      timezone = cached.conv.account.timezone;
      policy = cached.conv.policy;
    } else {
      const row = await this.store.getConversation(conversationId);
      const account = row && (await this.store.getAccount(row.accountId));
      if (!account) return null;
      timezone = account.timezone;
      policy = resolvePolicy(account.policy, jurisdictionOf(account));
    }
    const now = this.clock();
    const at = nextSendableAt({
      now,
      timezone,
      quietHours: policy.quietHours,
      kind: 'reply',
      maxProactivePerDay: policy.maxProactivePerDay,
      proactiveSentAt: [],
    });
    return at !== null && at > now ? at : null;
  }

  private async fail(outboxId: number, messageId: number, attempts: number, reason: string): Promise<void> {
    await this.store.transaction(async () => {
      await this.store.markOutbox(outboxId, 'failed', { attempts, lastError: reason });
      await this.store.setMessageDelivery(messageId, 'failed', null, reason);
    });
    this.log.warn({ outbox: outboxId, reason }, 'send failed permanently');
  }
}
