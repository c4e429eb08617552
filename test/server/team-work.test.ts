import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { ADMIN_TOKEN, testDb, tmpDb } from './support.ts';

/**
 * The team at work on a real server on 127.0.0.1 (CONTRACTS §10): taking over makes an agent the
 * owner and others are held off; a supervisor reassigns; the inbox's "mine" and "unassigned"
 * tabs, oldest waiting first with the handoff SLA; notes stay internal; canned replies are
 * filled in and guarded; every action is in the audit; the archive of a period exports.
 */

// 10:00 in Beijing, outside quiet hours for the Chinese demo debtors.
const T0 = Date.parse('2026-11-23T10:00:00+08:00');
let now = T0;
let r: Running;
const cookies: Record<string, string> = {};

const call = (who: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${r.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(who === 'admin'
        ? { authorization: `Bearer ${ADMIN_TOKEN}` }
        : { cookie: `huikuan_session=${cookies[who]}`, origin: r.url }),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const json = async <T>(res: Promise<Response>): Promise<T> => (await (await res).json()) as T;
const sim = (from: string, text: string) =>
  call('admin', '/sim/inbound', { method: 'POST', body: { from, text } });

interface Row {
  id: string;
  owner: string | null;
  waitingSince: string | null;
  waitingMinutes: number | null;
  slaHours: number;
  slaBreached: boolean;
}

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
  for (const [username, role] of [
    ['lead', 'supervisor'],
    ['li', 'agent'],
    ['wu', 'agent'],
  ] as const)
    await call('admin', '/api/agents', {
      method: 'POST',
      body: { username, password: `${username}-password-123`, role },
    });
  await sim('+8613900139000', '我要投诉'); // demo-lina waits first
  now += 60 * 60_000;
  await sim('+8613800138000', '我要投诉'); // demo-zhangwei an hour later
  now += 60_000;
  await signIn();
});
afterAll(() => r.close());

