import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_RULE_PATTERNS } from '../../src/parse/dates.ts';
import * as handoff from '../../src/parse/lexicon/handoff-intents.ts';
import * as hardship from '../../src/parse/lexicon/hardship.ts';
import * as negotiation from '../../src/parse/lexicon/negotiation-intents.ts';
import { canonical } from '../../src/parse/index.ts';
import { gated, gateOf, requiredLiterals, wholeMatchGateOf } from '../../src/parse/regex-gate.ts';
import { propRuns } from '../support/props.ts';

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

const literals = (re: RegExp): string[] | null => requiredLiterals(re)?.sort() ?? null;

describe('requiredLiterals: strings one of which every match contains', () => {
  it('multiplies out literals, small classes, groups and optional parts', () => {
    expect(literals(/转人工|真人/)).toEqual(['真人', '转人工']);
    expect(literals(/已(?:经)?(?:还|付)了/)).toEqual(['已付了', '已经付了', '已经还了', '已还了'].sort());
    expect(literals(/没(?:有)?钱/)).toEqual(['没有钱', '没钱']);
    expect(literals(/[ab]号/)).toEqual(['a号', 'b号']);
  });

  it('skips what consumes nothing and keeps the most telling part of a sequence', () => {
    expect(literals(/(?<!大)后天/)).toEqual(['后天']);
    expect(literals(/\bhuman\b/)).toEqual(['human']);
    expect(literals(/这(?:个)?月.{0,8}(?:紧|少)/)).toEqual(['这个月', '这月']);
    expect(literals(/(\d{1,2})号/)).toEqual(['号']);
  });

  it('names nothing where a match may hold no literal', () => {
    expect(requiredLiterals(/./)).toBeNull();
    expect(requiredLiterals(/钱|\p{Script=Han}{2}/u)).toBeNull();
    expect(requiredLiterals(/a?|b/)).toBeNull();
    expect(requiredLiterals(/s/iu)).toBeNull();
  });
});

// Strings made of each pattern's own literals and pieces of them, with noise between: where a
// gate that read the literals wrong would let a match through shut.
const pieces = (re: RegExp): string[] => {
  const lits = requiredLiterals(re) ?? [];
  const chars = [...re.source.replace(/[\\()[\]{}?*+|^$.]/g, '')];
  return [
    ...new Set([...lits, ...lits.flatMap((l) => [l.slice(0, 2), l.slice(1), l.slice(-2)]), ...chars]),
  ].filter(Boolean);
};
const literalText = (re: RegExp) =>
  fc
    .array(fc.oneof(fc.constantFrom(...pieces(re)), fc.constantFrom(' ', '5', '12', ',', '?', '了', 'a')), {
      maxLength: 12,
    })
    .map((cs) => cs.join(''));

describe('gated: the same verdict as the pattern, never running it where it cannot match', () => {
  it('agrees with the engine on strings built from each pattern’s literals', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS).chain(([, re]) => fc.tuple(fc.constant(re), literalText(re))),
        ([re, t]) => !matches(re, t) || gateOf(re)(t),
      ),
      { numRuns: propRuns(5000) },
    );
  });

  it('gives test() the answer and the lastIndex the pattern gives', () => {
    const re = /没钱/g;
    const g = gated(re);
    re.lastIndex = 3;
    expect(g.test('好的')).toBe(false);
    expect(re.lastIndex).toBe(0);
    expect(g.test('我没钱')).toBe(true);
    expect(re.lastIndex).toBe(3);
    expect(gated(/^(?:r|stop)$/).test('stop')).toBe(true);
  });

  it('skips most lexicons on a text that holds none of their literals', () => {
    const lexicons = PATTERNS.filter(([name]) => !name.startsWith('date'));
    const skipped = lexicons.filter(([, re]) => !gateOf(re)('我现在真的没钱'));
    expect(skipped.length).toBeGreaterThan(lexicons.length / 2);
  });
});

describe('wholeMatchGateOf: a whole-text keyword after deletions', () => {
  const PUNCT = /[\s!.,?]+/g;
  const THANKS = /^(?:please|pls)+|(?:thanks|thx)+$/g;
  const WHOLE = /^(?:stop|退订|r)$/;
  const may = wholeMatchGateOf(WHOLE, [PUNCT, THANKS]);
  const stripped = (t: string): string => t.replace(PUNCT, '').replace(THANKS, '');

  it('lets through a text whose stripped form could match', () => {
    expect(may('s.t.o.p!')).toBe(true);
    expect(may('退 订')).toBe(true);
    expect(may('stop thanks')).toBe(true);
  });

  it('shuts a text holding a unit neither the keywords nor the deletions have', () => {
    expect(may('我现在真的没钱')).toBe(false);
    expect(may('stop now')).toBe(false); // the w of now is in none of them
    expect(may('pots')).toBe(true); // every unit is; the keyword test then says no
    expect(WHOLE.test(stripped('pots'))).toBe(false);
    expect(may('please, stop')).toBe(true);
    expect(WHOLE.test(stripped('please, stop'))).toBe(true);
  });

  it('never shuts a text that becomes a keyword (property)', () => {
    const unit = fc.constantFrom(...'stop退订r .!?,pleasethanksxyz没钱'.split(''));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 14 }), (units) => {
        const t = units.join('');
        if (WHOLE.test(stripped(t))) expect(may(t)).toBe(true);
      }),
      { numRuns: propRuns(500) },
    );
  });

  it('is always open when an alphabet cannot be read, and refuses an unanchored pattern', () => {
    expect(wholeMatchGateOf(/^(?:.)$/, [])('anything at all')).toBe(true);
    expect(wholeMatchGateOf(/^stop$/, [/\p{P}/gu])('我没钱')).toBe(true);
    expect(wholeMatchGateOf(/^stop$/i, [])('我没钱')).toBe(true);
    expect(() => wholeMatchGateOf(/stop/, [])).toThrow(/anchored/);
  });
});
