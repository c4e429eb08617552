/**
 * Loaded into the soak's server child with `--import` (bench/soak.ts), never into `npm start`:
 * on each SIGUSR2 it runs a full GC (the child has --expose-gc) and appends the process's own
 * memory figures as one JSON line to SOAK_SAMPLES. RSS from `process.memoryUsage()` is the
 * kernel's resident set (what `ps -o rss=` shows); heapUsed after a full GC is the live heap, the
 * figure a leak moves. The bench sends the signal, so samples fall on its own 10 s marks.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.SOAK_SAMPLES;
const gc = (globalThis as { gc?: () => void }).gc;

if (file)
  process.on('SIGUSR2', () => {
    gc?.();
    const m = process.memoryUsage();
    appendFileSync(
      file,
      JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external }) + '\n',
    );
  });
