import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The CLIs' stdout through a real pipe, the way `npm run --silent replay -- … | cat` uses it: the
 * CLI writes into an OS pipe that a separate `cat` reads. A CLI that exits before its stdout has
 * drained loses all but the pipe's buffer (64 KiB), so each run here prints well over 1 MiB.
 */

interface Piped {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<script>` with its stdout piped into `cat`; resolves with what came out of cat. */
function throughCat(script: string, args: string[], input?: string): Promise<Piped> {
  return new Promise((resolve, reject) => {
    const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const cli = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
      stdio: [input === undefined ? 'ignore' : 'pipe', cat.stdin, 'pipe'],
    });
    // The CLI holds its own copy of the pipe's write end: cat sees the end when the CLI exits.
    cat.stdin.destroy();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    cat.stdout.on('data', (c: Buffer) => out.push(c));
    cli.stderr!.on('data', (c: Buffer) => err.push(c));
    if (input !== undefined) cli.stdin!.end(input);
    let status: number | null | undefined;
    let drained = false;
    const settle = (): void => {
      if (status !== undefined && drained)
        resolve({
          status,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
    };
    cli.on('error', reject);
    cat.on('error', reject);
    cli.on('close', (code) => {
      status = code;
      settle();
    });
    cat.on('close', () => {
      drained = true;
      settle();
    });
  });
}

const jsonLines = (text: string): Record<string, unknown>[] => {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};

const MIB = 1 << 20;

describe('the CLIs through a pipe', () => {
  it('replay --format jsonl delivers every event of a run over 1 MiB', { timeout: 180_000 }, async () => {
    const once = await throughCat('replay.ts', ['--format', 'jsonl', 'test/conversations']);
    expect(once.status).toBe(0);
    const copies = Math.ceil((1.2 * MIB) / Buffer.byteLength(once.stdout));
    const many = await throughCat('replay.ts', [
      '--format',
      'jsonl',
      ...Array<string>(copies).fill('test/conversations'),
    ]);
    expect(many.status).toBe(0);
    expect(Buffer.byteLength(many.stdout)).toBeGreaterThan(MIB);
    // The same folder n times is the same events n times, each line whole JSON.
    expect(many.stdout).toBe(once.stdout.repeat(copies));
    const events = jsonLines(many.stdout);
    expect(events.length).toBe(jsonLines(once.stdout).length * copies);
    expect(events.every((e) => typeof e.conversation === 'string' && typeof e.direction === 'string')).toBe(
      true,
    );
    expect(many.stderr).toMatch(/\b0 failed\n$/);
  });

  it('parse answers every one of 20,000 lines, in order', { timeout: 180_000 }, async () => {
    const texts = ['我只能先还500', '没钱', 'I can pay 200 on Friday', '能分期吗', '明天还', '打错了'];
    const n = 20_000;
    const input = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `p${i}`, text: texts[i % texts.length], now: '2026-11-23T10:00:00+08:00' }),
    ).join('\n');
    const r = await throughCat('parse.ts', [], input + '\n');
    expect(r.status).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(MIB);
    const answers = jsonLines(r.stdout);
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: n }, (_, i) => `p${i}`));
    expect(answers.every((a) => typeof a.intent === 'string')).toBe(true);
  });
});
