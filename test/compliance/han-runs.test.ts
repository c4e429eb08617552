import { describe, expect, it } from 'vitest';
import { hanRuns } from '../../src/compliance/han-runs.ts';

describe('hanRuns: the Chinese characters of a text, with the gaps between them', () => {
  it('joins characters across punctuation, symbols, emoji and spaces, marking sentence punctuation', () => {
    expect(hanRuns('报、警 坐*牢 家😀人')).toEqual([
      {
        chars: '报警坐牢家人',
        at: [0, 2, 4, 6, 8, 11],
        broken: [false, true, false, false, false, false],
      },
    ]);
  });

  it('ends a run at a letter, a digit or a bracket', () => {
    expect(hanRuns('报a警').map((r) => r.chars)).toEqual(['报', '警']);
    expect(hanRuns('报1警').map((r) => r.chars)).toEqual(['报', '警']);
    expect(hanRuns('【安心贷】手铐').map((r) => r.chars)).toEqual(['安心贷', '手铐']);
  });
});
