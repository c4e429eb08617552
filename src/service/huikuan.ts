import type { Logger } from 'pino';
import { PermanentSendError, type InboundSms, type SmsSender } from '../channels/channel.ts';
import { Conversation, planView, type ArchivedMessage } from '../dialogue/conversation.ts';
import { suggest, type Suggestion } from '../dialogue/suggest.ts';
import { maskPhone } from '../log.ts';
import { ConversationCache } from './conversation-cache.ts';
import { resolvePolicy } from '../planning/policy.ts';
import { formatZoned } from '../time/timezone.ts';
import { isQuiet, quietEndAfter } from '../time/quiet-hours.ts';
import type {
  ChannelName,
  ConversationRow,
  MessageStatus,
  RawMetrics,
  Store,
  StoredAccount,
  StoredMessage,
  StoredPayment,
} from '../store/store.ts';

/**
 * The bot as a service: inbound SMS in, state changes and outbound SMS out, all through the
 * store. Every inbound is handled in one synchronous transaction (dedupe, dialogue, archive,
 * schedule, outbox), so a crash leaves either all of it or none. Sending happens after the
 * commit, from the outbox, so a restart resends what was committed and never sent.
 * Nothing here knows Botkit or HTTP; time comes from the injected clock.
 */

export interface ServiceOptions {
  store: Store;
  senders: Partial<Record<ChannelName, SmsSender>>;
  clock: () => number;
  log: Logger;
  /** The channel accounts are reached on before they ever text us. */
  defaultChannel: ChannelName;
  /** Called after a transaction that queued outbound messages commits (tests use it to crash). */
  afterCommit?: () => void;
  /** How many restored conversations to keep in memory between SMS (default 5000, about 13 KB each for a short conversation; 0: none). */
  cacheSize?: number;
}

/** A conversation being worked on: its runtime, its row and what was last persisted of it. */
interface Working {
  conv: Conversation;
  row: ConversationRow;
  account: StoredAccount;
  /** Each message's runtime status as last persisted, by seq. */
  statuses: Map<number, ArchivedMessage['status']>;
  /** The schedule mirror as last written (JSON of the jobs). */
  jobsJson: string;
}

export interface ReceiveResult {
  duplicate: boolean;
  /** No account has this phone: archived, never answered. */
  unknown: boolean;
  conversationId: string | null;
  inbound: StoredMessage | null;
  /** The reply to this SMS (queued, deferred or blocked), if the bot answers it. */
  replies: StoredMessage[];
}

/** Retry a transient send failure with backoff, at most this many times. */
const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** attempts);

const runtimeStatus = (s: MessageStatus): ArchivedMessage['status'] =>
  s === 'queued' || s === 'sent' || s === 'failed' ? 'sent' : s;

export class HuikuanService {
  private readonly store: Store;
  private readonly senders: Partial<Record<ChannelName, SmsSender>>;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly defaultChannel: ChannelName;
  private readonly afterCommit: () => void;
  private draining: Promise<number> | null = null;
  /** Set when drain() is asked for while a drain runs: the running one looks once more before it ends. */
  private drainAgain = false;
  private readonly cache: ConversationCache;
  private readonly listeners = new Set<(e: { conversationId: string }) => void>();

  constructor(o: ServiceOptions) {
    this.store = o.store;
    this.senders = o.senders;
    this.clock = o.clock;
    this.log = o.log;
    this.defaultChannel = o.defaultChannel;
    this.afterCommit = o.afterCommit ?? (() => {});
    this.cache = new ConversationCache(o.cacheSize ?? 5000);
  }

  /** How many restored conversations are held in memory now. */
  get cachedConversations(): number {
    return this.cache.size;
  }

  now(): number {
    return this.clock();
  }

