import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/dialogue/conversation.ts';
import type { Account } from '../../src/dialogue/types.ts';
import { overPolicy, withLender } from '../../src/lenders/layering.ts';
import { LenderConfigSchema } from '../../src/lenders/schema.ts';
import { jurisdictionOf } from '../../src/planning/legal-floors.ts';
import { DEFAULT_POLICY, resolvePolicy } from '../../src/planning/policy.ts';

const account: Account = {
  id: 'a1',
  phone: '+8613800138000',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360_000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};

const lenders = LenderConfigSchema.parse({
  lenders: {
    安心贷: {
      hotline: '400-820-8820',
      howToPay: '在安心贷App还款。',
      policy: { maxInstallments: 6, minInstallment: 200, quietHours: { start: '20:00' } },
    },
  },
}).lenders;

describe('layering: §3 defaults < the lender < the account (CONTRACTS §10)', () => {
  it("the lender's policy goes over the defaults; what it does not name stays default", () => {
    const conv = Conversation.create('c1', account, { lenders });
    expect(conv.policy).toEqual({
      ...DEFAULT_POLICY,
      maxInstallments: 6,
      minInstallment: 200,
      quietHours: { start: '20:00', end: '08:00' },
    });
  });

  it("the account's own policy goes over the lender's, field by field (quiet hours too)", () => {
    const own = { ...account, policy: { maxInstallments: 3, quietHours: { end: '09:00' } } };
    const conv = Conversation.create('c1', own, { lenders });
    expect(conv.policy).toMatchObject({
      maxInstallments: 3,
      minInstallment: 200,
      maxPlanDays: DEFAULT_POLICY.maxPlanDays,
      quietHours: { start: '20:00', end: '09:00' },
    });
  });

  it("the account's hotline and howToPay win over the lender's; the lender's fill in where it has none", () => {
    expect(withLender(account, lenders['安心贷'])).toMatchObject({
      hotline: '400-820-8820',
      howToPay: '在安心贷App还款。',
    });
    expect(withLender({ ...account, hotline: '95188' }, lenders['安心贷'])).toMatchObject({
      hotline: '95188',
      howToPay: '在安心贷App还款。',
    });
  });

  it('an account of another lender, or no configuration, is untouched', () => {
    const other = { ...account, lender: '快借' };
    expect(Conversation.create('c1', other, { lenders }).policy).toBe(DEFAULT_POLICY);
    expect(withLender(account, undefined)).toBe(account);
  });

  it('the stored account keeps its own fields: a new configuration applies when the conversation is restored', () => {
    const conv = Conversation.create('c1', account, { lenders });
    expect(conv.account.hotline).toBe('400-820-8820');
    expect(conv.toJSON().account).toEqual(account);
  });

  it('two legal windows mixed field by field that would open a floor are never used: the account keeps its own', () => {
    // Each keeps 22:00–08:00 quiet alone; the lender's start with the account's end leaves 10:00–09:00.
    const lender = { policy: { quietHours: { start: '10:00', end: '09:00' } } };
    const own = { ...account, policy: { quietHours: { start: '21:00', end: '10:00' } } };
    const layered = withLender(own, lender);
    expect(layered.policy).toEqual(own.policy);
  });

  it('property: whatever two floor-keeping policies are layered, the result keeps the floors', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const quiet = fc.record({ start: hhmm, end: hhmm }, { requiredKeys: [] });
    const keeps = (q: object) => {
      try {
        resolvePolicy({ quietHours: q }, jurisdictionOf(account));
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(quiet.filter(keeps), quiet.filter(keeps), (lq, aq) => {
        const layered = withLender(
          { ...account, policy: { quietHours: aq } },
          { policy: { quietHours: lq } },
        );
        expect(() => resolvePolicy(layered.policy, jurisdictionOf(account))).not.toThrow();
      }),
    );
  });

  it('overPolicy: the top wins field by field and leaves the base alone', () => {
    const base = { maxInstallments: 6, quietHours: { start: '20:00' } };
    expect(overPolicy(base, { quietHours: { end: '09:00' } })).toEqual({
      maxInstallments: 6,
      quietHours: { start: '20:00', end: '09:00' },
    });
    expect(base).toEqual({ maxInstallments: 6, quietHours: { start: '20:00' } });
    expect(overPolicy(undefined, { roundTo: 10 })).toEqual({ roundTo: 10 });
  });
});
