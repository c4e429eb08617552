import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { counterFor, type Counter } from './databases.ts';
import { benchAccounts, benchEnv, importWithReminders, NOW, signedGateway } from './http.ts';
import { spawnServer, startAggregator, waitFor } from './server.ts';
import { slope } from './stats.ts';

/**
 * Issue 16's memory soak: `npm start` as a child on 127.0.0.1 with a SQLite file, `accounts`
 * debtors imported (first reminders sent), then signed gateway webhooks at a steady `rate` req/s
 * (autocannon's overallRate, well below capacity) for `seconds`, each from a random debtor, so
 * every conversation keeps going; every answer is counted against the archive, and whether the
 * server kept the rate is said (at capacity a soak measures something else). bench/soak-probe.ts,
 * loaded into the child, records its RSS and its heap after a full GC when the bench asks (SIGUSR2,
 * every `sampleSeconds`, from the load's first request to its last answer). The verdict is read from the RSS slope
 * (least squares, MB per minute) over the last 8 minutes, never the warm-up minute.
 */

export interface SoakSample {
  /** Seconds since the load began. */
  t: number;
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  /** What V8 holds for its heap after the GC, used or not. */
  heapTotalMB?: number;
  /** Linux only: the resident set's anonymous, file-backed and shared parts. */
  rssAnonMB?: number;
  rssFileMB?: number;
  rssShmemMB?: number;
}

export interface SoakBench {
  /** How long the load was asked to run. */
  targetSeconds: number;
  /** From the first request to the last answer counted. */
  seconds: number;
  targetRps: number;
  achievedRps: number;
  accounts: number;
  connections: number;
  latencyMs: { p50: number; p99: number; max: number };
  /**
   * Every 2xx archived, and at most one archived but unanswered per connection (in flight when
   * the load stopped), no other answer.
   */
  checks: {
    ok: number;
    archived: number;
    inFlightAtStop: number;
    non2xx: number;
    errors: number;
    exact: boolean;
  };
  /** Whether the server answered at least 95 % of the target rate (else the soak measured it at capacity). */
  keptRate: boolean;
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
  /** null: too short to judge (fewer than two samples after the warm-up). */
  flat: boolean | null;
  verdict: string;
}

interface Options {
  /** How long the load runs. */
  seconds: number;
  rate: number;
  accounts: number;
  connections: number;
  /** Seconds between memory samples. */
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
  const perMinute = (mb: (s: SoakSample) => number) =>
    slope(
      w.map((s) => s.t / 60),
      w.map(mb),
    );
  return { rssMBPerMin: perMinute((s) => s.rssMB), heapMBPerMin: perMinute((s) => s.heapUsedMB) };
}

