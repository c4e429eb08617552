import { describe, expect, it } from 'vitest';
import { AccountInputSchema, parseAccountsJson } from '../../src/accounts/import.ts';

const account = (lender: string) => ({
  id: 'a1',
  phone: '+8613800138000',
  debtorName: '张伟',
  lender,
  balance: 3600,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
});

describe('the lender name at import: it signs every SMS', () => {
  it.each(['安心贷', '惠民消费金融', 'QuickCash', 'BrightPath Lending', 'Summit Credit'])(
    'accepts %s',
    (lender) => {
      expect(AccountInputSchema.safeParse(account(lender)).success).toBe(true);
    },
  );

  it.each([
    ['人民法院', 'poses as a court'],
    ['公安局催收', 'poses as a court, the police'],
    ['County Court', 'poses as a court'],
    ['Police Dept', 'the police'],
    ['家人贷', 'family'],
    ['Family Credit', 'family'],
    ['【安心贷】', 'brackets'],
  ])('refuses %s, naming why', (lender, why) => {
    const { rows, errors } = parseAccountsJson([account(lender)], 0);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toMatch(/^lender: the lender name/);
    expect(errors[0]!.error).toContain(why);
  });
});
