import { describe, expect, it } from 'vitest';
import { FEATURE_DIM, featureIndices, MAX_FEATURISED_CHARS } from '../../../src/parse/classifier/features.ts';
import {
  decodePinyinTable,
  encodePinyinTable,
  NO_PINYIN,
} from '../../../src/parse/classifier/pinyin-table.ts';
import { normalize } from '../../../src/parse/index.ts';

/** A hand-made table: enough Chinese to see the pinyin features without loading pinyin-pro. */
const readings: Record<string, string> = { 没: 'mei', 钱: 'qian', 梅: 'mei', 还: 'hai' };
const table = decodePinyinTable(encodePinyinTable((ch) => readings[ch]));

const sorted = (a: Uint32Array): number[] => [...a].sort((x, y) => x - y);

describe('featureIndices', () => {
  it('is deterministic: the same text and context give the same indices in the same order', () => {
    const text = normalize('我现在真的沒錢,下個月還500可以嗎? OK?');
    const a = featureIndices(text, 'reminder', table);
    const b = featureIndices(text, 'reminder', table);
    expect([...a]).toEqual([...b]);
    expect(a.length).toBeGreaterThan(0);
  });

  it('is pure: it leaves its input alone and keeps no state between calls', () => {
    const before = featureIndices('没钱', 'offer', table);
    featureIndices('完全不同的一句话 with english words', 'clarify', table);
    expect([...featureIndices('没钱', 'offer', table)]).toEqual([...before]);
  });

  it('stays inside the hashed space', () => {
    for (const i of featureIndices('还500, will pay $200 friday 👍🏽', 'offer', table)) {
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(FEATURE_DIM);
    }
  });

  it('reads every digit run as the same figure: 还500 and 还3000 share their features', () => {
    expect(sorted(featureIndices('先还500', 'reminder', table))).toEqual(
      sorted(featureIndices('先还3000', 'reminder', table)),
    );
  });

  it('tells contexts apart: 好的 after an offer is not 好的 after a reminder', () => {
    expect(sorted(featureIndices('好的', 'offer', table))).not.toEqual(
      sorted(featureIndices('好的', 'reminder', table)),
    );
  });

  it('gives homophones shared pinyin features (梅 and 没 are both mei)', () => {
    const withPinyin = new Set(featureIndices('梅钱', 'reminder', table));
    const withoutPinyin = new Set(featureIndices('梅钱', 'reminder', NO_PINYIN));
    const shared = [...featureIndices('没钱', 'reminder', table)].filter((i) => withPinyin.has(i));
    const sharedWithout = [...featureIndices('没钱', 'reminder', NO_PINYIN)].filter((i) =>
      withoutPinyin.has(i),
    );
    // Without pinyin only 钱 and its n-grams with the boundary are shared; the syllables mei, qian and mei-qian add more.
    expect(shared.length).toBeGreaterThan(sharedWithout.length);
  });

  it('emits word features for Latin text: "pay tomorrow" is more than its letters', () => {
    const words = new Set(featureIndices('pay tomorrow', 'reminder', NO_PINYIN));
    const glued = new Set(featureIndices('paytomorrow', 'reminder', NO_PINYIN));
    expect([...words].filter((i) => !glued.has(i)).length).toBeGreaterThan(2);
  });

  it('bounds the work on a pasted essay', () => {
    const long = featureIndices('没钱'.repeat(5000), 'reminder', table);
    const cap = featureIndices('没钱'.repeat(MAX_FEATURISED_CHARS), 'reminder', table);
    expect(long.length).toBe(cap.length);
  });

  it('handles empty text and lone surrogates', () => {
    expect(featureIndices('', 'reminder', table).length).toBeGreaterThan(0);
    expect(() => featureIndices('\ud800x\udfff', 'clarify', table)).not.toThrow();
  });
});
