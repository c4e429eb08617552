import { createActor, type Actor, type Snapshot } from 'xstate';
import {
  negotiationMachine,
  type JobKind,
  type NegotiationEvent,
  type ScheduleRequest,
} from '../../machines/negotiation.ts';
import { initialContext } from '../../machines/context.ts';
import { guard, type GuardVerdict } from '../compliance/guard.ts';
import { parse } from '../parse/index.ts';
import { yesNoOf } from '../parse/yes-no.ts';
import type { ParseContext } from '../parse/schema.ts';
import { resolvePolicy, type Policy } from '../planning/policy.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { render } from '../messages/index.ts';
import { withChannelParts } from '../messages/sms-parts.ts';
import { isQuiet, quietEndAfter } from '../time/quiet-hours.ts';
import { formatZoned, zonedEpoch, zonedParts } from '../time/timezone.ts';
import { withLender } from '../lenders/layering.ts';
import { templatesOf, type LenderBook } from '../lenders/schema.ts';
import { guardInputOf, type GuardedConversation } from './guard-input.ts';
import { offerViolations } from './offer-check.ts';
import type { Account, Draft } from './types.ts';

/**
 * The runtime of one conversation: it feeds events to the negotiation machine, turns the
 * machine's drafts into text (templates), passes every text through the compliance guard, and
 * keeps the durable schedule (follow-ups, installment reminders, promise checks, deferred
 * deliveries). Time is always passed in; nothing here reads a clock. Its whole state is plain
 * JSON (`toJSON` / `Conversation.restore`), so a store can persist it and a restart resumes it.
 */

import {
  lastReceivedText,
  planView,
  publicState,
  waitingTexts,
  type ArchivedMessage,
  type ConversationJSON,
  type Job,
  type NumberConfirmation,
} from './archive.ts';
import { transitionLabel, type TransitionLike } from './transition-label.ts';

export type { ArchivedMessage, ConversationJSON, Job, NumberConfirmation, PlanView } from './archive.ts';
export { planView, publicState } from './archive.ts';
export { transitionLabel, type TransitionLike } from './transition-label.ts';

export interface ConversationOptions {
  /** Called with a label for every machine transition taken (for replay coverage). */
  onTransition?: (label: string) => void;
  /** The lenders' configuration (CONTRACTS §10), loaded at the edge: under the account's own fields. */
  lenders?: LenderBook;
}

type Effect =
  | { type: 'say'; draft: Draft }
  | { type: 'schedule'; req: ScheduleRequest }
  | { type: 'cancel'; kinds?: JobKind[]; deferred?: boolean };

/**
 * Where each running actor's effects go. The machine is `provide()`d once for the process, not
 * once per conversation: building it is most of what creating a conversation cost (its state
 * nodes and their memoised transition tables), and every conversation shares the same one.
 */
const effectSinks = new WeakMap<object, Effect[]>();
const sinkOf = (self: object): Effect[] => {
  const sink = effectSinks.get(self);
  if (!sink) throw new Error('negotiation machine: an action ran outside a conversation');
  return sink;
};
const runtimeMachine = negotiationMachine.provide({
  actions: {
    say: ({ self }, draft) => void sinkOf(self).push({ type: 'say', draft }),
    schedule: ({ self }, req) => void sinkOf(self).push({ type: 'schedule', req }),
    cancelSchedules: ({ self }, p) =>
      void sinkOf(self).push({ type: 'cancel', kinds: p.kinds, deferred: p.deferred }),
  },
});

/**
 * A snapshot persisted before the machine's context gained a field (payments, the offer day, a
 * person's attention…) resumes with that field at its initial value.
 */
function withDefaults(snapshot: Snapshot<unknown>, input: { account: Account; policy: Policy }) {
  const s = snapshot as Snapshot<unknown> & { context?: Record<string, unknown> };
  if (!s.context) return snapshot;
  return { ...s, context: { ...initialContext(input), ...s.context } };
}

