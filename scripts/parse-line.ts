/**
 * One line of `npm run --silent parse` (CONTRACTS §2): a JSONL input line → its JSONL answer. Kept
 * apart from the stdin/stdout loop so the benchmark measures exactly what the CLI does per line.
 */
import { parse, ParseInputSchema } from '../src/parse/index.ts';
import { wallClockNow } from './clock.ts';

export function answerLine(line: string): string {
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
