import { parse as csvStream } from 'csv-parse';
import type { StoredAccount } from '../store/store.ts';
import {
  CSV_OPTIONS,
  csvFailure,
  csvRow,
  validateRow,
  type CsvRecord,
  type ParsedRows,
  type RowError,
} from './import.ts';

/**
 * The import of import.ts (the same rows, the same errors on the same lines), done in slices of
 * about SLICE_MS with the event loop free in between. Validating an account costs about half a
 * millisecond (its time zone is checked), so 10 000 rows read in one go held every other request,
 * webhooks included, for seconds. Reading happens first, whole: a CSV that is not valid CSV
 * still imports nothing.
 */

/** How long one slice may hold the event loop, in ms. */
export const SLICE_MS = 20;
/** The CSV text is handed to the parser this many characters at a time (cut after a newline). */
const CSV_PIECE = 16_384;

/** Let every other request, timer and socket run before the next slice. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Validate `raws` (each with its line) in slices: what parseAccountsJson/Csv would return for them. */
async function validateSliced(raws: { raw: unknown; line: number }[], now: number): Promise<ParsedRows> {
  const out: ParsedRows = { rows: [], errors: [] };
  const seen = new Set<string>();
  let sliceStart = performance.now();
  for (const { raw, line } of raws) {
    validateRow(raw, line, now, out, seen);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}

/** parseAccountsJson, in slices. */
export function parseAccountsJsonSliced(body: unknown, now: number): Promise<ParsedRows> {
  if (!Array.isArray(body))
    return Promise.resolve({ rows: [], errors: [{ line: 0, error: 'expected a JSON array of accounts' }] });
  return validateSliced(
    body.map((raw: unknown, i) => ({ raw, line: i + 1 })),
    now,
  );
}

/** parseAccountsCsv, in slices: csv-parse's streaming parser, fed a piece at a time. */
export async function parseAccountsCsvSliced(text: string, now: number): Promise<ParsedRows> {
  const records: CsvRecord[] = [];
  const parser = csvStream(CSV_OPTIONS);
  let failure: unknown = null;
  parser.on('readable', () => {
    let r: CsvRecord | null;
    while ((r = parser.read() as CsvRecord | null) !== null) records.push(r);
  });
  parser.on('error', (err) => (failure ??= err));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let at = 0; at < text.length && failure === null;) {
    // Cut after a newline: never inside a character, and the parser keeps a quoted field's state.
    const nl = text.indexOf('\n', at + CSV_PIECE);
    const end = nl === -1 ? text.length : nl + 1;
    parser.write(Buffer.from(text.slice(at, end), 'utf8'));
    at = end;
    await yieldToEventLoop();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) return csvFailure(failure);
  return validateSliced(
    records.map(({ record, info }) => ({ raw: csvRow(record), line: info.lines })),
    now,
  );
}

/** What the service's addAccounts answers for one call. */
export interface AddResult {
  created: number;
  updated: number;
  errors: RowError[];
}

/**
 * `add` (the service's addAccounts) over `rows` in slices of about SLICE_MS: each slice its own
 * call, and so its own transaction. The sizes adapt to the time a row took in the last slice.
 * The sums, and every error with its line, are what one call would have answered.
 */
export async function addSliced(
  rows: { line: number; account: StoredAccount }[],
  add: (slice: { line: number; account: StoredAccount }[]) => Promise<AddResult>,
): Promise<AddResult> {
  const total: AddResult = { created: 0, updated: 0, errors: [] };
  let size = 25;
  for (let at = 0; at < rows.length;) {
    const slice = rows.slice(at, at + size);
    const started = performance.now();
    const r = await add(slice);
    const msPerRow = (performance.now() - started) / slice.length;
    total.created += r.created;
    total.updated += r.updated;
    total.errors.push(...r.errors);
    at += slice.length;
    size = Math.max(1, Math.min(1000, Math.floor(SLICE_MS / Math.max(msPerRow, 0.001))));
    if (at < rows.length) await yieldToEventLoop();
  }
  return total;
}
