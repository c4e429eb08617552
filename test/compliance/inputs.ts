import { expect } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import { guard, type GuardInput, type GuardRule, type GuardVerdict } from '../../src/compliance/guard.ts';

/**
 * Guard inputs for the compliance specifications: a clean Chinese reply from 安心贷 and a clean
 * English one from QuickCash at 10:00 local time, each overridable field by field, and the
 * assertions every rule's tests share.
 */

export const at = (iso: string): number => {
  const i = parseInstant(iso);
  if (!i) throw new Error(`bad instant ${iso}`);
  return i.epochMs;
};

export const ZH_REMINDER =
  '【安心贷】张伟您好,您的借款3600元已逾期5天,持续逾期将影响个人征信。如有困难可回复协商分期方案。回复R拒收';
export const EN_REMINDER =
  'QuickCash: Hi John, your payment of $120.00 is 5 days late. If money is tight, reply and we can set up a plan that fits. Reply STOP to opt out.';

/** A Chinese reply from 安心贷 at 10:00 Beijing time, nothing wrong with it. */
export const zh = (over: Partial<GuardInput> = {}): GuardInput => ({
  text: '【安心贷】张伟您好,您当前待还金额为3600元,可通过App首页的还款入口还款。',
  kind: 'reply',
  acts: ['answer'],
  locale: 'zh-CN',
  lender: '安心贷',
  timezone: 'Asia/Shanghai',
  quietHours: { start: '21:00', end: '08:00' },
  maxProactivePerDay: 3,
  now: at('2026-11-23T10:00:00+08:00'),
  optedOut: false,
  optOutConfirmationSent: false,
  wrongParty: false,
  proactiveSentAt: [],
  repliesToThisInbound: 0,
  ...over,
});

/** An English reply from QuickCash at 10:00 in New York, nothing wrong with it. */
export const en = (over: Partial<GuardInput> = {}): GuardInput =>
  zh({
    text: 'QuickCash: Hi John, your balance is $3,600.00. You can pay in the app under Payments.',
    locale: 'en-US',
    lender: 'QuickCash',
    timezone: 'America/New_York',
    now: at('2026-11-23T10:00:00-05:00'),
    ...over,
  });

export const zhProactive = (over: Partial<GuardInput> = {}): GuardInput =>
  zh({ text: ZH_REMINDER, kind: 'proactive', acts: ['reminder'], ...over });
export const enProactive = (over: Partial<GuardInput> = {}): GuardInput =>
  en({ text: EN_REMINDER, kind: 'proactive', acts: ['reminder'], ...over });

export const rules = (v: GuardVerdict): GuardRule[] => v.violations.map((x) => x.rule);
export const reasons = (v: GuardVerdict, rule: GuardRule): string =>
  v.violations
    .filter((x) => x.rule === rule)
    .map((x) => x.reason)
    .join(' | ');

export function expectSent(input: GuardInput): void {
  const v = guard(input);
  expect(v.violations).toEqual([]);
  expect(v).toEqual({ action: 'send', violations: [] });
}
export function expectBlocked(input: GuardInput, ...only: GuardRule[]): GuardVerdict {
  const v = guard(input);
  expect(v.action).toBe('block');
  expect(v.until).toBeUndefined();
  if (only.length > 0) expect(rules(v)).toEqual(only);
  for (const x of v.violations) expect(x.reason.length).toBeGreaterThan(10);
  return v;
}
