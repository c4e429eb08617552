import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.ts';
import { classifierOverNothing } from '../../src/parse/reason.ts';

const now = '2026-11-23T10:00:00+08:00';

describe('classifierOverNothing: who decided a reading', () => {
  it('is true for a classifier guess over rules that read nothing, false for a reading of the rules', () => {
    const guessed = parse('kinda leaning b tbh', { context: 'offer', now });
    expect(guessed.reason).toMatch(/^classifier\(/);
    expect(classifierOverNothing(guessed.reason)).toBe(true);
    expect(classifierOverNothing(parse('退订', { now }).reason)).toBe(false);
    expect(classifierOverNothing(parse('好的', { context: 'offer', now }).reason)).toBe(false);
    expect(classifierOverNothing(undefined)).toBe(false);
  });
});
