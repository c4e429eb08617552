import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilListening } from '../../bench/server.ts';
import { gatewaySignature } from '../../src/channels/gateway.ts';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { testDb } from '../support/stores.ts';

/**
 * `startHuikuan` in this process on a fresh database (SQLite, or PostgreSQL under
 * HUIKUAN_TEST_STORE=postgres: `testDb`), its clock starting at `t0` and running at
 * real speed, quiet logs and a slow tick (the tests drive what they need). Closed by `closeAll`.
 */
export async function startAt(t0: number, env: Record<string, string> = {}): Promise<Running> {
  const real = Date.now();
  const r = await startHuikuan(
    { PORT: '0', HUIKUAN_DB: await testDb(), LOG_LEVEL: 'silent', HUIKUAN_TICK_MS: '60000', ...env },
    { clock: () => t0 + (Date.now() - real) },
  );
  started.push(r);
  return r;
}
const started: Running[] = [];
export async function closeAll(): Promise<void> {
  for (const r of started.splice(0)) await r.close();
}

/** A JSON POST, as the panel sends it. */
export const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export { testDb } from '../support/stores.ts';

/** A SQLite file path in a fresh temporary folder (for SQLite-only tests, and as a folder for files). */
export const tmpDb = (): string => join(mkdtempSync(join(tmpdir(), 'huikuan-')), 'huikuan.db');

export const GATEWAY_SECRET = 'gateway-secret-0123456789';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

/** A signed gateway callback, as an aggregator would send it. */
export function gatewayRequest(
  url: string,
  body: unknown,
  opts: { secret?: string; timestamp?: number; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  return fetch(`${url}/sms/gateway`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Huikuan-Timestamp': ts,
      'X-Huikuan-Signature': gatewaySignature(opts.secret ?? GATEWAY_SECRET, ts, raw),
    },
    body: raw,
  });
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in provider on 127.0.0.1 that records every request and answers with `answer`. */
export async function fakeProvider(
  answer: (r: Recorded) => { status: number; body: unknown } = () => ({ status: 200, body: {} }),
) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `npm start` as a child process (tsx), resolved once it prints its URL. */
export async function startChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', HUIKUAN_TICK_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // Up to a minute: tsx compiling, and migrations on PostgreSQL, on a loaded 2-core machine.
  const url = await untilListening(child, () => out, 60_000);
  return { child, url, output: () => out };
}

export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Poll until `f` returns a truthy value (bounded). */
export async function eventually<T>(f: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
