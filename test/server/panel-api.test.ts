import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConversationFileSchema } from '../../src/replay/file.ts';
import {
  ConversationListRowSchema,
  DemoDebtorRowSchema,
  MetricsSchema,
} from '../../src/service/read-models.ts';
import { TeamInboxRowSchema } from '../../src/team/team-inbox.ts';
import { TeamConversationViewSchema } from '../../src/team/team-views.ts';
import { runConversation } from '../../src/replay/run.ts';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { testDb } from './support.ts';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

// 09:00 in Beijing is 20:00 in New York: outside quiet hours for every demo debtor.
const T0 = Date.parse('2026-11-23T09:00:00+08:00');

async function start(): Promise<Running> {
  const real = Date.now();
  const r = await startHuikuan(
    { PORT: '0', HUIKUAN_DB: await testDb(), LOG_LEVEL: 'silent', HUIKUAN_TICK_MS: '60000' },
    { clock: () => T0 + (Date.now() - real) },
  );
  running.push(r);
  return r;
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const get = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;
const sim = (r: Running, from: string, text: string) =>
  post(`${r.url}/sim/inbound`, { from, text }).then(
    (x) => x.json() as Promise<{ reply: { text: string } | null; state: string }>,
  );

describe('the inbox', () => {
  it('lists every conversation with state, last message, days overdue and balance; filters and searches', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '我要投诉');
    await sim(r, '+8613900139000', '每月能还800');
    type Row = {
      id: string;
      state: string;
      needsPerson: boolean;
      overdueDays: number;
      balance: number;
      phone: string;
      lastMessage: { direction: string; text: string };
    };
    const all = await get<Row[]>(`${r.url}/api/inbox`);
    expect(all).toHaveLength(3);
    expect(all.find((x) => x.id === 'demo-lina')).toMatchObject({
      state: 'offer',
      overdueDays: 12,
      balance: 8800,
      lastMessage: { direction: 'out' },
    });
    expect((await get<Row[]>(`${r.url}/api/inbox?filter=needs_person`)).map((x) => x.id)).toEqual([
      'demo-zhangwei',
    ]);
    expect((await get<Row[]>(`${r.url}/api/inbox?filter=negotiating`)).map((x) => x.id)).toEqual([
      'demo-lina',
    ]);
    expect((await get<Row[]>(`${r.url}/api/inbox?q=${encodeURIComponent('李娜')}`)).map((x) => x.id)).toEqual(
      ['demo-lina'],
    );
    expect((await get<Row[]>(`${r.url}/api/inbox?q=0123`)).map((x) => x.id)).toEqual(['demo-maria']);
    expect((await fetch(`${r.url}/api/inbox?filter=nonsense`)).status).toBe(400);
  });
});

describe("the panel API's responses", () => {
  it('match their schemas exactly (no field missing, none extra) on a real server', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '我要投诉');
    await sim(r, '+8613900139000', '每月能还800');
    await post(`${r.url}/api/conversations/demo-lina/notes`, { text: 'called back, will pay on Friday' });
    const exactly = async (path: string, schema: z.ZodType): Promise<unknown> => {
      const res = await fetch(`${r.url}${path}`);
      expect(res.status, path).toBe(200);
      const body: unknown = await res.json();
      // Parsing strips what a schema does not name, so equality also proves nothing extra.
      expect(schema.parse(body), path).toEqual(body);
      return body;
    };
    const inbox = (await exactly('/api/inbox', z.array(TeamInboxRowSchema))) as unknown[];
    expect(inbox).toHaveLength(3);
    await exactly('/api/inbox?filter=needs_person', z.array(TeamInboxRowSchema));
    await exactly('/api/conversations', z.array(ConversationListRowSchema));
    const lina = (await exactly('/api/conversations/demo-lina', TeamConversationViewSchema)) as {
      messages: unknown[];
      notes: unknown[];
    };
    expect(lina.messages.length).toBeGreaterThan(0);
    expect(lina.notes).toHaveLength(1);
    await exactly('/api/conversations/demo-zhangwei', TeamConversationViewSchema);
    await exactly('/api/metrics', MetricsSchema);
    await exactly('/api/demo-debtors', z.array(DemoDebtorRowSchema));
  });
});

