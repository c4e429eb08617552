import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/replay/file.ts';

/** A recorded conversation's policy keeps the legal floors too (issue 12). */

function fileWith(policy: unknown, place: { timezone: string; currency: string }): string {
  const path = join(mkdtempSync(join(tmpdir(), 'replay-file-')), 'c.json');
  writeFileSync(
    path,
    JSON.stringify({
      id: 'c',
      locale: place.currency === 'CNY' ? 'zh-CN' : 'en-US',
      timezone: place.timezone,
      start: '2026-11-23T10:00:00+08:00',
      account: { debtorName: '李娜', lender: '快借', balance: 500, currency: place.currency, overdueDays: 2 },
      policy,
    }),
  );
  return path;
}

const CHINA = { timezone: 'Asia/Shanghai', currency: 'CNY' };
const US = { timezone: 'America/New_York', currency: 'USD' };

describe('loadFile', () => {
  it.each([
    [{ quietHours: { start: '02:00', end: '05:00' } }, 'policy.quietHours: 02:00–05:00 does not cover'],
    [{ quietHours: { start: '08:00', end: '08:00' } }, 'policy.quietHours: start and end are both 08:00'],
    [{ maxProactivePerDay: 100 }, 'policy.maxProactivePerDay: expected an integer from 0 to 3'],
  ])('refuses the policy %j naming the field', (policy, error) => {
    expect(loadFile(fileWith(policy, CHINA)).error).toMatch(error);
  });

  it("holds the file to its own jurisdiction's floor", () => {
    const chinaFloor = { quietHours: { start: '22:00', end: '08:00' } };
    expect(loadFile(fileWith(chinaFloor, CHINA)).file?.policy).toEqual(chinaFloor);
    expect(loadFile(fileWith(chinaFloor, US)).error).toBe(
      'policy.quietHours: 22:00–08:00 does not cover the legal quiet hours 21:00–08:00 (US)',
    );
  });
});
