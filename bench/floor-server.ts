/**
 * The floor for the webhook bench (issue 16): a bare node:http server that does the same durable
 * work as `POST /sms/gateway` and nothing else. Per request it verifies the same HMAC, runs one
 * better-sqlite3 WAL transaction (dedupe insert, the inbound archived, a conversation row of
 * about 2 KB written, an outbox row), answers, then POSTs a reply over keep-alive to the
 * aggregator and marks it sent in a second commit. No parse, no machine, no guard, no Botkit:
 * gateway req/s ÷ floor req/s in the same run says what the bot costs on top of its I/O.
 *
 * Run as a child by bench/http.ts: `node --import tsx bench/floor-server.ts` with FLOOR_DB,
 * FLOOR_SECRET and FLOOR_SEND_URL; it prints "listening on http://…" like `npm start`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

const db = new Database(process.env.FLOOR_DB ?? ':memory:');
// The same settings as src/store/sqlite/sqlite-store.ts.
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS inbound_keys (message_id TEXT PRIMARY KEY);
  CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, direction TEXT NOT NULL,
    text TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS conversations (phone TEXT PRIMARY KEY, snapshot TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, text TEXT NOT NULL,
    status TEXT NOT NULL, sent_at INTEGER);
`);
const dedupe = db.prepare('INSERT OR IGNORE INTO inbound_keys (message_id) VALUES (?)');
const archive = db.prepare("INSERT INTO messages (phone, direction, text, at) VALUES (?, 'in', ?, ?)");
const loadConversation = db.prepare<[string], { snapshot: string }>(
  'SELECT snapshot FROM conversations WHERE phone = ?',
);
const saveConversation = db.prepare(
  `INSERT INTO conversations (phone, snapshot, updated_at) VALUES (?, ?, ?)
   ON CONFLICT (phone) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
);
const enqueue = db.prepare("INSERT INTO outbox (phone, text, status) VALUES (?, ?, 'pending')");
const markSent = db.prepare("UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?");

const SECRET = process.env.FLOOR_SECRET ?? '';
const SEND = new URL(process.env.FLOOR_SEND_URL ?? 'http://127.0.0.1:9/send');
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** About 2 KB, the size of a stored conversation snapshot. */
const PADDING = 'x'.repeat(1900);
const REPLY = '【回款】您好,已收到您的回复,我们会尽快为您安排还款方案。回复TD退订';

const receive = db.transaction((id: string, phone: string, text: string, now: number): number | null => {
  if (dedupe.run(id).changes === 0) return null;
  archive.run(phone, text, now);
  const before = loadConversation.get(phone);
  const turns = before ? (JSON.parse(before.snapshot) as { turns: number }).turns + 1 : 1;
  saveConversation.run(phone, JSON.stringify({ turns, last: text, padding: PADDING }), now);
  return Number(enqueue.run(phone, REPLY).lastInsertRowid);
});

function verified(ts: string, signature: string, body: Buffer): boolean {
  const want = createHmac('sha256', SECRET).update(`${ts}.`, 'utf8').update(body).digest();
  const got = Buffer.from(signature, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

function send(outboxId: number, phone: string): void {
  const body = JSON.stringify({ messageId: String(outboxId), to: phone, text: REPLY });
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
        if (res.statusCode === 200) markSent.run(Date.now(), outboxId);
      });
    },
  );
  req.on('error', () => {});
  req.end(body);
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
    const outboxId = receive(msg.messageId, msg.from, msg.text, Date.now());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (outboxId !== null) send(outboxId, msg.from);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
