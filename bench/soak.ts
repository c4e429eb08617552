import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { counterFor } from './databases.ts';
import { benchEnv, importAll, NOW, signedGateway } from './http.ts';
import { generateAccounts } from './messages.ts';
import { spawnServer, startAggregator, waitFor } from './server.ts';
import { slope } from './stats.ts';

/**
 * Issue 16's memory soak: `npm start` as a child on 127.0.0.1 with a SQLite file, `accounts`
 * debtors imported (first reminders sent), then signed gateway webhooks at a steady `rate` req/s
 * (autocannon's overallRate, well below capacity) for `seconds`, each from a random debtor, so
 * every conversation keeps going. bench/soak-probe.ts, loaded into the child, records its RSS
 * and its heap after a full GC every `sampleSeconds`. The verdict is read from the RSS slope
 * (least squares, MB per minute) over the last 8 minutes, never the warm-up minute.
 */

export interface SoakSample {
  /** Seconds since the load began. */
  t: number;
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
}

export interface SoakBench {
  seconds: number;
  targetRps: number;
  achievedRps: number;
  accounts: number;
  connections: number;
  latencyMs: { p50: number; p99: number; max: number };
  checks: { ok: number; archived: number; non2xx: number; errors: number; exact: boolean };
  sampleSeconds: number;
  samples: SoakSample[];
  startRssMB: number;
  endRssMB: number;
  peakRssMB: number;
  warmupSeconds: number;
  /** Least-squares slopes after the warm-up, MB per minute. */
  afterWarmup: { rssMBPerMin: number; heapMBPerMin: number };
  /** The verdict's window: the last 8 minutes (or all after the warm-up, in a shorter soak). */
  verdictWindow: { fromSeconds: number; toSeconds: number; rssMBPerMin: number; heapMBPerMin: number };
  thresholdMBPerMin: number;
  flat: boolean;
  verdict: string;
}

interface Options {
  seconds: number;
  rate: number;
  accounts: number;
  connections: number;
  sampleSeconds: number;
  log?: (line: string) => void;
}

const MB = 1024 * 1024;
const WARMUP_SECONDS = 60;
const VERDICT_SECONDS = 8 * 60;
/**
 * Flat: RSS grows by less than 1 MB a minute over the window (under 8 MB over 8 minutes; a leak
 * of one small object per request at 200 req/s is already several MB a minute).
 */
export const FLAT_MB_PER_MIN = 1;

/** Slopes in MB per minute of the samples from `from` to `to` seconds. */
function window(samples: SoakSample[], from: number, to: number) {
  const w = samples.filter((s) => s.t >= from && s.t <= to);
  const minutes = w.map((s) => s.t / 60);
  return {
    rssMBPerMin: slope(
      minutes,
      w.map((s) => s.rssMB),
    ),
    heapMBPerMin: slope(
      minutes,
      w.map((s) => s.heapUsedMB),
    ),
  };
}

export async function benchSoak(o: Options): Promise<SoakBench> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-soak-'));
  const db = join(dir, 'soak.db');
  const samplesFile = join(dir, 'samples.jsonl');
  const probe = fileURLToPath(new URL('./soak-probe.ts', import.meta.url));
  const aggregator = await startAggregator();
  const server = await spawnServer(
    {
      ...benchEnv(db, aggregator.url),
      LOG_LEVEL: 'info',
      SOAK_SAMPLES: samplesFile,
      SOAK_SAMPLE_MS: String(o.sampleSeconds * 1000),
    },
    ['--expose-gc', '--import', 'tsx', '--import', probe],
  );
  const count = await counterFor(db);
  try {
    const accounts = generateAccounts(o.accounts, {
      seed: 16,
      prefix: 's',
      zhZone: 'Asia/Shanghai',
      enZone: 'Asia/Singapore',
    });
    await importAll(server.url, accounts);
    if (!(await waitFor(() => aggregator.total() >= accounts.length, 120_000)))
      throw new Error(`first reminders: ${aggregator.total()} of ${accounts.length} sent`);
    log(`soak: ${accounts.length} accounts imported; ${o.rate} req/s for ${o.seconds} s`);
    const load = signedGateway({
      accounts,
      offsetMs: Date.parse(NOW) - Date.now(),
      seed: 16,
      idPrefix: 'soak',
    });
    const before = await count.inbound();
    const began = Date.now();
    const progress = setInterval(() => {
      const done = Math.round((Date.now() - began) / 1000);
      const last = readSamples(samplesFile, began).at(-1);
      log(
        `soak: ${done} s of ${o.seconds}${last ? `, RSS ${last.rssMB.toFixed(1)} MB, heap ${last.heapUsedMB.toFixed(1)} MB` : ''}`,
      );
    }, 60_000);
    let run;
    try {
      run = await load.run(server.url, o.connections, null, o.seconds, o.rate);
    } finally {
      clearInterval(progress);
    }
    const { r } = run;
    const archived = (await count.inbound()) - before;
    // The probe's last sample inside the load window.
    await new Promise((res) => setTimeout(res, 200));
    const samples = readSamples(samplesFile, began).filter((s) => s.t <= o.seconds + o.sampleSeconds / 2);
    if (samples.length < 2) throw new Error(`soak: ${samples.length} memory samples in ${o.seconds} s`);
    const end = samples.at(-1)!.t;
    const from = Math.max(WARMUP_SECONDS, end - VERDICT_SECONDS);
    const verdictWindow = { fromSeconds: from, toSeconds: end, ...window(samples, from, end) };
    const flat = verdictWindow.rssMBPerMin < FLAT_MB_PER_MIN;
    const rss = samples.map((s) => s.rssMB);
    const mb = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
    return {
      seconds: o.seconds,
      targetRps: o.rate,
      achievedRps: r['2xx'] / o.seconds,
      accounts: accounts.length,
      connections: o.connections,
      latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      checks: {
        ok: r['2xx'],
        archived,
        non2xx: r.non2xx,
        errors: r.errors,
        exact: archived === r['2xx'] && r.non2xx === 0 && r.errors === 0,
      },
      sampleSeconds: o.sampleSeconds,
      samples,
      startRssMB: rss[0]!,
      endRssMB: rss.at(-1)!,
      peakRssMB: Math.max(...rss),
      warmupSeconds: WARMUP_SECONDS,
      afterWarmup: window(samples, WARMUP_SECONDS, end),
      verdictWindow,
      thresholdMBPerMin: FLAT_MB_PER_MIN,
      flat,
      verdict: `${flat ? 'flat' : 'NOT flat'}: RSS ${mb(verdictWindow.rssMBPerMin)} MB/min from ${Math.round(from)} s to ${Math.round(end)} s (threshold < ${FLAT_MB_PER_MIN} MB/min), heap after GC ${mb(verdictWindow.heapMBPerMin)} MB/min`,
    };
  } finally {
    await count.close();
    await server.stop();
    await aggregator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The probe's samples so far, timed from `began` (the load's start); those before it dropped. */
function readSamples(file: string, began: number): SoakSample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { at: number; rss: number; heapUsed: number; external: number })
    .filter((s) => s.at >= began)
    .map((s) => ({
      t: Math.round((s.at - began) / 100) / 10,
      rssMB: s.rss / MB,
      heapUsedMB: s.heapUsed / MB,
      externalMB: s.external / MB,
    }));
}
