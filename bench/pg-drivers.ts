/**
 * `pg` against `postgres` on the PostgreSQL store's real statements: the store (src/store/postgres)
 * runs one inbound SMS's unit of work (lock, account by phone, conversation, archive, inbound,
 * outbound, save, outbox) and one send (claim, mark), on each driver, N times, sequentially and 8
 * at a time. Usage: tsx bench/pg-drivers.ts postgres://…/db (a scratch database: it is emptied).
 */
import postgres from 'postgres';
import { pgDriver, type PgDriver } from '../src/store/postgres/driver.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: tsx bench/pg-drivers.ts postgres://…');
const N = Number(process.env.N) || 600;

/** The store's driver interface on postgres.js (prepared statements, its own pool). */
function postgresJsDriver(u: string, max: number): PgDriver {
  const types = {
    bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
  };
  const sql = postgres(u, { max, types, onnotice: () => {} });
  const run =
    (s: postgres.Sql | postgres.ReservedSql) =>
    async <R>(text: string, params?: readonly unknown[]): Promise<R[]> =>
      (params && params.length > 0
        ? await s.unsafe(text, params as never[], { prepare: true })
        : await s.unsafe(text)) as unknown as R[];
  return {
    query: run(sql),
    async connect() {
      const r = await sql.reserve();
      return { query: run(r), release: () => r.release() };
    },
    async listen(channel, onPayload) {
      const l = await sql.listen(channel, onPayload);
      return () => l.unlisten();
    },
    end: () => sql.end(),
  };
}

async function unit(store: PostgresStore, i: number): Promise<void> {
  const phone = `+86139${String(i).padStart(8, '0')}`;
  await store.transaction(async () => {
    await store.lockConversation(`c${i}`, true);
    const acct = await store.getAccountByPhone(phone);
    const row = await store.getConversation(`c${i}`);
    await store.listMessages(`c${i}`);
    if (!acct || !row) throw new Error('not seeded');
    const m = {
      conversationId: `c${i}`,
      status: 'received' as const,
      channel: 'gateway' as const,
      providerMessageId: `p${i}`,
      phone,
      reason: null,
    };
    await store.insertInbound({
      ...m,
      message: { seq: 1, direction: 'in', at: 1, text: '没钱', status: 'received' },
    });
    const out = await store.upsertOutbound({
      ...m,
      status: 'queued',
      providerMessageId: null,
      message: {
        seq: 2,
        direction: 'out',
        at: 1,
        text: '好的',
        status: 'sent',
        kind: 'reply',
        acts: ['empathy'],
      },
    });
    await store.saveConversation(row);
    await store.announceChange(row.id);
    await store.enqueue({
      messageId: out.id,
      conversationId: row.id,
      channel: 'gateway',
      to: phone,
      text: '好的',
      nextAttemptAt: 0,
      createdAt: i,
    });
  });
  const item = await store.claimOutbox(Date.now(), Date.now() + 30_000);
  if (item) await store.markOutbox(item.id, 'sent', { attempts: 1, lastError: null });
}

async function measure(name: string, driver: PgDriver): Promise<Record<string, number | string>> {
  const store = await PostgresStore.openWith(driver);
  const raw = pgDriver(url!, { max: 1 });
  await raw.query(
    'TRUNCATE accounts, conversations, messages, schedule, outbox, payments RESTART IDENTITY CASCADE',
  );
  for (let i = 0; i < N; i++) {
    await store.transaction(async () => {
      await store.upsertAccount({
        id: `a${i}`,
        phone: `+86139${String(i).padStart(8, '0')}`,
        debtorName: '王',
        lender: '安心贷',
        balance: 1000,
        currency: 'CNY',
        overdueDays: 3,
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
        demo: false,
        createdAt: 0,
      });
      await store.saveConversation({
        id: `c${i}`,
        accountId: `a${i}`,
        channel: 'gateway',
        state: 'reminded',
        data: { snapshot: null, jobs: [], nextJobId: 1 },
        paused: false,
        updatedAt: 0,
      });
    });
  }
  await raw.end();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N / 2; i++) await unit(store, i);
  const seqMs = performance.now() - t0;
  const t1 = performance.now();
  const rest = Array.from({ length: N / 2 }, (_, k) => k + N / 2);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = rest.shift(); i !== undefined; i = rest.shift()) await unit(store, i);
    }),
  );
  const parMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  return {
    driver: name,
    'sequential units/s': Math.round(N / 2 / (seqMs / 1000)),
    '8 concurrent units/s': Math.round(N / 2 / (parMs / 1000)),
    'client CPU ms/unit': +((cpu.user + cpu.system) / 1000 / N).toFixed(3),
  };
}

const rows = [];
for (const round of [1, 2]) {
  rows.push({ round, ...(await measure('pg', pgDriver(url, { max: 10 }))) });
  rows.push({ round, ...(await measure('postgres', postgresJsDriver(url, 10))) });
}
console.table(rows);
