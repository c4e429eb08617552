import type { Logger } from 'pino';
import type { InboundSms, SmsSender } from '../channels/channel.ts';
import type { LenderBook } from '../lenders/schema.ts';
import type { ArchivedMessage } from '../dialogue/conversation.ts';
import type { ChannelName, Store, StoredAccount, StoredPayment } from '../store/store.ts';
import { AgentCommands, type ImportResult } from './agent-commands.ts';
import { ConversationCache, DEFAULT_CACHED_MESSAGES } from './conversation-cache.ts';
import type { DemoLocale } from './demo-debtors.ts';
import { receiveSms, type ReceiveResult } from './inbound.ts';
import { OutboxSender } from './outbox-sender.ts';
import {
  ReadModels,
  type ConversationListRow,
  type DemoDebtorRow,
  type ConversationView,
  type InboxFilter,
  type InboxRow,
  type Metrics,
} from './read-models.ts';
import { runDueJobs } from './scheduler.ts';
import { UnitOfWork } from './unit-of-work.ts';

/**
 * The bot as a service: inbound SMS in, state changes and outbound SMS out, all through the
 * store. This class only wires the parts together and is what the HTTP edge and the tests hold:
 * every change to a conversation is one unit of work (unit-of-work.ts), whether an SMS came in
 * (inbound.ts), a deadline fell due (scheduler.ts) or a person acted (agent-commands.ts); the
 * outbox is sent after the commit (outbox-sender.ts); the panel reads through read-models.ts.
 * Nothing here knows Botkit or HTTP; time comes from the injected clock.
 */

export type { ReceiveResult } from './inbound.ts';

export interface ServiceOptions {
  store: Store;
  senders: Partial<Record<ChannelName, SmsSender>>;
  clock: () => number;
  log: Logger;
  /** The channel accounts are reached on before they ever text us. */
  defaultChannel: ChannelName;
  /** Called after a transaction that queued outbound messages commits (tests use it to crash). */
  afterCommit?: () => void;
  /** How long a claimed outbox item is this instance's before another may send it (default 30 s). */
  outboxLeaseMs?: number;
  /** How many debtors' sends are awaited at once (default 1; see OutboxSenderOptions). */
  sendLanes?: number;
  /** How many restored conversations to keep in memory between SMS (default 5000, about 13 KB each for a short conversation; 0: none). */
  cacheSize?: number;
  /** How many messages those conversations may hold together (default DEFAULT_CACHED_MESSAGES: their archives grow). */
  cacheMessages?: number;
  /** The lenders' configuration (CONTRACTS §10, HUIKUAN_CONFIG), loaded once at the edge. */
  lenders?: LenderBook;
}

export class HuikuanService {
  private readonly store: Store;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly cache: ConversationCache;
  private readonly listeners = new Set<(e: { conversationId: string }) => void>();
  private readonly units: UnitOfWork;
  private readonly sender: OutboxSender;
  private readonly commands: AgentCommands;
  private readonly reads: ReadModels;
  /** Stops hearing other instances' changes. */
  readonly stopListening: () => void;

