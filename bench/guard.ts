import { fileURLToPath } from 'node:url';
import { guard } from '../src/compliance/guard.ts';
import { cleanInputs } from '../test/compliance/corpora.ts';
import { median, round } from './stats.ts';

/**
 * The compliance guard's cost per call (the webhook runs it on every outbound SMS), measured on
 * the committed clean corpus (test/fixtures/guard-clean.jsonl): clean texts go through every rule,
 * which is the common and the slowest path.
 *
 *   npx tsx bench/guard.ts            # CPU µs per call, median of 7 runs
 */

export interface GuardBench {
  messages: number;
  blocked: number;
  /** Median over runs of the mean CPU µs per guard() call. */
  usPerCall: number;
  /** The first call of the process (module load excluded): compiles and caches. */
  firstCallUs: number;
}

export function benchGuard(runs = 7, passes = 200): GuardBench {
  const inputs = cleanInputs();
  const t0 = performance.now();
  let blocked = guard(inputs[0]!).action === 'block' ? 1 : 0;
  const firstCallUs = (performance.now() - t0) * 1000;
  for (const i of inputs.slice(1)) if (guard(i).action === 'block') blocked++;
  for (let p = 0; p < 20; p++) for (const i of inputs) guard(i);
  // CPU time of this process, not wall time: the machine is shared, and waiting is not cost.
  const perRun: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    for (let p = 0; p < passes; p++) for (const i of inputs) guard(i);
    const used = process.cpuUsage(start);
    perRun.push((used.user + used.system) / (passes * inputs.length));
  }
  return {
    messages: inputs.length,
    blocked,
    usPerCall: round(median(perRun), 2),
    firstCallUs: round(firstCallUs),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(benchGuard()));
}
