/**
 * `npm run bench`: the performance figures, printed as a table and written to
 * bench/results.json (docs/operations.md says what each one means and how it is measured). Each
 * figure is a median of several runs with its spread, measured in the same run as a baseline so
 * the ratios hold on a noisy machine.
 *
 *   npm run bench                      # everything, under 5 minutes on 2 cores
 *   npm run bench -- --quick           # a smoke run (about 40 s): small sizes, one run each
 *   npm run bench -- --out FILE        # write the results elsewhere
 *   npm run bench -- --only http,memory # the file's other figures stay, each with its measuredAt
 *   npm run bench -- --http-mode both  # also measure the server in this process, for comparison
 *   npm run bench -- --only instances  # issue 15: 1, 2, 3 instances on PostgreSQL beside SQLite
 *                                      # (HUIKUAN_BENCH_PG or HUIKUAN_TEST_PG: a server to create a database on)
 *   npm run bench -- --only http-pg    # the gateway and the floor server on PostgreSQL (same server variables)
 *   npm run bench -- --only soak       # memory over a 10-minute steady load (--soak-seconds N, --soak-rate R)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { benchPgUrl } from '../bench/databases.ts';
import { benchHttp, type HttpBench } from '../bench/http.ts';
import { benchInstances } from '../bench/instances.ts';
import { benchMemory } from '../bench/memory.ts';
import { benchParse } from '../bench/parse.ts';
import { benchPlanner } from '../bench/planner.ts';
import { benchReplay } from '../bench/replay.ts';
import { benchSoak } from '../bench/soak.ts';
import { median, round, summarize } from '../bench/stats.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const opt = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
// A smoke run must not replace the measured figures: it writes beside them.
const out = opt('--out') ?? (quick ? 'bench/results.quick.json' : 'bench/results.json');
const only = new Set((opt('--only') ?? 'parse,planner,replay,http,memory').split(','));
const httpMode = opt('--http-mode') ?? 'child';
/** A positive integer option, or its default; anything else stops the bench naming the option. */
const count = (name: string, fallback: number): number => {
  const v = opt(name);
  if (v === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(v))
    throw new Error(`${name}: expected a positive whole number, got ${JSON.stringify(v)}`);
  return Number(v);
};
const soakSeconds = count('--soak-seconds', 600);
const soakRate = count('--soak-rate', 200);
const began = Date.now();
const progress = (line: string): void =>
  void process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

const rows: [string, string, string][] = [];
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
  quick,
  date: new Date().toISOString(),
};
/**
 * A run keeps the figures it did not measure (--only, or the PostgreSQL and soak runs a full run
 * leaves out) from the file it writes over, each marked with when it was measured, so measuring
 * parse again does not erase the night's webhook figures.
 */
function mergedWithEarlier(fresh: Record<string, unknown>): Record<string, unknown> {
  if (!existsSync(out)) return fresh;
  const earlier = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...earlier, ...fresh };
  for (const [key, section] of Object.entries(earlier)) {
    if (key in fresh || section === null || typeof section !== 'object' || Array.isArray(section)) continue;
    if (key === 'machine') continue;
    merged[key] = { ...section, measuredAt: (section as { measuredAt?: string }).measuredAt ?? earlier.date };
  }
  return merged;
}
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');
const spread = (s: { median: number; min: number; max: number; runs: number }, f = n0): string =>
  `min ${f(s.min)}, max ${f(s.max)}, ${s.runs} runs`;

if (only.has('parse')) {
  progress('parse');
  const parse = benchParse(quick ? 20_000 : 100_000, quick ? 2 : 5);
  results.parse = parse;
  rows.push([
    'parse throughput (1 core)',
    `${n0(parse.msgsPerSec.median)} msg/s`,
    `${spread(parse.msgsPerSec)} × ${n0(parse.messages)} msgs; target ≥ 50,000`,
  ]);
  rows.push([
    'parse latency p50 / p99',
    `${round(parse.p50us)} µs / ${round(parse.p99us)} µs`,
    'per message',
  ]);
  rows.push([
    'JSONL I/O floor',
    `${n0(parse.floorLinesPerSec.median)} lines/s`,
    `${spread(parse.floorLinesPerSec)}; JSON.parse + JSON.stringify per line, no parsing`,
  ]);
  rows.push([
    'parse ÷ floor',
    `${round(parse.parseOverFloor.median, 3)}`,
    `${spread(parse.parseOverFloor, (x) => String(round(x, 3)))}; floor is ${round(1 / parse.parseOverFloor.median, 1)}× faster`,
  ]);
  rows.push([
    'parse CLI per line ÷ floor',
    `${round(parse.cliOverFloor.median, 3)}`,
    `${n0(parse.cliLinesPerSec.median)} lines/s with zod and the answer's JSON`,
  ]);
}