export async function benchSoak(o: Options): Promise<SoakBench> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-soak-'));
  const db = join(dir, 'soak.db');
  const samplesFile = join(dir, 'samples.jsonl');
  const probe = fileURLToPath(new URL('./soak-probe.ts', import.meta.url));
  const aggregator = await startAggregator();
  const server = await spawnServer(
    { ...benchEnv(db, aggregator.url), LOG_LEVEL: 'info', SOAK_SAMPLES: samplesFile },
    ['--expose-gc', '--import', 'tsx', '--import', probe],
  );
  let began = Date.now();
  /** Ask the child for a sample and wait until it is written. */
  const sample = async (): Promise<SoakSample | undefined> => {
    const n = readSamples(samplesFile, began).length;
    server.child.kill('SIGUSR2');
    await waitFor(() => readSamples(samplesFile, began).length > n, 10_000, 20);
    return readSamples(samplesFile, began).at(-1);
  };
  let count: Counter | null = null;
  try {
    count = await counterFor(db);
    const counter = count;
    const accounts = benchAccounts(o.accounts, 16, 's');
    await importWithReminders(server.url, accounts, aggregator, 120_000);
    log(`soak: ${accounts.length} accounts imported; ${o.rate} req/s for ${o.seconds} s`);
    const load = signedGateway({
      accounts,
      offsetMs: Date.parse(NOW) - Date.now(),
      seed: 16,
      idPrefix: 'soak',
    });
    const before = await counter.inbound();
    began = Date.now();
    await sample();
    let ticks = 0;
    const sampler = setInterval(() => {
      void sample().then((s) => {
        if (++ticks % 6 === 0 && s)
          log(
            `soak: ${Math.round(s.t)} s of ${o.seconds}, RSS ${s.rssMB.toFixed(1)} MB` +
              (s.rssAnonMB !== undefined
                ? ` (anon ${s.rssAnonMB.toFixed(1)}, file ${s.rssFileMB?.toFixed(1)}, shmem ${s.rssShmemMB?.toFixed(1)})`
                : '') +
              `, heap ${s.heapUsedMB.toFixed(1)} MB`,
          );
      });
    }, o.sampleSeconds * 1000);
    // A fixed length at a fixed rate: a server slower than the rate shows as a lower achieved
    // rate, not as a longer soak. The requests still in flight when it stops are not counted by
    // autocannon but are archived: at most one per connection.
    let run;
    try {
      run = await load.run(server.url, o.connections, null, o.seconds, o.rate);
    } finally {
      clearInterval(sampler);
    }
    const { r, seconds } = run;
    await sample();
    await waitFor(async () => (await counter.pending()) === 0, 60_000);
    const archived = (await counter.inbound()) - before;
    const unanswered = archived - r['2xx'];
    const samples = readSamples(samplesFile, began);
    const end = samples.at(-1)!.t;
    const from = Math.max(WARMUP_SECONDS, end - VERDICT_SECONDS);
    const verdictWindow = { fromSeconds: from, toSeconds: end, ...window(samples, from, end) };
    const judged = Number.isFinite(verdictWindow.rssMBPerMin);
    const flat = judged ? verdictWindow.rssMBPerMin < FLAT_MB_PER_MIN : null;
    const rss = samples.map((s) => s.rssMB);
    const mb = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
    return {
      targetSeconds: o.seconds,
      seconds,
      targetRps: o.rate,
      achievedRps: r['2xx'] / seconds,
      accounts: accounts.length,
      connections: o.connections,
      latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      checks: {
        ok: r['2xx'],
        archived,
        inFlightAtStop: unanswered,
        non2xx: r.non2xx,
        errors: r.errors,
        exact: unanswered >= 0 && unanswered <= o.connections && r.non2xx === 0 && r.errors === 0,
      },
      keptRate: r['2xx'] / seconds >= 0.95 * o.rate,
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
      verdict: judged
        ? `${flat ? 'flat' : 'NOT flat'}: RSS ${mb(verdictWindow.rssMBPerMin)} MB/min from ${Math.round(from)} s to ${Math.round(end)} s (threshold < ${FLAT_MB_PER_MIN} MB/min), heap after GC ${mb(verdictWindow.heapMBPerMin)} MB/min`
        : `not judged: ${Math.round(end)} s of load leaves fewer than two samples after the ${WARMUP_SECONDS} s warm-up`,
    };
  } finally {
    await count?.close();
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
    .map(
      (line) =>
        JSON.parse(line) as {
          at: number;
          rss: number;
          heapUsed: number;
          heapTotal?: number;
          external: number;
          rssAnon?: number;
          rssFile?: number;
          rssShmem?: number;
        },
    )
    .filter((s) => s.at >= began)
    .map((s) => ({
      t: Math.round((s.at - began) / 100) / 10,
      rssMB: s.rss / MB,
      heapUsedMB: s.heapUsed / MB,
      externalMB: s.external / MB,
      ...(Number.isFinite(s.heapTotal) ? { heapTotalMB: s.heapTotal! / MB } : {}),
      ...(Number.isFinite(s.rssAnon) ? { rssAnonMB: s.rssAnon! / MB } : {}),
      ...(Number.isFinite(s.rssFile) ? { rssFileMB: s.rssFile! / MB } : {}),
      ...(Number.isFinite(s.rssShmem) ? { rssShmemMB: s.rssShmem! / MB } : {}),
    }));
}