describe('the agent', () => {
  it('sends a message through the same guard; a banned word is blocked with its reason and not sent', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '没钱');
    const ok = await post(`${r.url}/api/conversations/demo-zhangwei/takeover`);
    expect(await ok.json()).toEqual({ paused: true });
    const bad = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, {
      text: '【安心贷】再不还钱我们就报警,通知你家人。回复R拒收',
    });
    expect(bad.status).toBe(422);
    const blocked = (await bad.json()) as { violations: { rule: string; reason: string }[] };
    expect(blocked.violations.map((v) => v.rule)).toContain('banned_lexicon');
    const good = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, {
      text: '【安心贷】张伟您好,我是人工专员小李,想和您商量一个每月500元的方案,方便吗?回复R拒收',
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      status: 'queued',
      message: { author: 'agent', direction: 'out' },
    });
    await r.service.drain();
    const view = await get<{ messages: { text: string; status: string; author?: string }[] }>(
      `${r.url}/api/conversations/demo-zhangwei`,
    );
    expect(view.messages.filter((m) => m.author === 'agent').map((m) => m.status)).toEqual([
      'blocked',
      'sent',
    ]);
    expect((await post(`${r.url}/api/conversations/demo-zhangwei/messages`, { text: '' })).status).toBe(400);
  });

  it('adds what the channel owns to a bare draft (signature; on a proactive message the opt-out hint), and still blocks what it says', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '没钱');
    // The bot already answered: the agent's message is a new, proactive one.
    const res = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, {
      text: '张伟您好,每月还600元可以吗?',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { message: { text: string; kind: string } };
    expect(body.message).toMatchObject({
      kind: 'proactive',
      text: '【安心贷】张伟您好,每月还600元可以吗?回复R拒收',
    });
    const en = await post(`${r.url}/api/conversations/demo-maria/messages`, {
      text: 'Hi Maria, would $100 a month work?',
    });
    expect(((await en.json()) as { message: { text: string } }).message.text).toBe(
      'QuickCash: Hi Maria, would $100 a month work? Reply STOP to opt out.',
    );
    const bad = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, { text: '不还钱就上门找你' });
    expect(bad.status).toBe(422);
  });

  it('takes over (the bot stops replying) and hands back (the bot resumes from that state)', async () => {
    const r = await start();
    await post(`${r.url}/api/conversations/demo-lina/takeover`);
    const silent = await sim(r, '+8613900139000', '每月能还800');
    expect(silent.reply).toBeNull();
    const view = await get<{
      paused: boolean;
      messages: { direction: string; parse?: { intent: string } }[];
    }>(`${r.url}/api/conversations/demo-lina`);
    expect(view.paused).toBe(true);
    expect(view.messages.at(-1)).toMatchObject({ direction: 'in', parse: { intent: 'offer_amount' } });
    expect(await (await post(`${r.url}/api/conversations/demo-lina/handback`)).json()).toEqual({
      paused: false,
      state: 'reminded',
    });
    expect((await sim(r, '+8613900139000', '每月能还800')).state).toBe('offer');
  });

  it('resolves a handoff, and only a handoff', async () => {
    const r = await start();
    expect(
      (await post(`${r.url}/api/conversations/demo-zhangwei/resolve`, { resolution: 'dispute_settled' }))
        .status,
    ).toBe(409);
    await sim(r, '+8613800138000', '我没借过这笔钱');
    const res = await post(`${r.url}/api/conversations/demo-zhangwei/resolve`, {
      resolution: 'dispute_settled',
      note: '核实后确认是本人借款',
    });
    expect(await res.json()).toEqual({ state: 'reminded' });
    expect((await sim(r, '+8613800138000', '那我每月还600吧')).state).toBe('offer');
    expect(
      (await post(`${r.url}/api/conversations/demo-zhangwei/resolve`, { resolution: 'nope' })).status,
    ).toBe(400);
  });
});

