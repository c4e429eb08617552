/**
 * `npm run bench`: the performance figures, printed as a table and written to
 * bench/results.json. Each figure is a median of several runs with its spread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchParse } from '../bench/parse.ts';
import { round } from '../bench/stats.ts';

const quick = process.argv.includes('--quick');
const rows: [string, string, string][] = [];
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
};

const parse = benchParse(quick ? 20_000 : 100_000, quick ? 3 : 5);
results.parse = parse;
rows.push(['parse throughput (1 core)', `${Math.round(parse.msgsPerSec.median).toLocaleString('en-US')} msg/s`, `min ${Math.round(parse.msgsPerSec.min).toLocaleString('en-US')}, max ${Math.round(parse.msgsPerSec.max).toLocaleString('en-US')}, ${parse.msgsPerSec.runs} runs × ${parse.messages.toLocaleString('en-US')} msgs; target ≥ 50,000`]);
rows.push(['parse latency p50 / p99', `${round(parse.p50us)} µs / ${round(parse.p99us)} µs`, 'per message']);

const extra = await import('../bench/planner.ts').catch(() => null);
if (extra) {
  const planner = extra.benchPlanner(quick ? 20_000 : 100_000);
  results.planner = planner;
  rows.push(['planner throughput', `${Math.round(planner.plansPerSec).toLocaleString('en-US')} plans/s`, `p50 ${round(planner.p50us)} µs, p99 ${round(planner.p99us)} µs`]);
}

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'figure'.padEnd(w0)}  ${'value'.padEnd(w1)}  notes`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log('\nwritten to bench/results.json');
