import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { gatewaySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../src/channels/gateway.ts';
import { makeClock, startHuikuan } from '../src/server/huikuan-server.ts';
import { counterFor, withDatabase } from './databases.ts';
import { debtorText, generateAccounts, type AccountInput } from './messages.ts';
import {
  cpuSeconds,
  startAggregator,
  spawnFloor,
  spawnServer,
  waitFor,
  type Aggregator,
  type ChildServer,
} from './server.ts';
import { median, prng, summarize } from './stats.ts';

/**
 * `POST /sms/gateway` under autocannon against a real server on 127.0.0.1: valid signatures, a
 * new messageId on every request, debtors spread over thousands of imported accounts, and every
 * request checked afterwards (archived inbound rows = 2xx answers). Two baselines are measured
 * beside each gateway run with the same connections, so the ratios hold when the machine is
 * busier or quieter: `GET /healthz` on the same server (the HTTP stack's own ceiling), and the
 * floor server (bench/floor-server.ts, child mode only): the same signed requests doing the same
 * durable work (one transaction, answer, keep-alive send, second commit) with no bot logic. On
 * `store: 'postgres'` both run on PostgreSQL instead, each on a fresh database of its own.
 */

export const SECRET = 'bench-gateway-secret-0123456789';
/** 10:00 on a Monday in Beijing (and, below, in Singapore for English debtors): daytime for all. */
export const NOW = '2026-11-23T10:00:00+08:00';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface HttpLevel {
  connections: number;
  /** Requests per measured gateway run. */
  requestsPerRun: number;
  gatewayRps: Spread;
  p50ms: Spread;
  p99ms: Spread;
  healthzRps: Spread;
  /** gateway req/s ÷ healthz req/s, per pair of runs. */
  gatewayOverHealthz: Spread;
  /** The floor server under the same load (child mode; null in process). */
  floor: { rps: Spread; p50ms: Spread; p99ms: Spread; cpuMsPerRequest: Spread | null } | null;
  /** gateway req/s ÷ floor req/s, per pair of runs (issue 16's target: ≥ 0.5). */
  gatewayOverFloor: Spread | null;
  /** gateway p99 ÷ floor p99, per pair of runs (target: ≤ 2). */
  p99OverFloor: Spread | null;
  /** Server CPU (user + system) per answered request, including the sends it triggered (child mode). */
  serverCpuMsPerRequest: Spread | null;
  /** The load generator's and stand-in aggregator's CPU per request (this process). */
  clientCpuMsPerRequest: Spread;
  /** Summed over the measured runs: every 2xx archived once, no other answer. */
  checks: { requests: number; ok: number; archived: number; non2xx: number; errors: number; exact: boolean };
  /** Replies the outbox sent to the stand-in aggregator after the measured runs, and how fast it drained. */
  replies: { sent: number; drainSeconds: number };
}

export interface HttpBench {
  mode: 'child' | 'inprocess';
  /** Where the gateway and the floor keep their data. */
  store: 'sqlite' | 'postgres';
  accounts: number;
  firstRemindersSeconds: number;
  levels: HttpLevel[];
}

interface Options {
  mode: 'child' | 'inprocess';
  /** SQLite files (the default), or fresh databases on the PostgreSQL server `pgUrl`. */
  store?: 'sqlite' | 'postgres';
  pgUrl?: string | null;
  accounts: number;
  levels: number[];
  runs: number;
  /** Target length of each measured gateway run. */
  seconds: number;
  /** Length of each /healthz baseline run. */
  baselineSeconds: number;
  /** Extra node flags for the child (e.g. --cpu-prof). */
  nodeArgs?: string[];
  log?: (line: string) => void;
}

const spread = (xs: number[]): Spread => summarize(xs);

/** Import `accounts` through `POST /api/accounts`, 1 000 a request; throws unless every one is created. */
export async function importAll(url: string, accounts: AccountInput[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += 1000) {
    const res = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(accounts.slice(i, i + 1000)),
    });
    const body = (await res.json()) as { created: number };
    if (res.status !== 200 || body.created !== Math.min(1000, accounts.length - i))
      throw new Error(`import failed: ${res.status} ${JSON.stringify(body)}`);
  }
}

/** `n` generated debtors for a bench, in Beijing and Singapore (where NOW is 10:00). */
export const benchAccounts = (n: number, seed: number, prefix: string): AccountInput[] =>
  generateAccounts(n, { seed, prefix, zhZone: 'Asia/Shanghai', enZone: 'Asia/Singapore' });

/** Import `accounts` and wait (up to `ms`) until the aggregator has each one's first reminder. */
export async function importWithReminders(
  url: string,
  accounts: AccountInput[],
  aggregator: Aggregator,
  ms: number,
): Promise<void> {
  await importAll(url, accounts);
  if (!(await waitFor(() => aggregator.total() >= accounts.length, ms)))
    throw new Error(`first reminders: ${aggregator.total()} of ${accounts.length} sent`);
}

