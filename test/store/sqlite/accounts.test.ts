import { describe, expect, it } from 'vitest';
import { PhoneInUseError } from '../../../src/store/store.ts';
import { account, storeFiles, T0 } from './support.ts';

/** The SQLite store's accounts: read back exactly as written, one phone number per account. */

const { open } = storeFiles();

describe('accounts', () => {
  it('upsert inserts, then updates by id; the result says whether the account is new', () => {
    const store = open();
    expect(store.upsertAccount(account())).toEqual({ created: true });
    expect(
      store.upsertAccount(account({ balance: 300_000, overdueDays: 9, demo: true, createdAt: T0 + 1000 })),
    ).toEqual({ created: false });
    // every field is replaced but the creation time
    expect(store.getAccount('a1')).toStrictEqual(account({ balance: 300_000, overdueDays: 9, demo: true }));
    expect(store.countAccounts()).toBe(1);
  });

  it('reads back exactly what was written, by id and by phone; an absent policy stays absent', () => {
    const store = open();
    const plain = account();
    const withPolicy = account({
      id: 'a2',
      phone: '+12125550123',
      debtorName: 'Maria Lopez',
      lender: 'QuickCash',
      currency: 'USD',
      locale: 'en-US',
      timezone: 'America/New_York',
      policy: { maxInstallments: 4, quietHours: { start: '21:00' } },
      demo: true,
      createdAt: T0 + 1,
    });
    store.upsertAccount(plain);
    store.upsertAccount(withPolicy);
    expect(store.getAccount('a1')).toStrictEqual(plain);
    expect(store.getAccount('a1')).not.toHaveProperty('policy');
    expect(store.getAccountByPhone('+12125550123')).toStrictEqual(withPolicy);
    expect(store.listAccounts()).toStrictEqual([plain, withPolicy]);
    expect(store.getAccount('nobody')).toBeNull();
    expect(store.getAccountByPhone('+10000000000')).toBeNull();
  });

  it("keeps the lender's payment instructions and hotline (CONTRACTS §8), and leaves them absent when absent", () => {
    const store = open();
    const withFacts = account({
      howToPay: '在安心贷App「我的借款」页面还款,或转账至对公账户',
      hotline: '400-820-1234',
    });
    store.upsertAccount(withFacts);
    expect(store.getAccount('a1')).toStrictEqual(withFacts);
    store.upsertAccount(account());
    expect(store.getAccount('a1')).toStrictEqual(account());
  });

  it('refuses a phone number another account already has, naming the phone, and changes nothing', () => {
    const store = open();
    store.upsertAccount(account());
    const clash = () => store.upsertAccount(account({ id: 'a2', debtorName: '李娜' }));
    expect(clash).toThrow(PhoneInUseError);
    expect(clash).toThrow('+8613800138000');
    expect(store.countAccounts()).toBe(1);
    expect(store.getAccountByPhone('+8613800138000')?.id).toBe('a1');
  });

  it('an account may keep its own phone, or move to a free one', () => {
    const store = open();
    store.upsertAccount(account());
    expect(store.upsertAccount(account({ debtorName: '高翔翔' }))).toEqual({ created: false });
    store.upsertAccount(account({ phone: '+8613900139000' }));
    expect(store.getAccountByPhone('+8613800138000')).toBeNull();
    expect(store.getAccountByPhone('+8613900139000')?.id).toBe('a1');
  });
});
