import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/replay/file.ts';

const account = { debtorName: '李娜', lender: '快借', balance: 500, overdueDays: 2 };
const start = '2026-11-23T10:00:00+08:00';
const turns = (...at: string[]) => at.map((a, i) => ({ at: a, text: `turn ${i}` }));

/** Writes a conversation file into a fresh folder and returns its path. */
function fileWith(content: Record<string, unknown>, name = 'c.json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'replay-file-')), name);
  writeFileSync(path, JSON.stringify({ id: 'c', start, account, ...content }));
  return path;
}

describe('loadFile', () => {
  it('loads a well-formed file', () => {
    const r = loadFile(fileWith({ turns: turns('2026-11-23T10:01:00+08:00') }));
    expect(r.error).toBeUndefined();
    expect(r.file?.turns).toHaveLength(1);
  });

  it('names the start when it is not an instant', () => {
    const r = loadFile(fileWith({ start: 'not a date', turns: turns('2026-11-23T10:01:00+08:00') }));
    expect(r.file).toBeUndefined();
    expect(r.error).toBe('start: expected an ISO 8601 instant with an offset');
  });

  it('names the turn whose instant is not one (month 13, hour 99)', () => {
    const r = loadFile(
      fileWith({
        turns: turns('2026-11-23T10:01:00+08:00', '2026-11-23T10:02:00+08:00', '2026-13-45T99:00'),
      }),
    );
    expect(r.file).toBeUndefined();
    expect(r.error).toBe('turns[2].at: expected an ISO 8601 instant with an offset');
  });

  it('names an impossible day of a real month', () => {
    const r = loadFile(fileWith({ turns: turns('2026-02-30T10:00:00+08:00') }));
    expect(r.error).toBe('turns[0].at: expected an ISO 8601 instant with an offset');
  });

  it('still names a turn out of time order', () => {
    const r = loadFile(fileWith({ turns: turns('2026-11-23T10:05:00+08:00', '2026-11-23T10:01:00+08:00') }));
    expect(r.error).toBe('turns[1].at: turns must be in time order, at or after start');
  });

  it('names a field nested in the account', () => {
    const r = loadFile(fileWith({ account: { ...account, balance: -1 } }));
    expect(r.error).toMatch(/^account\.balance: /);
  });
});

describe('npm run replay with a bad instant', () => {
  it('reports the file and the field like any other error, and exits 1', () => {
    const path = fileWith({ start: 'not a date' }, 'bad-start.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', '--quiet', path], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/TypeError/);
    expect(r.stdout).toContain(`${path}: start: expected an ISO 8601 instant with an offset`);
    expect(r.stdout).toContain('0 passed, 1 failed');
    expect(r.status).toBe(1);
  });
});
