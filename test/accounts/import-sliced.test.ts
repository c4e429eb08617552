import { describe, expect, it } from 'vitest';
import { parseAccountsCsv, parseAccountsJson } from '../../src/accounts/import.ts';
import {
  addSliced,
  parseAccountsCsvSliced,
  parseAccountsJsonSliced,
  SLICE_MS,
} from '../../src/accounts/import-sliced.ts';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const HEADER = 'id,phone,debtorName,lender,balance,currency,overdueDays,locale,timezone,policy';
const row = (i: number) => ({
  id: `a${i}`,
  phone: `+86136${String(i).padStart(8, '0')}`,
  debtorName: '王芳',
  lender: '安心贷',
  balance: 2400,
  currency: 'CNY',
  overdueDays: 9,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
});
const csvLine = (i: number) =>
  `a${i},+86136${String(i).padStart(8, '0')},"王,芳",安心贷,2400,CNY,9,zh-CN,Asia/Shanghai,`;

/** Counts turns of the event loop while `f` runs: a sliced task lets them through. */
async function turnsDuring<T>(f: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let on = true;
  const spin = (): void => {
    if (!on) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const value = await f();
  on = false;
  return { value, turns };
}

describe('the sliced import reads exactly what the one-go import reads', () => {
  it('JSON: the same rows and the same errors on the same lines, yielding as it goes', async () => {
    const body: unknown[] = Array.from({ length: 1500 }, (_, i) => row(i));
    body[3] = { ...row(3), balance: -1 };
    body[700] = { ...row(700), id: 'a5' };
    body[1200] = 'not an object';
    body[1499] = { ...row(1499), timezone: 'Mars/Olympus' };
    const { value, turns } = await turnsDuring(() => parseAccountsJsonSliced(body, NOW));
    expect(value).toEqual(parseAccountsJson(body, NOW));
    expect(value.errors.map((e) => e.line)).toEqual([4, 701, 1201, 1500]);
    expect(turns).toBeGreaterThan(1);
    expect(await parseAccountsJsonSliced({ not: 'an array' }, NOW)).toEqual(
      parseAccountsJson({ not: 'an array' }, NOW),
    );
  });

  it('CSV: the same rows and file lines across the pieces fed to the parser, quoted newlines included', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 1500; i++)
      lines.push(
        i === 900 ? `a900,+8613600000900,"多行\n姓名",安心贷,abc,CNY,9,zh-CN,Asia/Shanghai,` : csvLine(i),
      );
    const text = `\ufeff${lines.join('\r\n')}\n`;
    expect(text.length).toBeGreaterThan(3 * 16_384);
    const sliced = await parseAccountsCsvSliced(text, NOW);
    expect(sliced).toEqual(parseAccountsCsv(text, NOW));
    expect(sliced.rows).toHaveLength(1499);
    // The row after the quoted newline is counted from the file's lines; its name on two lines is
    // refused first (a name is one line of text), before its balance.
    expect(sliced.errors).toEqual([
      { line: 903, error: expect.stringMatching(/^debtorName: expected one line/) },
    ]);
  });

  it.each([
    ['an unclosed quote', '"unclosed,quote\n1,2'],
    ['a run of quotes', 'a,b\n' + '"'.repeat(1000)],
    ['a BOM and a NUL', '\ufeffid\n\u0000'],
    ['a very wide row', 'id,phone\n' + 'x,'.repeat(5000)],
    ['a header only', `${HEADER}\n`],
    ['nothing', ''],
    [
      'a policy cell',
      `${HEADER}\nc5,+8613600136004,周强,快借,900,CNY,3,zh-CN,Asia/Shanghai,"{""maxInstallments"":3}"`,
    ],
    [
      'bad CSV after many good rows',
      [HEADER, ...Array.from({ length: 800 }, (_, i) => csvLine(i)), '"x,y'].join('\n'),
    ],
  ])('CSV with %s: the same answer', async (_name, text) => {
    expect(await parseAccountsCsvSliced(text, NOW)).toEqual(parseAccountsCsv(text, NOW));
  });
});

describe('addSliced', () => {
  it('calls add slice by slice, in order, and sums what one call would answer', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ line: i + 2, account: { id: `a${i}` } as never }));
    const calls: number[][] = [];
    const { value, turns } = await turnsDuring(() =>
      addSliced(rows, async (slice) => {
        calls.push(slice.map((r) => r.line));
        // about a millisecond a row: slices of about SLICE_MS rows
        const until = performance.now() + slice.length;
        while (performance.now() < until);
        return {
          created: slice.length - 1,
          updated: 1,
          errors: [{ line: slice[0]!.line, error: 'refused' }],
        };
      }),
    );
    expect(calls.flat()).toEqual(rows.map((r) => r.line));
    expect(calls.length).toBeGreaterThan(300 / (2 * SLICE_MS));
    expect(value.created + value.updated).toBe(300);
    expect(value.updated).toBe(calls.length);
    expect(value.errors.map((e) => e.line)).toEqual(calls.map((c) => c[0]));
    expect(turns).toBeGreaterThanOrEqual(calls.length - 1);
  });

  it('makes no call for no rows', async () => {
    let called = 0;
    expect(await addSliced([], async () => (called++, { created: 0, updated: 0, errors: [] }))).toEqual({
      created: 0,
      updated: 0,
      errors: [],
    });
    expect(called).toBe(0);
  });
});
