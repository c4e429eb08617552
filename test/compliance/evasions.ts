import fc from 'fast-check';
import * as OpenCC from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import type { Lexicon } from '../../src/compliance/lexicons.ts';

/**
 * Disguised forms of a banned word, as an agent would type them to get past a word list: letters
 * spaced out, filler between letters, look-alike letters of other scripts, digits and symbols
 * for letters, traditional characters, pinyin (with tone marks, tone digits or none, spaced or
 * run together), emoji with their presentation and skin-tone modifiers. A word typed in digits
 * alone is left a letter: "3153" is a figure, and the guard does not read figures as words. Written here from the
 * lexicon's plain words, independently of the matcher (pinyin from pinyin-pro itself, look-alikes
 * from a hand list of well-known Cyrillic and Greek letters).
 */

export type Script = 'en' | 'zh' | 'emoji';
export type Transform =
  | 'spaced'
  | 'filler'
  | 'homoglyph'
  | 'leet'
  | 'case'
  | 'traditional'
  | 'pinyin'
  | 'homoglyph+filler'
  | 'traditional+filler'
  | 'emoji';

export interface Evasion {
  category: string;
  word: string;
  script: Script;
  transform: Transform;
  shown: string;
  /** Pinyin reads as Chinese only in a Chinese SMS. */
  zhOnly: boolean;
}

/** Letters of other scripts that UTS #39 lists as confusable with a Latin letter. */
const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'ɑ', 'α'],
  c: ['с'],
  d: ['ԁ'],
  e: ['е', 'ҽ'],
  g: ['ɡ'],
  h: ['һ'],
  i: ['і', 'ı', 'ⅰ'],
  j: ['ј'],
  l: ['ӏ', 'ⅼ', 'ℓ'],
  m: ['ⅿ'],
  n: ['ո'],
  o: ['о', 'ο', 'σ'],
  p: ['р', 'ρ'],
  q: ['ԛ'],
  r: ['г'],
  s: ['ѕ'],
  u: ['υ', 'ս'],
  v: ['ν', 'ѵ'],
  w: ['ԝ', 'ѡ'],
  x: ['х'],
  y: ['у', 'γ'],
  z: ['ᴢ'],
};
/** Digits anywhere in a word; symbols only inside one (a trailing ! ends a sentence). */
const LEET_DIGITS: Readonly<Record<string, readonly string[]>> = {
  a: ['4'],
  b: ['8'],
  e: ['3'],
  g: ['9'],
  i: ['1'],
  l: ['1'],
  o: ['0'],
  s: ['5'],
  t: ['7'],
};
const LEET_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  a: ['@'],
  i: ['!', '|'],
  l: ['|'],
  s: ['$'],
};
/** What goes between the letters of an English word. */
const LATIN_FILLERS = ['.', '*', '-', '_', '~', '·', '/', '+', '#', '^', '•', '=', '..', '-_'];
/** What goes between Chinese characters: punctuation that is not sentence punctuation, symbols, emoji, spaces. */
const HAN_FILLERS = [
  '.',
  '*',
  '-',
  '_',
  '~',
  '·',
  '/',
  '+',
  '#',
  '•',
  ' ',
  '  ',
  '😀',
  '❤',
  '★',
  '|',
  '^',
  '=',
  '"',
];
const SKIN_TONES = ['\u{1F3FB}', '\u{1F3FD}', '\u{1F3FF}'];

const toTraditional = [
  OpenCC.Converter({ from: 'cn', to: 't' }),
  OpenCC.Converter({ from: 'cn', to: 'tw' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
];

const HAN_ONLY = /^[\u3400-\u9fff]+$/u;

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** Spaces between all the letters; words of a phrase further apart. */
const spaced = (word: string, gap: number): string =>
  word
    .split(' ')
    .map((w) => [...w].join(' '.repeat(1 + (gap % 2))))
    .join('   ');

/** `fillers[k]` between letters at the gaps chosen by `mask` (at least one). */
function withFillers(chars: readonly string[], fillers: readonly string[], mask: readonly number[]): string {
  let out = chars[0] ?? '';
  let used = false;
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1]!;
    const here = chars[i]!;
    const between = /[\p{L}\p{N}\u3400-\u9fff]/u.test(prev) && /[\p{L}\p{N}\u3400-\u9fff]/u.test(here);
    const m = mask[i % mask.length]!;
    if (between && (m % 2 === 0 || (!used && i === chars.length - 1))) {
      out += pick(fillers, m);
      used = true;
    }
    out += here;
  }
  return out;
}

