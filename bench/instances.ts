import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from 'autocannon';
import { pgCounter, sqliteCounter, withDatabase, type Counter } from './databases.ts';
import { benchAccounts, benchEnv, importWithReminders, NOW, signedGateway, type Spread } from './http.ts';
import type { AccountInput } from './messages.ts';
import { cpuSeconds, spawnServer, startAggregator, waitFor, type ChildServer } from './server.ts';
import { summarize } from './stats.ts';

/**
 * Issue 15's bench: the signed gateway under load on 1, 2 and 3 `npm start` instances sharing
 * one PostgreSQL database, beside one instance on SQLite (two processes must never share a SQLite
 * file). The same machinery as the HTTP bench (child processes, signed webhooks, a stand-in
 * aggregator, every answer counted in the database), with the connections spread over the
 * instances: one autocannon per instance, all at once, `connections` in all.
 *
 * On a 2-core machine the instances, PostgreSQL, the load generator and the aggregator share the
 * same cores, so throughput cannot grow with instances here; what a bigger machine (or more of
 * them) scales by is the CPU each request costs: the instances' own and PostgreSQL's backends'
 * (read from /proc), both per answered request, replies included.
 */

export interface InstancesLevel {
  store: 'sqlite' | 'postgres';
  instances: number;
  connections: number;
  requestsPerRun: number;
  rps: Spread;
  /** Per run, the slowest instance's percentile (autocannon's 1 ms resolution). */
  p50ms: Spread;
  p99ms: Spread;
  /** Every instance's CPU per answered request, its reply's send included. */
  serverCpuMsPerRequest: Spread | null;
  /** PostgreSQL's backends for this database, per answered request (null on SQLite, or unreadable). */
  dbCpuMsPerRequest: Spread | null;
  checks: { requests: number; ok: number; archived: number; non2xx: number; errors: number; exact: boolean };
}

export interface InstancesBench {
  accounts: number;
  connections: number;
  levels: InstancesLevel[];
  /** Why PostgreSQL was not measured, when it was not. */
  skipped?: string;
}

interface Options {
  /** A PostgreSQL server the bench may create (and drop) a database on; null: SQLite only. */
  pgUrl: string | null;
  accounts: number;
  /** Instance counts on PostgreSQL. */
  counts: number[];
  connections: number;
  runs: number;
  seconds: number;
  log?: (line: string) => void;
}

/** CPU seconds of each of `pids` that /proc knows. */
function cpuOf(pids: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const pid of pids) {
    const s = cpuSeconds(pid);
    if (s !== null) m.set(pid, s);
  }
  return m;
}

/** CPU seconds used between two readings, by the processes in both (null if none is). */
function cpuBetween(a: Map<number, number>, b: Map<number, number>): number | null {
  let sum = 0;
  let seen = 0;
  for (const [pid, s] of b) {
    const s0 = a.get(pid);
    if (s0 === undefined) continue;
    sum += s - s0;
    seen++;
  }
  return seen === 0 ? null : sum;
}

/** PostgreSQL is on this machine if its backends are in /proc. */
const onThisHost = (pids: number[]): boolean => pids.length > 0 && existsSync(`/proc/${pids[0]}/stat`);

