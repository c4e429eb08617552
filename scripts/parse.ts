/**
 * `npm run --silent parse`: JSONL in (stdin) → JSONL out (stdout), CONTRACTS §2. One output line
 * per input line, in order; a bad line gets {"id", "error"} and the stream goes on.
 */
import { createInterface } from 'node:readline';
import { createLogger } from '../src/log.ts';
import { parse, ParseInputSchema } from '../src/parse/index.ts';
import { wallClockNow } from './clock.ts';

const log = createLogger('parse');

function answer(line: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: line.trim() === '' ? 'empty line' : 'not valid JSON' });
  }
  const id = raw && typeof raw === 'object' && 'id' in raw ? (raw as { id: unknown }).id : null;
  const input = ParseInputSchema.safeParse(raw);
  if (!input.success) {
    const issue = input.error.issues[0]!;
    const field = issue.path.join('.') || 'line';
    return JSON.stringify({ id: id ?? null, error: `${field}: ${issue.message}` });
  }
  const { text, context, locale, now } = input.data;
  try {
    const result = parse(text, { context, locale, now: now ?? wallClockNow(locale) });
    return JSON.stringify({ id: input.data.id ?? null, ...result });
  } catch (err) {
    return JSON.stringify({ id: input.data.id ?? null, error: (err as Error).message });
  }
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
let count = 0;
rl.on('line', (line) => {
  out.push(answer(line));
  count++;
  if (out.length >= 512) process.stdout.write(out.splice(0).join('\n') + '\n');
});
rl.on('close', () => {
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  log.debug({ lines: count }, 'parse done');
});
