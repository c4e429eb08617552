/**
 * `npm run migrate-store -- FROM TO`: copy a whole Huikuan store, every table with its ids,
 * states and id counters, from FROM to TO. Each is what `HUIKUAN_DB` takes: a SQLite file path or
 * a postgres:// URL (SQLite → PostgreSQL, back, or two of a kind). TO must be empty (a new file,
 * an empty database) or migrated to the same schema version with no rows.
 *
 * Prints the rows copied per table (stdout) and checks them on the target after the commit.
 * Exit 0 when copied and checked; 2 when refused or given bad arguments (no row written, the
 * reason on stderr); 1 when the copy failed (rolled back, or committed but not matching: stderr says which).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { openCopyEnd, parseStoreTarget } from '../src/store/open-store.ts';
import { MIGRATIONS } from '../src/store/sqlite/migrations.ts';
import {
  copyStore,
  CopyRefused,
  formatCopyReport,
  type CopySource,
  type CopyTarget,
} from '../src/store/store-copy.ts';

const USAGE = 'usage: npm run migrate-store -- FROM TO   (each a SQLite file path or a postgres:// URL)';

const ArgsSchema = z.object({
  FROM: z.string().trim().min(1, 'give the store to copy from'),
  TO: z.string().trim().min(1, 'give the store to copy to'),
  batch: z.coerce.number().int().min(1).max(10_000),
});
type Args = z.infer<typeof ArgsSchema>;

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  let batch = '500';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--batch') batch = argv[++i] ?? '';
    else if (a.startsWith('--batch=')) batch = a.slice(8);
    else if (a.startsWith('--')) throw new CopyRefused(`unknown option ${a}\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 2)
    throw new CopyRefused(`expected FROM and TO, got ${positional.length} argument(s)\n${USAGE}`);
  const r = ArgsSchema.safeParse({ FROM: positional[0], TO: positional[1], batch });
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CopyRefused(
      `${i.path.join('.') === 'batch' ? '--batch' : i.path.join('.')}: ${i.message}\n${USAGE}`,
    );
  }
  // Both named before either is opened, so a bad TO is told even when FROM is missing too.
  for (const role of ['FROM', 'TO'] as const) {
    const t = parseStoreTarget(r.data[role]);
    if ('error' in t) throw new CopyRefused(`${role}: ${t.error}`);
  }
  return r.data;
}

/** The same database named twice (a path two ways, a URL twice) would copy onto itself. */
function sameStore(a: string, b: string): boolean {
  const x = parseStoreTarget(a);
  const y = parseStoreTarget(b);
  if ('error' in x || 'error' in y) return false;
  if (x.kind === 'sqlite' && y.kind === 'sqlite') return resolve(x.path) === resolve(y.path);
  return x.kind === 'postgres' && y.kind === 'postgres' && x.url === y.url;
}

async function main(): Promise<number> {
  let source: CopySource | null = null;
  let target: CopyTarget | null = null;
  try {
    const args = parseArgs(process.argv.slice(2));
    if (sameStore(args.FROM, args.TO)) throw new CopyRefused('FROM and TO name the same store');
    source = await openCopyEnd('FROM', args.FROM);
    target = await openCopyEnd('TO', args.TO);
    const started = performance.now();
    const report = await copyStore(source, target, {
      versions: MIGRATIONS.map((m) => m.version),
      batch: args.batch,
      onTable: (t) => process.stderr.write(`copied ${t.table}: ${t.rows} rows\n`),
    });
    process.stdout.write(`${formatCopyReport(report)}\n`);
    process.stderr.write(`in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (err) {
    if (err instanceof CopyRefused) {
      process.stderr.write(`migrate-store: refused: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`migrate-store: failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await source?.close().catch(() => {});
    await target?.close().catch(() => {});
  }
}

process.exitCode = await main();
