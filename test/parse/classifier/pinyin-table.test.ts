import { describe, expect, it } from 'vitest';
import { hashString } from '../../../src/parse/classifier/features.ts';
import {
  decodePinyinTable,
  encodePinyinTable,
  PINYIN_END,
  PINYIN_FIRST,
} from '../../../src/parse/classifier/pinyin-table.ts';

describe('the frozen pinyin table', () => {
  const data = encodePinyinTable((ch) => ({ 没: 'mei', 梅: 'mei', 钱: 'qian' })[ch]);
  const table = decodePinyinTable(data);

  it('gives each known character its syllable and homophones the same one', () => {
    expect(table.syllableHash('没'.codePointAt(0)!)).toBe(hashString('mei'));
    expect(table.syllableHash('梅'.codePointAt(0)!)).toBe(table.syllableHash('没'.codePointAt(0)!));
    expect(table.syllableHash('钱'.codePointAt(0)!)).toBe(hashString('qian'));
  });

  it('knows nothing outside the CJK range or without a reading', () => {
    expect(table.syllableHash('a'.codePointAt(0)!)).toBeUndefined();
    expect(table.syllableHash('好'.codePointAt(0)!)).toBeUndefined();
    expect(table.syllableHash(PINYIN_FIRST - 1)).toBeUndefined();
    expect(table.syllableHash(PINYIN_END)).toBeUndefined();
  });

  it('stores the syllables once, sorted, and encodes the same way every time', () => {
    expect(data.syllables).toBe('mei qian');
    expect(encodePinyinTable((ch) => ({ 钱: 'qian', 梅: 'mei', 没: 'mei' })[ch])).toEqual(data);
  });
});
