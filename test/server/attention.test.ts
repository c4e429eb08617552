import { afterEach, describe, expect, it } from 'vitest';
import type { Running } from '../../src/server/huikuan-server.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * Issue 13, failure 8: what the dialogue flags for a person outside a handoff reaches the panel's
 * "needs a person" list with its reason, and the debtor hears nothing more from the bot.
 */

afterEach(closeAll);

const T0 = Date.parse('2026-11-23T10:00:00+08:00');

const start = () => startAt(T0);

const post = postJson;
const sim = async (r: Running, text: string) =>
  (await (await post(`${r.url}/sim/inbound`, { from: '+8613800138000', text })).json()) as {
    state: string;
    reply: unknown;
  };
type Row = { id: string; needsPerson: boolean; attention: string | null };
const needsPerson = async (r: Running): Promise<Row[]> =>
  (await (await fetch(`${r.url}/api/inbox?filter=needs_person`)).json()) as Row[];

describe('the needs-a-person list', () => {
  it('takes an opted-out debtor who writes again, with the reason, and the bot stays silent', async () => {
    const r = await start();
    expect((await sim(r, '退订')).state).toBe('opted_out');
    expect((await needsPerson(r)).map((x) => x.id)).not.toContain('demo-zhangwei');
    const again = await sim(r, '之前退订了,现在想还款');
    expect(again.reply).toBeNull();
    const row = (await needsPerson(r)).find((x) => x.id === 'demo-zhangwei');
    expect(row).toMatchObject({ needsPerson: true, attention: 'wrote_after_opt_out' });
  });

  it('takes a third party who offers to pay, who hears no amount', async () => {
    const r = await start();
    const res = await sim(r, '我是他爱人,钱我来还吧');
    expect(JSON.stringify(res.reply)).not.toMatch(/\d{3,}元|欠款|逾期/);
    const row = (await needsPerson(r)).find((x) => x.id === 'demo-zhangwei');
    expect(row?.needsPerson).toBe(true);
    expect(row?.attention).toMatch(/^third_party/);
  });
});
