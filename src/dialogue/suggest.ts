import { factsOf } from '../../machines/drafts.ts';
import { plan } from '../planning/planner.ts';
import { zonedParts } from '../time/timezone.ts';
import { planView, type Conversation, type PlanView } from './conversation.ts';
import type { Act, Draft } from './types.ts';

/** A reply the bot proposes now, for a person to send as is, edit or replace. */
export interface Suggestion {
  text: string;
  acts: Act[];
  offers?: PlanView[];
  /** The guard would hold it until quiet hours end (epoch ms). */
  deferredUntil?: number;
}

/**
 * Up to three replies that fit the conversation's state, rendered by the templates and passed
 * by the guard (anything the guard would block is left out). After an opt-out or to a wrong
 * party there is nothing to propose.
 */
export function suggest(conv: Conversation, now: number): Suggestion[] {
  const ctx = conv.context;
  const state = conv.state;
  const local = zonedParts(now, conv.account.timezone);
  // Answers state the machine's own facts (what is left, the next installment), as its replies do.
  const facts = factsOf(ctx, local.date, now);
  const fresh = () =>
    plan({
      balance: facts.owed,
      policy: conv.policy,
      today: local.date,
      minutes: local.minutes,
      request: ctx.capacity !== null ? { monthlyCapacity: ctx.capacity } : {},
    });
  const drafts: Draft[] = [];
  switch (state) {
    case 'opted_out':
    case 'wrong_party':
      return [];
    case 'idle':
    case 'reminded':
      drafts.push(
        { kind: 'reply', acts: ['empathy', 'clarify'] },
        { kind: 'reply', acts: ['offer'], offers: fresh().options },
        { kind: 'reply', acts: ['answer'], answerTopic: 'balance' },
      );
      break;
    case 'clarify': {
      const r = fresh();
      drafts.push(
        { kind: 'reply', acts: ['empathy', 'offer'], offers: r.options, infeasible: !r.feasible },
        { kind: 'reply', acts: ['empathy', 'clarify'], hardship: ctx.hardship },
      );
      break;
    }
    case 'offer':
      drafts.push({ kind: 'reply', acts: ['offer'], offers: ctx.offers, infeasible: ctx.infeasible });
      if (ctx.offers[0]) drafts.push({ kind: 'reply', acts: ['confirm'], plan: ctx.offers[0] });
      drafts.push({ kind: 'reply', acts: ['handoff'] });
      break;
    case 'promised':
      drafts.push(
        { kind: 'reply', acts: ['confirm'], promise: ctx.promise ?? { amount: null, date: null } },
        { kind: 'reply', acts: ['offer'], offers: fresh().options },
      );
      break;
    case 'agreed':
      if (ctx.plan) drafts.push({ kind: 'reply', acts: ['confirm'], plan: ctx.plan });
      drafts.push({ kind: 'reply', acts: ['answer'], answerTopic: 'how_to_pay', facts });
      break;
    case 'paid':
      // Settled: a courteous word, nothing to negotiate.
      drafts.push(
        { kind: 'reply', acts: ['ack'] },
        { kind: 'reply', acts: ['answer'], answerTopic: 'balance' },
      );
      break;
    default:
      drafts.push(
        { kind: 'reply', acts: ['handoff'] },
        { kind: 'reply', acts: ['answer'], answerTopic: 'balance' },
        { kind: 'reply', acts: ['ack'] },
      );
  }
  const out: Suggestion[] = [];
  for (const d of drafts) {
    const { text, verdict } = conv.preview({ ...d, state }, now);
    if (verdict.action === 'block' && verdict.violations.some((v) => v.rule !== 'one_reply_per_inbound'))
      continue;
    out.push({
      text,
      acts: d.acts,
      ...(d.offers ? { offers: d.offers.map(planView) } : {}),
      ...(verdict.action === 'defer' ? { deferredUntil: verdict.until } : {}),
    });
  }
  return out.slice(0, 3);
}
