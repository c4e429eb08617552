/**
 * `npm run bench`: the performance figures, printed as a table and written to
 * bench/results.json. Each figure is a median of several runs with its spread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchParse } from '../bench/parse.ts';
import { benchPlanner } from '../bench/planner.ts';
import { median, round, summarize } from '../bench/stats.ts';

const quick = process.argv.includes('--quick');
const rows: [string, string, string][] = [];
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
};

const parse = benchParse(quick ? 20_000 : 100_000, quick ? 3 : 5);
results.parse = parse;
rows.push(['parse throughput (1 core)', `${Math.round(parse.msgsPerSec.median).toLocaleString('en-US')} msg/s`, `min ${Math.round(parse.msgsPerSec.min).toLocaleString('en-US')}, max ${Math.round(parse.msgsPerSec.max).toLocaleString('en-US')}, ${parse.msgsPerSec.runs} runs × ${parse.messages.toLocaleString('en-US')} msgs; target ≥ 50,000`]);
rows.push(['parse latency p50 / p99', `${round(parse.p50us)} µs / ${round(parse.p99us)} µs`, 'per message']);

const plannerRuns = Array.from({ length: quick ? 3 : 5 }, () => benchPlanner(quick ? 20_000 : 100_000));
const plansPerSec = summarize(plannerRuns.map((r) => r.plansPerSec));
results.planner = { plans: plannerRuns[0]!.plans, plansPerSec, p50us: median(plannerRuns.map((r) => r.p50us)), p99us: median(plannerRuns.map((r) => r.p99us)) };
rows.push(['planner throughput', `${Math.round(plansPerSec.median).toLocaleString('en-US')} plans/s`, `min ${Math.round(plansPerSec.min).toLocaleString('en-US')}, max ${Math.round(plansPerSec.max).toLocaleString('en-US')}; p50 ${round(median(plannerRuns.map((r) => r.p50us)))} µs, p99 ${round(median(plannerRuns.map((r) => r.p99us)))} µs`]);

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'figure'.padEnd(w0)}  ${'value'.padEnd(w1)}  notes`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log('\nwritten to bench/results.json');
