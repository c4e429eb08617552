import { describe, expect, it } from 'vitest';
import { decodeUtf8, findDuplicateKey, findUnpairedSurrogate } from '../../src/channels/strict-json.ts';

describe('decodeUtf8', () => {
  it('reads valid UTF-8, Chinese and emoji included', () => {
    expect(decodeUtf8(Buffer.from('{"text":"没钱 🙂"}'))).toBe('{"text":"没钱 🙂"}');
  });

  it('is null for bytes that are not UTF-8: stray, overlong, surrogate, truncated', () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x28], [0xe6, 0xb2]])
      expect(decodeUtf8(Buffer.from(bytes)), bytes.join(',')).toBeNull();
  });

  it('keeps a byte order mark, so JSON.parse refuses it as it always did', () => {
    expect(decodeUtf8(Buffer.from('\ufeff{}'))).toBe('\ufeff{}');
  });
});

describe('findDuplicateKey', () => {
  it('is null when every object has each key once, whatever repeats across objects', () => {
    expect(findDuplicateKey('{"a":1,"b":{"a":2,"b":[{"a":3},{"a":4}]}}')).toBeNull();
    expect(findDuplicateKey('[1,"a","a",{"a":1}]')).toBeNull();
    expect(findDuplicateKey('"text"')).toBeNull();
  });

  it('finds a key twice at the top level ("" path)', () => {
    expect(findDuplicateKey('{"text":"我已经还了","from":"+86","text":"TD"}')).toEqual({
      path: '',
      key: 'text',
    });
  });

  it('finds one inside nested objects and arrays, with the path to its object', () => {
    expect(findDuplicateKey('{"meta":{"x":{"k":1,"k":2}}}')).toEqual({ path: 'meta.x', key: 'k' });
    expect(findDuplicateKey('{"list":[{"a":1},{"b":1},{"c":1,"c":2}]}')).toEqual({
      path: 'list.2',
      key: 'c',
    });
    expect(findDuplicateKey('[[0,{"z":1,"z":1}]]')).toEqual({ path: '0.1', key: 'z' });
  });

  it('compares keys unescaped', () => {
    expect(findDuplicateKey('{"text":1,"te\\u0078t":2}')).toEqual({ path: '', key: 'text' });
    expect(findDuplicateKey('{"a\\"b":1,"a\\u0022b":2}')).toEqual({ path: '', key: 'a"b' });
  });

  it('is not fooled by braces, commas, colons and quotes inside strings', () => {
    expect(findDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"[,]:","c":"\\\\"}')).toBeNull();
    expect(findDuplicateKey('{"a":"x\\\\","a":1}')).toEqual({ path: '', key: 'a' });
  });

  it('follows deep nesting without recursion', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(findDuplicateKey(deep)).toBeNull();
    expect(findDuplicateKey('['.repeat(50_000) + '{"q":1,"q":2}' + ']'.repeat(50_000))).toEqual({
      path: Array(50_000).fill('0').join('.'),
      key: 'q',
    });
  });
});

describe('findUnpairedSurrogate', () => {
  it('is null for text, Chinese and emoji (a surrogate pair) included', () => {
    expect(
      findUnpairedSurrogate(JSON.parse('{"text":"没钱 🙂 \\ud83d\\ude42","meta":[1,{"a":"b"}]}')),
    ).toBeNull();
  });

  it('names the value or key holding a lone surrogate escape, at any depth', () => {
    expect(findUnpairedSurrogate(JSON.parse('{"text":"\\ud800"}'))).toBe('text');
    expect(findUnpairedSurrogate(JSON.parse('{"text":"ok","meta":[{"a":1},{"b":"x\\udc00"}]}'))).toBe(
      'meta.1.b',
    );
    expect(findUnpairedSurrogate(JSON.parse('{"\\ude00":1}'))).toBe('\ude00');
    expect(findUnpairedSurrogate(JSON.parse('"\\ud83d"'))).toBe('body');
  });
});
