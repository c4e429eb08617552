import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/huikuan-server.ts';
import { ConversationViewSchema } from '../../src/service/read-models.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * Issue 13, "handoffs that answer": the conversation view of a handed-off conversation carries a
 * summary for the person who picks it up (the reason, the debtor's own words, the amounts and
 * dates named, what was on the table), read over HTTP from the real server on 127.0.0.1.
 */

afterEach(closeAll);

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const PHONE = '+8613800138000';

const sim = async (r: Running, text: string) =>
  (await (await postJson(`${r.url}/sim/inbound`, { from: PHONE, text })).json()) as { state: string };
const view = async (r: Running) =>
  ConversationViewSchema.parse(await (await fetch(`${r.url}/api/conversations/demo-zhangwei`)).json());

describe('the handoff summary in the conversation view', () => {
  it('a complaint after offers: the reason, the debtor’s last words, the amounts and dates, the offers last sent', async () => {
    const r = await startAt(T0);
    await sim(r, '最近手头紧,没钱');
    expect((await sim(r, '每个月最多能还500')).state).toBe('offer');
    expect((await view(r)).handoff).toBeNull();
    const offered = (await view(r)).context.offers;
    expect(offered.length).toBeGreaterThan(0);
    await sim(r, '25号先还1000行不行');
    const complaint = '我要投诉你们 <b>天天</b>\n催';
    expect((await sim(r, complaint)).state).toBe('handoff');

    const v = await view(r);
    expect(v.state).toBe('handoff');
    expect(v.phone).toBe('+86138****8000');
    const h = v.handoff!;
    expect(h.reason).toBe('complaint');
    expect(h.since).toMatch(/^2026-11-23T10:0\d:\d\d\+08:00$/);
    // the words as written (markup kept: the panel writes them as text), whitespace folded
    expect(h.said.map((s) => s.text)).toEqual([
      '每个月最多能还500',
      '25号先还1000行不行',
      '我要投诉你们 <b>天天</b> 催',
    ]);
    expect(h.laterMessages).toBe(0);
    expect(h.named.amounts).toEqual([500, 1000]);
    expect(h.named.dates).toEqual(['2026-11-25']);
    // a handoff clears the table; the summary keeps the offers the debtor last saw
    expect(v.context.offers).toEqual([]);
    expect(h.table.status).toBe('offered');
    if (h.table.status === 'offered')
      expect(h.table.offers.map((o) => o.id)).toEqual(offered.map((o) => o.id));
    // the full number appears nowhere in the view
    expect(JSON.stringify(v)).not.toContain('13800138000');

    // a message while waiting is counted, and its figures join the summary
    await sim(r, '剩下的能分3期吗');
    const later = (await view(r)).handoff!;
    expect(later.laterMessages).toBe(1);
    expect(later.said.at(-1)?.text).toBe('我要投诉你们 <b>天天</b> 催');
    expect(later.named.installments).toEqual([3]);
  });

  it('is absent once a person resolves the handoff', async () => {
    const r = await startAt(T0);
    expect((await sim(r, '我要找人工')).state).toBe('handoff');
    expect((await view(r)).handoff?.reason).toBe('request_human');
    const res = await postJson(`${r.url}/api/conversations/demo-zhangwei/resolve`, { resolution: 'other' });
    expect(res.status).toBe(200);
    expect((await view(r)).handoff).toBeNull();
  });
});
