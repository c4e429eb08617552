import { describe, expect, it } from 'vitest';
import { stripBidi, withChannelParts } from '../../src/messages/sms-parts.ts';

describe('stripBidi', () => {
  it('drops every bidi control and nothing else', () => {
    const controls = [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
    ];
    for (const c of controls) expect(stripBidi(`张${c}伟`)).toBe('张伟');
    expect(stripBidi('【安心贷】张伟您好,回复R拒收 Reply STOP. 🙂')).toBe(
      '【安心贷】张伟您好,回复R拒收 Reply STOP. 🙂',
    );
  });
});

describe('withChannelParts', () => {
  it("strips bidi controls from a person's draft and from the lender's name", () => {
    expect(withChannelParts('\u202e您好', { lender: '安心贷\u2066', locale: 'zh-CN', kind: 'reply' })).toBe(
      '【安心贷】您好',
    );
    expect(
      withChannelParts('Hi \u202eJohn', { lender: 'QuickCash', locale: 'en-US', kind: 'proactive' }),
    ).toBe('QuickCash: Hi John Reply STOP to opt out.');
  });
});
