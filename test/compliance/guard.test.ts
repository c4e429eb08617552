import { describe, expect, it } from 'vitest';
import { GUARD_RULES, GuardInputSchema, guard } from '../../src/compliance/guard.ts';
import { at, en, enProactive, expectSent, rules, zh, zhProactive } from './inputs.ts';

/**
 * The compliance guard as a specification: its rules, its input schema, and how the verdict is
 * made from them. Each rule has its own file: content-rules.test.ts, timing-rules.test.ts.
 */

describe('the guard’s shape', () => {
  it('names its rules', () => {
    expect(GUARD_RULES).toEqual([
      'signature',
      'stray_brackets',
      'quiet_hours',
      'daily_cap',
      'opt_out_hint',
      'after_opt_out',
      'wrong_party_disclosure',
      'banned_lexicon',
      'template_debris',
      'max_length',
      'one_reply_per_inbound',
    ]);
  });

  it('sends the plain examples as they are', () => {
    expectSent(zh());
    expectSent(en());
    expectSent(zhProactive());
    expectSent(enProactive());
  });

  it('validates its input with zod at the boundary', () => {
    expect(GuardInputSchema.parse(zh())).toEqual(zh());
    expect(GuardInputSchema.safeParse({ ...zh(), timezone: 'Mars/Base' }).success).toBe(false);
    expect(
      GuardInputSchema.safeParse({ ...zh(), quietHours: { start: '25:00', end: '08:00' } }).success,
    ).toBe(false);
    expect(GuardInputSchema.safeParse({ ...zh(), acts: ['threaten'] }).success).toBe(false);
  });

  it('lists every violation in rule order, and a content violation blocks even when timing would defer', () => {
    const v = guard(zhProactive({ text: '张伟,你这个老赖', now: at('2026-11-23T22:00:00+08:00') }));
    expect(v.action).toBe('block');
    expect(rules(v)).toEqual(['signature', 'quiet_hours', 'opt_out_hint', 'banned_lexicon']);
  });
});

describe('a lender whose name carries a debt word', () => {
  it('may still apologise to a wrong party: its own name is exempt, the rest of the text is not', () => {
    const base = {
      kind: 'reply' as const,
      acts: ['apology' as const],
      locale: 'en-US' as const,
      lender: 'QuickLoans',
      timezone: 'Asia/Shanghai',
      quietHours: { start: '21:00', end: '08:00' },
      maxProactivePerDay: 3,
      now: Date.UTC(2026, 10, 23, 2),
      optedOut: false,
      optOutConfirmationSent: false,
      wrongParty: true,
      proactiveSentAt: [],
      repliesToThisInbound: 0,
    };
    expect(
      guard({
        ...base,
        text: "QuickLoans: Sorry to bother you, we'll correct our records and won't text this number again.",
      }).action,
    ).toBe('send');
    const leak = guard({ ...base, text: 'QuickLoans: Sorry, please tell him his loan is overdue.' });
    expect(leak.action).toBe('block');
    expect(leak.violations.map((v) => v.rule)).toContain('wrong_party_disclosure');
  });
});
