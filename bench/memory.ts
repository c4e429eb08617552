import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAccountsJson } from '../src/accounts/import.ts';
import { createLogger } from '../src/log.ts';
import { HuikuanService } from '../src/service/huikuan.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { generateAccounts } from './messages.ts';

/**
 * Memory and disk per 100 000 conversations: accounts imported through the service in batches of
 * 1 000 (as `POST /api/accounts` does), each getting its first reminder (conversation row, machine
 * snapshot, archived message, outbox item, schedule). Runs in a child process with --expose-gc so
 * RSS is this work alone, measured after a full GC before and after. If the time budget runs out
 * first, it stops and the figures are extrapolated linearly (and say so).
 */
export interface MemoryBench {
  conversations: number;
  /** Whether `perHundredThousand` is measured (false: extrapolated from `conversations`). */
  measured: boolean;
  seconds: number;
  importsPerSec: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  heapAfterMB: number;
  dbBytes: number;
  perHundredThousand: { rssMB: number; dbMB: number };
  bytesPerConversation: { rss: number; db: number };
}

const MB = 1024 * 1024;

async function measure(target: number, budgetMs: number): Promise<MemoryBench> {
  const dir = mkdtempSync(join(tmpdir(), 'huikuan-mem-'));
  const path = join(dir, 'mem.db');
  try {
    const store = SqliteStore.open(path);
    // 10:00 in Beijing: every first reminder is sent at once, none deferred.
    const now = Date.parse('2026-11-23T10:00:00+08:00');
    const service = new HuikuanService({
      store,
      senders: {},
      clock: () => now,
      log: createLogger('bench', 'silent'),
      defaultChannel: 'gateway',
    });
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
    gc();
    gc();
    const rssBefore = process.memoryUsage().rss;
    const t0 = Date.now();
    let done = 0;
    while (done < target && Date.now() - t0 < budgetMs) {
      const batch = generateAccounts(1000, { seed: done + 1, prefix: `m${done}` }).map((a, i) => ({
        ...a,
        phone:
          a.locale === 'zh-CN'
            ? `+86137${String(done + i).padStart(8, '0')}`
            : `+1556${String(done + i).padStart(7, '0')}`,
      }));
      const { rows, errors } = parseAccountsJson(batch, now);
      if (errors.length) throw new Error(`memory bench: ${JSON.stringify(errors[0])}`);
      const r = await service.addAccounts(rows);
      if (r.created !== rows.length)
        throw new Error(
          `memory bench: ${r.created} of ${rows.length} created: ${JSON.stringify(r.errors[0])}`,
        );
      done += rows.length;
    }
    const seconds = (Date.now() - t0) / 1000;
    gc();
    gc();
    const mem = process.memoryUsage();
    await store.close(); // checkpoints the WAL into the file
    const dbBytes = statSync(path).size;
    const rssDelta = mem.rss - rssBefore;
    const scale = 100_000 / done;
    return {
      conversations: done,
      measured: done >= 100_000,
      seconds,
      importsPerSec: done / seconds,
      rssBeforeMB: rssBefore / MB,
      rssAfterMB: mem.rss / MB,
      heapAfterMB: mem.heapUsed / MB,
      dbBytes,
      perHundredThousand: { rssMB: (rssDelta * scale) / MB, dbMB: (dbBytes * scale) / MB },
      bytesPerConversation: { rss: rssDelta / done, db: dbBytes / done },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run the measurement in a fresh child process (so RSS is its own) and return what it printed. */
export function benchMemory(target = 100_000, budgetMs = 90_000): Promise<MemoryBench> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', self, String(target), String(budgetMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`memory bench exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line) as MemoryBench);
      } catch {
        reject(new Error(`memory bench printed: ${out}`));
      }
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [target, budget] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(await measure(target ?? 100_000, budget ?? 90_000)) + '\n');
}