/**
 * Signed `POST /sms/gateway` load: each request a new messageId (`<idPrefix>-<n>`), a random
 * debtor of `accounts` and a realistic reply in their language, signed with the server's clock
 * (`offsetMs` ahead of ours). `run` is one autocannon run against `url`: `amount` requests, or
 * `seconds` long; its `seconds` is until the last answer. Shared by the instances bench.
 */
export function signedGateway(o: {
  accounts: AccountInput[];
  offsetMs: number;
  seed: number;
  idPrefix: string;
}) {
  const rand = prng(o.seed);
  let seq = 0;
  return {
    /** `rate`: a steady overall req/s instead of as fast as the server answers. */
    run(url: string, connections: number, amount: number | null, seconds: number, rate?: number) {
      let last = 0;
      const started = Date.now();
      const run = autocannon({
        url,
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        ...(rate ? { overallRate: rate } : {}),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/sms/gateway',
            setupRequest: (req) => {
              const a: AccountInput = o.accounts[Math.floor(rand() * o.accounts.length)]!;
              const body = JSON.stringify({
                messageId: `${o.idPrefix}-${++seq}`,
                from: a.phone,
                to: '10690000',
                text: debtorText(a.locale, rand),
              });
              const ts = String(Math.floor((Date.now() + o.offsetMs) / 1000));
              return {
                ...req,
                body,
                headers: {
                  'content-type': 'application/json',
                  [TIMESTAMP_HEADER]: ts,
                  [SIGNATURE_HEADER]: gatewaySignature(SECRET, ts, body),
                },
              };
            },
            onResponse: () => {
              last = Date.now();
            },
          },
        ],
      });
      return run.then((r) => ({ r, seconds: Math.max(0.001, (last - started) / 1000) }));
    },
  };
}

/** What a benched server starts with: its database, the stand-in aggregator, the gateway, the bench's clock. */
export const benchEnv = (db: string, aggregatorUrl: string): Record<string, string> => ({
  HUIKUAN_DB: db,
  GATEWAY_SECRET: SECRET,
  GATEWAY_SEND_URL: `${aggregatorUrl}/send`,
  HUIKUAN_DEFAULT_CHANNEL: 'gateway',
  HUIKUAN_DEMO: '0',
  HUIKUAN_NOW: NOW,
});

