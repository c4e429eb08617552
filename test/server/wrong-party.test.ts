import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/huikuan-server.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * Issue 12, finding 1: once a number is a wrong party, nothing a person types reaches it (no word
 * of the debt, then silence: CONTRACTS §4), until a person records that the debtor confirmed the
 * number. The guard's word lists cannot see that "is he there?" or a bare 5200 gives the debt away.
 */

afterEach(closeAll);

// 09:00 in Beijing: outside quiet hours for the Chinese demo debtors.
const T0 = Date.parse('2026-11-23T09:00:00+08:00');

const start = () => startAt(T0);

const post = postJson;

type Message = { direction: string; text: string; status: string; author?: string };
const messages = async (r: Running, id: string): Promise<Message[]> =>
  ((await (await fetch(`${r.url}/api/conversations/${id}`)).json()) as { messages: Message[] }).messages;

describe('agent messages to a wrong party', () => {
  it('are all blocked, whatever they say, and none reaches the channel', async () => {
    const r = await start();
    const sim = await post(`${r.url}/sim/inbound`, {
      from: '+8613800138000',
      text: '你打错了,我不认识这个人',
    });
    expect(((await sim.json()) as { state: string }).state).toBe('wrong_party');
    const attempts = ['请转告他尽快还5200', '他在吗?', '5200', '麻烦让他回个电话', 'is he there?'];
    for (const text of attempts) {
      const res = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, { text });
      expect(res.status, text).toBe(422);
      expect(((await res.json()) as { reason: string }).reason, text).toMatch(/^wrong_party: /);
    }
    const out = (await messages(r, 'demo-zhangwei')).filter((m) => m.author === 'agent');
    expect(out).toHaveLength(attempts.length);
    expect(out.every((m) => m.status === 'blocked')).toBe(true);
  });

  it('go through the guard again only after a person records why the number is the debtor’s', async () => {
    const r = await start();
    await post(`${r.url}/sim/inbound`, { from: '+8613800138000', text: '打错了' });
    const url = `${r.url}/api/conversations/demo-zhangwei/confirm-number`;
    const short = await post(url, { note: 'ok' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: string }).error).toMatch(/^note: /);
    const ok = await post(url, { note: '张伟本人来电,核实这是他本人的号码' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ state: 'wrong_party', numberConfirmed: true });

    const sent = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, {
      text: '张伟您好,已核实号码,方便时请回复我们。',
    });
    expect(((await sent.json()) as { status: string }).status).toBe('queued');
    // The guard still holds after the reopening.
    const threat = await post(`${r.url}/api/conversations/demo-zhangwei/messages`, {
      text: '再不还就告诉你家人',
    });
    expect(threat.status).toBe(422);
    expect(((await threat.json()) as { violations: { rule: string }[] }).violations.length).toBeGreaterThan(
      0,
    );
    // And the bot itself stays silent to the number.
    const again = await post(`${r.url}/sim/inbound`, { from: '+8613800138000', text: '好的' });
    expect(((await again.json()) as { reply: unknown }).reply).toBeNull();
  });

  it('refuses to reopen a conversation that is not a wrong party', async () => {
    const r = await start();
    const res = await post(`${r.url}/api/conversations/demo-zhangwei/confirm-number`, {
      note: '张伟本人来电,核实这是他本人的号码',
    });
    expect(res.status).toBe(409);
  });
});