  /** Be told when a conversation changes (the panel's live updates). */
  onChange(listener: (e: { conversationId: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- conversations in and out of the store ---------------------------------------------------

  private load(
    row: ConversationRow,
    account: StoredAccount,
  ): { conv: Conversation; before: Map<number, ArchivedMessage['status']> } {
    const stored = this.store.listMessages(row.id);
    const messages = stored.map((m) => ({ ...m.message, status: runtimeStatus(m.status) }));
    const conv = Conversation.restore({
      id: row.id,
      account,
      snapshot: row.data.snapshot as never,
      messages,
      jobs: row.data.jobs,
      nextJobId: row.data.nextJobId,
    });
    return { conv, before: new Map(messages.map((m) => [m.seq, m.status])) };
  }

  /**
   * The conversation to work on, inside a transaction: the runtime this process committed last
   * (cached), else restored from the store, else a new one. Call `cache.sync` first.
   */
  private working(row: ConversationRow, account: StoredAccount): Working {
    const hit = this.cache.get(row.id);
    if (hit && hit.row === row) return { ...hit, account };
    if (!row.data.snapshot) {
      return {
        conv: Conversation.create(row.id, account),
        row,
        account,
        statuses: new Map(),
        jobsJson: JSON.stringify(row.data.jobs),
      };
    }
    const { conv, before } = this.load(row, account);
    return { conv, row, account, statuses: before, jobsJson: JSON.stringify(row.data.jobs) };
  }

  /** The row of a conversation: the cached one (current: this process wrote it last), else the store's. */
  private rowOf(id: string): ConversationRow | null {
    return this.cache.get(id)?.row ?? this.store.getConversation(id);
  }

  private rowOfAccount(accountId: string): ConversationRow | null {
    return this.cache.byAccountId(accountId)?.row ?? this.store.getConversationByAccount(accountId);
  }

  /** After a commit: keep the runtime for the next SMS (an opted-out debtor's is never needed again). */
  private keep(w: Working): void {
    if (w.conv.state === 'opted_out') this.cache.delete(w.row.id);
    else this.cache.set(w);
  }

  /**
   * Persist what the runtime changed: the conversation, new and re-judged messages, the
   * schedule, and an outbox item for each message newly cleared to send. Returns the stored
   * outbound messages that changed.
   */
  private persist(w: Working): StoredMessage[] {
    const { conv, row, account } = w;
    const before = w.statuses;
    const data = conv.toJSON();
    row.state = conv.state;
    row.data = { snapshot: data.snapshot, jobs: data.jobs, nextJobId: data.nextJobId };
    row.updatedAt = this.now();
    this.store.saveConversation(row);
    // The schedule mirror is rewritten only when the jobs changed (most replies leave them be).
    const jobsJson = JSON.stringify(data.jobs);
    if (jobsJson !== w.jobsJson) this.store.replaceSchedule(row.id, data.jobs);
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
      const stored = this.store.upsertOutbound({
        conversationId: row.id,
        message: m,
        status,
        channel: row.channel,
        providerMessageId: null,
        phone: account.phone,
        reason,
      });
      if (m.status === 'sent')
        this.store.enqueue({
          messageId: stored.id,
          conversationId: row.id,
          channel: row.channel,
          to: account.phone,
          text: m.text,
          nextAttemptAt: m.at,
          createdAt: this.now(),
        });
      changed.push(stored);
    }
    if (conv.state === 'opted_out') {
      // Opt-out cancels everything pending for this debtor, but the one confirmation.
      const confirm = changed.find(
        (m) => m.message.acts?.includes('opt_out_confirm') && m.status === 'queued',
      );
      for (const item of this.store.cancelPendingOutbox(row.id, confirm?.id ?? null)) {
        this.store.setMessageDelivery(
          item.messageId,
          'blocked',
          null,
          'cancelled: the debtor opted out before it was sent',
        );
      }
    }
    return changed;
  }

  private emit(conversationId: string): void {
    for (const l of this.listeners) l({ conversationId });
  }

  // --- inbound ---------------------------------------------------------------------------------

  /** One inbound SMS, processed once however often the provider delivers it. */
  receive(sms: InboundSms): ReceiveResult {
    const at = this.now();
    let queued = 0;
    let result: ReceiveResult;
    let w: Working | null = null;
    try {
      result = this.store.transaction((): ReceiveResult => {
        this.cache.sync(this.store.dataVersion());
        const account = this.store.getAccountByPhone(sms.from);
        if (!account) {
          const inbound = this.store.insertInbound({
            conversationId: null,
            message: { seq: 0, direction: 'in', at, text: sms.text, status: 'received' },
            status: 'received',
            channel: sms.channel,
            providerMessageId: sms.providerMessageId,
            phone: sms.from,
            reason: 'unknown number',
          });
          return { duplicate: inbound === null, unknown: true, conversationId: null, inbound, replies: [] };
        }
        const row = this.rowOfAccount(account.id) ?? this.newConversationRow(account, sms.channel);
        w = this.working(row, account);
        row.channel = sms.channel;
        const { conv } = w;
        conv.runDue(at);
        const { inbound, out } = row.paused
          ? { inbound: conv.archiveInbound(sms.text, at), out: [] }
          : conv.receive(sms.text, at);
        const storedIn = this.store.insertInbound({
          conversationId: row.id,
          message: inbound,
          status: 'received',
          channel: sms.channel,
          providerMessageId: sms.providerMessageId,
          phone: sms.from,
          reason: null,
        });
        if (storedIn === null) throw new DuplicateDelivery();
        const changed = this.persist(w);
        queued = changed.filter((m) => m.status === 'queued').length;
        const replies = changed.filter(
          (m) => out.some((o) => o.seq === m.message.seq) && m.message.inReplyTo === inbound.seq,
        );
        return { duplicate: false, unknown: false, conversationId: row.id, inbound: storedIn, replies };
      });
    } catch (err) {
      // Rolled back: the runtime in hand saw changes the store did not keep.
      if (w) this.cache.delete((w as Working).row.id);
      if (!(err instanceof DuplicateDelivery)) throw err;
      // The UNIQUE key refused a redelivery: everything this attempt did was rolled back.
      this.log.info(
        { channel: sms.channel, providerMessageId: sms.providerMessageId, from: sms.from },
        'duplicate delivery ignored',
      );
      return { duplicate: true, unknown: false, conversationId: null, inbound: null, replies: [] };
    }
    if (result.duplicate) return result;
    if (w) this.keep(w);
    this.log.info(
      {
        channel: sms.channel,
        from: sms.from,
        conversation: result.conversationId,
        unknown: result.unknown,
        intent: result.inbound?.message.parsed?.intent,
      },
      'inbound',
    );
    this.log.debug({ text: sms.text }, 'inbound text');
    if (queued > 0) this.afterCommit();
    if (result.conversationId) this.emit(result.conversationId);
    return result;
  }

  private newConversationRow(account: StoredAccount, channel: ChannelName): ConversationRow {
    return {
      id: account.id,
      accountId: account.id,
      channel,
      state: 'idle',
      data: { snapshot: null, jobs: [], nextJobId: 1 },
      paused: false,
      updatedAt: this.now(),
    };
  }

  // --- accounts --------------------------------------------------------------------------------

  /**
   * Store accounts; each new one gets its first reminder now (or when quiet hours end). A row the
   * store refuses (a phone that belongs to another account) is reported with its line.
   */
  addAccounts(rows: { line: number; account: StoredAccount }[]): {
    created: number;
    updated: number;
    errors: { line: number; error: string }[];
  } {
    let created = 0;
    let updated = 0;
    let queued = 0;
    const errors: { line: number; error: string }[] = [];
    const touched: string[] = [];
    this.store.transaction(() => {
      for (const { line, account } of rows) {
        let r: { created: boolean };
        try {
          r = this.store.upsertAccount(account);
        } catch (err) {
          errors.push({ line, error: (err as Error).message });
          continue;
        }
        if (!r.created) {
          // The cached runtime holds the account as it was.
          this.cache.deleteAccount(account.id);
          updated++;
          continue;
        }
        created++;
        const row = this.newConversationRow(account, this.defaultChannel);
        const conv = Conversation.create(row.id, account);
        conv.start(this.now());
        queued += this.persist({ conv, row, account, statuses: new Map(), jobsJson: '[]' }).filter(
          (m) => m.status === 'queued',
        ).length;
        touched.push(row.id);
      }
    });
    if (queued > 0) this.afterCommit();
    for (const id of touched) this.emit(id);
    this.log.info({ created, updated, refused: errors.length }, 'accounts imported');
    return { created, updated, errors };
  }

  // --- the scheduler ---------------------------------------------------------------------------

  /** Fire every deadline due now: follow-ups, reminders, promise checks, deferred replies. */
  tick(): number {
    const at = this.now();
    let fired = 0;
    let queued = 0;
    const touched: string[] = [];
    for (const id of this.store.dueConversations(at, 200)) {
      let w: Working | null = null;
      try {
        this.store.transaction(() => {
          this.cache.sync(this.store.dataVersion());
          const row = this.rowOf(id);
          const account = row && this.store.getAccount(row.accountId);
          if (!row || !account) return this.store.replaceSchedule(id, []);
          w = this.working(row, account);
          const out = w.conv.runDue(at);
          fired += out.length;
          queued += this.persist(w).filter((m) => m.status === 'queued').length;
          touched.push(id);
        });
      } catch (err) {
        this.cache.delete(id);
        throw err;
      }
      if (w) this.keep(w);
    }
    if (queued > 0) this.afterCommit();
    for (const id of touched) this.emit(id);
    return fired;
  }

  // --- the outbox ------------------------------------------------------------------------------

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
      const item = this.store.pendingOutbox(this.now(), 1)[0];
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
        const r = await sender.send({ id: item.id, to: item.to, text: item.text });
        this.store.transaction(() => {
          this.store.markOutbox(item.id, 'sent', { attempts: item.attempts + 1, lastError: null });
          this.store.setMessageDelivery(item.messageId, 'sent', r.providerMessageId, null);
        });
        sent++;
        this.log.info({ channel: item.channel, to: item.to, outbox: item.id }, 'sent');
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS) {
          this.fail(item.id, item.messageId, item.attempts + 1, message);
        } else {
          this.store.markOutbox(item.id, 'pending', {
            attempts: item.attempts + 1,
            nextAttemptAt: this.now() + backoffMs(item.attempts),
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

  /** When the debtor's quiet hours end, if they are in them now; null otherwise. */
  private quietUntil(conversationId: string): number | null {
    const cached = this.cache.get(conversationId);
    let tz: string;
    let quietHours;
    if (cached) {
      tz = cached.conv.account.timezone;
      quietHours = cached.conv.policy.quietHours;
    } else {
      const row = this.store.getConversation(conversationId);
      const account = row && this.store.getAccount(row.accountId);
      if (!account) return null;
      tz = account.timezone;
      quietHours = resolvePolicy(account.policy).quietHours;
    }
    const now = this.now();
    return isQuiet(now, tz, quietHours) ? quietEndAfter(now, tz, quietHours) : null;
  }

  private fail(outboxId: number, messageId: number, attempts: number, reason: string): void {
    this.store.transaction(() => {
      this.store.markOutbox(outboxId, 'failed', { attempts, lastError: reason });
      this.store.setMessageDelivery(messageId, 'failed', null, reason);
    });
    this.log.warn({ outbox: outboxId, reason }, 'send failed permanently');
  }

  // --- the agent ------------------------------------------------------------------------------

  /** Load a conversation for an agent action and persist what it did, in one transaction. */
  private act<T>(
    id: string,
    f: (conv: Conversation, row: ConversationRow, account: StoredAccount) => T,
  ): T | null {
    let queued = 0;
    let w: Working | null = null;
    let r: { out: T } | null;
    try {
      r = this.store.transaction(() => {
        this.cache.sync(this.store.dataVersion());
        const row = this.rowOf(id);
        const account = row && this.store.getAccount(row.accountId);
        if (!row || !account) return null;
        w = this.working(row, account);
        const out = f(w.conv, row, account);
        queued = this.persist(w).filter((m) => m.status === 'queued').length;
        return { out };
      });
    } catch (err) {
      this.cache.delete(id);
      throw err;
    }
    if (!r) return null;
    if (w) this.keep(w);
    if (queued > 0) this.afterCommit();
    this.emit(id);
    return r.out;
  }

  /** The agent's own message: the same guard as the bot's; a blocked draft is archived, not sent. */
  agentSend(id: string, text: string): { message: ArchivedMessage } | null {
    return this.act(id, (conv) => ({ message: conv.agentSay(text, this.now()) }));
  }

  /** Take over: the bot stops replying and its timers stop. */
  takeover(id: string): boolean {
    return (
      this.act(id, (conv, row) => {
        conv.pauseTimers();
        row.paused = true;
        return true;
      }) ?? false
    );
  }

  /** Hand back: the bot resumes from the state the agent leaves. */
  handback(id: string): string | null {
    return this.act(id, (conv, row) => {
      row.paused = false;
      return conv.state;
    });
  }

  /** Close a handoff (dispute settled, payment confirmed): the bot resumes from `reminded`. */
  resolve(id: string, resolution: string, note: string | null): { ok: boolean; state: string } | null {
    return this.act(id, (conv, row) => {
      if (conv.state !== 'handoff') return { ok: false, state: conv.state };
      conv.resolve(this.now());
      row.paused = false;
      this.log.info({ conversation: id, resolution, note: note ? '[note]' : null }, 'handoff resolved');
      return { ok: true, state: conv.state };
    });
  }

  /** A payment received (for the "promises kept" metric and the agent's view). */
  recordPayment(p: {
    accountId: string;
    amount: number;
    paidAt: number;
    reference: string | null;
  }): { payment: StoredPayment; promiseKept: boolean } | null {
    const account = this.store.getAccount(p.accountId);
    if (!account) return null;
    const payment = this.store.insertPayment({ ...p, createdAt: this.now() });
    const kept = this.promisesOf(this.store.metricsRaw(), this.store.listPayments()).some(
      (x) => x.keptBy === payment.id,
    );
    const row = this.store.getConversationByAccount(p.accountId);
    if (row) this.emit(row.id);
    return { payment, promiseKept: kept };
  }

  /** A new demo debtor for the simulator, with a first reminder. */
  addDemoDebtor(locale: 'zh-CN' | 'en-US'): StoredAccount {
    const accounts = this.store.listAccounts();
    const ids = new Set(accounts.map((a) => a.id));
    const phones = new Set(accounts.map((a) => a.phone));
    const zhPhone = (k: number) => `+86137${String(k).padStart(8, '0')}`;
    const enPhone = (k: number) => `+1555${String(k).padStart(7, '0')}`;
    let n = 1;
    while (ids.has(`demo-${n}`) || phones.has(locale === 'zh-CN' ? zhPhone(n) : enPhone(n))) n++;
    const zhNames = ['王芳', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴斌'];
    const enNames = [
      'James Carter',
      'Emily Chen',
      'Daniel Kim',
      'Sofia Garcia',
      'Noah Patel',
      'Olivia Brown',
    ];
    const zh = locale === 'zh-CN';
    const account: StoredAccount = {
      id: `demo-${n}`,
      phone: zh ? zhPhone(n) : enPhone(n),
      debtorName: zh ? zhNames[(n - 1) % zhNames.length]! : enNames[(n - 1) % enNames.length]!,
      lender: zh ? '安心贷' : 'QuickCash',
      balance: (800 + ((n * 1373) % 9200)) * 100,
      currency: zh ? 'CNY' : 'USD',
      overdueDays: [2, 5, 9, 15, 30][n % 5]!,
      locale,
      timezone: zh ? 'Asia/Shanghai' : 'America/New_York',
      demo: true,
      createdAt: this.now(),
    };
    const r = this.addAccounts([{ line: 1, account }]);
    if (r.created !== 1)
      throw new Error(`demo debtor not created: ${r.errors[0]?.error ?? 'already exists'}`);
    return account;
  }

  /** A conversation as a CONTRACTS §5 file: its inbound SMS become the turns of a replay test. */
  exportConversation(id: string): Record<string, unknown> | null {
    const row = this.store.getConversation(id);
    const account = row && this.store.getAccount(row.accountId);
    if (!row || !account) return null;
    const messages = this.store.listMessages(id).map((m) => m.message);
    const tz = account.timezone;
    const start = messages[0]?.at ?? row.updatedAt;
    return {
      id,
      locale: account.locale,
      timezone: tz,
      start: formatZoned(start, tz),
      account: {
        debtorName: account.debtorName,
        lender: account.lender,
        balance: account.balance / 100,
        currency: account.currency,
        overdueDays: account.overdueDays,
      },
      ...(account.policy ? { policy: account.policy } : {}),
      turns: messages
        .filter((m) => m.direction === 'in')
        .map((m) => ({ at: formatZoned(m.at, tz), text: m.text, expect: { intent: m.parsed?.intent } })),
    };
  }

  inbox(filter: InboxFilter, q: string | null): InboxRow[] {
    const states: Record<InboxFilter, readonly string[] | null> = {
      all: null,
      needs_person: ['handoff'],
      negotiating: ['clarify', 'offer', 'promised'],
      agreed: ['agreed'],
      opted_out: ['opted_out'],
      wrong_party: ['wrong_party'],
    };
    const digits = q?.replace(/[^\d]/g, '') ?? '';
    const query =
      q && q.trim() !== '' ? (digits.length >= 3 && /^[\d\s+*-]+$/.test(q) ? digits : q.trim()) : null;
    return this.store.inbox(states[filter], filter === 'needs_person', query, 500).map((r) => {
      return {
        id: r.id,
        debtorName: r.debtorName,
        phone: maskPhone(r.phone),
        state: r.state,
        paused: r.paused,
        needsPerson: r.state === 'handoff' || r.paused,
        overdueDays: r.overdueDays,
        balance: r.balance / 100,
        currency: r.currency,
        locale: r.locale,
        demo: r.demo,
        updatedAt: new Date(r.updatedAt).toISOString(),
        lastMessage: r.last ? { ...r.last, at: formatZoned(r.last.at, r.timezone) } : null,
      };
    });
  }

  /** Which promises were kept: a payment after the promise, by the end of the day after its date. */
  private promisesOf(
    raw: RawMetrics,
    payments: StoredPayment[],
  ): { accountId: string; due: number; keptBy: number | null }[] {
    const DAY = 86_400_000;
    return raw.promises.map((p) => {
      const due = p.date ? Date.parse(`${p.date}T00:00:00Z`) + 2 * DAY : p.at + 3 * DAY;
      const pay = payments.find(
        (x) => x.accountId === p.accountId && x.paidAt >= p.at - DAY && x.paidAt < due,
      );
      return { accountId: p.accountId, due, keptBy: pay?.id ?? null };
    });
  }

  /** The seeds' metrics, from the store. */
  metrics(): Metrics {
    const raw = this.store.metricsRaw();
    const payments = this.store.listPayments();
    const now = this.now();
    const promises = this.promisesOf(raw, payments);
    const due = promises.filter((p) => p.due <= now || p.keptBy !== null);
    const kept = due.filter((p) => p.keptBy !== null);
    const firstIn = new Map(raw.firstInbound.map((f) => [f.accountId, f.at]));
    const paid = new Map<string, number>();
    for (const p of payments) if (!paid.has(p.accountId)) paid.set(p.accountId, p.paidAt);
    const agreed = new Set(raw.agreedAccounts);
    let prompt = 0;
    let hesitant = 0;
    let unreachable = 0;
    for (const a of new Set([...raw.contactedAccounts, ...paid.keys()])) {
      const inAt = firstIn.get(a);
      const payAt = paid.get(a);
      if (payAt !== undefined && (inAt === undefined || payAt <= inAt)) prompt++;
      else if (inAt === undefined) unreachable++;
      else if (!agreed.has(a) && payAt === undefined) hesitant++;
    }
    const byDay = new Map(raw.daily.map((d) => [d.date, { ...d, payments: 0 }]));
    for (const p of payments) {
      const date = new Date(p.paidAt).toISOString().slice(0, 10);
      const d = byDay.get(date) ?? { date, sent: 0, received: 0, agreed: 0, promised: 0, payments: 0 };
      d.payments++;
      byDay.set(date, d);
    }
    const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
    return {
      totals: {
        debtors: raw.debtors,
        contacted: raw.contacted,
        replied: raw.replied,
        promised: raw.promised,
        agreed: raw.agreed,
        promisesDue: due.length,
        promisesKept: kept.length,
        complaints: raw.complaints,
        optedOut: raw.optedOut,
        payments: payments.length,
      },
      rates: {
        reply: rate(raw.replied, raw.contacted),
        promiseToPay: rate(raw.promised, raw.contacted),
        agreement: rate(raw.agreed, raw.contacted),
        promisesKept: rate(kept.length, due.length),
        complaint: rate(raw.complaints, raw.contacted),
        optOut: rate(raw.optedOut, raw.contacted),
      },
      segments: { prompt, hesitant, unreachable },
      daily: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  // --- views -----------------------------------------------------------------------------------

  /** The state of a conversation, cheaply (for live-update events). */
  stateOf(id: string): string | null {
    return this.store.getConversation(id)?.state ?? null;
  }

  listConversations(): { id: string; accountId: string; phone: string; state: string; updatedAt: string }[] {
    // One query with the accounts joined in, not a lookup per conversation.
    return this.store.inbox(null, false, null, -1).map((c) => ({
      id: c.id,
      accountId: c.accountId,
      phone: maskPhone(c.phone),
      state: c.state,
      updatedAt: new Date(c.updatedAt).toISOString(),
    }));
  }

  /** One conversation with every message in order and the replies the bot proposes now. */
  conversation(id: string): ConversationView | null {
    const row = this.store.getConversation(id);
    const account = row && this.store.getAccount(row.accountId);
    if (!row || !account) return null;
    const stored = this.store.listMessages(id);
    const tz = account.timezone;
    const messages = stored.map((m) => ({
      id: m.id,
      seq: m.message.seq,
      direction: m.message.direction,
      at: formatZoned(m.message.at, tz),
      text: m.message.text,
      status: m.status,
      ...(m.message.kind ? { kind: m.message.kind, state: m.message.state, acts: m.message.acts } : {}),
      ...(m.message.parsed ? { parse: m.message.parsed } : {}),
      ...(m.message.offers ? { offers: m.message.offers } : {}),
      ...(m.message.plan ? { plan: m.message.plan } : {}),
      ...(m.message.until !== undefined && m.status === 'deferred'
        ? { until: formatZoned(m.message.until, tz) }
        : {}),
      ...(m.reason ? { reason: m.reason } : {}),
      ...(m.message.direction === 'out' ? { author: m.message.author ?? 'bot' } : {}),
    }));
    const { conv } = row.data.snapshot
      ? this.load(row, account)
      : { conv: Conversation.create(row.id, account) };
    return {
      id: row.id,
      accountId: row.accountId,
      phone: maskPhone(account.phone),
      channel: row.channel,
      state: conv.state,
      paused: row.paused,
      updatedAt: new Date(row.updatedAt).toISOString(),
      account: {
        debtorName: account.debtorName,
        lender: account.lender,
        balance: account.balance / 100,
        currency: account.currency,
        overdueDays: account.overdueDays,
        locale: account.locale,
        timezone: account.timezone,
        demo: account.demo,
      },
      context: {
        rounds: conv.context.rounds,
        capacity: conv.context.capacity === null ? null : conv.context.capacity / 100,
        hardship: conv.context.hardship,
        offers: conv.context.offers.map(planView),
        plan: conv.context.plan ? planView(conv.context.plan) : null,
        promise: conv.context.promise
          ? {
              amount: conv.context.promise.amount === null ? null : conv.context.promise.amount / 100,
              date: conv.context.promise.date,
            }
          : null,
        handoffReason: conv.context.handoffReason,
      },
      messages,
      suggestions: suggest(conv, this.now()).map(({ deferredUntil, ...x }) => ({
        ...x,
        ...(deferredUntil !== undefined ? { deferredUntil: formatZoned(deferredUntil, tz) } : {}),
      })),
    };
  }
}

export type InboxFilter = 'all' | 'needs_person' | 'negotiating' | 'agreed' | 'opted_out' | 'wrong_party';

export interface InboxRow {
  id: string;
  debtorName: string;
  phone: string;
  state: string;
  paused: boolean;
  needsPerson: boolean;
  overdueDays: number;
  balance: number;
  currency: string;
  locale: string;
  demo: boolean;
  updatedAt: string;
  lastMessage: { direction: 'in' | 'out'; text: string; at: string; status: MessageStatus } | null;
}

export interface Metrics {
  totals: Record<
    | 'debtors'
    | 'contacted'
    | 'replied'
    | 'promised'
    | 'agreed'
    | 'promisesDue'
    | 'promisesKept'
    | 'complaints'
    | 'optedOut'
    | 'payments',
    number
  >;
  rates: Record<'reply' | 'promiseToPay' | 'agreement' | 'promisesKept' | 'complaint' | 'optOut', number>;
  segments: { prompt: number; hesitant: number; unreachable: number };
  daily: {
    date: string;
    sent: number;
    received: number;
    agreed: number;
    promised: number;
    payments: number;
  }[];
}

export interface ConversationView {
  id: string;
  accountId: string;
  phone: string;
  channel: ChannelName;
  state: string;
  paused: boolean;
  updatedAt: string;
  account: Record<string, unknown>;
  context: Record<string, unknown>;
  messages: Record<string, unknown>[];
  suggestions: (Omit<Suggestion, 'deferredUntil'> & { deferredUntil?: string })[];
}

class DuplicateDelivery extends Error {}
