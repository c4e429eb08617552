import { describe, expect, it } from 'vitest';
import { maskPhone } from '../src/log.ts';

const hidden = (masked: string) => (masked.match(/\*/g) ?? []).length;

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86138****8000'],
    ['+15551234567', '+155****4567'],
    ['+442079460958', '+4420****0958'],
    ['+123456789012345', '+12345******2345'],
    ['13800138000', '138****8000'],
    ['+86 138-0013-8000', '+86 138-****-8000'],
    ['123456', '******'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides at least four digits of every number, whatever its length', () => {
    for (let digits = 7; digits <= 15; digits++) {
      const phone = `+${'9'.repeat(digits)}`;
      expect(hidden(maskPhone(phone)), phone).toBeGreaterThanOrEqual(4);
      expect(maskPhone(phone)).toHaveLength(phone.length);
    }
  });
});
