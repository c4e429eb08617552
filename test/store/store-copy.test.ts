import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PermanentSendError, type InboundSms, type SmsSender } from '../../src/channels/channel.ts';
import { createLogger } from '../../src/log.ts';
import { HuikuanService } from '../../src/service/huikuan.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations.ts';
import { SqliteAgentStore } from '../../src/store/sqlite/agent-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { SCHEMA_TABLE, STORE_TABLES } from '../../src/store/store-copy.ts';
import type { StoredAccount, Store } from '../../src/store/store.ts';
import { createDatabase, PG_SKIP_REASON, PG_URL } from '../support/stores.ts';

/**
 * `npm run migrate-store -- FROM TO` on real databases: a store a bot filled (conversations,
 * replies, the outbox in every state, the schedule, a payment, an unknown number's SMS, the team's
 * agents, sessions, throttle, owners, notes, canned replies and audit, a deleted row behind each
 * kept counter) copied SQLite → PostgreSQL → SQLite equals itself table by table; on the copy
 * nothing already sent is sent again and ids continue after the source's. Refusals exit 2 and
 * write nothing.
 */

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const dir = mkdtempSync(join(tmpdir(), 'hk-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `s${++files}.db`);

const account = (n: number): StoredAccount => ({
  id: `a${n}`,
  phone: `+86138001380${String(n).padStart(2, '0')}`,
  debtorName: ['高翔', '陈静', '王芳', '李雷', '张伟'][n - 1]!,
  lender: '安心贷',
  balance: 120_000 * n,
  currency: 'CNY',
  overdueDays: 3 + n,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  demo: false,
  createdAt: T0,
});
const sms = (from: string, text: string, id: string, at = T0): InboundSms => ({
  channel: 'gateway',
  providerMessageId: id,
  from,
  to: null,
  text,
  receivedAt: at,
});

/** A gateway that answers by phone: a2 refused for good, a3 a transient failure, the rest ok. */
function gateway() {
  const sent: string[] = [];
  const sender: SmsSender = {
    name: 'gateway',
    async send(m) {
      if (m.to === account(2).phone) throw new PermanentSendError('21610 unsubscribed');
      if (m.to === account(3).phone) throw new Error('503 from the aggregator');
      sent.push(m.to);
      return { providerMessageId: `gw-${sent.length}` };
    },
  };
  return { sender, sent };
}

const serviceOn = (store: Store, sender: SmsSender, clock: { now: number }) =>
  new HuikuanService({
    store,
    senders: { gateway: sender },
    clock: () => clock.now,
    log: createLogger('test', 'silent'),
    defaultChannel: 'gateway',
  });

/** A SQLite store as a bot leaves it after a morning's work, closed (the bot stopped). */
async function filledSqlite(): Promise<string> {
  const file = newFile();
  const store = SqliteStore.open(file);
  const clock = { now: T0 };
  const svc = serviceOn(store, gateway().sender, clock);
  await svc.addAccounts([1, 2, 3, 4, 5].map((n) => ({ line: n, account: account(n) })));
  await svc.receive(sms(account(4).phone, '退订', 'in-1')); // a4's reminder cancelled, the confirmation queued
  await svc.drain(); // a1, a4, a5 sent; a2 failed; a3 pending with a retry
  clock.now += 60_000;
  await svc.receive(sms(account(1).phone, '我现在真的没钱', 'in-2'));
  await svc.receive(sms(account(5).phone, '下周五还500', 'in-3'));
  await svc.receive(sms('+8613900139000', '你们是谁', 'in-4')); // an unknown number: archived only
  await svc.recordPayment({ accountId: 'a1', amount: 20_000, paidAt: clock.now, reference: 'bank-77' });
  const a3 = (await store.pendingOutbox(clock.now + 86_400_000, 100)).find((i) => i.to === account(3).phone)!;
  await store.transaction(() => store.markOutbox(a3.id, 'pending', { sendingSince: clock.now }));
  await store.close();

  const team = SqliteAgentStore.open(file);
  await team.createAgent({
    username: 'li',
    role: 'agent',
    passwordHash: 'scrypt$a',
    createdAt: T0,
    createdBy: 'admin',
  });
  await team.createAgent({
    username: 'wu',
    role: 'supervisor',
    passwordHash: 'scrypt$b',
    createdAt: T0,
    createdBy: 'admin',
  });
  await team.createSession({ tokenHash: 'f'.repeat(64), username: 'li', createdAt: T0, lastSeenAt: T0 + 5 });
  await team.recordLoginFailure('zhao', T0 + 1);
  await team.recordLoginFailure('zhao', T0 + 2);
  await team.assign('a1', 'li', T0 + 3);
  for (const text of ['called back', 'asked for a plan', 'a slip'])
    await team.addNote({ conversationId: 'a1', at: T0 + 4, agent: 'li', text });
  await team.saveCannedReply({ title: '问候', text: '您好', updatedAt: T0, updatedBy: 'wu' });
  const gone = await team.saveCannedReply({ title: 'old', text: 'old', updatedAt: T0, updatedBy: 'wu' });
  await team.deleteCannedReply(gone!.id);
  for (const action of ['login', 'takeover', 'note', 'send'] as const)
    await team.audit({ at: T0 + 6, agent: 'li', action, conversationId: 'a1', detail: { n: 1 } });
  await team.close();
  // A row deleted behind each counter: the copy must not hand its id out again.
  const raw = new Database(file);
  raw.exec("DELETE FROM notes WHERE text = 'a slip'; DELETE FROM audit WHERE action = 'send';");
  raw.close();
  return file;
}

type Dump = Record<string, { rows: Record<string, unknown>[]; counter?: number }>;
const sorted = (rows: Record<string, unknown>[]) =>
  rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((s) => JSON.parse(s) as Record<string, unknown>);

function dumpSqlite(file: string): Dump {
  const db = new Database(file, { readonly: true });
  try {
    const out: Dump = {};
    for (const t of STORE_TABLES) {
      const rows = db.prepare(`SELECT * FROM ${t.name}`).all() as Record<string, unknown>[];
      out[t.name] = { rows: sorted(rows) };
      if (t.counter)
        out[t.name]!.counter =
          (
            db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(t.name) as
              { seq: number } | undefined
          )?.seq ?? 0;
    }
    return out;
  } finally {
    db.close();
  }
}

const INT8 = 20;
const pgClient = (url: string) =>
  new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, f?: 'text' | 'binary') =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, f)) as typeof pg.types.getTypeParser,
    },
  });

