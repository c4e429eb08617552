import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import { debtorText } from '../../bench/messages.ts';
import { prng } from '../../bench/stats.ts';
import { auth, generateAccounts, importAccounts, localTime, postInbound } from '../load/support.ts';
import { createDatabase, PG_SKIP_REASON, PG_URL } from '../support/stores.ts';
import {
  ADMIN_TOKEN,
  eventually,
  fakeProvider,
  GATEWAY_SECRET,
  startChild,
  type Recorded,
} from './support.ts';

/**
 * Three `npm start` instances (child processes) on one PostgreSQL database (CONTRACTS §9):
 * debtors' signed gateway webhooks spread over them at random, the same messageId to two
 * instances at the same moment, one instance SIGKILLed under load and started again. Every
 * inbound is archived once, every reminder and reply reaches the stand-in aggregator under one
 * messageId (our outbox id), sent once: at most one repeat per kill (the documented ambiguous
 * window: a send the killed instance made but did not record), which the aggregator's dedupe on
 * messageId absorbs; the daily proactive cap and quiet hours hold across the instances.
 *
 * And explicitly, with three instances ticking on one database: debtors inside quiet hours get
 * nothing from any instance until the window ends there, then their first reminder once; debtors
 * sent more proactive messages at once, through every instance, than the daily cap allows get the
 * cap on their local day and the rest deferred to the next, counted in the database.
 *
 * Sized for a shared 2-core machine: HUIKUAN_TEST_INSTANCE_DEBTORS (default 400; `.ci/run` runs
 * 1000: 31 s on a quiet moment of the shared machine, 74 s with 8 agents on its 2 cores) debtors,
 * one message each, in the first test.
 */

const DEBTORS = Number(process.env.HUIKUAN_TEST_INSTANCE_DEBTORS) || 400;

/** What each instance starts with: the shared database, the stand-in aggregator, a clock from `now0`. */
const instanceEnv = (db: string, aggregatorUrl: string, now0: number) => ({
  HUIKUAN_DB: db,
  HUIKUAN_DB_POOL: '4',
  GATEWAY_SECRET,
  GATEWAY_SEND_URL: `${aggregatorUrl}/send`,
  HUIKUAN_DEFAULT_CHANNEL: 'gateway',
  HUIKUAN_DEMO: '0',
  HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
  HUIKUAN_NOW: new Date(now0).toISOString(),
  HUIKUAN_TICK_MS: '200',
});
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

