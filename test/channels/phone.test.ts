import { describe, expect, it } from 'vitest';
import { parsePhone, PhoneSchema } from '../../src/channels/phone.ts';

/**
 * A phone is taken only as it is written: the old normaliser dropped every non-digit, so a
 * letter O for a zero or an extension silently became another person's number.
 */

describe('parsePhone', () => {
  it.each([
    ['+8613800138000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['  +1 (415) 555-0100 ', '+14155550100'],
    ['+1.415.867.5309', '+14158675309'],
    ['+447911123456', '+447911123456'],
  ])('normalises %j to %s', (input, e164) => {
    expect(parsePhone(input)).toEqual({ ok: true, e164 });
  });

  // isPossible, not isValid: the demo debtors' +1 555 numbers and Twilio's magic test numbers
  // are reserved ranges that libphonenumber calls possible but not valid.
  it.each(['+15555550123', '+15551234567', '+15550001111', '+15005550006', '+15550000001'])(
    'keeps the reserved test number %s working',
    (phone) => {
      expect(parsePhone(phone)).toEqual({ ok: true, e164: phone });
    },
  );

  it.each([
    ['+86138001380O0', 'it has letters'],
    ['+1 800 FLOWERS', 'it has letters'],
    ['tel:+8613800138000', 'it has letters'],
    ['+8613800138000 ext. 12', 'an extension cannot receive SMS'],
    ['+8613800138000 extension 12', 'an extension cannot receive SMS'],
    ['+8613800138000x12', 'an extension cannot receive SMS'],
    ['+86 138 0013 8000;ext=5', 'an extension cannot receive SMS'],
    ['+14155550100#7', 'an extension cannot receive SMS'],
    ['+14155550100, 7', 'an extension cannot receive SMS'],
    ['13800138000', 'no country code (+86, +1, …)'],
    ['+0123456789', 'no such country code'],
    ['+12345', 'too short for its country'],
    ['+123456789012345', 'too long for its country'],
    ['+86/138/0013/8000', 'only digits, spaces, dots, dashes and brackets after + or 00'],
    ['+8613800138000+1', 'only digits, spaces, dots, dashes and brackets after + or 00'],
    ['   ', 'it is empty'],
    ['+86 '.repeat(10), 'longer than 32 characters'],
  ])('refuses %j: %s', (input, reason) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason });
  });

  it('never gives out anything but E.164', () => {
    for (const input of ['+86 138-0013-8000', '0086 13800138000', '+1 (415) 555-0100']) {
      const r = parsePhone(input);
      expect(r.ok && /^\+[1-9]\d{6,14}$/.test(r.e164)).toBe(true);
    }
  });
});

describe('PhoneSchema', () => {
  it('parses to E.164 or fails with the expectation and the reason', () => {
    expect(PhoneSchema.parse('+86 138-0013-8000')).toBe('+8613800138000');
    const r = PhoneSchema.safeParse('+8613800138000 ext 1');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      'expected an E.164 phone number such as +8613800138000 (an extension cannot receive SMS)',
    );
  });
});
