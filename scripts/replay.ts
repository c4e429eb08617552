/**
 * `npm run --silent replay -- [--format jsonl] [--update] [--junit FILE] PATH...`
 * Replays conversation files (CONTRACTS §5) on a simulated clock: a readable transcript by
 * default, §6 events with `--format jsonl`. A golden `<name>.golden.jsonl` beside a file makes it
 * a regression test; `--update` rewrites the goldens. HUIKUAN_CONFIG applies a lender configuration
 * (CONTRACTS §10), as `npm start` does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { collectPaths, goldenPath, loadFile } from '../src/replay/file.ts';
import { diffLines, junit, summary, toJsonl, transcript, type Outcome } from '../src/replay/report.ts';
import { runConversation } from '../src/replay/run.ts';
import { loadLenderConfig } from '../src/lenders/load.ts';
import { NO_LENDERS, type LenderBook } from '../src/lenders/schema.ts';

const ArgsSchema = z.object({
  format: z.enum(['transcript', 'jsonl']),
  update: z.boolean(),
  junit: z.string().optional(),
  quiet: z.boolean(),
  paths: z.array(z.string()).min(1, 'give at least one conversation file or folder'),
});

function parseArgs(argv: string[]): z.infer<typeof ArgsSchema> {
  const a = {
    format: 'transcript',
    update: false,
    junit: undefined as string | undefined,
    quiet: false,
    paths: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--format') a.format = argv[++i] ?? '';
    else if (x.startsWith('--format=')) a.format = x.slice(9);
    else if (x === '--update') a.update = true;
    else if (x === '--quiet') a.quiet = true;
    else if (x === '--junit') a.junit = argv[++i];
    else if (x.startsWith('--')) throw new Error(`unknown option ${x}`);
    else a.paths.push(x);
  }
  const r = ArgsSchema.safeParse(a);
  if (!r.success)
    throw new Error(`${r.error.issues[0]!.path.join('.') || 'arguments'}: ${r.error.issues[0]!.message}`);
  return r.data;
}

/** Replays every file; returns the exit code. Writes only through the streams, never exits itself. */
function main(argv: string[]): number {
  let args: z.infer<typeof ArgsSchema>;
  let paths: string[];
  let lenders: LenderBook = NO_LENDERS;
  try {
    args = parseArgs(argv);
    paths = collectPaths(args.paths);
    // The lender configuration of CONTRACTS §10, as `npm start` reads it (none: the catalogue's wording).
    const config = process.env.HUIKUAN_CONFIG?.trim();
    if (config) lenders = loadLenderConfig(config);
  } catch (err) {
    process.stderr.write(
      `replay: ${(err as Error).message}\nusage: npm run --silent replay -- [--format jsonl] [--update] [--junit FILE] PATH...\n`,
    );
    return 2;
  }

  const outcomes: Outcome[] = [];
  const out: string[] = [];
  for (const path of paths) {
    const loaded = loadFile(path);
    if (!loaded.file) {
      outcomes.push({ path, id: path, failures: [`${path}: ${loaded.error}`] });
      continue;
    }
    const result = runConversation(loaded.file, { lenders });
    const failures = result.expectFailures.map((f) => `${path}: ${f}`);
    for (const b of result.blocked)
      failures.push(
        `${path}: guard blocked a message: ${b.violations?.map((v) => `${v.rule} (${v.reason})`).join('; ')}`,
      );
    const jsonl = toJsonl(result.events);
    const golden = goldenPath(path);
    if (args.update) writeFileSync(golden, jsonl);
    else if (existsSync(golden)) {
      const expected = readFileSync(golden, 'utf8');
      if (expected !== jsonl) failures.push(`${path}: differs from ${golden}\n${diffLines(expected, jsonl)}`);
    }
    outcomes.push({ path, id: result.id, result, failures });
    if (!args.quiet) out.push(args.format === 'jsonl' ? jsonl : transcript(loaded.file, result));
  }

  process.stdout.write(args.format === 'jsonl' ? out.join('') : out.join('\n'));
  const report = summary(outcomes);
  const failures = outcomes.flatMap((o) => o.failures);
  const tail =
    (failures.length ? `\nFAILURES\n${failures.join('\n')}\n` : '') +
    `\n${report}` +
    `${outcomes.length - outcomes.filter((o) => o.failures.length).length} passed, ${outcomes.filter((o) => o.failures.length).length} failed\n`;
  // stdout stays pure JSONL in jsonl mode; the summary goes to stderr there.
  if (args.format === 'jsonl') process.stderr.write(tail);
  else process.stdout.write(tail);
  if (args.junit) writeFileSync(args.junit, junit(outcomes));
  return failures.length ? 1 : 0;
}

// An exit code, not process.exit(): exiting at once would drop whatever stdout still holds for a
// pipe (all but the first 64 KiB), so the process ends when the streams have drained.
process.exitCode = main(process.argv.slice(2));
