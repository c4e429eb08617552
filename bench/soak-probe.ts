/**
 * Loaded into the soak's server child with `--import` (bench/soak.ts), never into `npm start`:
 * on each SIGUSR2 it runs a full GC (the child has --expose-gc) and appends the process's own
 * memory figures as one JSON line to SOAK_SAMPLES. RSS from `process.memoryUsage()` is the
 * kernel's resident set (what `ps -o rss=` shows); heapUsed after a full GC is the live heap, the
 * figure a leak moves; RssAnon, RssFile and RssShmem from /proc say which part of the resident set
 * moves when RSS does. The bench sends the signal, so samples fall on its own 10 s marks.
 */
import { appendFileSync, readFileSync } from 'node:fs';

/** The resident set split as the kernel keeps it (Linux): anonymous memory, mapped files, shared memory. */
function residentParts(): { rssAnon: number; rssFile: number; rssShmem: number } | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string): number =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rssAnon: kb('RssAnon'), rssFile: kb('RssFile'), rssShmem: kb('RssShmem') };
  } catch {
    return null;
  }
}

const file = process.env.SOAK_SAMPLES;
const gc = (globalThis as { gc?: () => void }).gc;

if (file)
  process.on('SIGUSR2', () => {
    gc?.();
    const m = process.memoryUsage();
    appendFileSync(
      file,
      JSON.stringify({
        at: Date.now(),
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        ...residentParts(),
      }) + '\n',
    );
  });
