import fc from 'fast-check';
import * as OpenCC from 'opencc-js/cn2t';
import * as ToSimplified from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { SOUND_ALIKE_CATEGORIES, type Lexicon } from '../../src/compliance/lexicons.ts';
import { SOUND_ALIKE_ORDINARY } from '../../src/compliance/sound-alikes.ts';

/**
 * Disguised forms of a banned word, as an agent would type them to get past a word list: letters
 * spaced out, filler between letters, look-alike letters of other scripts, digits and symbols
 * for letters, traditional characters, pinyin (with tone marks, tone digits or none, spaced or
 * run together), emoji with their presentation and skin-tone modifiers, Chinese characters split
 * by sentence punctuation (报，警), and, for the threats, one character typed as another of the
 * same sound (包警 for 报警: a common character whose first reading in pinyin-pro is the word's). A word typed in digits
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
  | 'emoji'
  | 'punctuated'
  | 'sound-alike';

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
/** Sentence punctuation between Chinese characters: a clause break, in the plain views never filler. */
const SENTENCE_FILLERS = ['，', '、', '。', '；', '！', '？', '：', ',', '，，', '。 ', '！！'];
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

/** The characters of GB 2312 (the ones an input method offers first), by the toneless first reading pinyin-pro gives each. */
let bySound: Map<string, string[]> | null = null;
function charactersBySound(): Map<string, string[]> {
  if (bySound !== null) return bySound;
  bySound = new Map();
  const gbk = new TextDecoder('gbk');
  for (let row = 0xb0; row <= 0xf7; row++)
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = gbk.decode(Uint8Array.of(row, cell));
      if (!/^[\u4e00-\u9fff]$/u.test(ch)) continue;
      const s = pinyin(ch, { toneType: 'none', type: 'array' })[0]!.replace(/ü/g, 'u');
      bySound.set(s, [...(bySound.get(s) ?? []), ch]);
    }
  return bySound;
}
/** Pronouns keep no word's meaning, grammatical characters are never typed for a sound: neither is a sound-alike. */
const PRONOUNS = '你您我他她它们';
const GRAMMATICAL = `的了得地着过么吗呢吧啊呀个是在和就都也又很太把被给让对从向跟与这那哪谁不没别${PRONOUNS}`;
const WORDS = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const simplified = ToSimplified.Converter({ from: 't', to: 'cn' });
/**
 * A character read as another once the text is folded is not that sound: 於 (wu) is 于 (yu) in
 * simplified writing, 著 is 着 as Taiwan writes it.
 */
const foldsAway = (ch: string): boolean => ch === '著' || simplified(ch) !== ch;

/**
 * The word with one character typed as another of its sound, keeping a character of the word that
 * is no pronoun; null when there is none to type (打你: only 你 would be left). A sound-alike that
 * is itself an ordinary word (暴利 for 暴力, 检查 for 检察) is no disguise: skipped.
 */
function soundAlike(word: string, mask: readonly number[]): string | null {
  const chars = [...word];
  const sounds = pinyin(word, { toneType: 'none', type: 'array' }).map((s) => s.replace(/ü/g, 'u'));
  const options: string[] = [];
  chars.forEach((c, k) => {
    if (!chars.some((o, j) => j !== k && !PRONOUNS.includes(o))) return;
    for (const alike of charactersBySound().get(sounds[k]!) ?? []) {
      if (alike === c || GRAMMATICAL.includes(alike) || foldsAway(alike)) continue;
      const typed = chars.map((o, j) => (j === k ? alike : o)).join('');
      const segments = [...WORDS.segment(typed)];
      if (segments.length === 1 || SOUND_ALIKE_ORDINARY.has(typed)) continue;
      options.push(typed);
    }
  });
  if (options.length === 0) return null;
  return pick(
    options,
    mask.reduce((a, b) => a * 31 + b, 7),
  );
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

const THREATS: ReadonlySet<string> = new Set(SOUND_ALIKE_CATEGORIES);

/**
 * The disguises that apply to a word: pinyin and punctuation need two Chinese characters or
 * more; sound-alikes a threat's word of two characters or more that can be typed so.
 */
export function transformsFor({ word, script, category }: Listed): Transform[] {
  if (script === 'emoji') return ['emoji'];
  if (script === 'en') return ['spaced', 'filler', 'homoglyph', 'leet', 'case', 'homoglyph+filler'];
  if (!HAN_ONLY.test(word)) return ['traditional'];
  const t: Transform[] = ['spaced', 'filler', 'traditional', 'traditional+filler'];
  if ([...word].length >= 2) t.push('pinyin', 'punctuated');
  if ([...word].length >= 2 && THREATS.has(category) && soundAlike(word, [0]) !== null) t.push('sound-alike');
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
    case 'punctuated':
      return { ...plain, shown: withFillers(chars, SENTENCE_FILLERS, mask) };
    case 'sound-alike':
      return { ...plain, shown: soundAlike(w.word, mask) ?? w.word };
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
