import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { LOGIN_MAX_FAILURES, SESSION_IDLE_MS } from '../../src/team/session-policy.ts';
import { ADMIN_TOKEN, testDb } from './support.ts';

/**
 * CONTRACTS §10 on a real server on 127.0.0.1: agents created by the admin token or a
 * supervisor, login with a session cookie (HttpOnly, SameSite=Strict), logout, expiry on an
 * injected clock, failed logins refused with 429, roles enforced with 403, and a signed-in
 * request from another origin refused.
 */

const T0 = Date.parse('2026-03-02T02:00:00Z');
let now = T0;
let r: Running;
let origin: string;

const admin = (path: string, body: unknown) =>
  fetch(`${r.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const login = (username: string, password: string) =>
  fetch(`${r.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
const cookieOf = (res: Response) => /huikuan_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
const as = (
  cookie: string,
  path: string,
  init: { method?: string; body?: unknown; origin?: string | null } = {},
) =>
  fetch(`${r.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie: `huikuan_session=${cookie}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.origin === null ? {} : { origin: init.origin ?? origin }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

beforeAll(async () => {
  r = await startHuikuan(
    {
      PORT: '0',
      HUIKUAN_DB: await testDb(),
      LOG_LEVEL: 'silent',
      HUIKUAN_TICK_MS: '60000',
      HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    { clock: () => now },
  );
  origin = r.url;
  expect(
    (await admin('/api/agents', { username: 'lead', password: 'lead-password-1', role: 'supervisor' }))
      .status,
  ).toBe(201);
});
afterAll(() => r.close());

describe('agent accounts', () => {
  it('are created by the admin token; a taken username is 409; a bad field is 400 naming it', async () => {
    const ok = await admin('/api/agents', {
      username: 'Wang.Li',
      password: 'a-long-password',
      role: 'agent',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ username: 'wang.li', role: 'agent' });
    expect(
      (await admin('/api/agents', { username: 'wang.li', password: 'another-password', role: 'agent' }))
        .status,
    ).toBe(409);
    const bad = await admin('/api/agents', { username: 'x', password: 'short', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^(username|password|role):/);
  });

  it('are created by a supervisor, never by an agent (403)', async () => {
    const lead = cookieOf(await login('lead', 'lead-password-1'));
    expect(
      (
        await as(lead, '/api/agents', {
          method: 'POST',
          body: { username: 'chen', password: 'chen-password-1', role: 'agent' },
        })
      ).status,
    ).toBe(201);
    const chen = cookieOf(await login('chen', 'chen-password-1'));
    const refused = await as(chen, '/api/agents', {
      method: 'POST',
      body: { username: 'zhao', password: 'zhao-password-1', role: 'agent' },
    });
    expect(refused.status).toBe(403);
    expect((await as(chen, '/api/audit')).status).toBe(403);
    expect((await as(chen, '/api/accounts', { method: 'POST', body: [] })).status).toBe(403);
    expect((await as(lead, '/api/audit')).status).toBe(200);
  });

  it('never store the password itself', async () => {
    const stored = await r.team.store.getAgent('wang.li');
    expect(stored!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(stored!.passwordHash).not.toContain('a-long-password');
  });
});

describe('login', () => {
  it('answers 200 with an HttpOnly, SameSite=Strict session cookie that opens the API', async () => {
    const res = await login('wang.li', 'a-long-password');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'wang.li', role: 'agent' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http: PUBLIC_URL is not https
    const me = await as(cookieOf(res), '/api/me');
    expect(await me.json()).toEqual({ username: 'wang.li', role: 'agent', admin: false });
  });

  it('answers 401 and sets no cookie for a wrong password or an unknown username', async () => {
    for (const [u, p] of [
      ['wang.li', 'wrong-password'],
      ['nobody', 'whatever-password'],
    ] as const) {
      const res = await login(u, p);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await fetch(`${r.url}/api/inbox`)).status).toBe(401);
  });

  it(`refuses a username with 429 and Retry-After after ${LOGIN_MAX_FAILURES} failures, even with the right password`, async () => {
    await admin('/api/agents', { username: 'target', password: 'target-password', role: 'agent' });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      expect((await login('target', `guess-${i}`)).status).toBe(401);
    const refused = await login('target', 'target-password');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another username is not held up.
    expect((await login('wang.li', 'a-long-password')).status).toBe(200);
    now += 16 * 60_000;
    expect((await login('target', 'target-password')).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const c = cookieOf(await login('wang.li', 'a-long-password'));
    expect((await as(c, '/api/logout', { method: 'POST' })).status).toBe(200);
    expect((await as(c, '/api/me')).status).toBe(401);
  });

  it('a session ends after the idle limit, and a used one lives on', async () => {
    const c = cookieOf(await login('wang.li', 'a-long-password'));
    now += SESSION_IDLE_MS - 60_000;
    expect((await as(c, '/api/me')).status).toBe(200);
    now += SESSION_IDLE_MS - 60_000;
    expect((await as(c, '/api/me')).status).toBe(200);
    now += SESSION_IDLE_MS + 1;
    expect((await as(c, '/api/me')).status).toBe(401);
  });

  it('a session ends after the absolute limit however busy', async () => {
    const c = cookieOf(await login('wang.li', 'a-long-password'));
    for (let i = 0; i < 25; i++) {
      now += 29 * 60_000;
      await as(c, '/api/me');
    }
    expect((await as(c, '/api/me')).status).toBe(401);
  });
});

describe('cookie-authenticated requests that change something', () => {
  it('are refused from another origin, or with no origin at all; the admin token needs none', async () => {
    const c = cookieOf(await login('lead', 'lead-password-1'));
    const body = { title: 'hello', text: '您好{name}' };
    expect(
      (await as(c, '/api/canned-replies', { method: 'POST', body, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await as(c, '/api/canned-replies', { method: 'POST', body, origin: null })).status).toBe(403);
    expect(await (await as(c, '/api/canned-replies')).json()).toEqual([]);
    expect((await as(c, '/api/canned-replies', { method: 'POST', body })).status).toBe(201);
    expect((await admin('/api/canned-replies', body)).status).toBe(201);
  });

  it('login itself is refused from another origin', async () => {
    const res = await fetch(`${r.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'lead', password: 'lead-password-1' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('the audit', () => {
  it('lists logins and agent creations newest first, with who did them', async () => {
    const res = await fetch(`${r.url}/api/audit?limit=500`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const entries = (await res.json()) as { at: string; agent: string; action: string }[];
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(entries).toContainEqual(
      expect.objectContaining({ agent: 'admin', action: 'agent_created', conversationId: null }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ agent: 'lead', action: 'agent_created' }));
    expect(entries).toContainEqual(expect.objectContaining({ agent: 'wang.li', action: 'login' }));
  });
});
