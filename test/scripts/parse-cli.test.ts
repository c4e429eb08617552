import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const input = [
  JSON.stringify({
    id: 'n1',
    text: '我只能先还500',
    context: 'reminder',
    locale: 'zh-CN',
    now: '2026-11-23T10:00:00+08:00',
  }),
  'this is not json',
  JSON.stringify({ id: 'n2' }),
  JSON.stringify({ id: 'n3', text: '明天还', now: '2026-11-24T00:30:00+08:00' }),
  JSON.stringify({ id: 'n4', text: 'tomorrow', locale: 'en-US', now: '2026-11-23T22:30:00-05:00' }),
  JSON.stringify({ id: 'n5', text: 'x'.repeat(10_000), context: 'offer' }),
  '',
  JSON.stringify({ id: 'n6', text: '好的', context: 'nonsense' }),
].join('\n');

function run(tz: string) {
  const r = spawnSync('npx', ['tsx', 'scripts/parse.ts'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, TZ: tz, LOG_LEVEL: 'debug' },
  });
  return {
    ...r,
    lines: r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('npm run parse (JSONL in → JSONL out)', () => {
  const shanghai = run('Asia/Shanghai');

  it('answers every line in order, bad lines with an error, and keeps going', () => {
    expect(shanghai.status).toBe(0);
    const ids = shanghai.lines.map((l) => l.id);
    expect(ids).toEqual(['n1', null, 'n2', 'n3', 'n4', 'n5', null, 'n6']);
    expect(shanghai.lines[0]).toEqual({
      id: 'n1',
      intent: 'offer_amount',
      hardship: null,
      amount: 500,
      installments: null,
      date: null,
      confidence: 0.86,
      reason: 'offer_amount.amount',
    });
    expect(shanghai.lines[1]!.error).toBe('not valid JSON');
    expect(shanghai.lines[2]!.error).toMatch(/^text:/);
    expect(shanghai.lines[5]!.intent).toBe('other');
    expect(shanghai.lines[6]!.error).toBe('empty line');
    expect(shanghai.lines[7]!.error).toMatch(/^context:/);
  });

  it('keeps stdout pure JSONL: logs go to stderr', () => {
    expect(
      shanghai.stdout
        .trimEnd()
        .split('\n')
        .every((l) => l.startsWith('{')),
    ).toBe(true);
    expect(shanghai.stderr).toContain('"msg":"parse done"');
  });

  it('gives the same bytes whatever the machine time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles']) expect(run(tz).stdout).toBe(shanghai.stdout);
    expect(shanghai.lines[3]!.date).toBe('2026-11-25');
    expect(shanghai.lines[4]!.date).toBe('2026-11-24');
  });
});
