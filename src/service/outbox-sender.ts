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
 * committed and never sent. One item at a time per debtor (and, by default, one at a time in all):
 * an opt-out arriving while a send is awaited cancels what follows for that debtor. Transient
 * failures retry with backoff; permanent ones (or too many retries) mark the message failed.
 */

/**
 * How many sends are awaited at once by default, each for a different conversation. One: a crash
 * mid-send then leaves at most one item ambiguous (sent, not recorded), the window CONTRACTS §9
 * and the instance tests hold us to. With more lanes a provider's round trip no longer bounds
 * the replies per second, but a crash can leave one ambiguous item per lane: only for channels
 * that dedupe (the gateway's messageId) or reconcile (Twilio's lookup). The claims of one round
 * share a transaction either way.
 */
export const DEFAULT_SEND_LANES = 1;

/**
 * How long a claimed item is the claimer's: longer than any sender's timeout (10 s), so an item is
 * taken again only when the instance that claimed it died before recording the send.
 */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * How many items one claim takes (issue 16): a claim is a transaction of its own, and with one
 * lane every reply paid a COMMIT for it. The extra items wait in `ahead`, each of a different
 * conversation, and are sent one after the other; each is read again before its send (an opt-out
 * may have cancelled it meanwhile) and handed back (due at once) if its lease has run a third.
 */
