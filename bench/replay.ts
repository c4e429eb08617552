import { parseInstant } from '../src/time/calendar.ts';
import { parse } from '../src/parse/index.ts';
import { runConversation } from '../src/replay/run.ts';
import type { ConversationFile } from '../src/replay/file.ts';
import { generateConversations } from './messages.ts';
import { summarize } from './stats.ts';

/**
 * Replay throughput: `runConversation` (CONTRACTS §5 → §6 events: machine, templates, guard,
 * schedule, the 3-day tail) over generated conversations held in memory. The baseline, measured
 * in the same round, is parse() alone on every turn of the same conversations: the ratio says
 * what the dialogue costs on top of understanding the debtor.
 */
export interface ReplayBench {
  conversations: number;
  turns: number;
  events: number;
  convsPerSec: { median: number; min: number; max: number; runs: number };
  /** parse() of every turn text alone, turns/s. */
  baselineTurnsPerSec: { median: number; min: number; max: number; runs: number };
  /** Replay seconds ÷ parse-only seconds for the same turns (median of the rounds). */
  replayOverParse: { median: number; min: number; max: number; runs: number };
  finalStates: Record<string, number>;
}

export function benchReplay(n = 10_000, runs = 3): ReplayBench {
  const files: ConversationFile[] = generateConversations(n);
  const turns = files.flatMap((f) =>
    f.turns.map((t) => ({ text: t.text, locale: f.locale, now: parseInstant(t.at)! })),
  );
  // Warm up both paths.
  for (const f of files.slice(0, Math.min(1000, n))) runConversation(f);
  for (const t of turns.slice(0, 5000)) parse(t.text, { locale: t.locale, now: t.now });

  const rates: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  const finalStates: Record<string, number> = {};
  let events = 0;
  for (let r = 0; r < runs; r++) {
    let t = process.hrtime.bigint();
    for (const x of turns) parse(x.text, { locale: x.locale, now: x.now });
    const parseSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    base.push(turns.length / parseSeconds);
    t = process.hrtime.bigint();
    events = 0;
    for (const f of files) {
      const res = runConversation(f);
      events += res.events.length;
      if (r === 0) finalStates[res.finalState] = (finalStates[res.finalState] ?? 0) + 1;
    }
    const replaySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    rates.push(n / replaySeconds);
    ratios.push(replaySeconds / parseSeconds);
  }
  return {
    conversations: n,
    turns: turns.length,
    events,
    convsPerSec: summarize(rates),
    baselineTurnsPerSec: summarize(base),
    replayOverParse: summarize(ratios),
    finalStates,
  };
}
