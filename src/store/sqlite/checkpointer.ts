import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop (issue 16). SQLite copies the write-ahead log back into the
 * database file once it passes `wal_autocheckpoint` pages, inside whichever COMMIT crosses the
 * line: on the reference machine one such COMMIT in about sixty took 10 ms (fsync included),
 * 70 % of all the time spent committing, and every webhook queued behind it waited. Here a worker
 * thread with a connection of its own runs `PRAGMA wal_checkpoint(PASSIVE)` every `everyMs`:
 * PASSIVE copies what no reader still needs and never blocks the writer, so the store's own
 * connection keeps a small log that it restarts itself, and its autocheckpoint (left at a higher
 * mark by the caller) only fires if this thread falls behind or dies.
 *
 * Durability is SQLite's own: a commit is in the log before it returns; a checkpoint only moves
 * committed pages into the main file. The worker is plain JavaScript (evaluated, so it needs no
 * TypeScript loader) and unref'd: it never keeps a process alive.
 */

/** How often the worker checkpoints (ms): small logs, each copy a few hundred pages at most. */
export const CHECKPOINT_EVERY_MS = 100;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a closing file: the next beat tries again, the writer's autocheckpoint remains.
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stop the worker and close its connection (resolves once it has exited). */
  stop(): Promise<void>;
}

/** Start checkpointing the WAL of the SQLite file at `path` from a worker thread. */
export function startCheckpointer(path: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs } });
  worker.unref();
  // A worker that fails only loses the speed-up: the writer's own autocheckpoint still runs.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const late = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(late);
    },
  };
}
