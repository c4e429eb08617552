import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import { debtorText } from '../../bench/messages.ts';
import { prng } from '../../bench/stats.ts';
import { ADMIN_TOKEN, exited, fakeProvider, GATEWAY_SECRET, startChild, testDb } from '../server/support.ts';
import { isPgUrl } from '../support/stores.ts';
import { generateAccounts, importAccounts, postInbound, readArchive } from './support.ts';

/**
 * 1 000 debtors texting at once through the signed gateway, against `npm start` as a child
 * process on a real SQLite file, for about 40 seconds (bounded: 3 messages per debtor plus 5 %
 * redeliveries, and a deadline). Every inbound must be archived exactly once, every reply sent
 * exactly once (counted per outbox id at a stand-in aggregator), and no answer may be a 5xx.
 */

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

const DEBTORS = 1000;
const MESSAGES_EACH = 3;
const DEADLINE_MS = 90_000;

describe('1 000 debtors texting at once', () => {
  it('archives every inbound once, sends every reply once, and never answers 5xx', async () => {
    const rand = prng(1000);
    const db = await testDb();
    // A SQLite file's folder (a PostgreSQL database is dropped after the file).
    if (!isPgUrl(db)) cleanups.push(() => rmSync(dirname(db), { recursive: true, force: true }));
    const aggregator = await fakeProvider(() => ({ status: 200, body: {} }));
    cleanups.push(aggregator.close);
    // 10:00 in Beijing (and Singapore for the English debtors): replies go out at once.
    const now0 = parseInstant('2026-11-23T10:00:00+08:00')!.epochMs;
    const server = await startChild({
      HUIKUAN_DB: db,
      GATEWAY_SECRET,
      GATEWAY_SEND_URL: `${aggregator.url}/send`,
      HUIKUAN_DEFAULT_CHANNEL: 'gateway',
      HUIKUAN_DEMO: '0',
      HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
      HUIKUAN_NOW: new Date(now0).toISOString(),
      HUIKUAN_TICK_MS: '500',
    });
    children.push(server.child);
    const startedAt = Date.now();
    const serverSeconds = () => (now0 + Date.now() - startedAt) / 1000;

    const accounts = generateAccounts(DEBTORS, {
      seed: 7,
      prefix: 'l',
      zhZone: 'Asia/Shanghai',
      enZone: 'Asia/Singapore',
    });
    await importAccounts(server.url, accounts);
    const t0 = Date.now();
    const statuses = new Map<number, number>();
    const firstAnswers = new Map<string, boolean[]>();
    let requests = 0;
    const deadline = Date.now() + DEADLINE_MS;
    // Each debtor: a pause, then three messages with a few seconds' thought between them; one in
    // twenty is delivered twice at once, as an aggregator retrying a slow callback would.
    await Promise.all(
      accounts.map(async (a, i) => {
        const r = prng(i + 1);
        await new Promise((res) => setTimeout(res, r() * 8000));
        for (let k = 0; k < MESSAGES_EACH && Date.now() < deadline; k++) {
          const m = { messageId: `l-${i}-${k}`, from: a.phone, text: debtorText(a.locale, r) };
          const copies = r() < 0.05 ? 2 : 1;
          const answers = await Promise.all(
            Array.from({ length: copies }, async () => {
              requests++;
              const res = await postInbound(server.url, m, serverSeconds());
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              return res.status === 200 ? (JSON.parse(res.body) as { duplicate: boolean }).duplicate : null;
            }),
          );
          firstAnswers.set(
            m.messageId,
            answers.filter((d): d is boolean => d !== null),
          );
          await new Promise((res) => setTimeout(res, 3000 + r() * 9000));
        }
      }),
    );
    const trafficSeconds = (Date.now() - t0) / 1000;
    void rand;

    // The outbox drains; then count.
    const drainedBy = Date.now() + 60_000;
    while ((await readArchive(db)).pending > 0 && Date.now() < drainedBy)
      await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
    server.child.kill('SIGTERM');
    await exited(server.child);

    const { messages, outbox, pending } = await readArchive(db);
    expect(pending).toBe(0);
    expect([...statuses.keys()]).toEqual([200]);
    // Exactly one "duplicate: false" per messageId, however often it was delivered.
    expect([...firstAnswers.values()].every((d) => d.filter((x) => !x).length === 1)).toBe(true);
    const inbound = messages.filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(firstAnswers.size);
    expect(new Set(inbound.map((m) => m.provider_message_id)).size).toBe(firstAnswers.size);

    // Every inbound answered, every answer and first reminder sent once.
    const sent = messages.filter((m) => m.direction === 'out' && m.status === 'sent');
    const replies = new Set(
      sent.filter((m) => m.in_reply_to !== null).map((m) => `${m.conversation_id}:${m.in_reply_to}`),
    );
    expect(inbound.filter((m) => !replies.has(`${m.conversation_id}:${m.seq}`))).toEqual([]);
    expect(messages.filter((m) => m.direction === 'out' && m.status !== 'sent')).toEqual([]);
    expect(outbox).toHaveLength(sent.length);
    const perOutbox = new Map<string, number>();
    for (const r of aggregator.requests) {
      const id = String(JSON.parse(r.body).messageId);
      perOutbox.set(id, (perOutbox.get(id) ?? 0) + 1);
    }
    expect(perOutbox.size).toBe(outbox.length);
    expect([...perOutbox.values()].every((n) => n === 1)).toBe(true);
    expect(aggregator.requests).toHaveLength(sent.length);
    console.log(
      `load: ${DEBTORS} debtors, ${requests} requests (${firstAnswers.size} distinct) in ${trafficSeconds.toFixed(1)} s, ${sent.length} sent`,
    );
  }, 180_000);
});
