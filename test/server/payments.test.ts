import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/huikuan-server.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * Issue 13: a payment recorded with POST /api/payments reaches the debtor's agreed plan: a guarded
 * thank-you with what is left and the next due date, and the last one closes the conversation.
 */

afterEach(closeAll);

// 10:00 in Beijing: outside quiet hours for the Chinese demo debtors.
const T0 = Date.parse('2026-11-23T10:00:00+08:00');

const start = () => startAt(T0);

const post = postJson;
const sim = async (r: Running, text: string) =>
  (await (await post(`${r.url}/sim/inbound`, { from: '+8613800138000', text })).json()) as {
    state: string;
    reply: { text: string } | null;
  };

type Message = { direction: string; text: string; acts?: string[]; state?: string; status: string };
type View = { state: string; messages: Message[] };
const view = async (r: Running): Promise<View> =>
  (await (await fetch(`${r.url}/api/conversations/demo-zhangwei`)).json()) as View;

describe('a payment against an agreed plan', () => {
  it('gets a thank-you with what is left, and the last one closes the conversation as paid', async () => {
    const r = await start();
    expect((await sim(r, '每月能还1000')).state).toBe('offer');
    expect((await sim(r, '方案A')).state).toBe('agreed');
    let v = await view(r);
    expect(v.state).toBe('agreed');
    const plan = [...v.messages].reverse().find((m) => m.acts?.includes('confirm')) as Message & {
      plan: { installments: { due: string; amount: number }[] };
    };
    const [first, ...rest] = plan.plan.installments;

    const paid = await post(`${r.url}/api/payments`, { accountId: 'demo-zhangwei', amount: first!.amount });
    expect(paid.status).toBe(200);
    v = await view(r);
    const thanks = v.messages.at(-1)!;
    expect(thanks.direction).toBe('out');
    expect(thanks.status).not.toBe('blocked');
    if (rest.length > 0) {
      expect(thanks.acts).toContain('payment_received');
      expect(v.state).toBe('agreed');
      for (const i of rest)
        await post(`${r.url}/api/payments`, { accountId: 'demo-zhangwei', amount: i.amount });
      v = await view(r);
    }
    expect(v.state).toBe('paid');
    expect(v.messages.at(-1)!.acts).toContain('closing');
  });

  it('is recorded without a word from the bot while a person holds the conversation', async () => {
    const r = await start();
    const before = (await view(r)).messages.length;
    expect((await post(`${r.url}/api/conversations/demo-zhangwei/takeover`, {})).status).toBe(200);
    const paid = await post(`${r.url}/api/payments`, { accountId: 'demo-zhangwei', amount: 100 });
    expect(paid.status).toBe(200);
    expect((await view(r)).messages.length).toBe(before);
  });
});