/** Sessions end after 30 idle minutes: the tests sign in again after moving the clock further. */
async function signIn(): Promise<void> {
  for (const username of ['lead', 'li', 'wu']) {
    const res = await fetch(`${r.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: r.url },
      body: JSON.stringify({ username, password: `${username}-password-123` }),
    });
    cookies[username] = /huikuan_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
  }
}

describe('the unassigned handoffs', () => {
  it('are listed oldest waiting first, with the waiting time and the SLA of handoffResponseHours', async () => {
    const rows = await json<Row[]>(call('li', '/api/inbox?filter=unassigned'));
    expect(rows.map((x) => x.id)).toEqual(['demo-lina', 'demo-zhangwei']);
    expect(rows[0]).toMatchObject({ owner: null, waitingMinutes: 61, slaHours: 24, slaBreached: false });
    expect(rows[1]).toMatchObject({ waitingMinutes: 1, slaBreached: false });
  });
});

describe('ownership', () => {
  it('a takeover assigns the conversation; the other agent sees who holds it and is held off', async () => {
    expect((await call('li', '/api/conversations/demo-zhangwei/takeover', { method: 'POST' })).status).toBe(
      200,
    );
    const seen = await json<{ owner: { agent: string } }>(call('wu', '/api/conversations/demo-zhangwei'));
    expect(seen.owner.agent).toBe('li');
    const held = await call('wu', '/api/conversations/demo-zhangwei/messages', {
      method: 'POST',
      body: { text: '您好' },
    });
    expect(held.status).toBe(409);
    expect(await held.json()).toMatchObject({ owner: 'li' });
    expect((await call('wu', '/api/conversations/demo-zhangwei/takeover', { method: 'POST' })).status).toBe(
      409,
    );
    expect((await json<Row[]>(call('li', '/api/inbox?filter=mine'))).map((x) => x.id)).toEqual([
      'demo-zhangwei',
    ]);
    expect((await json<Row[]>(call('wu', '/api/inbox?filter=mine'))).map((x) => x.id)).toEqual([]);
    expect((await json<Row[]>(call('wu', '/api/inbox?filter=unassigned'))).map((x) => x.id)).toEqual([
      'demo-lina',
    ]);
  });

  it('a supervisor reassigns; an agent may not (403)', async () => {
    expect(
      (await call('wu', '/api/conversations/demo-zhangwei/assign', { method: 'POST', body: { agent: 'wu' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await call('lead', '/api/conversations/demo-zhangwei/assign', {
          method: 'POST',
          body: { agent: 'nobody' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('lead', '/api/conversations/demo-zhangwei/assign', {
          method: 'POST',
          body: { agent: 'wu' },
        })
      ).status,
    ).toBe(200);
    expect((await json<Row[]>(call('wu', '/api/inbox?filter=mine'))).map((x) => x.id)).toEqual([
      'demo-zhangwei',
    ]);
  });

  it('an agent-sent message carries the agent in the conversation view', async () => {
    const sent = await call('wu', '/api/conversations/demo-zhangwei/messages', {
      method: 'POST',
      body: { text: '【安心贷】张伟您好,我是人工专员小吴,您的投诉我们已收到,今天会联系您。回复R拒收' },
    });
    expect(sent.status).toBe(200);
    const view = await json<{ messages: { author?: string; agent?: string; text: string }[] }>(
      call('li', '/api/conversations/demo-zhangwei'),
    );
    expect(view.messages.filter((m) => m.author === 'agent').map((m) => m.agent)).toEqual(['wu']);
  });

  it('the SLA is breached once the debtor has waited longer than handoffResponseHours', async () => {
    now += 24 * 60 * 60_000;
    await signIn();
    const rows = await json<Row[]>(call('lead', '/api/inbox?filter=unassigned'));
    expect(rows.find((x) => x.id === 'demo-lina')).toMatchObject({ slaBreached: true });
  });
});

describe('notes', () => {
  it('are shown in the conversation view and never sent', async () => {
    const before = await json<{ messages: unknown[] }>(call('li', '/api/conversations/demo-lina'));
    const n = await call('li', '/api/conversations/demo-lina/notes', {
      method: 'POST',
      body: { text: '债务人说下周发工资' },
    });
    expect(n.status).toBe(201);
    const after = await json<{ messages: { text: string }[]; notes: { agent: string; text: string }[] }>(
      call('wu', '/api/conversations/demo-lina'),
    );
    expect(after.notes).toEqual([expect.objectContaining({ agent: 'li', text: '债务人说下周发工资' })]);
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.messages.some((m) => m.text.includes('发工资'))).toBe(false);
  });
});

describe('canned replies', () => {
  it('are managed by a supervisor only, and filled in for a debtor', async () => {
    const body = {
      title: '已收到',
      text: '【安心贷】{name}您好,您的欠款{amount}我们已记录,专员会尽快联系您。回复R拒收',
    };
    expect((await call('li', '/api/canned-replies', { method: 'POST', body })).status).toBe(403);
    const bad = await call('lead', '/api/canned-replies', {
      method: 'POST',
      body: { title: 'x', text: '{nickname}' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(
      /^text: unknown placeholder \{nickname\}/,
    );
    expect((await call('lead', '/api/canned-replies', { method: 'POST', body })).status).toBe(201);
    const filled = await json<{ text: string; missing: string[] }[]>(
      call('li', '/api/conversations/demo-lina/canned-replies'),
    );
    expect(filled[0]!.text).toMatch(/^【安心贷】李娜您好,您的欠款\d+(\.\d+)?元我们已记录/);
    expect(filled[0]!.missing).toEqual([]);
  });
});

describe('confirming a wrong-party number', () => {
  it("is recorded in the audit with who decided, the conversation and the person's note", async () => {
    await sim('+15555550123', "Wrong number, I don't know this person");
    expect((await json<{ state: string }>(call('li', '/api/conversations/demo-maria'))).state).toBe(
      'wrong_party',
    );
    const note = 'Maria called the hotline herself and confirmed this is her number';
    const ok = await call('li', '/api/conversations/demo-maria/confirm-number', {
      method: 'POST',
      body: { note },
    });
    expect(ok.status).toBe(200);
    const entries = await json<
      { agent: string; action: string; conversationId: string | null; detail: Record<string, unknown> }[]
    >(call('lead', '/api/audit?conversationId=demo-maria'));
    expect(entries[0]).toMatchObject({
      agent: 'li',
      action: 'confirm_number',
      conversationId: 'demo-maria',
      detail: { note, state: 'wrong_party' },
    });
    // A refused confirmation (not a wrong party) changes nothing and records nothing.
    const refused = await call('li', '/api/conversations/demo-lina/confirm-number', {
      method: 'POST',
      body: { note },
    });
    expect(refused.status).toBe(409);
    const lina = await json<{ action: string }[]>(call('lead', '/api/audit?conversationId=demo-lina'));
    expect(lina.some((e) => e.action === 'confirm_number')).toBe(false);
  });
});

describe('the "mine" tab', () => {
  it('sees every conversation the agent holds, also one older than the 500 most recently updated', async () => {
    // wu holds demo-zhangwei (reassigned above); 510 newer conversations push it out of "all".
    now += 60_000;
    const accounts = Array.from({ length: 510 }, (_, i) => ({
      id: `bulk-${i}`,
      phone: `+86136${String(i).padStart(8, '0')}`,
      debtorName: '王芳',
      lender: '安心贷',
      balance: 2400,
      currency: 'CNY',
      overdueDays: 9,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    }));
    const imported = await json<{ created: number }>(
      call('admin', '/api/accounts', { method: 'POST', body: accounts }),
    );
    expect(imported.created).toBe(510);
    const all = await json<Row[]>(call('wu', '/api/inbox?filter=all'));
    expect(all).toHaveLength(500);
    expect(all.some((x) => x.id === 'demo-zhangwei')).toBe(false);
    expect((await json<Row[]>(call('wu', '/api/inbox?filter=mine'))).map((x) => x.id)).toEqual([
      'demo-zhangwei',
    ]);
    expect(
      (await json<Row[]>(call('wu', `/api/inbox?filter=mine&q=${encodeURIComponent('张伟')}`))).map(
        (x) => x.id,
      ),
    ).toEqual(['demo-zhangwei']);
    expect(await json<Row[]>(call('wu', `/api/inbox?filter=mine&q=${encodeURIComponent('王芳')}`))).toEqual(
      [],
    );
  });
});

describe('the audit and the archive export', () => {
  it('records every action with who, what and which conversation, newest first', async () => {
    const entries = await json<{ agent: string; action: string; conversationId: string | null }[]>(
      call('lead', '/api/audit'),
    );
    const seen = entries.map((e) => `${e.agent} ${e.action} ${e.conversationId ?? '-'}`);
    for (const line of [
      'li takeover demo-zhangwei',
      'lead reassign demo-zhangwei',
      'wu send demo-zhangwei',
      'li note demo-lina',
      'lead canned_reply_saved -',
    ])
      expect(seen).toContain(line);
    expect(seen.indexOf('wu send demo-zhangwei')).toBeLessThan(seen.indexOf('li takeover demo-zhangwei'));
  });

  it('exports a period as JSONL and CSV, phones masked unless a supervisor asks (and that is audited)', async () => {
    const q = `from=${new Date(T0 - 86_400_000).toISOString()}&to=${new Date(now + 1000).toISOString()}`;
    expect((await call('li', `/api/audit/export?${q}`)).status).toBe(403);
    const jsonl = await (await call('lead', `/api/audit/export?${q}&format=jsonl`)).text();
    const records = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((x) => x.kind === 'message' && x.agent === 'wu' && x.verdict === 'send')).toBe(true);
    expect(records.some((x) => x.kind === 'action' && x.action === 'takeover')).toBe(true);
    expect(records.some((x) => x.kind === 'note' && x.text === '债务人说下周发工资')).toBe(true);
    // The note is never an outbound message.
    expect(records.some((x) => x.kind === 'message' && String(x.text).includes('发工资'))).toBe(false);
    expect(jsonl).not.toContain('+8613900139000');
    const csv = await (await call('lead', `/api/audit/export?${q}&format=csv&phones=full`)).text();
    expect(csv.split('\r\n')[0]).toBe(
      'at,kind,conversationId,direction,agent,action,phone,text,status,verdict,violations,reason,detail',
    );
    expect(csv).toContain('+8613900139000');
    const audit = await json<{ action: string; detail: { phones: string } }[]>(call('lead', '/api/audit'));
    expect(audit[0]).toMatchObject({ action: 'export', detail: { phones: 'full' } });
  });
});

describe("the SLA under a lender's configuration (CONTRACTS §10 layering)", () => {
  it("is the lender's handoffResponseHours where the account names none, breached after it", async () => {
    const db = await testDb();
    const config = join(dirname(tmpDb()), 'lenders.json');
    writeFileSync(config, JSON.stringify({ lenders: { 快借: { policy: { handoffResponseHours: 2 } } } }));
    let at = T0;
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const own = await startHuikuan(
      {
        PORT: '0',
        HUIKUAN_DB: db,
        HUIKUAN_CONFIG: config,
        LOG_LEVEL: 'silent',
        HUIKUAN_TICK_MS: '60000',
        HUIKUAN_ADMIN_TOKEN: ADMIN_TOKEN,
      },
      { clock: () => at },
    );
    try {
      for (const from of ['+8613900139000', '+8613800138000'])
        await fetch(`${own.url}/sim/inbound`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ from, text: '我要投诉' }),
        });
      const inbox = async () =>
        (await (await fetch(`${own.url}/api/inbox?filter=unassigned`, { headers: admin })).json()) as Row[];
      const before = await inbox();
      // demo-lina's lender is 快借 (2 h); demo-zhangwei's 安心贷 is not configured (the default 24 h).
      expect(before.find((x) => x.id === 'demo-lina')).toMatchObject({ slaHours: 2, slaBreached: false });
      expect(before.find((x) => x.id === 'demo-zhangwei')).toMatchObject({ slaHours: 24 });
      at += 3 * 60 * 60_000;
      const after = await inbox();
      expect(after.find((x) => x.id === 'demo-lina')).toMatchObject({ slaHours: 2, slaBreached: true });
      expect(after.find((x) => x.id === 'demo-zhangwei')).toMatchObject({ slaHours: 24, slaBreached: false });
    } finally {
      await own.close();
    }
  });
});