export class Conversation {
  readonly id: string;
  /** The account with its lender's configuration under its own fields (lenders/layering.ts). */
  readonly account: Account;
  readonly policy: Policy;
  /** The account as stored: what toJSON keeps, so a change of configuration applies on restore. */
  private readonly ownAccount: Account;
  private readonly templates: ReturnType<typeof templatesOf>;
  private messages: ArchivedMessage[];
  private jobs: Job[];
  private nextJobId: number;
  private numberConfirmed: NumberConfirmation | undefined;
  /** What the machine asked for during the current event; filled by the shared machine's actions. */
  private readonly effects: Effect[] = [];
  private actor: Actor<typeof negotiationMachine>;

  private constructor(data: ConversationJSON, options: ConversationOptions = {}) {
    this.id = data.id;
    const lender = options.lenders?.[data.account.lender];
    this.ownAccount = data.account;
    this.account = withLender(data.account, lender);
    this.templates = templatesOf(lender, data.account.locale);
    this.policy = resolvePolicy(this.account.policy, jurisdictionOf(this.account));
    this.messages = data.messages;
    this.jobs = data.jobs;
    this.nextJobId = data.nextJobId;
    this.numberConfirmed = data.numberConfirmed;
    const machine = runtimeMachine;
    const input = { account: this.account, policy: this.policy };
    const onTransition = options.onTransition;
    const inspect = onTransition
      ? (ev: { type: string }) => {
          if (ev.type !== '@xstate.microstep') return;
          for (const t of (ev as unknown as { _transitions: TransitionLike[] })._transitions)
            onTransition(transitionLabel(t));
        }
      : undefined;
    this.actor = data.snapshot
      ? createActor(machine, { snapshot: withDefaults(data.snapshot, input) as never, input, inspect })
      : createActor(machine, { input, inspect });
    effectSinks.set(this.actor, this.effects);
    this.actor.start();
  }

  static create(id: string, account: Account, options?: ConversationOptions): Conversation {
    return new Conversation({ id, account, snapshot: null, messages: [], jobs: [], nextJobId: 1 }, options);
  }

  static restore(data: ConversationJSON, options?: ConversationOptions): Conversation {
    return new Conversation(structuredClone(data), options);
  }

  toJSON(): ConversationJSON {
    return {
      id: this.id,
      account: this.ownAccount,
      snapshot: this.actor.getPersistedSnapshot() as Snapshot<unknown>,
      messages: this.messages,
      jobs: this.jobs,
      nextJobId: this.nextJobId,
      ...(this.numberConfirmed ? { numberConfirmed: this.numberConfirmed } : {}),
    };
  }

  get state(): string {
    return publicState(this.actor.getSnapshot().value);
  }

  get context() {
    return this.actor.getSnapshot().context;
  }

  get archive(): readonly ArchivedMessage[] {
    return this.messages;
  }

  get pendingJobs(): readonly Job[] {
    return this.jobs;
  }

  nextJobAt(): number | null {
    return this.jobs.length === 0 ? null : Math.min(...this.jobs.map((j) => j.at));
  }

