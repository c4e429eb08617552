import type { Snapshot } from 'xstate';
import type { JobKind } from '../../machines/negotiation.ts';
import type { GuardVerdict } from '../compliance/guard.ts';
import { toMajor } from '../money.ts';
import type { ParseResult } from '../parse/schema.ts';
import type { Option } from '../planning/planner.ts';
import type { Account, Act } from './types.ts';

/**
 * A conversation's records as plain JSON: every message archived (inbound and outbound, sent or
 * not), the durable jobs, and the persisted whole a store keeps and a restart resumes from;
 * with the views the outside reads (the public state name, plans in major units).
 */

export interface PlanView {
  id: string;
  installments: { due: string; amount: number }[];
}

/** An archived message: every inbound and outbound, sent or not. */
export interface ArchivedMessage {
  seq: number;
  direction: 'in' | 'out';
  /** Epoch ms: arrival for inbound; the send (or deferral, or block) time for outbound. */
  at: number;
  text: string;
  status: 'received' | 'sent' | 'deferred' | 'blocked';
  // inbound
  parsed?: ParseResult;
  /**
   * A bare yes or no to the bot's own check_reading question: the dialogue read it with its
   * yes/no reader, so the parser's doubt about it ("是" reads as `other`) needs no person's look.
   */
  answersCheck?: 'yes' | 'no';
  // outbound
  kind?: 'reply' | 'proactive';
  state?: string;
  acts?: Act[];
  offers?: PlanView[];
  plan?: PlanView;
  /** For a reply: the seq of the inbound it answers. */
  inReplyTo?: number;
  until?: number;
  violations?: GuardVerdict['violations'];
  /** Why a message that passed the guard was still not sent (cancelled after an opt-out). */
  reason?: string;
  /** Set for a message a person wrote in the panel (the bot's own carry none). */
  author?: 'agent';
}

export interface Job {
  id: number;
  at: number;
  kind: JobKind | 'deliver';
  index?: number;
  /** For `deliver`: the archived outbound message waiting for its time. */
  messageSeq?: number;
}

export interface ConversationJSON {
  id: string;
  account: Account;
  snapshot: Snapshot<unknown> | null;
  messages: ArchivedMessage[];
  jobs: Job[];
  nextJobId: number;
  /**
   * After a wrong party, the person's recorded decision that the number is the debtor's after all
   * (CONTRACTS §4: nothing else reopens it). Only a person's messages go out after it; the bot
   * stays silent.
   */
  numberConfirmed?: NumberConfirmation;
}

export interface NumberConfirmation {
  at: number;
  note: string;
}

/** CONTRACTS §6 state name for a machine snapshot value ({active: 'offer'} → 'offer'). */
export function publicState(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [k, v] = Object.entries(value)[0] ?? [];
    return k === 'active' ? publicState(v) : String(k);
  }
  return 'unknown';
}

/** An offered plan as the outside sees it: amounts in major units. */
export const planView = (o: Option): PlanView => ({
  id: o.id,
  installments: o.installments.map((i) => ({ due: i.due, amount: toMajor(i.amount) })),
});

/**
 * The last text this debtor received: the latest sent, in the order they went out. A message
 * still waiting for its time (a thank-you held by the daily cap) reaches the debtor after
 * whatever is sent now; it stands in only when nothing was sent yet.
 */
export function lastReceivedText(messages: readonly ArchivedMessage[]): string | undefined {
  let last: ArchivedMessage | undefined;
  for (const m of messages)
    if (m.direction === 'out' && m.status === 'sent' && (!last || m.at >= last.at)) last = m;
  return last?.text ?? waitingTexts(messages).at(-1);
}

/** The texts still waiting for their time, oldest first: they reach the debtor after the last one sent. */
export function waitingTexts(messages: readonly ArchivedMessage[]): string[] {
  return messages.filter((m) => m.direction === 'out' && m.status === 'deferred').map((m) => m.text);
}