describe.skipIf(!PG_URL)(`three instances on one PostgreSQL${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`, () => {
  it(
    'processes each inbound once and sends each message once, through a kill and a restart',
    { timeout: 180_000 },
    async () => {
      const url = await createDatabase();
      const aggregator = await fakeProvider(() => ({ status: 200, body: {} }));
      cleanups.push(aggregator.close);
      // 10:00 in Beijing and Singapore: nothing waits for quiet hours to end.
      const now0 = parseInstant('2026-11-23T10:00:00+08:00')!.epochMs;
      const env = {
        ...instanceEnv(url, aggregator.url, now0),
        // Above the sender's 10 s timeout, as in production: a lease shorter than a slow send on a
        // loaded machine lets a second instance send it too (measured: 6 repeats in 1000 at 2 s).
        HUIKUAN_OUTBOX_LEASE_MS: '12000',
      };
      const instances = await Promise.all([startChild(env), startChild(env), startChild(env)]);
      children.push(...instances.map((i) => i.child));
      const urls = instances.map((i) => i.url);
      const startedAt = Date.now();
      const serverSeconds = () => (now0 + Date.now() - startedAt) / 1000;

      const accounts = generateAccounts(DEBTORS, {
        seed: 15,
        prefix: 'm',
        zhZone: 'Asia/Shanghai',
        enZone: 'Asia/Singapore',
      });
      await importAccounts(urls[0]!, accounts);

      const rand = prng(15);
      const statuses: number[] = [];
      let killed = false;
      const post = async (i: number, target: number) => {
        const a = accounts[i]!;
        const r = await postInbound(
          urls[target]!,
          { messageId: `m-${i}`, from: a.phone, text: debtorText(a.locale, rand) },
          serverSeconds(),
        ).catch(() => ({ status: 0, body: '' }));
        statuses.push(r.status);
        // A connection the kill cut is redelivered, as a provider does, to another instance.
        if (r.status !== 200) await post(i, (target + 1) % 3 === 1 ? 2 : (target + 1) % 3);
      };
      // The same messageId to two instances at the same moment, for the first 20 debtors.
      await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.all([post(i, 0), post(i, 2)])));
      // The rest spread at random, 24 at a time; instance 1 is killed a third of the way through.
      const queue = Array.from({ length: DEBTORS - 20 }, (_, k) => k + 20);
      const worker = async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          if (!killed && i > DEBTORS / 3) {
            killed = true;
            instances[1]!.child.kill('SIGKILL');
          }
          const target = Math.floor(rand() * 3);
          await post(i, killed && target === 1 ? 0 : target);
        }
      };
      await Promise.all(Array.from({ length: 24 }, worker));
      // Restarted, it works on what the others have not finished.
      const again = await startChild(env);
      children.push(again.child);

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      cleanups.push(() => db.end());
      const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].n);
      await eventually(
        async () => (await count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")) === 0,
        60_000,
      );

      // Every inbound archived once.
      expect(await count("SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'")).toBe(DEBTORS);
      expect(
        await count("SELECT COUNT(DISTINCT provider_message_id) AS n FROM messages WHERE direction = 'in'"),
      ).toBe(DEBTORS);
      // Every reply once: one answer per inbound at most (no instance answered a redelivery).
      expect(
        await count(
          "SELECT COUNT(*) AS n FROM (SELECT conversation_id, in_reply_to FROM messages WHERE direction = 'out' AND kind = 'reply' GROUP BY 1, 2 HAVING COUNT(*) > 1) d",
        ),
      ).toBe(0);
      // Every outbox item sent, and reached the aggregator under its id; a repeat only from the kill.
      const sent = await count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'");
      expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE status NOT IN ('sent', 'cancelled')")).toBe(
        0,
      );
      const ids = aggregator.requests.map((r) => (JSON.parse(r.body) as { messageId: string }).messageId);
      const distinct = new Set(ids);
      expect(distinct.size).toBe(sent);
      expect(ids.length - distinct.size).toBeLessThanOrEqual(1);
      // Every debtor got its first reminder, and no debtor more proactive messages than the daily
      // cap (the default policy's 3), counted in the archive whichever instance sent them.
      const capped = await count(
        `SELECT COUNT(*) AS n FROM (
         SELECT conversation_id FROM messages WHERE direction = 'out' AND kind <> 'reply' AND status IN ('queued', 'sent')
         GROUP BY conversation_id HAVING COUNT(*) > 3) d`,
      );
      expect(capped).toBe(0);
      expect(
        await count(
          "SELECT COUNT(DISTINCT conversation_id) AS n FROM messages WHERE direction = 'out' AND kind <> 'reply'",
        ),
      ).toBe(DEBTORS);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    },
  );

  it(
    'keeps quiet hours and the daily proactive cap across instances, counted in the database',
    { timeout: 240_000 },
    async () => {
      const url = await createDatabase();
      const arrivals: { at: number; to: string; messageId: string }[] = [];
      const aggregator = await fakeProvider((r: Recorded) => {
        const b = JSON.parse(r.body) as { to: string; messageId: string };
        arrivals.push({ at: Date.now(), to: b.to, messageId: b.messageId });
        return { status: 200, body: {} };
      });
      cleanups.push(aggregator.close);
      // 07:58 in Shanghai: two minutes of quiet hours left there; 10:58 in Sydney, daytime.
      const now0 = parseInstant('2026-11-23T07:58:00+08:00')!.epochMs;
      const quietEnds = parseInstant('2026-11-23T08:00:00+08:00')!.epochMs;
      const env = {
        ...instanceEnv(url, aggregator.url, now0),
      };
      // Each instance's clock starts when its process does, after this: none can read 08:00 in
      // Shanghai before this instant plus the two minutes.
      const spawned = Date.now();
      const instances = await Promise.all([startChild(env), startChild(env), startChild(env)]);
      children.push(...instances.map((i) => i.child));
      const urls = instances.map((i) => i.url);
      const quietOverNoSoonerThan = spawned + (quietEnds - now0);

      const accounts = generateAccounts(90, {
        seed: 151,
        prefix: 'q',
        zhZone: 'Asia/Shanghai',
        enZone: 'Australia/Sydney',
      });
      const night = new Set(accounts.filter((a) => a.timezone === 'Asia/Shanghai').map((a) => a.phone));
      const day = accounts.filter((a) => a.timezone === 'Australia/Sydney');
      expect(night.size).toBeGreaterThan(20);
      expect(day.length).toBeGreaterThan(20);
      // Imported a third through each instance, at once.
      await Promise.all(
        urls.map((u, k) =>
          importAccounts(
            u,
            accounts.filter((_, i) => i % 3 === k),
          ),
        ),
      );

      // The daytime debtors: each gets an agent's message five times, through every instance at
      // once. With the first reminder that is six proactive messages in one local day: three go
      // out (the default cap), the rest wait for the next day, whichever instance took them.
      const sends = await Promise.all(
        day.flatMap((a) =>
          Array.from({ length: 5 }, async (_, k) => {
            const res = await fetch(`${urls[k % 3]}/api/conversations/${a.id}/messages`, {
              method: 'POST',
              headers: auth,
              body: JSON.stringify({
                text: `A reminder about your balance (${k + 1}); reply to set up a plan.`,
              }),
            });
            return { status: res.status, body: (await res.json()) as { status?: string } };
          }),
        ),
      );
      expect(sends.filter((s) => s.status !== 200)).toEqual([]);
      expect(sends.filter((s) => s.body.status === 'queued')).toHaveLength(2 * day.length);
      expect(sends.filter((s) => s.body.status === 'deferred')).toHaveLength(3 * day.length);

      // The night debtors: nothing from any instance until quiet hours end there, then their
      // first reminder, once.
      await eventually(
        () =>
          arrivals.filter((a) => night.has(a.to)).length >= night.size && Date.now() > quietOverNoSoonerThan,
        150_000,
      );
      await new Promise((r) => setTimeout(r, 1500)); // and nothing more after it
      const toNight = arrivals.filter((a) => night.has(a.to));
      expect(toNight.filter((a) => a.at < quietOverNoSoonerThan)).toEqual([]);
      expect(new Set(toNight.map((a) => a.to)).size).toBe(night.size);
      expect(toNight).toHaveLength(night.size);
      // Decided while quiet hours held (not merely imported late): each was deferred, then judged
      // again and sent at 08:00 exactly (a reminder imported after 08:00 would carry its own time).
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      cleanups.push(() => db.end());
      const rows = (
        await db.query<{ phone: string; at: string; until: string | null; status: string; kind: string }>(
          "SELECT phone, at, until, status, kind FROM messages WHERE direction = 'out' ORDER BY id",
        )
      ).rows.map((r) => ({ ...r, at: Number(r.at), until: r.until === null ? null : Number(r.until) }));
      const nightRows = rows.filter((r) => night.has(r.phone));
      expect(nightRows.map((r) => [r.kind, r.status, r.at])).toEqual(
        nightRows.map(() => ['proactive', 'sent', quietEnds]),
      );
      expect(nightRows).toHaveLength(night.size);

      // The daytime debtors: three proactive messages each on the local day, in the database and
      // at the aggregator, never more; the other three deferred to the next local day.
      for (const a of day) {
        const mine = rows.filter((r) => r.phone === a.phone && r.kind === 'proactive');
        const today = localTime(now0, a.timezone).date;
        const goingToday = mine.filter(
          (r) => r.status !== 'deferred' && localTime(r.at, a.timezone).date === today,
        );
        expect({ phone: a.phone, today: goingToday.length }).toEqual({ phone: a.phone, today: 3 });
        const later = mine.filter((r) => r.status === 'deferred');
        expect(later.every((r) => localTime(r.until!, a.timezone).date > today)).toBe(true);
        expect(later).toHaveLength(3);
      }
      const toDay = arrivals.filter((a) => !night.has(a.to));
      expect(new Set(toDay.map((a) => a.messageId)).size).toBe(toDay.length);
      const perPhone = new Map<string, number>();
      for (const a of toDay) perPhone.set(a.to, (perPhone.get(a.to) ?? 0) + 1);
      expect([...perPhone.values()].every((n) => n === 3)).toBe(true);
      expect(perPhone.size).toBe(day.length);
    },
  );
});