export async function benchHttp(o: Options): Promise<HttpBench> {
  if (o.store === 'postgres') {
    const server = o.pgUrl;
    if (!server) throw new Error('benchHttp: store postgres needs pgUrl (a PostgreSQL server URL)');
    return withDatabase(server, (db) =>
      withDatabase(server, (floorDb) => measure(o, 'postgres', db, floorDb)),
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-bench-'));
  try {
    return await measure(o, 'sqlite', join(dir, 'bench.db'), join(dir, 'floor.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  o: Options,
  store: 'sqlite' | 'postgres',
  db: string,
  floorDb: string,
): Promise<HttpBench> {
  const log = o.log ?? (() => {});
  const tag = store === 'postgres' ? 'http-pg' : 'http';
  const aggregator = await startAggregator();
  const env = benchEnv(db, aggregator.url);
  // The server's clock runs from NOW; sign with the same clock (the window is ±300 s).
  const offset = Date.parse(NOW) - Date.now();
  let url: string;
  let stop: () => Promise<void>;
  let pid: number | null = null;
  let floor: ChildServer | null = null;
  if (o.mode === 'child') {
    floor = await spawnFloor({
      FLOOR_DB: floorDb,
      FLOOR_SECRET: SECRET,
      FLOOR_SEND_URL: `${aggregator.url}/send`,
    });
    const s = await spawnServer({ ...env, LOG_LEVEL: 'info' }, o.nodeArgs);
    url = s.url;
    stop = s.stop;
    pid = s.child.pid ?? null;
  } else {
    const r = await startHuikuan({ ...env, PORT: '0', LOG_LEVEL: 'silent' }, { clock: makeClock(NOW) });
    url = r.url;
    stop = r.close;
  }
  // Read-only (SQLite) or a connection of its own (PostgreSQL): what the server archived and sent.
  const count = await counterFor(db);
  const drained = (ms: number) => waitFor(async () => (await count.pending()) === 0, ms);

  try {
    const accounts = benchAccounts(o.accounts, 5, 'b');
    let t = Date.now();
    await importWithReminders(url, accounts, aggregator, 120_000);
    const firstRemindersSeconds = (Date.now() - t) / 1000;
    log(
      `${tag}: ${accounts.length} accounts imported, first reminders sent in ${firstRemindersSeconds.toFixed(1)} s`,
    );

    const load = signedGateway({ accounts, offsetMs: offset, seed: 99, idPrefix: 'bench' });
    const gateway = (connections: number, amount: number | null, seconds: number, target = url) =>
      load.run(target, connections, amount, seconds);
    const healthz = (connections: number, seconds: number) =>
      autocannon({ url: `${url}/healthz`, connections, duration: seconds });

    const levels: HttpLevel[] = [];
    for (const connections of o.levels) {
      // Warm up and size the runs: a fixed amount per run, so every answer can be counted.
      await gateway(connections, null, Math.max(1, Math.round(o.seconds / 2)));
      await drained(60_000);
      const probe = await gateway(connections, Math.max(connections * 10, 200), 0);
      const amount = Math.max(connections * 10, Math.round((probe.r['2xx'] / probe.seconds) * o.seconds));
      await drained(60_000);

      const gw: number[] = [];
      const fl: number[] = [];
      const flP50: number[] = [];
      const flP99: number[] = [];
      const flCpu: number[] = [];
      const hz: number[] = [];
      const p50: number[] = [];
      const p99: number[] = [];
      const serverCpu: number[] = [];
      const clientCpu: number[] = [];
      const checks = { requests: 0, ok: 0, archived: 0, non2xx: 0, errors: 0, exact: true };
      let sentBefore = aggregator.total();
      let drainSeconds = 0;
      for (let r = 0; r < o.runs; r++) {
        const h: Result = await healthz(connections, o.baselineSeconds);
        hz.push(h.requests.total / h.duration);
        const before = await count.inbound();
        const cpu0 = pid === null ? null : cpuSeconds(pid);
        const own0 = process.cpuUsage();
        const { r: g, seconds } = await gateway(connections, amount, 0);
        const archived = (await count.inbound()) - before;
        // Wait for the replies too: the CPU figure covers receiving and answering.
        t = Date.now();
        await drained(120_000);
        drainSeconds += (Date.now() - t) / 1000;
        const cpu1 = pid === null ? null : cpuSeconds(pid);
        const own = process.cpuUsage(own0);
        if (cpu0 !== null && cpu1 !== null) serverCpu.push(((cpu1 - cpu0) * 1000) / g['2xx']);
        clientCpu.push((own.user + own.system) / 1000 / g['2xx']);
        gw.push(g['2xx'] / seconds);
        p50.push(g.latency.p50);
        p99.push(g.latency.p99);
        checks.requests += amount;
        checks.ok += g['2xx'];
        checks.archived += archived;
        checks.non2xx += g.non2xx;
        checks.errors += g.errors;
        if (archived !== g['2xx'] || g.non2xx !== 0 || g.errors !== 0) checks.exact = false;
        if (floor) {
          // The gateway's replies have drained (above): what the aggregator gets now is the floor's.
          const sent0 = aggregator.total();
          const fcpu0 = cpuSeconds(floor.child.pid!);
          const { r: f, seconds: fs } = await gateway(connections, amount, 0, floor.url);
          await waitFor(() => aggregator.total() - sent0 >= f['2xx'], 30_000);
          const fcpu1 = cpuSeconds(floor.child.pid!);
          if (fcpu0 !== null && fcpu1 !== null) flCpu.push(((fcpu1 - fcpu0) * 1000) / f['2xx']);
          sentBefore += aggregator.total() - sent0;
          fl.push(f['2xx'] / fs);
          flP50.push(f.latency.p50);
          flP99.push(f.latency.p99);
        }
        log(
          `${tag}: ${connections} conn, run ${r + 1}: floor ${fl.length ? Math.round(fl.at(-1)!) : '-'} req/s (p99 ${flP99.at(-1) ?? '-'} ms); gateway ${Math.round(gw.at(-1)!)} req/s (p50 ${g.latency.p50} ms, p99 ${g.latency.p99} ms), healthz ${Math.round(hz.at(-1)!)} req/s, ${archived}/${g['2xx']} archived, server ${serverCpu.at(-1)?.toFixed(2) ?? '?'} ms CPU/request, client ${clientCpu.at(-1)!.toFixed(2)}`,
        );
      }
      levels.push({
        connections,
        requestsPerRun: amount,
        gatewayRps: spread(gw),
        p50ms: spread(p50),
        p99ms: spread(p99),
        healthzRps: spread(hz),
        gatewayOverHealthz: spread(gw.map((x, i) => x / hz[i]!)),
        floor: fl.length
          ? {
              rps: spread(fl),
              p50ms: spread(flP50),
              p99ms: spread(flP99),
              cpuMsPerRequest: flCpu.length ? spread(flCpu) : null,
            }
          : null,
        gatewayOverFloor: fl.length ? spread(gw.map((x, i) => x / fl[i]!)) : null,
        p99OverFloor: fl.length ? spread(p99.map((x, i) => x / Math.max(1, flP99[i]!))) : null,
        serverCpuMsPerRequest: serverCpu.length ? spread(serverCpu) : null,
        clientCpuMsPerRequest: spread(clientCpu),
        checks,
        replies: {
          sent: aggregator.total() - sentBefore,
          drainSeconds: Math.round(drainSeconds * 100) / 100,
        },
      });
      sentBefore = aggregator.total();
    }
    return { mode: o.mode, store, accounts: accounts.length, firstRemindersSeconds, levels };
  } finally {
    await count.close();
    await stop();
    await floor?.stop();
    await aggregator.close();
  }
}

export { median };