async function dumpPg(url: string): Promise<Dump> {
  const c = pgClient(url);
  await c.connect();
  try {
    const out: Dump = {};
    for (const t of STORE_TABLES) {
      out[t.name] = {
        rows: sorted((await c.query(`SELECT * FROM ${t.name}`)).rows as Record<string, unknown>[]),
      };
      if (t.counter)
        out[t.name]!.counter = Number(
          (
            await c.query(
              `SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass), 0) AS v`,
              [t.name],
            )
          ).rows[0].v,
        );
    }
    return out;
  } finally {
    await c.end();
  }
}

/** `npm run migrate-store -- …args` as an operator runs it. */
function migrateStore(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate-store.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Table by table, so a difference names its table. */
function expectSameTables(got: Dump, want: Dump) {
  for (const t of STORE_TABLES)
    expect({ table: t.name, ...got[t.name] }).toEqual({ table: t.name, ...want[t.name] });
}

describe('the tables a copy covers', () => {
  it('are every table the migrations create, on both engines', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((r) => r.name);
    db.close();
    expect(tables.sort()).toEqual([...STORE_TABLES.map((t) => t.name), SCHEMA_TABLE].sort());
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('migrate-store between two SQLite files', () => {
  it('copies every table, row for row, with the id counters', { timeout: 60_000 }, async () => {
    const src = await filledSqlite();
    const before = dumpSqlite(src);
    expect(before.outbox!.rows.map((r) => r.status).sort()).toEqual(
      expect.arrayContaining(['cancelled', 'failed', 'pending', 'sent']),
    );
    const to = newFile();
    const r = await migrateStore(src, to);
    expect(r.stderr).not.toMatch(/refused|failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^outbox\s+\d+\s+\d+$/m);
    expect(r.stdout).toMatch(/rows copied from SQLite .* counts verified/);
    expectSameTables(dumpSqlite(to), before);
    expect(dumpSqlite(src)).toEqual(before); // the source untouched
  });

  it(
    'refuses a target with rows, exit 2, naming them, and leaves it as it was',
    { timeout: 60_000 },
    async () => {
      const src = await filledSqlite();
      const full = await filledSqlite();
      const before = dumpSqlite(full);
      const r = await migrateStore(src, full);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refused: .*already has rows: accounts \(5\)/);
      expect(dumpSqlite(full)).toEqual(before);
    },
  );

  it(
    'refuses a source at an older schema version, and a target at another version, writing nothing',
    { timeout: 60_000 },
    async () => {
      const old = newFile();
      const db = new Database(old);
      migrate(db, MIGRATIONS.slice(0, 5));
      db.close();
      const to = newFile();
      const r = await migrateStore(old, to);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /FROM|SQLite .* is at schema version 5 .* this build's is 8: start the bot on it once/,
      );
      expect(existsSync(to)).toBe(false);
      const r2 = await migrateStore(await filledSqlite(), old);
      expect(r2.code).toBe(2);
      expect(r2.stderr).toMatch(/is at schema version 5, the source at 8/);
    },
  );

  it('names a bad argument', { timeout: 60_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [[], /expected FROM and TO, got 0/],
      [['only-one.db'], /expected FROM and TO, got 1/],
      [
        ['mysql://h/db', newFile()],
        /FROM: expected a SQLite file path or a postgres:\/\/ URL, not a mysql: URL/,
      ],
      [[join(dir, 'missing.db'), newFile()], /FROM: no SQLite database at .*missing\.db/],
      [[newFile(), 'postgres://'], /TO: the postgres:\/\/ URL names no host|TO: expected a well-formed/],
      [['a.db', 'a.db'], /FROM and TO name the same store/],
      [['a.db', 'b.db', '--batch', '0'], /--batch: /],
      [['a.db', 'b.db', '--fast'], /unknown option --fast/],
    ];
    for (const [args, reason] of cases) {
      const r = await migrateStore(...args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({
        args,
        code: 2,
        stderr: expect.stringMatching(reason),
      });
    }
  });
});

describe.skipIf(!PG_URL)(
  `migrate-store between SQLite and PostgreSQL${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`,
  () => {
    it(
      'copies SQLite → PostgreSQL → SQLite equal table by table; on the copy nothing sent is sent again',
      { timeout: 120_000 },
      async () => {
        const src = await filledSqlite();
        const want = dumpSqlite(src);
        const url = await createDatabase();

        const there = await migrateStore(src, url);
        expect(there.stderr).not.toMatch(/refused|failed/);
        expect(there.code).toBe(0);
        expect(there.stdout).toMatch(
          /to PostgreSQL 127\.0\.0\.1:\d+\/hk_test_\w+ \(schema version 8\); counts verified/,
        );
        expect(there.stdout).not.toMatch(/postgres@/);
        expectSameTables(await dumpPg(url), want);

        const back = newFile();
        const r = await migrateStore('--batch', '2', url, back);
        expect(r.code).toBe(0);
        expectSameTables(dumpSqlite(back), want);

        // A bot started on the copy: the dedupe key holds, only what was pending goes out, ids continue.
        const store = await PostgresStore.open(url, { poolSize: 2 });
        try {
          const clock = { now: T0 + 3_600_000 };
          const g = gateway();
          const svc = serviceOn(store, g.sender, clock);
          expect((await svc.receive(sms(account(1).phone, '我现在真的没钱', 'in-2'))).duplicate).toBe(true);
          await svc.drain();
          // Exactly the items pending at the copy, once each (a3's fails again: the stand-in's 503).
          const pending = want
            .outbox!.rows.filter((o) => o.status === 'pending')
            .map((o) => o.to_phone as string);
          expect(pending.length).toBeGreaterThanOrEqual(3);
          expect(g.sent.sort()).toEqual(pending.filter((p) => p !== account(3).phone).sort());
          const next = await svc.receive(sms(account(5).phone, '好的', 'in-5', clock.now));
          // (greater, not the next: PostgreSQL's sequence moved on for the duplicate's refused insert)
          expect(next.inbound!.id).toBeGreaterThan(want.messages!.counter!);
          const outbox = await store.pendingOutbox(clock.now + 86_400_000, 100);
          expect(Math.max(...outbox.map((o) => o.id))).toBeGreaterThan(want.outbox!.counter!);
          const team = store.agentStore();
          expect(
            (await team.addNote({ conversationId: 'a1', at: clock.now, agent: 'li', text: 'x' })).id,
          ).toBe(want.notes!.counter! + 1);
          expect(
            (
              await team.audit({
                at: clock.now,
                agent: 'li',
                action: 'login',
                conversationId: null,
                detail: {},
              })
            ).id,
          ).toBe(want.audit!.counter! + 1);
          expect(await team.getSession('f'.repeat(64))).toMatchObject({ username: 'li' });
        } finally {
          await store.close();
        }
      },
    );

    it(
      'refuses a PostgreSQL target with rows, or with tables not ours, exit 2, changing nothing',
      { timeout: 60_000 },
      async () => {
        const src = await filledSqlite();
        const url = await createDatabase();
        expect((await migrateStore(src, url)).code).toBe(0);
        const before = await dumpPg(url);
        const again = await migrateStore(src, url);
        expect(again.code).toBe(2);
        expect(again.stderr).toMatch(
          /refused: PostgreSQL .* already has rows: accounts \(5\), conversations \(5\)/,
        );
        expect(await dumpPg(url)).toEqual(before);

        const foreign = await createDatabase();
        const c = pgClient(foreign);
        await c.connect();
        await c.query('CREATE TABLE invoices (id int)');
        await c.end();
        const r = await migrateStore(src, foreign);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/is not empty and not a Huikuan store \(tables: invoices\)/);
      },
    );
  },
);
