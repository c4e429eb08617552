import { allStates, allTransitions } from './coverage.ts';
import type { ReplayEvent, ReplayResult } from './run.ts';
import type { ConversationFile } from './file.ts';

export const toJsonl = (events: ReplayEvent[]): string =>
  events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');

const money = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));
type PlanLike = { id: string; installments: { due: string; amount: number }[] };
const planLine = (p: PlanLike): string =>
  `${p.id}: ${p.installments.map((i) => `${i.due.slice(5)} ${money(i.amount)}`).join(' · ')}`;

/** The conversation as a person reads it, with state and parsed meaning. */
export function transcript(f: ConversationFile, r: ReplayResult): string {
  const lines: string[] = [];
  const a = f.account;
  lines.push(
    `── ${f.id} · ${a.debtorName} · ${a.lender} · ${money(a.balance)} ${a.currency} · ${a.overdueDays} days overdue · ${f.locale} ${f.timezone}`,
  );
  const payments = [...r.payments];
  const paymentsUntil = (at: string): void => {
    while (payments.length > 0 && payments[0]!.at <= at) {
      const p = payments.shift()!;
      lines.push(
        `${p.at.slice(5, 16).replace('T', ' ')}  ¤ payment recorded: ${money(p.amount)} ${a.currency}`,
      );
    }
  };
  for (const e of r.events) {
    paymentsUntil(e.at);
    const when = e.at.slice(5, 16).replace('T', ' ');
    if (e.direction === 'in') {
      lines.push(`${when}  ${a.debtorName}: ${e.text}`);
      const meaning = e.meaning
        ? ' ' +
          Object.entries(e.meaning)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : '';
      lines.push(`             ↳ ${e.intent}${meaning}`);
    } else {
      lines.push(
        `${when}  BOT [${e.state}] ${e.acts.join('+')}${e.kind === 'proactive' ? ' (proactive)' : ''}`,
      );
      lines.push(`             ${e.text}`);
      for (const o of (e.offers ?? []) as PlanLike[]) lines.push(`             ${planLine(o)}`);
      if (e.plan) lines.push(`             agreed ${planLine(e.plan as PlanLike)}`);
    }
  }
  paymentsUntil('\uffff');
  for (const b of r.blocked)
    lines.push(
      `  ✗ blocked [${b.acts?.join('+')}]: ${b.violations?.map((v) => `${v.rule}: ${v.reason}`).join('; ')}`,
    );
  for (const x of r.expectFailures) lines.push(`  ✗ expect ${x}`);
  lines.push(`   final state: ${r.finalState}`);
  return lines.join('\n') + '\n';
}

/** A readable line diff of two JSONL texts: the lines that differ, numbered, - expected + got. */
export function diffLines(expected: string, got: string): string {
  const a = expected.split('\n');
  const b = got.split('\n');
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n && out.length < 40; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined && a[i] !== '') out.push(`  line ${i + 1} - ${a[i]}`);
    if (b[i] !== undefined && b[i] !== '') out.push(`  line ${i + 1} + ${b[i]}`);
  }
  return out.join('\n');
}

export interface Outcome {
  path: string;
  id: string;
  result?: ReplayResult;
  failures: string[];
}

const xml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

export function junit(outcomes: Outcome[]): string {
  const failed = outcomes.filter((o) => o.failures.length).length;
  const cases = outcomes.map((o) =>
    o.failures.length
      ? `    <testcase classname="replay" name="${xml(o.id)}" file="${xml(o.path)}"><failure message="${xml(o.failures[0]!.split('\n')[0]!)}">${xml(o.failures.join('\n'))}</failure></testcase>`
      : `    <testcase classname="replay" name="${xml(o.id)}" file="${xml(o.path)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${outcomes.length}" failures="${failed}">\n  <testsuite name="replay" tests="${outcomes.length}" failures="${failed}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

/** Reply, agreement, handoff and opt-out rates, guard blocks, and state and transition coverage. */
export function summary(outcomes: Outcome[]): string {
  const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const n = results.length;
  const count = (f: (r: ReplayResult) => boolean): number => results.filter(f).length;
  const reached = (s: string): boolean => results.some((r) => r.states.has(s));
  const states = allStates();
  const edges = allTransitions();
  const taken = new Set(results.flatMap((r) => [...r.transitions]));
  const missing = edges.filter((e) => !taken.has(e));
  const lines = [
    `conversations ${outcomes.length} (${outcomes.length - n} unreadable) · failed ${outcomes.filter((o) => o.failures.length).length}`,
    `reply rate ${pct(
      count((r) => r.replied),
      n,
    )} · agreed ${pct(
      count((r) => r.finalState === 'agreed'),
      n,
    )} · promised ${pct(
      count((r) => r.states.has('promised')),
      n,
    )} · handoff ${pct(
      count((r) => r.states.has('handoff')),
      n,
    )} · opted out ${pct(
      count((r) => r.finalState === 'opted_out'),
      n,
    )} · wrong party ${pct(
      count((r) => r.finalState === 'wrong_party'),
      n,
    )}`,
    `messages ${results.reduce((s, r) => s + r.events.filter((e) => e.direction === 'out').length, 0)} sent · ${results.reduce((s, r) => s + r.blocked.length, 0)} blocked by the guard`,
    `states reached ${states.filter(reached).length}/${states.length}${states.some((s) => !reached(s)) ? ` (not: ${states.filter((s) => !reached(s)).join(', ')})` : ''}`,
    `transitions reached ${edges.length - missing.length}/${edges.length}`,
    ...missing.map((m) => `  not reached: ${m}`),
  ];
  return lines.join('\n') + '\n';
}
