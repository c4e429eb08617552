import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPaths, loadFile } from '../../src/replay/file.ts';
import { runConversation } from '../../src/replay/run.ts';

const replay = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/replay.ts', ...args], { encoding: 'utf8' });

describe('npm run replay', () => {
  it('replays every recorded conversation against its golden file and its expectations', () => {
    const r = replay('--quiet', 'test/conversations');
    expect(r.stdout).toMatch(/\n(\d+) passed, 0 failed\n$/);
    expect(Number(/(\d+) passed/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(30);
    expect(r.stdout).toContain('states reached 10/10');
    expect(r.stdout).toContain('0 blocked by the guard');
    expect(r.status).toBe(0);
  });

  it('replays the contract example as CONTRACTS §6 shows', () => {
    const r = replay('--format', 'jsonl', 'test/conversations/contract-c01.json');
    expect(r.status).toBe(0);
    const events = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map(({ text: _t, ...e }) => e)).toEqual([
      {
        conversation: 'c01',
        at: '2026-11-23T10:00:00+08:00',
        direction: 'out',
        kind: 'proactive',
        state: 'reminded',
        acts: ['reminder'],
      },
      { conversation: 'c01', at: '2026-11-23T10:05:00+08:00', direction: 'in', intent: 'no_money' },
      {
        conversation: 'c01',
        at: '2026-11-23T10:05:00+08:00',
        direction: 'out',
        kind: 'reply',
        state: 'clarify',
        acts: ['empathy', 'clarify'],
      },
    ]);
    expect(events[0].text).toMatch(/^【安心贷】张伟/);
    // stdout is pure JSONL; the summary went to stderr.
    expect(r.stderr).toContain('1 passed, 0 failed');
  });

  it('gives byte-identical output on every run', () => {
    const a = replay('--format', 'jsonl', 'test/conversations');
    const b = replay('--format', 'jsonl', 'test/conversations');
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
  });

  it('fails with a readable diff when a conversation no longer matches its golden file, and --update rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    copyFileSync('test/conversations/zh-01-no-money-to-agreed.yaml', join(dir, 'c.yaml'));
    const golden = readFileSync('test/conversations/zh-01-no-money-to-agreed.golden.jsonl', 'utf8');
    writeFileSync(join(dir, 'c.golden.jsonl'), golden.replace('"state":"clarify"', '"state":"offer"'));
    const r = replay('--quiet', '--junit', join(dir, 'junit.xml'), dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/differs from .*c\.golden\.jsonl/);
    expect(r.stdout).toMatch(/line 3 - .*"state":"offer"/);
    expect(r.stdout).toMatch(/line 3 \+ .*"state":"clarify"/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(
      /<testsuite name="replay" tests="1" failures="1">[\s\S]*<failure message=/,
    );
    expect(replay('--quiet', '--update', dir).status).toBe(0);
    expect(readFileSync(join(dir, 'c.golden.jsonl'), 'utf8')).toBe(golden);
    expect(replay('--quiet', dir).status).toBe(0);
  });

  it('reports a file it cannot read and a failed expectation, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    writeFileSync(join(dir, 'bad.json'), '{"id": "bad", "start": "yesterday"}');
    writeFileSync(
      join(dir, 'wrong.yaml'),
      'id: wrong\nstart: "2026-11-23T10:00:00+08:00"\naccount: { debtorName: 李娜, lender: 快借, balance: 500, overdueDays: 2 }\nturns:\n  - at: "2026-11-23T10:01:00+08:00"\n    text: 没钱\n    expect: { intent: no_money, state: offer }\n',
    );
    const r = replay('--quiet', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bad\.json: start: expected an ISO 8601 instant/);
    expect(r.stdout).toMatch(/wrong\.yaml: turn 1 \("没钱"\): state clarify, expected offer/);
    expect(r.stdout).toContain('0 passed, 2 failed');
  });

  it('prints a readable transcript with states and parsed meaning by default', () => {
    const r = replay('test/conversations/zh-03-capacity-300-a-month.yaml');
    expect(r.stdout).toMatch(/BOT \[offer\] offer/);
    expect(r.stdout).toMatch(/↳ offer_amount amount=300/);
  });
});

describe('runConversation', () => {
  it('is deterministic and reads no clock', () => {
    for (const path of collectPaths(['test/conversations']).slice(0, 10)) {
      const f = loadFile(path).file!;
      expect(JSON.stringify(runConversation(f).events)).toBe(JSON.stringify(runConversation(f).events));
    }
  });
});