/** `connections` split over `n` instances as evenly as it goes (10 over 3: 4, 3, 3). */
const split = (total: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

async function measure(
  store: 'sqlite' | 'postgres',
  db: string,
  instances: number,
  o: Options,
  accounts: AccountInput[],
): Promise<InstancesLevel> {
  const log = o.log ?? (() => {});
  const aggregator = await startAggregator();
  const env = { ...benchEnv(db, aggregator.url), LOG_LEVEL: 'info' };
  const offset = Date.parse(NOW) - Date.now();
  const servers: ChildServer[] = [];
  let counter: Counter | null = null;
  try {
    // One first, so it migrates alone; the others join the database it made.
    servers.push(await spawnServer(env));
    servers.push(...(await Promise.all(Array.from({ length: instances - 1 }, () => spawnServer(env)))));
    counter = store === 'sqlite' ? sqliteCounter(db) : await pgCounter(db);
    const count = counter;
    await importWithReminders(servers[0]!.url, accounts, aggregator, 180_000);
    const load = signedGateway({ accounts, offsetMs: offset, seed: 15, idPrefix: `inst${instances}` });
    const perInstance = split(o.connections, instances);
    const spread = (amount: number | null, seconds: number) =>
      Promise.all(
        servers.map((s, i) =>
          load.run(
            s.url,
            perInstance[i]!,
            amount === null ? null : Math.max(1, Math.round((amount * perInstance[i]!) / o.connections)),
            seconds,
          ),
        ),
      );
    const drained = () => waitFor(async () => (await count.pending()) === 0, 120_000, 100);

    // Warm up, then size the runs so each is about `seconds` long and every answer can be counted.
    await spread(null, Math.max(1, Math.round(o.seconds / 2)));
    await drained();
    const probe = await spread(o.connections * 20, 0);
    const probeRps = probe.reduce((s, p) => s + p.r['2xx'], 0) / Math.max(...probe.map((p) => p.seconds));
    const amount = Math.max(o.connections * 10, Math.round(probeRps * o.seconds));
    await drained();

    const rps: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    const serverCpu: number[] = [];
    const dbCpu: number[] = [];
    const checks = { requests: 0, ok: 0, archived: 0, non2xx: 0, errors: 0, exact: true };
    const pids = servers.map((s) => s.child.pid!).filter((p) => p !== undefined);
    for (let run = 0; run < o.runs; run++) {
      const backends = await count.backends();
      const dbReadable = store === 'postgres' && onThisHost(backends);
      const before = await count.inbound();
      const cpu0 = cpuOf(pids);
      const db0 = cpuOf(dbReadable ? backends : []);
      const results = await spread(amount, 0);
      const archived = (await count.inbound()) - before;
      await drained();
      const cpu1 = cpuOf(pids);
      // The backends open before the run: one that ended or began meanwhile is not counted (a floor).
      const db1 = cpuOf(dbReadable ? backends : []);
      const ok = results.reduce((s, x) => s + x.r['2xx'], 0);
      const non2xx = results.reduce((s, x) => s + x.r.non2xx, 0);
      const errors = results.reduce((s, x) => s + x.r.errors, 0);
      const worst = (f: (r: Result) => number) => Math.max(...results.map((x) => f(x.r)));
      rps.push(ok / Math.max(...results.map((x) => x.seconds)));
      p50.push(worst((r) => r.latency.p50));
      p99.push(worst((r) => r.latency.p99));
      const server = cpuBetween(cpu0, cpu1);
      const database = cpuBetween(db0, db1);
      if (server !== null) serverCpu.push((server * 1000) / ok);
      if (database !== null) dbCpu.push((database * 1000) / ok);
      checks.requests += results.reduce((s, x) => s + x.r.requests.total, 0);
      checks.ok += ok;
      checks.archived += archived;
      checks.non2xx += non2xx;
      checks.errors += errors;
      if (archived !== ok || non2xx !== 0 || errors !== 0) checks.exact = false;
      log(
        `instances: ${store} ×${instances}, run ${run + 1}: ${Math.round(rps.at(-1)!)} req/s (worst p50 ${p50.at(-1)} ms, p99 ${p99.at(-1)} ms), ${archived}/${ok} archived, server ${serverCpu.at(-1)?.toFixed(2) ?? '?'} ms CPU/request, database ${dbCpu.at(-1)?.toFixed(2) ?? '–'}`,
      );
    }
    return {
      store,
      instances,
      connections: o.connections,
      requestsPerRun: amount,
      rps: summarize(rps),
      p50ms: summarize(p50),
      p99ms: summarize(p99),
      serverCpuMsPerRequest: serverCpu.length ? summarize(serverCpu) : null,
      dbCpuMsPerRequest: dbCpu.length ? summarize(dbCpu) : null,
      checks,
    };
  } finally {
    await counter?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await aggregator.close();
  }
}

export async function benchInstances(o: Options): Promise<InstancesBench> {
  const accounts = benchAccounts(o.accounts, 15, 'i');
  const levels: InstancesLevel[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-bench-instances-'));
  try {
    levels.push(await measure('sqlite', join(dir, 'bench.db'), 1, o, accounts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!o.pgUrl)
    return {
      accounts: o.accounts,
      connections: o.connections,
      levels,
      skipped: 'PostgreSQL not measured: set HUIKUAN_BENCH_PG (or HUIKUAN_TEST_PG) to a server URL',
    };
  for (const n of o.counts)
    levels.push(await withDatabase(o.pgUrl, (url) => measure('postgres', url, n, o, accounts)));
  return { accounts: o.accounts, connections: o.connections, levels };
}
