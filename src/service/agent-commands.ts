import type { Logger } from 'pino';
import type { ArchivedMessage } from '../dialogue/conversation.ts';
import type { Store, StoredAccount, StoredPayment } from '../store/store.ts';
import { nextDemoDebtor, type DemoLocale } from './demo-debtors.ts';
import { promiseOutcomes } from './kept-promises.ts';
import type { Committed, UnitOfWork, Working } from './unit-of-work.ts';

/**
 * What a person does from the panel (or the seed at start-up): import accounts, write to a
 * debtor, take a conversation over and hand it back, close a handoff, record a payment, add a
 * demo debtor. Each change to a conversation is one unit of work, like the bot's own.
 */

export interface AgentCommandsOptions {
  store: Store;
  units: UnitOfWork;
  clock: () => number;
  log: Logger;
  /** Tells listeners a conversation changed. */
  emit: (conversationId: string) => void;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: { line: number; error: string }[];
}

/** What a batch of rows did inside its transaction, announced after the commit. */
interface Stored {
  updated: number;
  errors: { line: number; error: string }[];
  started: Committed<undefined>[];
}

/** The key demo debtors are added under, one at a time (held like a conversation, for the transaction). */
const DEMO_DEBTORS_LOCK = 'lock:demo-debtors';

export class AgentCommands {
  private readonly store: Store;
  private readonly units: UnitOfWork;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly emit: (conversationId: string) => void;

  constructor(o: AgentCommandsOptions) {
    this.store = o.store;
    this.units = o.units;
    this.clock = o.clock;
    this.log = o.log;
    this.emit = o.emit;
  }

  /**
   * Store accounts; each new one gets its first reminder now (or when quiet hours end). A row the
   * store refuses (a phone that belongs to another account) is reported with its line.
   */
  async addAccounts(rows: { line: number; account: StoredAccount }[]): Promise<ImportResult> {
    const r = await this.store.transaction(() => this.storeAccounts(rows));
    return this.announced(r);
  }

  /** Inside the caller's transaction: upsert each row, starting the new accounts' conversations. */
  private async storeAccounts(rows: { line: number; account: StoredAccount }[]): Promise<Stored> {
    const out: Stored = { updated: 0, errors: [], started: [] };
    for (const { line, account } of rows) {
      let r: { created: boolean };
      try {
        r = await this.store.upsertAccount(account);
      } catch (err) {
        out.errors.push({ line, error: (err as Error).message });
        continue;
      }
      if (!r.created) {
        this.units.forgetAccount(account.id);
        out.updated++;
        continue;
      }
      out.started.push(await this.units.start(account));
    }
    return out;
  }

  /** After the commit: wake the sender, tell the panel, log. */
  private announced({ updated, errors, started }: Stored): ImportResult {
    this.units.announce(started);
    const created = started.length;
    this.log.info({ created, updated, refused: errors.length }, 'accounts imported');
    return { created, updated, errors };
  }

  /** The agent's own message: the same guard as the bot's; a blocked draft is archived, not sent. */
  agentSend(id: string, text: string): Promise<{ message: ArchivedMessage } | null> {
    return this.act(id, ({ conv }) => ({ message: conv.agentSay(text, this.clock()) }));
  }

  /** Take over: the bot stops replying and its timers stop. */
  async takeover(id: string): Promise<boolean> {
    return (
      (await this.act(id, ({ conv, row }) => {
        conv.pauseTimers();
        row.paused = true;
        return true;
      })) ?? false
    );
  }

  /** Hand back: the bot resumes from the state the agent leaves. */
  handback(id: string): Promise<string | null> {
    return this.act(id, ({ conv, row }) => {
      row.paused = false;
      return conv.state;
    });
  }

  /** Close a handoff (dispute settled, payment confirmed): the bot resumes from `reminded`. */
  resolve(
    id: string,
    resolution: string,
    note: string | null,
  ): Promise<{ ok: boolean; state: string } | null> {
    return this.act(id, ({ conv, row }) => {
      if (conv.state !== 'handoff') return { ok: false, state: conv.state };
      conv.resolve(this.clock());
      row.paused = false;
      this.log.info({ conversation: id, resolution, note: note ? '[note]' : null }, 'handoff resolved');
      return { ok: true, state: conv.state };
    });
  }

  /**
   * A person records that a wrong-party number is the debtor's after all (the debtor called in and
   * confirmed it, say). Nothing else reopens it; the decision and its note are kept with the
   * conversation and logged, and from then on only a person's messages (still guarded) go out.
   */
  confirmNumber(id: string, note: string): Promise<{ ok: boolean; state: string } | null> {
    return this.act(id, ({ conv }) => {
      const ok = conv.confirmNumber(note, this.clock());
      if (ok) this.log.info({ conversation: id }, 'wrong-party number confirmed by a person');
      return { ok, state: conv.state };
    });
  }

  /** A payment received (for the "promises kept" metric and the agent's view). */
  async recordPayment(p: {
    accountId: string;
    amount: number;
    paidAt: number;
    reference: string | null;
  }): Promise<{ payment: StoredPayment; promiseKept: boolean } | null> {
    const account = await this.store.getAccount(p.accountId);
    if (!account) return null;
    const insert = () => this.store.insertPayment({ ...p, createdAt: this.clock() });
    const row = await this.store.getConversationByAccount(p.accountId);
    let payment: StoredPayment | null = null;
    if (row && !row.paused) {
      // The payment and what it does to the plan (a guarded thank-you with what is left and the
      // next due date, or the closing message when it was the last) commit together.
      await this.act(row.id, async ({ conv }) => {
        payment = await insert();
        conv.recordPayment(p.amount, this.clock());
        return null;
      });
    }
    // No conversation yet, or a person holds it: the payment is recorded, the bot says nothing.
    if (payment === null) {
      payment = await insert();
      if (row) this.emit(row.id);
    }
    const stored: StoredPayment = payment;
    const kept = promiseOutcomes(await this.store.metricsRaw(), await this.store.listPayments()).some(
      (x) => x.keptBy === stored.id,
    );
    return { payment: stored, promiseKept: kept };
  }

  /** A new demo debtor for the simulator, with a first reminder. */
  async addDemoDebtor(locale: DemoLocale): Promise<StoredAccount> {
    // The next id and phone are read from the accounts there are, and taken, in one transaction
    // holding one lock: two requests at once (on one instance or two) never pick the same one.
    const { account, stored } = await this.store.transaction(async () => {
      await this.store.lockConversation(DEMO_DEBTORS_LOCK, true);
      const account = nextDemoDebtor(await this.store.listAccounts(), locale, this.clock());
      return { account, stored: await this.storeAccounts([{ line: 1, account }]) };
    });
    const r = this.announced(stored);
    if (r.created !== 1)
      throw new Error(`demo debtor not created: ${r.errors[0]?.error ?? 'already exists'}`);
    return account;
  }

  /** One conversation, one unit of work, for an agent action; null when there is no such conversation. */
  private async act<T>(id: string, f: (w: Working) => T | Promise<T>): Promise<T | null> {
    const done = await this.units.run<T | null>(async () => (await this.units.find(id)) ?? { none: null }, f);
    if (done.conversationId === null) return null;
    this.units.announce([done]);
    return done.value;
  }
}
