import { describe, expect, it } from 'vitest';
import { LEXICON_PINYIN } from '../../src/compliance/lexicon-pinyin.ts';
import { pinyinTable, tableWords } from '../../scripts/lexicon-pinyin.ts';

describe('the generated pinyin table (scripts/lexicon-pinyin.ts)', () => {
  it('is the one pinyin-pro gives for the lexicon as it stands: re-run the script after editing lexicons.ts', () => {
    expect(LEXICON_PINYIN).toEqual(pinyinTable(tableWords()));
  });

  it('reads polyphonic characters every way: 曝光 is bao guang and pu guang', () => {
    expect(LEXICON_PINYIN['曝光']).toEqual(['bao guang', 'pu guang']);
    expect(LEXICON_PINYIN['报警']).toEqual(['bao jing']);
  });
});
