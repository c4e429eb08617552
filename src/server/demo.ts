import type { StoredAccount } from '../store/store.ts';

/**
 * Demo debtors for a fresh embedded database, so the simulator works at once. Marked `demo`;
 * HUIKUAN_DEMO=0 turns them off. The phones are reserved/fictional ranges.
 */
export function demoAccounts(now: number): StoredAccount[] {
  const base = { demo: true, createdAt: now };
  return [
    {
      ...base,
      id: 'demo-zhangwei',
      phone: '+8613800138000',
      debtorName: '张伟',
      lender: '安心贷',
      balance: 360000,
      currency: 'CNY',
      overdueDays: 5,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      policy: { maxInstallments: 6 },
    },
    {
      ...base,
      id: 'demo-lina',
      phone: '+8613900139000',
      debtorName: '李娜',
      lender: '快借',
      balance: 880000,
      currency: 'CNY',
      overdueDays: 12,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    },
    {
      ...base,
      id: 'demo-maria',
      phone: '+15555550123',
      debtorName: 'Maria Lopez',
      lender: 'QuickCash',
      balance: 125050,
      currency: 'USD',
      overdueDays: 3,
      locale: 'en-US',
      timezone: 'America/New_York',
    },
  ];
}
