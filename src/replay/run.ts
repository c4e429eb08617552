import { parseInstant } from '../time/calendar.ts';
import type { LenderBook } from '../lenders/schema.ts';
import { Conversation, type ArchivedMessage } from '../dialogue/conversation.ts';
import { formatZoned } from '../time/timezone.ts';
import { toMinor } from '../money.ts';
import { accountOf, type ConversationFile } from './file.ts';

/** Scheduled messages fire up to this long after the last turn (CONTRACTS §5). */
export const TAIL_MS = 3 * 24 * 3_600_000;

/** CONTRACTS §6: one replay event. */
export type ReplayEvent =
  | {
      conversation: string;
      at: string;
      direction: 'in';
      text: string;
      intent: string;
      meaning?: Record<string, unknown>;
    }
  | {
      conversation: string;
      at: string;
      direction: 'out';
      kind: 'reply' | 'proactive';
      state: string;
      acts: string[];
      text: string;
      offers?: unknown[];
      plan?: unknown;
    };

export interface ReplayResult {
  id: string;
  events: ReplayEvent[];
  /** Payments recorded by the file's turns (local time, major units): for the transcript. */
  payments: { at: string; amount: number }[];
  /** Messages the guard refused, with its reasons: never sent, always reported. */
  blocked: ArchivedMessage[];
  expectFailures: string[];
  finalState: string;
  states: Set<string>;
  transitions: Set<string>;
  replied: boolean;
}

function toEvent(id: string, m: ArchivedMessage, tz: string): ReplayEvent {
  const at = formatZoned(m.at, tz);
  if (m.direction === 'in') {
    const p = m.parsed!;
    const meaning: Record<string, unknown> = {};
    for (const k of ['amount', 'date', 'installments', 'hardship'] as const)
      if (p[k] !== null) meaning[k] = p[k];
    return {
      conversation: id,
      at,
      direction: 'in',
      text: m.text,
      intent: p.intent,
      ...(Object.keys(meaning).length ? { meaning } : {}),
    };
  }
  return {
    conversation: id,
    at,
    direction: 'out',
    kind: m.kind!,
    state: m.state!,
    acts: m.acts!,
    text: m.text,
    ...(m.offers ? { offers: m.offers } : {}),
    ...(m.plan ? { plan: m.plan } : {}),
  };
}

/** Replay one conversation on a simulated clock. Deterministic: same file, same events. */
export function runConversation(f: ConversationFile, options: { lenders?: LenderBook } = {}): ReplayResult {
  const account = accountOf(f);
  const tz = account.timezone;
  const transitions = new Set<string>();
  const conv = Conversation.create(f.id, account, {
    onTransition: (t) => transitions.add(t),
    lenders: options.lenders,
  });
  const events: ReplayEvent[] = [];
  const blocked: ArchivedMessage[] = [];
  const states = new Set<string>(['idle']);
  const take = (msgs: ArchivedMessage[]): void => {
    for (const m of msgs) {
      if (m.status === 'sent') events.push(toEvent(f.id, m, tz));
      else if (m.status === 'blocked' && m.violations) blocked.push(m);
    }
    states.add(conv.state);
  };

  const start = parseInstant(f.start)!.epochMs;
  take(conv.start(start));
  /** Per turn: the inbound SMS (its reply is looked up later) or what a payment sent. */
  const turnResults: ({ seq: number } | { out: ArchivedMessage[] })[] = [];
  const payments: { at: string; amount: number }[] = [];
  let last = start;
  for (const turn of f.turns) {
    const at = parseInstant(turn.at)!.epochMs;
    take(conv.runDue(at));
    if (turn.payment !== undefined) {
      const out = conv.recordPayment(toMinor(turn.payment), at);
      payments.push({ at: formatZoned(at, tz), amount: turn.payment });
      turnResults.push({ out });
      take(out);
    } else {
      const { inbound, out } = conv.receive(turn.text, at);
      events.push(toEvent(f.id, inbound, tz));
      turnResults.push({ seq: inbound.seq });
      take(out);
    }
    last = at;
  }
  const end = last + TAIL_MS;
  for (let next = conv.nextJobAt(); next !== null && next <= end; next = conv.nextJobAt())
    take(conv.runDue(next));

  const expectFailures: string[] = [];
  f.turns.forEach((turn, i) => {
    if (!turn.expect) return;
    const r = turnResults[i]!;
    const inbound = 'seq' in r ? conv.archive.find((m) => m.seq === r.seq)! : null;
    // A payment's "reply" is the message it sent (sent at once, or when quiet hours end).
    const reply = inbound
      ? conv.archive.find((m) => m.inReplyTo === inbound.seq && m.status === 'sent')
      : 'out' in r
        ? r.out.find((m) => m.status === 'sent')
        : undefined;
    const e = turn.expect;
    const where = `turn ${i + 1} (${inbound ? JSON.stringify(turn.text) : `payment ${turn.payment}`})`;
    if (e.intent !== undefined && inbound?.parsed!.intent !== e.intent)
      expectFailures.push(
        `${where}: intent ${inbound?.parsed!.intent ?? '(a payment)'}, expected ${e.intent}`,
      );
    if (e.state !== undefined && reply?.state !== e.state)
      expectFailures.push(`${where}: state ${reply?.state ?? '(no reply)'}, expected ${e.state}`);
    if (e.acts !== undefined && JSON.stringify(reply?.acts ?? []) !== JSON.stringify(e.acts))
      expectFailures.push(
        `${where}: acts ${JSON.stringify(reply?.acts ?? [])}, expected ${JSON.stringify(e.acts)}`,
      );
    if (e.offers !== undefined && (reply?.offers?.length ?? 0) !== e.offers)
      expectFailures.push(`${where}: ${reply?.offers?.length ?? 0} offers, expected ${e.offers}`);
  });

  return {
    id: f.id,
    events,
    payments,
    blocked,
    expectFailures,
    finalState: conv.state,
    states,
    transitions,
    replied: f.turns.length > 0,
  };
}
