import { describe, expect, it } from 'vitest';
import { demoAccounts, nextDemoDebtor } from '../../src/service/demo-debtors.ts';

describe('the demo debtors', () => {
  it('a fresh database starts with 张伟, 李娜 and Maria Lopez, all marked demo', async () => {
    const seeds = demoAccounts(5);
    expect(seeds.map((a) => [a.id, a.phone, a.debtorName, a.balance, a.currency])).toEqual([
      ['demo-zhangwei', '+8613800138000', '张伟', 360000, 'CNY'],
      ['demo-lina', '+8613900139000', '李娜', 880000, 'CNY'],
      ['demo-maria', '+15555550123', 'Maria Lopez', 125050, 'USD'],
    ]);
    expect(seeds.every((a) => a.demo && a.createdAt === 5)).toBe(true);
  });

  it('the next one takes the first number whose id and phone are free, its balance in minor units', async () => {
    const first = nextDemoDebtor(demoAccounts(0), 'zh-CN', 7);
    expect(first).toEqual({
      id: 'demo-1',
      phone: '+8613700000001',
      debtorName: '王芳',
      lender: '安心贷',
      balance: 217300,
      currency: 'CNY',
      overdueDays: 5,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      demo: true,
      createdAt: 7,
    });
    const second = nextDemoDebtor([first], 'en-US', 7);
    expect(second).toMatchObject({ id: 'demo-2', phone: '+15550000002', debtorName: 'Emily Chen' });
    expect(second).toMatchObject({ lender: 'QuickCash', currency: 'USD', timezone: 'America/New_York' });
    // A phone already taken (by an imported account) is skipped too.
    const taken = { ...first, id: 'someone', phone: '+8613700000002' };
    expect(nextDemoDebtor([first, taken], 'zh-CN', 7).id).toBe('demo-3');
  });
});