if (only.has('planner')) {
  progress('planner');
  const plannerRuns = Array.from({ length: quick ? 2 : 5 }, () => benchPlanner(quick ? 20_000 : 100_000));
  const plansPerSec = summarize(plannerRuns.map((r) => r.plansPerSec));
  results.planner = {
    plans: plannerRuns[0]!.plans,
    plansPerSec,
    p50us: median(plannerRuns.map((r) => r.p50us)),
    p99us: median(plannerRuns.map((r) => r.p99us)),
  };
  rows.push([
    'planner throughput',
    `${n0(plansPerSec.median)} plans/s`,
    `${spread(plansPerSec)}; p50 ${round(median(plannerRuns.map((r) => r.p50us)))} µs, p99 ${round(median(plannerRuns.map((r) => r.p99us)))} µs`,
  ]);
}

if (only.has('replay')) {
  progress('replay');
  const replay = benchReplay(quick ? 500 : 10_000, quick ? 2 : 3);
  results.replay = replay;
  rows.push([
    'replay throughput',
    `${n0(replay.convsPerSec.median)} conv/s`,
    `${spread(replay.convsPerSec)} × ${n0(replay.conversations)} generated conversations (${n0(replay.turns)} turns, ${n0(replay.events)} events); target ≥ 5,000 (issue 16)`,
  ]);
  rows.push([
    'replay ÷ parse of the same turns',
    `${round(replay.replayOverParse.median, 1)}×`,
    `${spread(replay.replayOverParse, (x) => String(round(x, 1)))}; parse alone ${n0(replay.baselineTurnsPerSec.median)} turns/s`,
  ]);
}

const httpRows = (h: HttpBench, label: string): void => {
  for (const l of h.levels) {
    const c = l.checks;
    rows.push([
      `${label} gateway, ${l.connections} conn`,
      `${n0(l.gatewayRps.median)} req/s, p50 ${l.p50ms.median} ms, p99 ${l.p99ms.median} ms`,
      `${spread(l.gatewayRps)}; ${l.floor && l.gatewayOverFloor && l.p99OverFloor ? `floor ${n0(l.floor.rps.median)} req/s, p99 ${l.floor.p99ms.median} ms (gateway ÷ floor ${round(l.gatewayOverFloor.median, 3)}, target ≥ 0.5; p99 ÷ floor ${round(l.p99OverFloor.median, 2)}, target ≤ 2); ` : ''}/healthz ${n0(l.healthzRps.median)} req/s (gateway ÷ healthz ${round(l.gatewayOverHealthz.median, 3)}); ${l.serverCpuMsPerRequest ? `server ${round(l.serverCpuMsPerRequest.median, 2)} ms CPU/request; ` : ''}archived ${c.archived}/${c.ok} 2xx${c.exact ? ' (exact)' : ' (MISMATCH)'}, ${c.non2xx} non-2xx, ${c.errors} errors; ${l.replies.sent} replies sent`,
    ]);
  }
};
if (only.has('http')) {
  const modes =
    httpMode === 'both'
      ? (['child', 'inprocess'] as const)
      : ([httpMode === 'inprocess' ? 'inprocess' : 'child'] as const);
  const all: HttpBench[] = [];
  for (const mode of modes) {
    progress(`http (${mode})`);
    const h = await benchHttp({
      mode,
      accounts: quick ? 300 : 3000,
      levels: quick ? [1, 10] : mode === 'inprocess' ? [10] : [1, 10, 100],
      runs: quick || mode === 'inprocess' ? 1 : 3,
      seconds: quick ? 1 : 4,
      baselineSeconds: quick ? 1 : 2,
      log: progress,
    });
    all.push(h);
    httpRows(h, mode === 'child' ? 'HTTP' : 'HTTP in-process');
  }
  results.http = all.length === 1 ? all[0] : all;
}

