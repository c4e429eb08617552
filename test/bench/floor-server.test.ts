import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOOR_REPLY } from '../../bench/floor-store.ts';
import { spawnFloor, type ChildServer } from '../../bench/server.ts';
import { gatewaySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/channels/gateway.ts';
import { eventually } from '../server/support.ts';
import { createDatabase, PG_SKIP_REASON, PG_URL } from '../support/stores.ts';

/**
 * The webhook bench's floor server (bench/floor-server.ts) as a child process on 127.0.0.1, on
 * each store it runs on: a signed webhook is answered after its first commit (dedupe, archive,
 * conversation row, outbox row pending), the reply is sent, and only the aggregator's 200 makes
 * the second commit (the outbox row sent). The aggregator here holds its answer until the test
 * lets it go, so the state between the two commits is seen from another connection.
 */

const SECRET = 'floor-test-secret';

/** A stand-in aggregator that holds every send until `release()`. */
async function holdingAggregator() {
  const held: { body: { messageId: string; to: string; text: string }; res: ServerResponse }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      held.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never, res }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release: () => {
      for (const h of held) if (!h.res.headersSent) h.res.writeHead(200).end('{}');
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function post(url: string, message: { messageId: string; from: string; text: string }, secret = SECRET) {
  const body = JSON.stringify({ ...message, to: '10690000' });
  const ts = String(Math.floor(Date.now() / 1000));
  return fetch(`${url}/sms/gateway`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: ts,
      [SIGNATURE_HEADER]: gatewaySignature(secret, ts, body),
    },
    body,
  });
}

/** Rows as the floor wrote them, read from a connection of the test's own. */
interface Reader {
  rows<R>(sql: string): Promise<R[]>;
  close(): Promise<void>;
}

interface StoreUnderTest {
  title: string;
  skip: boolean;
  /** FLOOR_DB for the child, and how to read what it wrote (once it has created its tables). */
  open(): Promise<{ db: string; reader: () => Promise<Reader>; cleanup: () => void }>;
}

const STORES: StoreUnderTest[] = [
  {
    title: 'on SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'hk-floor-'));
      const db = join(dir, 'floor.db');
      return {
        db,
        reader: async () => {
          const r = new Database(db, { readonly: true, fileMustExist: true });
          return {
            rows: async <R>(sql: string) => r.prepare(sql).all() as R[],
            close: async () => void r.close(),
          };
        },
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    title: PG_URL ? 'on PostgreSQL' : `on PostgreSQL (${PG_SKIP_REASON})`,
    skip: !PG_URL,
    async open() {
      const db = await createDatabase();
      return {
        db,
        reader: async () => {
          const c = new pg.Client({ connectionString: db });
          await c.connect();
          return { rows: async <R>(sql: string) => (await c.query(sql)).rows as R[], close: () => c.end() };
        },
        cleanup: () => {},
      };
    },
  },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fresh database, the holding aggregator, the floor server on them, and a reader; all closed after the test. */
async function started(store: StoreUnderTest) {
  const { db, reader, cleanup } = await store.open();
  cleanups.push(cleanup);
  const aggregator = await holdingAggregator();
  cleanups.push(aggregator.close);
  const floor: ChildServer = await spawnFloor({
    FLOOR_DB: db,
    FLOOR_SECRET: SECRET,
    FLOOR_SEND_URL: `${aggregator.url}/send`,
  });
  cleanups.push(floor.stop);
  const read = await reader();
  cleanups.push(read.close);
  return { floor, aggregator, read };
}

for (const store of STORES) {
  describe.skipIf(store.skip)(`the floor server ${store.title}`, () => {
    it(
      'answers after the first commit and marks the reply sent in a second, once the aggregator accepts it',
      { timeout: 60_000 },
      async () => {
        const { floor, aggregator, read } = await started(store);
        const phone = '+8613800000001';

        const res = await post(floor.url, { messageId: 'm-1', from: phone, text: '下周一还500' });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true });
        // The send is out and unanswered: the first commit is visible, the second not yet made.
        await eventually(() => aggregator.held.length === 1);
        const outbox = await read.rows<{
          id: number;
          phone: string;
          text: string;
          status: string;
          sent_at: unknown;
        }>('SELECT id, phone, text, status, sent_at FROM outbox');
        expect(outbox).toHaveLength(1);
        expect(outbox[0]).toMatchObject({ phone, text: FLOOR_REPLY, status: 'pending', sent_at: null });
        expect(aggregator.held[0]!.body).toEqual({
          messageId: String(outbox[0]!.id),
          to: phone,
          text: FLOOR_REPLY,
        });
        expect(await read.rows('SELECT message_id FROM inbound_keys')).toEqual([{ message_id: 'm-1' }]);
        expect(await read.rows('SELECT phone, direction, text FROM messages')).toEqual([
          { phone, direction: 'in', text: '下周一还500' },
        ]);
        const [conversation] = await read.rows<{ snapshot: string }>('SELECT snapshot FROM conversations');
        expect(conversation!.snapshot.length).toBeGreaterThan(1900);
        expect(JSON.parse(conversation!.snapshot)).toMatchObject({ turns: 1, last: '下周一还500' });

        aggregator.release();
        await eventually(
          async () =>
            (await read.rows<{ status: string }>('SELECT status FROM outbox WHERE sent_at IS NOT NULL'))[0]
              ?.status === 'sent',
        );
      },
    );

    it(
      'archives a repeated messageId once and sends nothing for it; refuses a bad signature with nothing written',
      { timeout: 60_000 },
      async () => {
        const { floor, aggregator, read } = await started(store);
        const phone = '+6591230000';
        aggregator.release();

        expect((await post(floor.url, { messageId: 'a', from: phone, text: 'ok' })).status).toBe(200);
        expect((await post(floor.url, { messageId: 'a', from: phone, text: 'ok' })).status).toBe(200);
        expect(
          (await post(floor.url, { messageId: 'x', from: phone, text: 'no' }, 'wrong-secret')).status,
        ).toBe(401);
        expect((await post(floor.url, { messageId: 'b', from: phone, text: 'pay friday' })).status).toBe(200);
        // Both sends answered: two replies, both marked sent; the repeat and the forgery left no row.
        await eventually(() => aggregator.held.length === 2);
        aggregator.release();
        await eventually(
          async () =>
            (await read.rows<{ id: number }>("SELECT id FROM outbox WHERE status = 'sent'")).length === 2,
        );
        expect(
          (
            await read.rows<{ message_id: string }>('SELECT message_id FROM inbound_keys ORDER BY message_id')
          ).map((r) => r.message_id),
        ).toEqual(['a', 'b']);
        expect(await read.rows('SELECT text FROM messages ORDER BY id')).toEqual([
          { text: 'ok' },
          { text: 'pay friday' },
        ]);
        const [conversation] = await read.rows<{ snapshot: string }>('SELECT snapshot FROM conversations');
        expect(JSON.parse(conversation!.snapshot)).toMatchObject({ turns: 2, last: 'pay friday' });
        expect(await read.rows('SELECT id FROM outbox')).toHaveLength(2);
        expect(aggregator.held).toHaveLength(2);
      },
    );
  });
}
