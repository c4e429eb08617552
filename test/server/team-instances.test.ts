import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { createDatabase, PG_SKIP_REASON, PG_URL } from '../support/stores.ts';
import { ADMIN_TOKEN } from './support.ts';

/**
 * The team on PostgreSQL (CONTRACTS §9 and §10 together): two servers in this process on one
 * database, as two instances behind a load balancer. A session opened on one is valid on the
 * other, an owner taken on one holds the conversation off on the other, and notes and the audit
 * are one record, because the team's tables live in the shared database, on the store's pool.
 */

const T0 = Date.parse('2026-03-02T02:00:00Z');
const title = PG_URL === null ? `(${PG_SKIP_REASON})` : '';
let a: Running;
let b: Running;

async function start(db: string): Promise<Running> {
  return startHuikuan(
    {
      PORT: '0',
      HUIKUAN_DB: db,
      LOG_LEVEL: 'silent',
      HUIKUAN_TICK_MS: '60000',
      HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    { clock: () => T0 },
  );
}

const admin = (r: Running, path: string, body: unknown) =>
  fetch(`${r.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function login(r: Running, username: string, password: string): Promise<string> {
  const res = await fetch(`${r.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: r.url },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return /huikuan_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}

const as = (r: Running, cookie: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${r.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie: `huikuan_session=${cookie}`,
      origin: r.url,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe.skipIf(PG_URL === null)(`the team across two instances on PostgreSQL ${title}`, () => {
  beforeAll(async () => {
    const db = await createDatabase();
    a = await start(db);
    b = await start(db);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('shares agents, sessions, ownership, notes and the audit between the instances', async () => {
    expect(
      (await admin(a, '/api/agents', { username: 'li', password: 'li-password-1', role: 'agent' })).status,
    ).toBe(201);
    expect(
      (await admin(b, '/api/agents', { username: 'wu', password: 'wu-password-1', role: 'agent' })).status,
    ).toBe(201);
    // A username taken on the other instance is taken here too.
    expect(
      (await admin(b, '/api/agents', { username: 'li', password: 'other-password', role: 'agent' })).status,
    ).toBe(409);

    const li = await login(a, 'li', 'li-password-1');
    const wu = await login(b, 'wu', 'wu-password-1');
    // li's session, opened on a, works on b.
    expect((await as(b, li, '/api/conversations/demo-zhangwei/takeover', { method: 'POST' })).status).toBe(
      200,
    );
    const seen = (await (await as(a, wu, '/api/conversations/demo-zhangwei')).json()) as {
      owner: { agent: string } | null;
    };
    expect(seen.owner?.agent).toBe('li');
    const held = await as(a, wu, '/api/conversations/demo-zhangwei/messages', {
      method: 'POST',
      body: { text: '您好' },
    });
    expect(held.status).toBe(409);

    expect(
      (
        await as(a, li, '/api/conversations/demo-zhangwei/notes', {
          method: 'POST',
          body: { text: '周五发工资' },
        })
      ).status,
    ).toBe(201);
    const view = (await (await as(b, wu, '/api/conversations/demo-zhangwei')).json()) as {
      notes: { agent: string; text: string }[];
    };
    expect(view.notes).toEqual([expect.objectContaining({ agent: 'li', text: '周五发工资' })]);
    const mine = (await (await as(a, li, '/api/inbox?filter=mine')).json()) as { id: string }[];
    expect(mine.map((r) => r.id)).toEqual(['demo-zhangwei']);

    // One audit: the actions taken on either instance, read from either (as a supervisor).
    expect(
      (await admin(a, '/api/agents', { username: 'lead', password: 'lead-password-1', role: 'supervisor' }))
        .status,
    ).toBe(201);
    const lead = await login(b, 'lead', 'lead-password-1');
    const audit = (await (await as(a, lead, '/api/audit')).json()) as { agent: string; action: string }[];
    expect(audit.map((e) => `${e.agent} ${e.action}`)).toEqual(
      expect.arrayContaining(['li takeover', 'li note', 'li login', 'wu login']),
    );

    // Logging out on b ends the session on a as well.
    expect((await as(b, li, '/api/logout', { method: 'POST' })).status).toBeLessThan(300);
    expect((await as(a, li, '/api/inbox')).status).toBe(401);
  }, 60_000);
});