if (only.has('http-pg')) {
  progress('http-pg');
  const pgUrl = benchPgUrl();
  if (pgUrl) {
    const h = await benchHttp({
      mode: 'child',
      store: 'postgres',
      pgUrl,
      accounts: quick ? 300 : 3000,
      levels: quick ? [10] : [10, 100],
      runs: quick ? 1 : 3,
      seconds: quick ? 1 : 4,
      baselineSeconds: quick ? 1 : 2,
      log: progress,
    });
    results.httpPg = h;
    httpRows(h, 'HTTP PostgreSQL');
  } else {
    const skipped = 'not measured: set HUIKUAN_BENCH_PG (or HUIKUAN_TEST_PG) to a PostgreSQL server URL';
    progress(`http-pg: ${skipped}`);
    results.httpPg = { skipped };
    rows.push(['HTTP PostgreSQL gateway', 'not measured', skipped]);
  }
}

if (only.has('instances')) {
  progress('instances');
  const pgUrl = benchPgUrl();
  const b = await benchInstances({
    pgUrl,
    accounts: quick ? 300 : 3000,
    counts: quick ? [1, 2] : [1, 2, 3],
    connections: 10,
    runs: quick ? 1 : 3,
    seconds: quick ? 1 : 4,
    log: progress,
  });
  results.instances = b;
  for (const l of b.levels) {
    const c = l.checks;
    rows.push([
      `${l.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${l.instances} instance${l.instances === 1 ? '' : 's'}, ${l.connections} conn`,
      `${n0(l.rps.median)} req/s, p50 ${l.p50ms.median} ms, p99 ${l.p99ms.median} ms`,
      `${spread(l.rps)}; CPU/request: server ${l.serverCpuMsPerRequest ? round(l.serverCpuMsPerRequest.median, 2) : '?'} ms${l.dbCpuMsPerRequest ? `, database ${round(l.dbCpuMsPerRequest.median, 2)} ms` : ''}; archived ${c.archived}/${c.ok} 2xx${c.exact ? ' (exact)' : ' (MISMATCH)'}, ${c.non2xx} non-2xx, ${c.errors} errors`,
    ]);
  }
  if (b.skipped) rows.push(['PostgreSQL instances', 'not measured', b.skipped]);
}

if (only.has('memory')) {
  progress('memory');
  const m = await benchMemory(quick ? 2_000 : 100_000, quick ? 20_000 : 90_000);
  results.memory = m;
  rows.push([
    'memory per 100,000 conversations',
    `RSS +${n0(m.perHundredThousand.rssMB)} MB, database ${n0(m.perHundredThousand.dbMB)} MB`,
    `${m.measured ? 'measured' : `extrapolated linearly from ${n0(m.conversations)}`} (${n0(m.importsPerSec)} imports/s, each with its first reminder; heap after GC ${round(m.heapAfterMB)} MB; ${n0(m.bytesPerConversation.db)} bytes on disk each)`,
  ]);
}

if (only.has('soak')) {
  progress(`soak: ${soakSeconds} s at ${soakRate} req/s`);
  const k = await benchSoak({
    seconds: soakSeconds,
    rate: soakRate,
    accounts: 3000,
    connections: 10,
    sampleSeconds: 10,
    log: progress,
  });
  results.soak = k;
  const c = k.checks;
  rows.push([
    `memory soak, ${k.targetRps} req/s × ${k.targetSeconds} s`,
    `RSS ${round(k.startRssMB)} → ${round(k.endRssMB)} MB (peak ${round(k.peakRssMB)})`,
    `${k.verdict}; after the ${k.warmupSeconds} s warm-up RSS ${Number.isFinite(k.afterWarmup.rssMBPerMin) ? round(k.afterWarmup.rssMBPerMin, 2) : 'n/a'} MB/min, heap ${Number.isFinite(k.afterWarmup.heapMBPerMin) ? round(k.afterWarmup.heapMBPerMin, 2) : 'n/a'} MB/min; ${k.samples.length} samples every ${k.sampleSeconds} s; ${n0(k.achievedRps)} req/s answered${k.keptRate ? '' : ' (BELOW the target rate: the server was at capacity)'} over ${n0(k.accounts)} debtors, p99 ${k.latencyMs.p99} ms; archived ${c.archived} for ${c.ok} 2xx + ${c.inFlightAtStop} in flight at the stop${c.exact ? ' (exact)' : ' (MISMATCH)'}, ${c.non2xx} non-2xx, ${c.errors} errors`,
  ]);
}

results.seconds = (Date.now() - began) / 1000;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(mergedWithEarlier(results), null, 2) + '\n');
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'figure'.padEnd(w0)}  ${'value (median)'.padEnd(w1)}  spread and notes`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log(`\n${round(results.seconds as number)} s; written to ${out}`);
