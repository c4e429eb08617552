import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The server under test and its stand-in SMS aggregator, for the HTTP bench. Everything listens
 * on 127.0.0.1 only; the child is `npm start` itself (src/server/main.ts under tsx).
 */

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/**
 * The URL a starting server prints ("listening on http://…"), once it does; rejects if the child
 * exits first or nothing comes within `timeoutMs`. `output` returns what the child printed so far.
 */
export function untilListening(
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), timeoutMs);
    const check = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(output());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', () => setImmediate(check));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

/** Start `npm start` as a child process; resolves once it prints its URL. Its logs go to /dev/null. */
export function spawnServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  return spawnScript('src/server/main.ts', env, nodeArgs);
}

/** The bench's floor server (bench/floor-server.ts) as a child process, started like `npm start`. */
export function spawnFloor(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  return spawnScript('bench/floor-server.ts', env, nodeArgs);
}

async function spawnScript(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await untilListening(child, () => out, 30_000);
  child.stdout!.resume();
  return {
    child,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(kill);
    },
  };
}

export interface Aggregator {
  url: string;
  /** Deliveries per `messageId` (our outbox id). */
  perMessage: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

/** A stand-in aggregator on 127.0.0.1 that accepts every send and counts it by outbox id. */
export async function startAggregator(): Promise<Aggregator> {
  const perMessage = new Map<string, number>();
  let total = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      total++;
      let id = '';
      try {
        id = String(
          (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messageId?: unknown }).messageId ?? '',
        );
      } catch {
        id = '(not JSON)';
      }
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `agg-${id}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    perMessage,
    total: () => total,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Poll until `f` is true or `ms` pass; returns whether it became true. */
export async function waitFor(f: () => boolean | Promise<boolean>, ms: number, every = 50): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await f()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, every));
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; null elsewhere). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields count from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