  /**
   * What the bot last said, as the parser's context for the next reply. While offers are on
   * the table the context is `offer`, whatever came since (a follow-up, an answer): §8 keeps
   * them open, so "A吧" after a follow-up still chooses A.
   */
  parseContext(): ParseContext {
    if (this.context.offers.length > 0) return 'offer';
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.direction !== 'out' || m.status === 'blocked') continue;
      if (m.acts?.includes('offer')) return 'offer';
      if (m.acts?.includes('clarify')) return 'clarify';
      return 'reminder';
    }
    return 'reminder';
  }

  /** The first reminder, at `at` (or when quiet hours end). */
  start(at: number): ArchivedMessage[] {
    return this.dispatch({ type: 'START', ...this.clock(at) }, undefined);
  }

  /** An inbound SMS: parse it in context, archive it, let the machine answer. */
  receive(text: string, at: number): { inbound: ArchivedMessage; out: ArchivedMessage[] } {
    if (this.state === 'idle') this.dispatch({ type: 'BEGIN', ...this.clock(at) }, undefined);
    const answer = this.context.pending ? yesNoOf(text) : null;
    const inbound = this.archiveInbound(text, at);
    if (answer) inbound.answersCheck = answer;
    const out = this.dispatch(
      { type: 'INBOUND', text, parsed: inbound.parsed!, ...this.clock(at) },
      inbound.seq,
    );
    return { inbound, out };
  }

  /** Archive an inbound SMS with its meaning, without the bot answering (a person has taken over). */
  archiveInbound(text: string, at: number): ArchivedMessage {
    const parsed = parse(text, {
      context: this.parseContext(),
      locale: this.account.locale,
      now: formatZoned(at, this.account.timezone),
    });
    return this.archiveMessage({ direction: 'in', at, text, status: 'received', parsed });
  }

  /** Render a draft and ask the guard about it now, without archiving or sending anything. */
  preview(draft: Draft, at: number): { text: string; verdict: GuardVerdict } {
    const text = render(
      { ...draft, state: draft.state ?? this.state },
      {
        account: this.account,
        today: zonedParts(at, this.account.timezone).date,
        previous: lastReceivedText(this.messages),
        waiting: waitingTexts(this.messages),
        ...(this.templates ? { templates: this.templates } : {}),
      },
    );
    return {
      text,
      verdict: guard(guardInputOf(this.guarded(), { text, kind: draft.kind, acts: draft.acts }, at)),
    };
  }

  /**
   * A person's own message, through the same guard as the bot's. It answers the last inbound SMS
   * if nothing has answered it yet (a reply); otherwise it is a proactive message, with the
   * opt-out hint and the daily cap that implies.
   */
  agentSay(text: string, at: number): ArchivedMessage {
    const lastIn = [...this.messages].reverse().find((m) => m.direction === 'in');
    const answered =
      lastIn &&
      this.messages.some(
        (m) => m.inReplyTo === lastIn.seq && (m.status === 'sent' || m.status === 'deferred'),
      );
    const reply = lastIn !== undefined && !answered;
    const kind = reply ? 'reply' : 'proactive';
    const draft: Omit<ArchivedMessage, 'seq' | 'status'> = {
      direction: 'out' as const,
      at,
      text: withChannelParts(text.trim(), {
        lender: this.account.lender,
        locale: this.account.locale,
        kind,
      }),
      kind,
      state: this.state,
      acts: ['agent'],
      author: 'agent' as const,
      ...(reply ? { inReplyTo: lastIn.seq } : {}),
    };
    // CONTRACTS §4: to a wrong party, no word of the debt, then silence; whatever a person types.
    // The guard's word lists cannot know that "is he there?" or a bare figure discloses the debt.
    if (this.state === 'wrong_party' && !this.numberConfirmed)
      return this.archiveMessage({
        ...draft,
        status: 'blocked',
        reason:
          "wrong_party: this number is not the debtor's; nothing is sent to it unless a person records that the debtor confirmed the number",
      });
    return this.judge(draft, at);
  }

  /** A person's recorded decision that a wrong-party number is the debtor's after all. */
  confirmNumber(note: string, at: number): boolean {
    if (this.state !== 'wrong_party') return false;
    this.numberConfirmed = { at, note };
    return true;
  }

  /** When and why a person reopened a wrong-party number, if one did. */
  get numberConfirmation(): NumberConfirmation | undefined {
    return this.numberConfirmed;
  }

  /** A person takes over: the bot's own timers stop; replies already decided still go out. */
  pauseTimers(): void {
    this.cancel(undefined, false, this.state);
  }

  /** A person resolved a handoff: the bot resumes. */
  resolve(at: number): ArchivedMessage[] {
    return this.dispatch({ type: 'RESOLVE', ...this.clock(at) }, undefined);
  }

  /**
   * A payment recorded against the account (POST /api/payments), in minor units: the plan's
   * progress moves on and the debtor gets a guarded thank-you (or, for the last one, the
   * closing message), like any proactive message.
   */
  recordPayment(amountMinor: number, at: number): ArchivedMessage[] {
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)
      throw new RangeError(`payment: expected a positive amount in minor units, got ${amountMinor}`);
    if (this.state === 'idle') this.dispatch({ type: 'BEGIN', ...this.clock(at) }, undefined);
    return this.dispatch({ type: 'PAYMENT', amount: amountMinor, ...this.clock(at) }, undefined);
  }

  /** A person has looked at what needed their attention (a third party, a fee question, a write after opt-out). */
  attend(at: number): void {
    this.dispatch({ type: 'ATTENDED', ...this.clock(at) }, undefined);
  }

  /** Why a person should look at this conversation outside a handoff, if they should. */
  get attention(): { reason: string; at: number } | null {
    return this.context.attention ?? null;
  }

  /** Fire every job due at or before `at`, in time order; returns what was sent or blocked. */
  runDue(at: number): ArchivedMessage[] {
    const out: ArchivedMessage[] = [];
    for (;;) {
      const due = this.jobs.filter((j) => j.at <= at).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) return out;
      this.jobs = this.jobs.filter((j) => j.id !== due.id);
      if (due.kind === 'deliver') out.push(...this.deliver(due));
      else
        out.push(
          ...this.dispatch(
            { type: 'TIMER', kind: due.kind, index: due.index, ...this.clock(due.at) },
            undefined,
          ),
        );
    }
  }

  private clock(at: number) {
    const local = zonedParts(at, this.account.timezone);
    return { at, today: local.date, minutes: local.minutes };
  }

  private dispatch(event: NegotiationEvent, inReplyTo: number | undefined): ArchivedMessage[] {
    this.effects.length = 0;
    // opted_out and wrong_party are final: the machine has stopped and silence is the answer.
    if (this.actor.getSnapshot().status !== 'active') return [];
    this.actor.send(event);
    const state = this.state;
    const out: ArchivedMessage[] = [];
    for (const effect of this.effects) {
      if (effect.type === 'cancel') this.cancel(effect.kinds, effect.deferred ?? false, state);
      else if (effect.type === 'schedule') this.schedule(effect.req, event.at);
      else out.push(this.emit({ ...effect.draft, state }, event.at, inReplyTo));
    }
    this.effects.length = 0;
    return out;
  }

  /**
   * Drop timers (all, or of some kinds). Deferred replies answer messages that came before and
   * still go out, unless `deferred`: then they are archived as blocked with the reason. With all
   * timers dropped (a person takes over, the account is settled), a proactive message still
   * waiting for its time (a thank-you held by the daily cap) is dropped with them.
   */
  private cancel(kinds: JobKind[] | undefined, deferred: boolean, state: string): void {
    this.jobs = this.jobs.filter((j) => {
      if (j.kind === 'deliver') {
        const m = this.messages.find((x) => x.seq === j.messageSeq);
        if (!deferred && !(kinds === undefined && m?.kind === 'proactive')) return true;
        if (m) {
          delete m.violations;
          delete m.until;
          Object.assign(m, {
            status: 'blocked',
            reason: `cancelled before its time: the conversation moved to ${state}`,
          });
        }
        return false;
      }
      return kinds ? !kinds.includes(j.kind) : false;
    });
  }

  private schedule(req: ScheduleRequest, now: number): void {
    const at =
      req.at ?? (req.local ? zonedEpoch(req.local.date, req.local.minutes, this.account.timezone) : null);
    if (at === null || at <= now) return;
    this.jobs.push({ id: this.nextJobId++, at, kind: req.kind, index: req.payload?.index });
  }

  /**
   * The debtor's local date on the day a message written at `at` reaches them: quiet hours hold a
   * message until they end, and its 今天 / "today" must name that day, not the evening it was written.
   */
  private deliveryDate(at: number): ReturnType<typeof zonedParts>['date'] {
    const { timezone } = this.account;
    const { quietHours } = this.policy;
    return zonedParts(
      isQuiet(at, timezone, quietHours) ? quietEndAfter(at, timezone, quietHours) : at,
      timezone,
    ).date;
  }

  /** Render a draft and pass it through the guard: send now, defer, or block. */
  private emit(draft: Draft, at: number, inReplyTo: number | undefined): ArchivedMessage {
    const text = render(draft, {
      account: this.account,
      today: this.deliveryDate(at),
      previous: lastReceivedText(this.messages),
      waiting: waitingTexts(this.messages),
      ...(this.templates ? { templates: this.templates } : {}),
    });
    const base: Omit<ArchivedMessage, 'seq' | 'status'> = {
      direction: 'out',
      at,
      text,
      kind: draft.kind,
      state: draft.state,
      acts: draft.acts,
      ...(draft.offers ? { offers: draft.offers.map(planView) } : {}),
      ...(draft.plan && draft.acts.includes('confirm') ? { plan: planView(draft.plan) } : {}),
      ...(inReplyTo !== undefined ? { inReplyTo } : {}),
    };
    // CONTRACTS §4: an offer that breaks a plan invariant never reaches the guard or the debtor.
    const broken = offerViolations(draft, {
      // Offers are for what is owed: the balance less the payments recorded.
      balance: this.account.balance - this.context.paid,
      policy: this.policy,
      today: zonedParts(at, this.account.timezone).date,
    });
    if (broken.length) return this.archiveMessage({ ...base, status: 'blocked', reason: broken.join('; ') });
    return this.judge(base, at);
  }

  /** The conversation as the guard reads it (dialogue/guard-input.ts). */
  private guarded(): GuardedConversation {
    return { account: this.account, policy: this.policy, state: this.state, messages: this.messages };
  }

  private judge(msg: Omit<ArchivedMessage, 'seq' | 'status'>, at: number, seq?: number): ArchivedMessage {
    const verdict = guard(
      guardInputOf(
        this.guarded(),
        { text: msg.text, kind: msg.kind!, acts: msg.acts!, inReplyTo: msg.inReplyTo, seq },
        at,
      ),
    );
    const status = verdict.action === 'send' ? 'sent' : verdict.action === 'defer' ? 'deferred' : 'blocked';
    const fields: Partial<ArchivedMessage> = {
      status,
      at,
      ...(verdict.action === 'defer' ? { until: verdict.until } : {}),
      ...(verdict.violations.length ? { violations: verdict.violations } : {}),
    };
    let archived: ArchivedMessage;
    if (seq === undefined)
      archived = this.archiveMessage({ ...msg, ...fields } as Omit<ArchivedMessage, 'seq'>);
    else {
      archived = this.messages.find((m) => m.seq === seq)!;
      delete archived.until;
      delete archived.violations;
      Object.assign(archived, fields);
    }
    if (verdict.action === 'defer')
      this.jobs.push({ id: this.nextJobId++, at: verdict.until!, kind: 'deliver', messageSeq: archived.seq });
    return archived;
  }

  /** A deferred message's time has come: guard it again at that time. */
  private deliver(job: Job): ArchivedMessage[] {
    const msg = this.messages.find((m) => m.seq === job.messageSeq);
    if (!msg || msg.status !== 'deferred') return [];
    return [this.judge(msg, job.at, msg.seq)];
  }

  private archiveMessage(m: Omit<ArchivedMessage, 'seq'>): ArchivedMessage {
    const archived = { ...m, seq: this.messages.length + 1 } as ArchivedMessage;
    this.messages.push(archived);
    return archived;
  }
}
