import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