export const CLAIM_BATCH = 8;

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
  /** How many debtors' sends are awaited at once (default DEFAULT_SEND_LANES). */
  lanes?: number;
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
  private readonly leaseMs: number;
  private readonly lanes: number;
  private readonly lenders: LenderBook | undefined;
  private draining: Promise<number> | null = null;
  /** Claimed by the last batch, not yet started, oldest first; each of a different conversation. */
  private ahead: { item: OutboxItem; claimedAt: number }[] = [];
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
    this.lanes = o.lanes ?? DEFAULT_SEND_LANES;
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
    let failure = null as { err: unknown } | null;
    const inFlight = new Map<string, Promise<void>>();
    for (;;) {
      this.drainAgain = false;
      // Claimed, not just read: an item another instance is sending is not due for us. One item per
      // conversation at a time: its next is claimed only once this one is settled.
      const claimed = failure ? [] : await this.claim(this.lanes - inFlight.size, [...inFlight.keys()]);
      for (const item of claimed) {
        const lane = this.sendItem(item)
          .then((ok) => void (ok && sent++))
          .catch((err: unknown) => void (failure ??= { err }))
          .finally(() => inFlight.delete(item.conversationId));
        inFlight.set(item.conversationId, lane);
      }
      if (inFlight.size === 0) {
        if (failure) throw failure.err;
        // A commit between our last look and now asked for a drain: look again rather than leave
        // its message to the next tick.
        if (this.drainAgain) continue;
        return sent;
      }
      await Promise.race(inFlight.values());
    }
  }

  /**
   * Up to `n` items to send now, of conversations not in `busy`: those a batch claimed ahead
   * first (each still ours and still pending), else a new batch of up to CLAIM_BATCH (at least
   * `n`) claimed in one transaction.
   */
  private async claim(n: number, busy: string[]): Promise<OutboxItem[]> {
    if (n <= 0) return [];
    const items: OutboxItem[] = [];
    while (items.length < n && this.ahead.length > 0) {
      const next = await this.stillOurs(this.ahead.shift()!);
      if (next) items.push(next);
    }
    if (items.length > 0 || this.ahead.length > 0) return items;
    const now = this.clock();
    const want = Math.max(n, CLAIM_BATCH);
    const batch = await this.store.transaction(async () => {
      const claimed: OutboxItem[] = [];
      while (claimed.length < want) {
        const item = await this.store.claimOutbox(now, now + this.leaseMs, busy);
        if (!item) break;
        claimed.push(item);
        busy = [...busy, item.conversationId];
      }
      return claimed;
    });
    this.ahead = batch.slice(n).map((item) => ({ item, claimedAt: now }));
    return batch.slice(0, n);
  }

  /**
   * An item claimed ahead, as it stands now: null if it is no longer ours to send (cancelled by
   * an opt-out, settled, or its lease taken over), or if a third of its lease has gone (it is
   * handed back, due at once, rather than sent on a lease that may end mid-send).
   */
  private async stillOurs({
    item,
    claimedAt,
  }: {
    item: OutboxItem;
    claimedAt: number;
  }): Promise<OutboxItem | null> {
    const now = this.clock();
    const current = await this.store.outboxItem(item.id);
    if (!current || current.status !== 'pending' || current.nextAttemptAt !== item.nextAttemptAt) return null;
    if (now - claimedAt > this.leaseMs / 3) {
      await this.store.markOutboxIf(item.id, 'pending', 'pending', { nextAttemptAt: now });
      return null;
    }
    return current;
  }

  /** One claimed item through to sent, held, retried or failed. Resolves to whether it was sent. */
  private async sendItem(item: OutboxItem): Promise<boolean> {
    // The guard cleared it for the time it was committed; if quiet hours have begun since (a crash
    // or an outage held it, or retries ran late), it waits for their end rather than go now.
    const quietUntil = await this.quietUntil(item.conversationId);
    if (quietUntil !== null) {
      await this.store.markOutboxIf(item.id, 'pending', 'pending', { nextAttemptAt: quietUntil });
      this.log.info(
        { outbox: item.id, until: new Date(quietUntil).toISOString() },
        'send held until quiet hours end',
      );
      return false;
    }
    const sender = this.senders[item.channel];
    if (!sender) {
      await this.fail(
        item.id,
        item.messageId,
        item.attempts + 1,
        `the ${item.channel} channel is not configured`,
      );
      return false;
    }
    try {
      const r = await this.sendOnce(item, sender);
      if (r === 'held') return false;
      await this.markSent(item, r.providerMessageId);
      this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, r.how);
      this.emit(item.conversationId);
      return true;
    } catch (err) {
      const message = (err as Error).message;
      // A status callback may have settled it while the request was out (Twilio created it,
      // then the answer failed): a late failure must not put a sent item back in the queue.
      // Each write below applies only to an item still pending, checked in the same statement,
      // so a callback (on this instance or another) landing after any read cannot be undone.
      if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS) {
        await this.fail(item.id, item.messageId, item.attempts + 1, message);
      } else {
        // An ambiguous send (sendingSince set) stays so: the retry looks the message up first.
        const requeued = await this.store.markOutboxIf(item.id, 'pending', 'pending', {
          attempts: item.attempts + 1,
          nextAttemptAt: this.clock() + backoffMs(item.attempts),
          lastError: message,
        });
        if (requeued)
          this.log.warn(
            { channel: item.channel, to: item.to, outbox: item.id, err: message },
            'send failed, will retry',
          );
      }
      this.emit(item.conversationId);
      return false;
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
    // Every hold below applies only to an item still pending: one a status callback settled
    // meanwhile is not put back in the queue.
    const hold = (until: number): Promise<'held'> =>
      this.store.markOutboxIf(item.id, 'pending', 'pending', { nextAttemptAt: until }).then(() => 'held');
    if (sender.reconcile && item.sendingSince != null) {
      const r = await sender.reconcile(sms, { sendingSince: item.sendingSince, now: this.clock() });
      if (r.status === 'found') return { providerMessageId: r.providerMessageId, how: 'found sent' };
      if (r.status === 'unsettled') return hold(r.retryAt);
    }
    if (sender.validity) {
      const seconds = await this.validitySeconds(item.conversationId, sender.validity);
      if (typeof seconds !== 'number') {
        this.log.info(
          { outbox: item.id, until: new Date(seconds.until).toISOString() },
          'send held: too close to quiet hours',
        );
        return hold(seconds.until);
      }
      sms.validitySeconds = seconds;
    }
    if (
      sender.reconcile &&
      !(await this.store.markOutboxIf(item.id, 'pending', 'pending', { sendingSince: this.clock() }))
    )
      return 'held'; // settled by a status callback since it was claimed: nothing to send
    const r = await sender.send(sms);
    return { providerMessageId: r.providerMessageId, how: 'sent' };
  }

  /**
   * A provider's word (a status callback) that it has the message of outbox item `outboxId`:
   * a send still ambiguous is settled as sent. Returns whether one was settled.
   */
  async confirmSent(outboxId: number, providerMessageId: string): Promise<boolean> {
    const item = await this.store.outboxItem(outboxId);
    if (!item || item.status !== 'pending' || item.sendingSince == null) return false;
    if (!(await this.markSent(item, providerMessageId))) return false;
    this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, 'confirmed sent');
    this.emit(item.conversationId);
    return true;
  }

  /**
   * Item and message marked sent together, if the item is still pending (one statement checks
   * and writes, so the sender and a status callback on another instance cannot both settle it).
   * Answers whether this call settled it.
   */
  private markSent(item: OutboxItem, providerMessageId: string | null): Promise<boolean> {
    return this.store.transaction(async () => {
      const moved = await this.store.markOutboxIf(item.id, 'pending', 'sent', {
        attempts: item.attempts + 1,
        lastError: null,
        sendingSince: null,
      });
      if (moved) await this.store.setMessageDelivery(item.messageId, 'sent', providerMessageId, null);
      return moved;
    });
  }

  /** The debtor's time zone and policy, from the conversation in memory or the store. */
  private async debtorTime(conversationId: string): Promise<{ timezone: string; policy: Policy } | null> {
    const cached = this.cache.get(conversationId);
    if (cached) return { timezone: cached.conv.account.timezone, policy: cached.conv.policy };
    const row = await this.store.getConversation(conversationId);
    const account = row && (await this.store.getAccount(row.accountId));
    if (!account) return null;
    const layered = withLender(account, this.lenders?.[account.lender]);
    return { timezone: account.timezone, policy: resolvePolicy(layered.policy, jurisdictionOf(layered)) };
  }

  /** The provider's validity window for a send now, or when to try instead (after quiet hours). */
  private async validitySeconds(
    conversationId: string,
    limits: ValidityLimits,
  ): Promise<number | { until: number }> {
    const debtor = await this.debtorTime(conversationId);
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
  private async quietUntil(conversationId: string): Promise<number | null> {
    const debtor = await this.debtorTime(conversationId);
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

  /** Only an item still pending fails: one a status callback settled as sent stays sent. */
  private async fail(outboxId: number, messageId: number, attempts: number, reason: string): Promise<void> {
    const failed = await this.store.transaction(async () => {
      const moved = await this.store.markOutboxIf(outboxId, 'pending', 'failed', {
        attempts,
        lastError: reason,
        sendingSince: null,
      });
      if (moved) await this.store.setMessageDelivery(messageId, 'failed', null, reason);
      return moved;
    });
    if (failed) this.log.warn({ outbox: outboxId, reason }, 'send failed permanently');
  }
}
