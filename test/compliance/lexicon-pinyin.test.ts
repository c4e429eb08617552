import { describe, expect, it } from 'vitest';
import { LEXICON_PINYIN } from '../../src/compliance/lexicon-pinyin.ts';
import { SOUND_ALIKE_CHARS } from '../../src/compliance/sound-alike-chars.ts';
import { pinyinTable, soundAlikeChars, tableWords } from '../../scripts/lexicon-pinyin.ts';

describe('the generated pinyin table (scripts/lexicon-pinyin.ts)', () => {
  it('is the one pinyin-pro gives for the lexicon as it stands: re-run the script after editing lexicons.ts', () => {
    expect(LEXICON_PINYIN).toEqual(pinyinTable(tableWords()));
  });

  it('lists the characters of each threat syllable as pinyin-pro reads GB 2312: re-run the script after editing lexicons.ts', () => {
    expect(SOUND_ALIKE_CHARS).toEqual(soundAlikeChars(LEXICON_PINYIN));
    expect(SOUND_ALIKE_CHARS['jing']).toContain('井');
    expect(SOUND_ALIKE_CHARS['lao']).toContain('劳');
    // 阮 is ruan in the dictionary, yuan as commonly read (法阮 for 法院)
    expect(SOUND_ALIKE_CHARS['yuan']).toContain('阮');
  });

  it('reads polyphonic characters every way: 曝光 is bao guang and pu guang', () => {
    expect(LEXICON_PINYIN['曝光']).toEqual(['bao guang', 'pu guang']);
    expect(LEXICON_PINYIN['报警']).toEqual(['bao jing']);
  });
});