describe('export', () => {
  it('downloads a conversation as a CONTRACTS §5 file that replays', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '没钱');
    await sim(r, '+8613800138000', '暂时的');
    const res = await fetch(`${r.url}/api/conversations/demo-zhangwei/export`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="demo-zhangwei.json"');
    const file = ConversationFileSchema.parse(await res.json());
    expect(file.turns.map((t) => t.text)).toEqual(['没钱', '暂时的']);
    const replayed = runConversation(file);
    expect(replayed.expectFailures).toEqual([]);
    // …then the replay's 3-day tail adds the follow-up to the unanswered offer.
    expect(
      replayed.events
        .filter((e) => e.direction === 'out')
        .map((e) => e.direction === 'out' && `${e.state}:${e.acts.join('+')}`),
    ).toEqual(['reminded:reminder', 'clarify:empathy+clarify', 'offer:empathy+offer', 'offer:followup']);
  });
});

describe('payments and metrics', () => {
  it('records payments and reports the seeds’ metrics and segments', async () => {
    const r = await start();
    await sim(r, '+8613800138000', '明天还500');
    expect((await post(`${r.url}/api/payments`, { accountId: 'nobody', amount: 5 })).status).toBe(404);
    expect((await post(`${r.url}/api/payments`, { accountId: 'demo-zhangwei', amount: -5 })).status).toBe(
      400,
    );
    const pay = await post(`${r.url}/api/payments`, {
      accountId: 'demo-zhangwei',
      amount: 500,
      reference: 'bank-123',
    });
    expect(await pay.json()).toMatchObject({
      payment: { amount: 500, reference: 'bank-123' },
      promiseKept: true,
    });
    await post(`${r.url}/api/payments`, { accountId: 'demo-maria', amount: 100.5 });
    type M = {
      totals: Record<string, number>;
      rates: Record<string, number>;
      segments: Record<string, number>;
      daily: { date: string; sent: number; payments: number }[];
    };
    const m = await get<M>(`${r.url}/api/metrics`);
    expect(m.totals).toMatchObject({
      debtors: 3,
      contacted: 3,
      replied: 1,
      promised: 1,
      promisesKept: 1,
      payments: 2,
    });
    expect(m.rates.reply).toBeCloseTo(1 / 3, 3);
    expect(m.rates.promisesKept).toBe(1);
    // Maria paid without a word (积极还款型); 李娜 never answered (完全失联型); 张伟 promised and paid.
    expect(m.segments).toEqual({ prompt: 1, hesitant: 0, unreachable: 1 });
    expect(m.daily.reduce((s, d) => s + d.payments, 0)).toBe(2);
  });

  it('adds a demo debtor who gets a first reminder', async () => {
    const r = await start();
    const res = await post(`${r.url}/api/demo-debtors`, { locale: 'en-US' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      account: { id: string; phone: string; locale: string };
      conversationId: string;
    };
    expect(body.account).toMatchObject({ id: 'demo-1', locale: 'en-US' });
    const view = await get<{ messages: { kind: string }[] }>(
      `${r.url}/api/conversations/${body.conversationId}`,
    );
    expect(view.messages[0]!.kind).toBe('proactive');
    expect((await sim(r, body.account.phone, 'no money')).state).toBe('clarify');
  });

  it('lists the demo debtors with their full phones (the simulator’s one source), and only them', async () => {
    const r = await start();
    await fetch(`${r.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: 'real-1',
          phone: '+8613700137000',
          debtorName: '王芳',
          lender: '安心贷',
          balance: 1200,
          currency: 'CNY',
          overdueDays: 3,
          locale: 'zh-CN',
          timezone: 'Asia/Shanghai',
        },
      ]),
    });
    const demo = await get<{ id: string; phone: string; debtorName: string }[]>(`${r.url}/api/demo-debtors`);
    expect(demo.map((d) => d.id).sort()).toEqual(['demo-lina', 'demo-maria', 'demo-zhangwei']);
    expect(demo.find((d) => d.id === 'demo-zhangwei')).toMatchObject({
      phone: '+8613800138000',
      debtorName: '张伟',
    });
    expect(JSON.stringify(demo)).not.toContain('13700137000');
  });
});

describe('live updates', () => {
  it('streams a change event when a message arrives', async () => {
    const r = await start();
    const controller = new AbortController();
    const res = await fetch(`${r.url}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await sim(r, '+8613800138000', '没钱');
    let text = '';
    while (!text.includes('event: change')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/data: \{"conversationId":"demo-zhangwei","state":"clarify"\}/);
    controller.abort();
  });
});
