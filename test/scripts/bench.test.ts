import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run bench -- --quick`: every figure is produced, and the HTTP run checked every answer. */
describe('npm run bench -- --quick', () => {
  it('prints the table and writes every figure, with the HTTP answers all archived', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huikuan-bench-test-'));
    try {
      const out = join(dir, 'results.json');
      const table = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--out', out],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
      );
      expect(table).toMatch(/^figure\s+value \(median\)/);
      for (const row of [
        'parse throughput',
        'JSONL I/O floor',
        'parse ÷ floor',
        'planner throughput',
        'replay throughput',
        'HTTP gateway, 10 conn',
        'memory per 100,000 conversations',
      ])
        expect(table).toContain(row);
      const r = JSON.parse(readFileSync(out, 'utf8')) as {
        parse: {
          msgsPerSec: { median: number; min: number; max: number };
          floorLinesPerSec: { median: number };
          parseOverFloor: { median: number };
        };
        replay: { convsPerSec: { median: number } };
        http: {
          levels: {
            connections: number;
            gatewayRps: { median: number };
            checks: { exact: boolean; ok: number; archived: number };
          }[];
        };
        memory: { conversations: number; dbBytes: number };
      };
      expect(r.parse.msgsPerSec.min).toBeLessThanOrEqual(r.parse.msgsPerSec.median);
      expect(r.parse.parseOverFloor.median).toBeGreaterThan(0);
      expect(r.replay.convsPerSec.median).toBeGreaterThan(0);
      expect(r.http.levels.map((l) => l.connections)).toEqual([1, 10]);
      for (const l of r.http.levels) {
        expect(l.checks.exact).toBe(true);
        expect(l.checks.archived).toBe(l.checks.ok);
        expect(l.gatewayRps.median).toBeGreaterThan(0);
      }
      expect(r.memory.conversations).toBeGreaterThan(0);
      expect(r.memory.dbBytes).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('npm run bench -- --only', () => {
  it('replaces the figures it measured and keeps the others, marked with when they were measured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huikuan-bench-only-'));
    try {
      const out = join(dir, 'results.json');
      const earlier = {
        date: '2026-12-01T00:23:00.000Z',
        parse: { msgsPerSec: { median: 1 } },
        soak: { verdict: 'flat', measuredAt: '2026-12-01T18:31:39.335Z' },
        planner: { plansPerSec: { median: 1 } },
      };
      writeFileSync(out, JSON.stringify(earlier));
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--only', 'planner', '--out', out],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
      );
      const r = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>> & {
        date: string;
      };
      expect(r.date).not.toBe(earlier.date);
      expect(r.planner!.measuredAt).toBeUndefined();
      expect(r.planner).not.toEqual(earlier.planner);
      expect(r.parse).toEqual({ ...earlier.parse, measuredAt: earlier.date });
      expect(r.soak).toEqual(earlier.soak);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
