import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_RULE_PATTERNS } from '../../src/parse/dates.ts';
import * as handoff from '../../src/parse/lexicon/handoff-intents.ts';
import * as hardship from '../../src/parse/lexicon/hardship.ts';
import * as negotiation from '../../src/parse/lexicon/negotiation-intents.ts';
import { canonical } from '../../src/parse/index.ts';
import { gateOf, requiredChars } from '../../src/parse/regex-gate.ts';
import { propRuns } from '../support/props.ts';

const sorted = (re: RegExp): string[] | null => requiredChars(re)?.sort() ?? null;

describe('requiredChars: the characters one of which every match holds', () => {
  it('reads literals, alternatives, groups and mandatory repeats', () => {
    expect(sorted(/号/)).toEqual(['号']);
    expect(sorted(/明天|后天/)).toEqual(['后', '明'].sort());
    expect(sorted(/x?y/)).toEqual(['y']);
    expect(sorted(/(?:ab|cd)+号/u)).toEqual(['号']);
    expect(sorted(/(\d{1,2})号/)).toEqual(['号']);
    expect(sorted(/\d+/)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('keeps the rarest letter of an English word', () => {
    expect(sorted(/tomorrow/)).toEqual(['w']);
  });

  it('names nothing where a match needs no particular character', () => {
    expect(requiredChars(/./)).toBeNull();
    expect(requiredChars(/\p{Script=Han}/u)).toBeNull();
    expect(requiredChars(/[^a]/)).toBeNull();
    expect(requiredChars(/[a-z]/)).not.toBeNull(); // 26 letters: still a gate
    expect(requiredChars(/[\u3400-\u9fff]/)).toBeNull(); // too wide to say anything
    expect(requiredChars(/a?|b/)).toBeNull(); // the first alternative matches the empty string
    expect(requiredChars(/(?=号)/)).toBeNull(); // lookarounds consume nothing
  });

  it('gives up on case-insensitive letters, whose folds a set would miss (/s/iu matches ſ)', () => {
    expect(requiredChars(/s/iu)).toBeNull();
    expect(/s/iu.test('ſ')).toBe(true);
    expect(sorted(/号/i)).toEqual(['号']);
  });
});

// Every pattern the gates guard, and texts to try them on: the labelled messages as the rules
// read them, and strings made of the patterns' own characters (the near-misses a gate could get
// wrong).
const PATTERNS: [string, RegExp][] = [
  ...DATE_RULE_PATTERNS.map((re, i): [string, RegExp] => [`date rule ${i}`, re]),
  ...Object.entries({ ...handoff, ...negotiation, ...hardship }).filter(
    (e): e is [string, RegExp] => e[1] instanceof RegExp,
  ),
];
const fixtures = 'test/fixtures';
const TEXTS = readdirSync(fixtures)
  .filter((f) => f.startsWith('parse-') && f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(`${fixtures}/${f}`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => canonical((JSON.parse(l) as { text: string }).text)),
  );

const matches = (re: RegExp, text: string): boolean => {
  const copy = new RegExp(re.source, re.flags.replace('g', '').replace('y', ''));
  return copy.test(text);
};

describe('gateOf: a pattern is skipped only where it cannot match', () => {
  it.each(PATTERNS)('%s, on every labelled message', (_name, re) => {
    const may = gateOf(re);
    const wrong = TEXTS.filter((t) => matches(re, t) && !may(t));
    expect(wrong).toEqual([]);
  });

  it('on strings made of the patterns’ own characters', () => {
    const alphabet = [
      ...new Set(PATTERNS.flatMap(([, re]) => [...re.source.replace(/[\\()[\]{}?*+|^$.]/g, '')])),
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(' ', '5', '12', ',', '?')), {
        maxLength: 24,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), text, ([, re], t) => !matches(re, t) || gateOf(re)(t)),
      { numRuns: propRuns(3000) },
    );
  });

  it('skips the date rules on a text without their characters', () => {
    const skipped = DATE_RULE_PATTERNS.filter((re) => !gateOf(re)('我现在真的没钱'));
    expect(skipped.length).toBeGreaterThan(DATE_RULE_PATTERNS.length / 2);
  });
});