  constructor(o: ServiceOptions) {
    this.store = o.store;
    this.clock = o.clock;
    this.log = o.log;
    this.cache = new ConversationCache(o.cacheSize ?? 5000, o.cacheMessages ?? DEFAULT_CACHED_MESSAGES);
    const emit = (conversationId: string): void => {
      for (const l of this.listeners) l({ conversationId });
    };
    // Another instance committed: our runtime of that conversation is stale, and our panel is told.
    this.stopListening = o.store.onRemoteChange((conversationId) => {
      this.cache.delete(conversationId);
      emit(conversationId);
    });
    this.units = new UnitOfWork({
      store: o.store,
      cache: this.cache,
      clock: o.clock,
      defaultChannel: o.defaultChannel,
      afterCommit: o.afterCommit ?? (() => {}),
      emit,
      log: o.log,
      lenders: o.lenders,
    });
    this.sender = new OutboxSender({
      store: o.store,
      senders: o.senders,
      cache: this.cache,
      clock: o.clock,
      log: o.log,
      emit,
      ...(o.outboxLeaseMs === undefined ? {} : { leaseMs: o.outboxLeaseMs }),
      ...(o.sendLanes === undefined ? {} : { lanes: o.sendLanes }),
      lenders: o.lenders,
    });
    this.commands = new AgentCommands({
      store: o.store,
      units: this.units,
      clock: o.clock,
      log: o.log,
      emit,
    });
    this.reads = new ReadModels(o.store, o.clock, o.lenders);
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

  // --- the bot ---------------------------------------------------------------------------------

  /** One inbound SMS, processed once however often the provider delivers it. */
  receive(sms: InboundSms): Promise<ReceiveResult> {
    return receiveSms({ store: this.store, units: this.units, clock: this.clock, log: this.log }, sms);
  }

  /** Fire every deadline due now: follow-ups, reminders, promise checks, deferred replies. */
  tick(): Promise<number> {
    return runDueJobs({ store: this.store, units: this.units, clock: this.clock });
  }

  /** Send what is due in the outbox; one drain at a time. Resolves to the number sent. */
  drain(): Promise<number> {
    return this.sender.drain();
  }

  /** A provider's status callback says it has this outbox item's message: an ambiguous send is settled as sent. */
  confirmSent(outboxId: number, providerMessageId: string): Promise<boolean> {
    return this.sender.confirmSent(outboxId, providerMessageId);
  }

  // --- people's commands -----------------------------------------------------------------------

  /**
   * Store accounts; each new one gets its first reminder now (or when quiet hours end). A row the
   * store refuses (a phone that belongs to another account) is reported with its line.
   */
  addAccounts(rows: { line: number; account: StoredAccount }[]): Promise<ImportResult> {
    return this.commands.addAccounts(rows);
  }

  /** The agent's own message: the same guard as the bot's; a blocked draft is archived, not sent. */
  agentSend(id: string, text: string): Promise<{ message: ArchivedMessage } | null> {
    return this.commands.agentSend(id, text);
  }

  /** Take over: the bot stops replying and its timers stop. */
  takeover(id: string): Promise<boolean> {
    return this.commands.takeover(id);
  }

  /** Hand back: the bot resumes from the state the agent leaves. */
  handback(id: string): Promise<string | null> {
    return this.commands.handback(id);
  }

  /** Close a handoff (dispute settled, payment confirmed): the bot resumes from `reminded`. */
  resolve(
    id: string,
    resolution: string,
    note: string | null,
  ): Promise<{ ok: boolean; state: string } | null> {
    return this.commands.resolve(id, resolution, note);
  }

  /** A person's recorded decision that a wrong-party number is the debtor's after all. */
  confirmNumber(id: string, note: string): Promise<{ ok: boolean; state: string } | null> {
    return this.commands.confirmNumber(id, note);
  }

  /** A payment received (for the "promises kept" metric and the agent's view). */
  recordPayment(p: {
    accountId: string;
    amount: number;
    paidAt: number;
    reference: string | null;
  }): Promise<{ payment: StoredPayment; promiseKept: boolean } | null> {
    return this.commands.recordPayment(p);
  }

  /** A new demo debtor for the simulator, with a first reminder. */
  addDemoDebtor(locale: DemoLocale): Promise<StoredAccount> {
    return this.commands.addDemoDebtor(locale);
  }

  // --- the panel's views -----------------------------------------------------------------------

  /** A conversation as a CONTRACTS §5 file: its inbound SMS become the turns of a replay test. */
  exportConversation(id: string): Promise<Record<string, unknown> | null> {
    return this.reads.exportConversation(id);
  }

  inbox(filter: InboxFilter, q: string | null, ids?: readonly string[]): Promise<InboxRow[]> {
    return this.reads.inbox(filter, q, ids);
  }

  metrics(): Promise<Metrics> {
    return this.reads.metrics();
  }

  /** Each conversation's handoffResponseHours, the lender's policy layered in (the team inbox's SLA). */
  handoffHours(ids: readonly string[]): Promise<Map<string, number>> {
    return this.reads.handoffHours(ids);
  }

  /** The state of a conversation, cheaply (for live-update events). */
  stateOf(id: string): Promise<string | null> {
    return this.reads.stateOf(id);
  }

  listConversations(): Promise<ConversationListRow[]> {
    return this.reads.listConversations();
  }

  /** The demo debtors with their (made-up) full phones, for the simulator. */
  demoDebtors(): Promise<DemoDebtorRow[]> {
    return this.reads.demoDebtors();
  }

  /** One conversation with every message in order and the replies the bot proposes now. */
  conversation(id: string): Promise<ConversationView | null> {
    return this.reads.conversation(id);
  }
}
