/**
 * The floor for the webhook bench (issue 16): a bare node:http server that does the same durable
 * work as `POST /sms/gateway` and nothing else. Per request it verifies the same HMAC, runs one
 * transaction (dedupe insert, the inbound archived, a conversation row of about 2 KB written, an
 * outbox row: bench/floor-store.ts, on better-sqlite3 WAL or on PostgreSQL), answers, then POSTs
 * a reply over keep-alive to the aggregator and marks it sent in a second commit. No parse, no
 * machine, no guard, no Botkit: gateway req/s ÷ floor req/s in the same run says what the bot
 * costs on top of its I/O.
 *
 * Run as a child by bench/http.ts: `node --import tsx bench/floor-server.ts` with FLOOR_DB (a
 * SQLite file, or a postgres:// URL: a pool of FLOOR_POOL connections, default 10 like the server's HUIKUAN_DB_POOL), FLOOR_SECRET
 * and FLOOR_SEND_URL; it prints "listening on http://…" like `npm start`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FLOOR_REPLY, openFloorStore } from './floor-store.ts';

const store = await openFloorStore(process.env.FLOOR_DB ?? ':memory:', Number(process.env.FLOOR_POOL ?? 10));
const SECRET = process.env.FLOOR_SECRET ?? '';
const SEND = new URL(process.env.FLOOR_SEND_URL ?? 'http://127.0.0.1:9/send');
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function verified(ts: string, signature: string, body: Buffer): boolean {
  const want = createHmac('sha256', SECRET).update(`${ts}.`, 'utf8').update(body).digest();
  const got = Buffer.from(signature, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

function send(outboxId: number, phone: string): void {
  const body = JSON.stringify({ messageId: String(outboxId), to: phone, text: FLOOR_REPLY });
  const req = request(
    SEND,
    {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200)
          void Promise.resolve(store.markSent(outboxId, Date.now())).catch(() => {});
      });
    },
  );
  req.on('error', () => {});
  req.end(body);
}

/** Answer once the first commit is done, then send. */
function answered(res: ServerResponse, phone: string, outboxId: number | null): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  if (outboxId !== null) send(outboxId, phone);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const ts = String(req.headers['x-huikuan-timestamp'] ?? '');
    const sig = String(req.headers['x-huikuan-signature'] ?? '');
    if (req.url !== '/sms/gateway' || !verified(ts, sig, body)) {
      res.writeHead(401).end();
      return;
    }
    let msg: { messageId: string; from: string; text: string };
    try {
      msg = JSON.parse(body.toString('utf8')) as typeof msg;
    } catch {
      res.writeHead(400).end();
      return;
    }
    // SQLite answers synchronously (no promise on its path, as before PostgreSQL); PostgreSQL later.
    const outboxId = store.receive(msg.messageId, msg.from, msg.text, Date.now());
    if (outboxId instanceof Promise)
      outboxId.then(
        (id) => answered(res, msg.from, id),
        () => void res.writeHead(500).end(),
      );
    else answered(res, msg.from, outboxId);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void store.close().finally(() => process.exit(0));
});
