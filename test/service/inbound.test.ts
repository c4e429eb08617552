import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/service/demo-debtors.ts';
import { service, sms, T0 } from './support.ts';

const seeded = async () => {
  const woken: number[] = [];
  const s = await service({ afterCommit: () => woken.push(1) });
  await s.svc.addAccounts(demoAccounts(T0).map((account, i) => ({ line: i + 1, account })));
  woken.length = 0;
  return { ...s, woken };
};

describe('an inbound SMS', () => {
  it('is archived, answered once and its reply queued; the sender is woken and the panel told', async () => {
    const { svc, store, woken } = await seeded();
    const changes: string[] = [];
    svc.onChange((e) => changes.push(e.conversationId));
    const r = await svc.receive(sms('+8613800138000', '我现在真的没钱', 'm1'));
    expect(r).toMatchObject({ duplicate: false, unknown: false, conversationId: 'demo-zhangwei' });
    expect(r.inbound?.message.parsed?.intent).toBe('no_money');
    expect(r.replies.map((m) => [m.status, m.message.inReplyTo])).toEqual([
      ['queued', r.inbound!.message.seq],
    ]);
    expect(await store.listMessages('demo-zhangwei')).toHaveLength(3);
    expect(woken).toEqual([1]);
    expect(changes).toEqual(['demo-zhangwei']);
  });

  it('delivered twice is processed once', async () => {
    const { svc, store } = await seeded();
    await svc.receive(sms('+8613800138000', '我现在真的没钱', 'm1'));
    const again = await svc.receive(sms('+8613800138000', '我现在真的没钱', 'm1'));
    expect(again).toEqual({
      duplicate: true,
      unknown: false,
      conversationId: null,
      inbound: null,
      replies: [],
    });
    expect(await store.listMessages('demo-zhangwei')).toHaveLength(3);
    // The rolled-back attempt left no trace in memory either: the next SMS continues from the store.
    await svc.receive(sms('+8613800138000', '暂时的', 'm2'));
    const seqs = (await store.listMessages('demo-zhangwei')).map((m) => m.message.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('from an unknown number is archived and never answered', async () => {
    const { svc, woken } = await seeded();
    const r = await svc.receive(sms('+8613000000000', '你好', 'u1'));
    expect(r).toMatchObject({ duplicate: false, unknown: true, conversationId: null, replies: [] });
    expect(r.inbound?.reason).toBe('unknown number');
    expect((await svc.receive(sms('+8613000000000', '你好', 'u1'))).duplicate).toBe(true);
    expect(woken).toEqual([]);
  });

  it('to a conversation a person took over is archived without a reply', async () => {
    const { svc } = await seeded();
    expect(await svc.takeover('demo-zhangwei')).toBe(true);
    const r = await svc.receive(sms('+8613800138000', '我现在真的没钱', 'm1'));
    expect(r.replies).toEqual([]);
    expect((await svc.conversation('demo-zhangwei'))?.messages.map((m) => m.direction)).toEqual([
      'out',
      'in',
    ]);
  });
});
