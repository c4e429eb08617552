import { describe, expect, it } from 'vitest';
import { BANNED_LEXICON } from '../../src/compliance/lexicons.ts';

describe('the banned lexicon', () => {
  it('keeps the lists in one object by category, both languages each', () => {
    expect(Object.keys(BANNED_LEXICON)).toEqual([
      'threat',
      'insult',
      'family',
      'contacts',
      'employer',
      'police_jail',
      'exposure',
      'court_government',
    ]);
    for (const lex of Object.values(BANNED_LEXICON)) {
      expect(lex.zh.length).toBeGreaterThan(5);
      expect(lex.en.length).toBeGreaterThan(5);
    }
  });
});
