import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ceilRatio,
  formatMoney,
  MoneyError,
  roundToCent,
  roundToMinor,
  toMajor,
  toMinor,
} from '../src/money.ts';
import { propRuns } from './support/props.ts';

describe('toMinor', () => {
  it.each([
    [1234.56, 123456],
    [0.01, 1],
    [0.1, 10],
    [100, 10000],
    [0, 0],
    [-12.5, -1250],
    [1.005e2, 10050],
    ['1,250.5', 125050],
    ['1,234,567.89', 123456789],
    ['  360 ', 36000],
    ['1080.50', 108050],
    ['3.500', 350],
    ['.5', 50],
    ['7.', 700],
  ])('%j → %i', (major, minor) => {
    expect(toMinor(major)).toBe(minor);
  });

  it.each([
    [1.234, /2 decimal/],
    ['1.001', /2 decimal/],
    [0.1 + 0.2, /2 decimal/],
    [1e-7, /2 decimal/],
    [Number.NaN, /finite/],
    [Number.POSITIVE_INFINITY, /finite/],
    [1e21, /too large/],
    ['1e5', /not a decimal/],
    ['12,50', /not a decimal/],
    ['', /not a decimal/],
    ['.', /not a decimal/],
    ['abc', /not a decimal/],
    ['¥100', /not a decimal/],
    ['99999999999999999', /too large/],
  ])('rejects %j', (major, message) => {
    expect(() => toMinor(major)).toThrow(MoneyError);
    expect(() => toMinor(major)).toThrow(message);
  });

  it('round-trips every cent amount through its decimal text and through toMajor', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const major = toMajor(minor);
        expect(toMinor(major)).toBe(minor);
        expect(toMinor(major.toFixed(2))).toBe(minor);
        expect(JSON.stringify(major)).toBe(String(JSON.parse(JSON.stringify(major))));
      }),
      { numRuns: propRuns() },
    );
  });
});

describe('toMajor', () => {
  it('gives JSON-ready major units', () => {
    expect(toMajor(36000)).toBe(360);
    expect(toMajor(12345)).toBe(123.45);
    expect(JSON.stringify({ amount: toMajor(108050) })).toBe('{"amount":1080.5}');
  });
  it('refuses fractional minor units', () => {
    expect(() => toMajor(1.5)).toThrow(MoneyError);
  });
});

describe('roundToMinor and roundToCent (major amounts computed in floats)', () => {
  it("take a float's binary tail to the nearest cent instead of refusing it", () => {
    expect(() => toMinor(0.1 + 0.2)).toThrow(MoneyError);
    expect(roundToMinor(0.1 + 0.2)).toBe(30);
    expect(roundToCent(0.1 + 0.2)).toBe(0.3);
    expect(roundToCent(1.15 * 1000)).toBe(1150);
    expect(roundToMinor(3.5 * 10000)).toBe(3500000);
  });
  it('round a fraction of a cent to the nearest cent', () => {
    expect(roundToMinor(12.344)).toBe(1234);
    expect(roundToMinor(12.346)).toBe(1235);
    expect(roundToCent(2.0049)).toBe(2);
  });
  it('agree with toMinor on every amount a parser can write with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (minor) => {
        const major = minor / 100;
        expect(roundToMinor(major)).toBe(minor);
        expect(roundToMinor(major)).toBe(toMinor(major));
        expect(roundToCent(major)).toBe(major);
      }),
      { numRuns: propRuns() },
    );
  });
  it('roundToCent always gives an amount toMinor accepts, equal to roundToMinor', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (major) => {
        expect(toMinor(roundToCent(major))).toBe(roundToMinor(major));
      }),
      { numRuns: propRuns() },
    );
  });
});

describe('formatMoney', () => {
  it.each([
    [36000, 'CNY', 'zh-CN', '360元'],
    [108050, 'CNY', 'zh-CN', '1080.50元'],
    [123456789, 'CNY', 'zh-CN', '1234567.89元'],
    [12400, 'USD', 'zh-CN', '124美元'],
    [12400, 'USD', 'en-US', '$124'],
    [108050, 'USD', 'en-US', '$1,080.50'],
    [36000, 'CNY', 'en-US', '¥360'],
    [100000000, 'CNY', 'en-US', '¥1,000,000'],
    [1, 'USD', 'en-US', '$0.01'],
    [5, 'CNY', 'zh-CN', '0.05元'],
    [-2500, 'USD', 'en-US', '-$25'],
  ] as const)('%i %s %s → %s', (minor, currency, locale, text) => {
    expect(formatMoney(minor, currency, locale)).toBe(text);
  });
});

describe('ceilRatio', () => {
  it('reads the ratio as the decimal written', () => {
    expect(ceilRatio(360000, 0.1)).toBe(36000);
    expect(ceilRatio(1, 0.1)).toBe(1);
    expect(ceilRatio(10, 0.1)).toBe(1);
    expect(ceilRatio(11, 0.1)).toBe(2);
    expect(ceilRatio(3, 0.5)).toBe(2);
    expect(ceilRatio(100, 0)).toBe(0);
    expect(ceilRatio(100, 1)).toBe(100);
    expect(ceilRatio(7, 5e-324)).toBe(1);
    expect(ceilRatio(1e12, 0.3)).toBe(3e11);
  });
  it('is ⌈ratio × minor⌉ for ratios with up to 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10000 }), (minor, bp) => {
        const expected = Number((BigInt(minor) * BigInt(bp) + 9999n) / 10000n);
        expect(ceilRatio(minor, bp / 10000)).toBe(expected);
      }),
      { numRuns: propRuns() },
    );
  });
});
