import type { Logger } from 'pino';
import { PermanentSendError, type OutboundSms, type SmsSender } from '../channels/channel.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { resolvePolicy, type Policy } from '../planning/policy.ts';
import { withLender } from '../lenders/layering.ts';
import type { LenderBook } from '../lenders/schema.ts';
import type { ChannelName, OutboxItem, Store } from '../store/store.ts';
import { nextSendableAt } from '../compliance/timing-rules.ts';
import { quietStartAtOrAfter, validitySeconds, type ValidityLimits } from '../time/delivery-window.ts';
import { quietEndAfter } from '../time/quiet-hours.ts';
import type { ConversationCache } from './conversation-cache.ts';

/**
 * Sends what the outbox holds, after the commit that queued it, so a restart resends what was
 * committed and never sent. One item at a time: an opt-out arriving while a send is awaited
 * cancels what follows. Transient failures retry with backoff; permanent ones (or too many
 * retries) mark the message failed.
 */

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
  /** The lenders' policies under the accounts' own (CONTRACTS §10), for the quiet-hours re-check. */
  lenders?: LenderBook;
}

export class OutboxSender {
  private readonly store: Store;
  private readonly senders: Partial<Record<ChannelName, SmsSender>>;
  private readonly cache: ConversationCache;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly emit: (conversationId: string) => void;
  private readonly lenders: LenderBook | undefined;
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
    this.lenders = o.lenders;
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
      const item = this.store.pendingOutbox(this.clock(), 1)[0];
      if (!item) {
        // A commit between our last look and now asked for a drain: look again rather than leave
        // its message to the next tick.
        if (this.drainAgain) continue;
        return sent;
      }
      // The guard cleared it for the time it was committed; if quiet hours have begun since (a crash
      // or an outage held it, or retries ran late), it waits for their end rather than go now.
      const quietUntil = this.quietUntil(item.conversationId);
      if (quietUntil !== null) {
        this.store.markOutbox(item.id, 'pending', { nextAttemptAt: quietUntil });
        this.log.info(
          { outbox: item.id, until: new Date(quietUntil).toISOString() },
          'send held until quiet hours end',
        );
        continue;
      }
      const sender = this.senders[item.channel];
      if (!sender) {
        this.fail(
          item.id,
          item.messageId,
          item.attempts + 1,
          `the ${item.channel} channel is not configured`,
        );
        continue;
      }
      try {
        const r = await this.sendOnce(item, sender);
        if (r === 'held') continue;
        this.markSent(item, r.providerMessageId);
        sent++;
        this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, r.how);
      } catch (err) {
        const message = (err as Error).message;
        // A status callback may have settled it while the request was out (Twilio created it,
        // then the answer failed): a late failure must not put a sent item back in the queue.
        if (this.store.outboxItem(item.id)?.status === 'sent') {
          this.emit(item.conversationId);
          continue;
        }
        if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS) {
          this.fail(item.id, item.messageId, item.attempts + 1, message);
        } else {
          // An ambiguous send (sendingSince set) stays so: the retry looks the message up first.
          this.store.markOutbox(item.id, 'pending', {
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
   * One attempt at an item, or 'held' when it waits (rescheduled here). A provider that can look a
   * message up (`reconcile`) is asked first whether an earlier, unanswered request created it,
   * and the item is recorded as sending before each request, so a crash before the answer is
   * committed leaves it ambiguous rather than unsent. A provider that takes a validity window
   * gets one ending before the debtor's quiet hours; too close to them, the item waits.
   */
  private async sendOnce(
    item: OutboxItem,
    sender: SmsSender,
  ): Promise<'held' | { providerMessageId: string | null; how: string }> {
    const sms: OutboundSms = { id: item.id, to: item.to, text: item.text };
    if (sender.reconcile && item.sendingSince != null) {
      const r = await sender.reconcile(sms, { sendingSince: item.sendingSince, now: this.clock() });
      if (r.status === 'found') return { providerMessageId: r.providerMessageId, how: 'found sent' };
      if (r.status === 'unsettled') {
        this.store.markOutbox(item.id, 'pending', { nextAttemptAt: r.retryAt });
        return 'held';
      }
    }
    if (sender.validity) {
      const seconds = this.validitySeconds(item.conversationId, sender.validity);
      if (typeof seconds !== 'number') {
        this.store.markOutbox(item.id, 'pending', { nextAttemptAt: seconds.until });
        this.log.info(
          { outbox: item.id, until: new Date(seconds.until).toISOString() },
          'send held: too close to quiet hours',
        );
        return 'held';
      }
      sms.validitySeconds = seconds;
    }
    if (sender.reconcile) this.store.markOutbox(item.id, 'pending', { sendingSince: this.clock() });
    const r = await sender.send(sms);
    return { providerMessageId: r.providerMessageId, how: 'sent' };
  }

  /**
   * A provider's word (a status callback) that it has the message of outbox item `outboxId`:
   * a send still ambiguous is settled as sent. Returns whether one was settled.
   */
  confirmSent(outboxId: number, providerMessageId: string): boolean {
    const item = this.store.outboxItem(outboxId);
    if (!item || item.status !== 'pending' || item.sendingSince == null) return false;
    this.markSent(item, providerMessageId);
    this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, 'confirmed sent');
    this.emit(item.conversationId);
    return true;
  }

  private markSent(item: OutboxItem, providerMessageId: string | null): void {
    this.store.transaction(() => {
      this.store.markOutbox(item.id, 'sent', {
        attempts: item.attempts + 1,
        lastError: null,
        sendingSince: null,
      });
      this.store.setMessageDelivery(item.messageId, 'sent', providerMessageId, null);
    });
  }

  /** The debtor's time zone and policy, from the conversation in memory or the store. */
  private debtorTime(conversationId: string): { timezone: string; policy: Policy } | null {
    const cached = this.cache.get(conversationId);
    if (cached) return { timezone: cached.conv.account.timezone, policy: cached.conv.policy };
    const row = this.store.getConversation(conversationId);
    const account = row && this.store.getAccount(row.accountId);
    if (!account) return null;
    const layered = withLender(account, this.lenders?.[account.lender]);
    return { timezone: account.timezone, policy: resolvePolicy(layered.policy, jurisdictionOf(layered)) };
  }

  /** The provider's validity window for a send now, or when to try instead (after quiet hours). */
  private validitySeconds(conversationId: string, limits: ValidityLimits): number | { until: number } {
    const debtor = this.debtorTime(conversationId);
    if (!debtor) return limits.maxSeconds;
    const now = this.clock();
    const { timezone, policy } = debtor;
    const seconds = validitySeconds({ now, timezone, quietHours: policy.quietHours, limits });
    if (seconds !== null) return seconds;
    const quietAt = quietStartAtOrAfter(now, timezone, policy.quietHours) ?? now;
    return { until: quietEndAfter(quietAt, timezone, policy.quietHours) };
  }

  /**
   * When the debtor's quiet hours end, if they are in them now; null otherwise. The guard's own
   * timing rule answers (as for a reply: the daily cap was counted when the message was committed),
   * so the outbox and the guard can never disagree about what quiet hours are.
   */
  private quietUntil(conversationId: string): number | null {
    const debtor = this.debtorTime(conversationId);
    if (!debtor) return null;
    const { timezone, policy } = debtor;
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

  private fail(outboxId: number, messageId: number, attempts: number, reason: string): void {
    this.store.transaction(() => {
      this.store.markOutbox(outboxId, 'failed', { attempts, lastError: reason, sendingSince: null });
      this.store.setMessageDelivery(messageId, 'failed', null, reason);
    });
    this.log.warn({ outbox: outboxId, reason }, 'send failed permanently');
  }
}
