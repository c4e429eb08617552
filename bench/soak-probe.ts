/**
 * Loaded into the soak's server child with `--import` (bench/soak.ts), never into `npm start`:
 * every SOAK_SAMPLE_MS it runs a full GC (the child has --expose-gc) and appends the process's
 * own memory figures as one JSON line to SOAK_SAMPLES. RSS from `process.memoryUsage()` is the
 * kernel's resident set (what `ps -o rss=` shows); heapUsed after a full GC is the live heap, the
 * figure a leak moves.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.SOAK_SAMPLES;
const every = Number(process.env.SOAK_SAMPLE_MS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;

if (file) {
  const sample = (): void => {
    gc?.();
    const m = process.memoryUsage();
    appendFileSync(
      file,
      JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external }) + '\n',
    );
  };
  setInterval(sample, every).unref();
}