function substitute(
  word: string,
  table: Readonly<Record<string, readonly string[]>>,
  mask: readonly number[],
  interior = false,
): string {
  const chars = [...word];
  let changed = false;
  const out = chars.map((c, i) => {
    const options = table[c];
    if (options === undefined) return c;
    if (interior && (i === 0 || i === chars.length - 1 || chars[i + 1] === ' ' || chars[i - 1] === ' '))
      return c;
    const m = mask[i % mask.length]!;
    if (m % 3 === 0 && changed) return c;
    changed = true;
    return pick(options, m);
  });
  // A word typed in digits only reads as a figure ("3153" is a number, not "else"): keep a letter.
  for (const run of word.matchAll(/[a-z]+/g)) {
    const span = out.slice(run.index, run.index + run[0].length);
    if (span.every((c) => /[0-9]/.test(c))) out[run.index] = chars[run.index]!;
  }
  return out.join('');
}

const pinyinCache = new Map<string, string[]>();
function pinyinForms(word: string, n: number): string {
  const cached = pinyinCache.get(word);
  if (cached !== undefined) return pick(cached, n);
  const marks = pinyin(word, { type: 'array' });
  const digits = pinyin(word, { toneType: 'num', type: 'array' });
  const none = pinyin(word, { toneType: 'none', type: 'array' });
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const forms = [
    none.join(''),
    none.join(' '),
    marks.join(' '),
    marks.join(''),
    digits.join(''),
    digits.join(' '),
    none.map(cap).join(''),
    none.join('').toUpperCase(),
    none.join('-'),
    none.join('').split('').join(' '),
    none.join(' ').replace(/ü/g, 'v'),
  ];
  pinyinCache.set(word, forms);
  return pick(forms, n);
}

export interface Listed {
  category: string;
  word: string;
  script: Script;
}

/** Every listed word of every category, with its script. */
export function listedWords(lexicons: Readonly<Record<string, Lexicon>>): Listed[] {
  const words: Listed[] = [];
  for (const [category, lex] of Object.entries(lexicons)) {
    for (const word of lex.en) words.push({ category, word, script: 'en' });
    for (const word of lex.zh) words.push({ category, word, script: 'zh' });
    for (const word of lex.emoji ?? []) words.push({ category, word, script: 'emoji' });
  }
  return words;
}

/** The disguises that apply to a word (pinyin needs two Chinese characters or more). */
export function transformsFor({ word, script }: Listed): Transform[] {
  if (script === 'emoji') return ['emoji'];
  if (script === 'en') return ['spaced', 'filler', 'homoglyph', 'leet', 'case', 'homoglyph+filler'];
  if (!HAN_ONLY.test(word)) return ['traditional'];
  const t: Transform[] = ['spaced', 'filler', 'traditional', 'traditional+filler'];
  if ([...word].length >= 2) t.push('pinyin');
  return t;
}

/** One disguised form of a listed word; `mask` chooses among the variants (which letters, which filler). */
export function disguise(w: Listed, transform: Transform, mask: readonly number[]): Evasion {
  const m0 = mask[0] ?? 0;
  const plain = { ...w, transform, zhOnly: false };
  const chars = [...w.word];
  switch (transform) {
    case 'emoji': {
      const forms = [
        `${w.word}\uFE0F`,
        `${w.word}${pick(SKIN_TONES, m0)}`,
        `${w.word}\u200D`,
        `${w.word}${w.word}`,
      ];
      return { ...plain, shown: pick(forms, m0) };
    }
    case 'spaced':
      return { ...plain, shown: w.script === 'en' ? spaced(w.word, m0) : chars.join(' ') };
    case 'filler':
      return { ...plain, shown: withFillers(chars, w.script === 'en' ? LATIN_FILLERS : HAN_FILLERS, mask) };
    case 'homoglyph':
      return { ...plain, shown: substitute(w.word, HOMOGLYPHS, mask) };
    case 'leet':
      return {
        ...plain,
        shown:
          m0 % 2 === 0 ? substitute(w.word, LEET_DIGITS, mask) : substitute(w.word, LEET_SYMBOLS, mask, true),
      };
    case 'case':
      return {
        ...plain,
        shown: chars.map((c, i) => (mask[i % mask.length]! % 2 ? c.toUpperCase() : c)).join(''),
      };
    case 'homoglyph+filler':
      return { ...plain, shown: withFillers([...substitute(w.word, HOMOGLYPHS, mask)], LATIN_FILLERS, mask) };
    case 'traditional':
      return { ...plain, shown: pick(toTraditional, m0)(w.word) };
    case 'traditional+filler':
      return { ...plain, shown: withFillers([...pick(toTraditional, m0)(w.word)], HAN_FILLERS, mask) };
    case 'pinyin':
      return { ...plain, shown: pinyinForms(w.word, m0), zhOnly: true };
  }
}

/** A random disguised form of a random listed word. */
export function evasionArb(lexicons: Readonly<Record<string, Lexicon>>): fc.Arbitrary<Evasion> {
  const words = listedWords(lexicons);
  return fc
    .record({
      w: fc.constantFrom(...words),
      t: fc.nat(),
      mask: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }),
    })
    .map(({ w, t, mask }) => disguise(w, pick(transformsFor(w), t), mask));
}
