import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/service/demo-debtors.ts';
import { service, sms, T0 } from './support.ts';

describe('the scheduler', () => {
  it('sends a reply deferred by quiet hours when they end, once', async () => {
    const woken: number[] = [];
    const s = await service({ afterCommit: () => woken.push(1) });
    // 张伟 alone: 23:00 in Beijing is daytime in New York, where Maria's reminder would fire.
    await s.svc.addAccounts([{ line: 1, account: demoAccounts(T0)[0]! }]);
    s.clock.now = Date.parse('2026-11-23T23:00:00+08:00');
    const r = await s.svc.receive(sms('+8613800138000', '没钱', 'n1'));
    expect(r.replies.map((m) => m.status)).toEqual(['deferred']);
    woken.length = 0;
    expect(await s.svc.tick()).toBe(0);
    expect(woken).toEqual([]);
    s.clock.now = Date.parse('2026-11-24T08:00:00+08:00');
    expect(await s.svc.tick()).toBeGreaterThanOrEqual(1);
    expect(woken).toEqual([1]);
    const reply = (await s.store.listMessages('demo-zhangwei')).find((m) => m.id === r.replies[0]!.id);
    expect(reply?.status).toBe('queued');
    expect(await s.svc.tick()).toBe(0);
  });
});
