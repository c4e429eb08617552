import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/service/demo-debtors.ts';
import { service, sms, T0 } from './support.ts';

const seeded = async () => {
  const s = await service();
  await s.svc.addAccounts(demoAccounts(T0).map((account, i) => ({ line: i + 1, account })));
  return s;
};

describe('the agent commands', () => {
  it('an import creates new accounts, updates known ones and reports a refused row by its line', async () => {
    const { svc } = await seeded();
    const [zhang, lina] = demoAccounts(T0);
    const r = await svc.addAccounts([
      { line: 2, account: { ...zhang!, overdueDays: 6 } },
      { line: 3, account: { ...lina!, id: 'someone-else' } },
      { line: 4, account: { ...lina!, id: 'new-1', phone: '+8613600136000' } },
    ]);
    expect(r.created).toBe(1);
    expect(r.updated).toBe(1);
    expect(r.errors.map((e) => e.line)).toEqual([3]);
    expect((await svc.conversation('new-1'))?.messages.map((m) => m.acts)).toEqual([['reminder']]);
  });

  it('a takeover pauses the bot, a handback resumes it where the agent left it', async () => {
    const { svc } = await seeded();
    expect(await svc.takeover('demo-lina')).toBe(true);
    expect((await svc.conversation('demo-lina'))?.paused).toBe(true);
    expect(await svc.handback('demo-lina')).toBe('reminded');
    expect((await svc.conversation('demo-lina'))?.paused).toBe(false);
    expect(await svc.takeover('nobody')).toBe(false);
    expect(await svc.handback('nobody')).toBeNull();
  });

  it('resolve closes a handoff only', async () => {
    const { svc } = await seeded();
    expect(await svc.resolve('demo-lina', 'other', null)).toEqual({ ok: false, state: 'reminded' });
    await svc.receive(sms('+8613900139000', '我没借过钱', 'd1'));
    expect(await svc.stateOf('demo-lina')).toBe('handoff');
    expect(await svc.resolve('demo-lina', 'dispute_settled', 'called her')).toEqual({
      ok: true,
      state: 'reminded',
    });
  });

  it('the agent’s message passes the same guard as the bot’s', async () => {
    const { svc } = await seeded();
    const ok = await svc.agentSend('demo-zhangwei', '【安心贷】张伟您好,每月还600元可以吗?回复R拒收');
    expect(ok?.message).toMatchObject({ status: 'sent', author: 'agent' });
    const bad = await svc.agentSend('demo-zhangwei', '不还钱就上门找你');
    expect(bad?.message.status).toBe('blocked');
    expect(await svc.agentSend('nobody', 'hi')).toBeNull();
  });

  it('a demo debtor is added with its first reminder; a payment for an unknown account is refused', async () => {
    const { svc } = await seeded();
    const a = await svc.addDemoDebtor('en-US');
    expect(a).toMatchObject({ id: 'demo-1', phone: '+15550000001', demo: true });
    expect((await svc.conversation('demo-1'))?.messages).toHaveLength(1);
    expect(
      await svc.recordPayment({ accountId: 'nobody', amount: 100, paidAt: T0, reference: null }),
    ).toBeNull();
  });
});
