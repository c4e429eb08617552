import { describe, expect, it } from 'vitest';
import { PhoneInUseError } from '../../../src/store/store.ts';
import { account, storeFiles, T0 } from './support.ts';

/** The SQLite store's accounts: read back exactly as written, one phone number per account. */

const { open } = storeFiles();

describe('accounts', () => {
  it('upsert inserts, then updates by id; the result says whether the account is new', async () => {
    const store = await open();
    expect(await store.upsertAccount(account())).toEqual({ created: true });
    expect(
      await store.upsertAccount(
        account({ balance: 300_000, overdueDays: 9, demo: true, createdAt: T0 + 1000 }),
      ),
    ).toEqual({ created: false });
    // every field is replaced but the creation time
    expect(await store.getAccount('a1')).toStrictEqual(
      account({ balance: 300_000, overdueDays: 9, demo: true }),
    );
    expect(await store.countAccounts()).toBe(1);
  });

  it('reads back exactly what was written, by id and by phone; an absent policy stays absent', async () => {
    const store = await open();
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
    await store.upsertAccount(plain);
    await store.upsertAccount(withPolicy);
    expect(await store.getAccount('a1')).toStrictEqual(plain);
    expect(await store.getAccount('a1')).not.toHaveProperty('policy');
    expect(await store.getAccountByPhone('+12125550123')).toStrictEqual(withPolicy);
    expect(await store.listAccounts()).toStrictEqual([plain, withPolicy]);
    expect(await store.getAccount('nobody')).toBeNull();
    expect(await store.getAccountByPhone('+10000000000')).toBeNull();
  });

  it("keeps the lender's payment instructions and hotline (CONTRACTS §8), and leaves them absent when absent", async () => {
    const store = await open();
    const withFacts = account({
      howToPay: '在安心贷App「我的借款」页面还款,或转账至对公账户',
      hotline: '400-820-1234',
    });
    await store.upsertAccount(withFacts);
    expect(await store.getAccount('a1')).toStrictEqual(withFacts);
    await store.upsertAccount(account());
    expect(await store.getAccount('a1')).toStrictEqual(account());
  });

  it('refuses a phone number another account already has, naming the phone, and changes nothing', async () => {
    const store = await open();
    await store.upsertAccount(account());
    const clash = async () => await store.upsertAccount(account({ id: 'a2', debtorName: '李娜' }));
    await expect(clash()).rejects.toThrow(PhoneInUseError);
    await expect(clash()).rejects.toThrow('+8613800138000');
    expect(await store.countAccounts()).toBe(1);
    expect((await store.getAccountByPhone('+8613800138000'))?.id).toBe('a1');
  });

  it('an account may keep its own phone, or move to a free one', async () => {
    const store = await open();
    await store.upsertAccount(account());
    expect(await store.upsertAccount(account({ debtorName: '高翔翔' }))).toEqual({ created: false });
    await store.upsertAccount(account({ phone: '+8613900139000' }));
    expect(await store.getAccountByPhone('+8613800138000')).toBeNull();
    expect((await store.getAccountByPhone('+8613900139000'))?.id).toBe('a1');
  });
});
