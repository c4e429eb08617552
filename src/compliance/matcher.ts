import { normalize } from '../parse/normalize.ts';
import { PinyinIndex, pinyinRuns } from '../parse/pinyin.ts';
import { LEXICON_PINYIN } from './lexicon-pinyin.ts';
import {
  AUTHORITY_LEXICON,
  BANNED_LEXICON,
  DISCLOSURE_LEXICON,
  BANNED_CATEGORIES,
  HARMLESS_COMPOUNDS,
  SOUND_ALIKE_CATEGORIES,
  type BannedCategory,
  type Lexicon,
} from './lexicons.ts';
import { skeletonViews, toSkeleton, type SkeletonViews } from './skeleton.ts';
import { SOUND_ALIKE_CHARS } from './sound-alike-chars.ts';
import { SoundAlikes } from './sound-alikes.ts';
import { SplitWords } from './split-words.ts';

/**
 * How the compliance lexicons are matched. The text is folded once (foldForMatching: width,
 * case, traditional characters, diacritics, invisible characters), then reduced to a skeleton
 * and its views (skeleton.ts: look-alike letters, digits for letters, filler between letters);
 * the lexicons are reduced the same way once, at load. Chinese words and emoji are looked up by
 * their first character, English words and phrases token by token, Chinese words typed in
 * pinyin through the generated pinyin table; banned Chinese words are also read across sentence
 * punctuation (split-words.ts) and, for the threats, in sound-alike characters (sound-alikes.ts).
 * Pure.
 */

// Default-ignorable characters (zero-width spaces and joiners, the soft hyphen, bidi marks,
// variation selectors, the Hangul fillers…) would split a word; they are dropped, not spaced.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** None of them is ASCII, CJK punctuation, Chinese or full width (but for U+FFA0): most texts skip the search. */
const MAYBE_INVISIBLE = /[^\x20-\x7e\u3000-\u303f\u3400-\u9fff\uff00-\uff9f\uffa1-\uffef]/;
const NEEDS_FOLD = /[^\u0020-\u007E\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]/;

// 著 is simplified too (显著), so normalize() keeps it; Taiwan writes 走著瞧 for 走着瞧.
const ZHE = /著/g;

/** The text as the lexicons see it. */
export function foldForMatching(text: string): string {
  const visible = MAYBE_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
  const s = normalize(visible).replace(ZHE, '着');
  return NEEDS_FOLD.test(s)
    ? s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC')
    : s;
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HAN = /[\u3400-\u9fff]/;
const WORD = /[a-z0-9]+/g;
/** English endings a listed word may take, reduced like the words (ing → lng). */
const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing'].map(toSkeleton);
/** At most this many non-alphanumeric characters between the words of a phrase. */
const MAX_GAP = 3;

interface Entry<C> {
  category: C;
  /** As listed, for the reason. */
  word: string;
}

interface Lead<C> {
  entry: Entry<C>;
  /** The entry's words reduced to the skeleton. */
  parts: readonly string[];
  /** Parts the leading token spells: the rest must follow. */
  next: number;
}

/** Category → the distinct listed words found, in the order found. */
type Found<C> = Map<C, string[]>;

function addHit<C>(found: Found<C>, category: C, word: string): void {
  const list = found.get(category);
  if (list === undefined) found.set(category, [word]);
  else if (!list.includes(word)) list.push(word);
}

const LATIN_OR_DIGIT = /[a-z0-9]/;

/** A word found typed in pinyin is reported as listed, and marked so. */
const pinyinLabel = (word: string): string => `${word} (pinyin)`;
/** So is a word found split by punctuation or in sound-alike characters: 报警 (as 包警). */
const shownLabel = (word: string, shown: string): string => `${word} (as ${shown})`;

/** Stands for a masked harmless compound where sentence punctuation would join its neighbours. */
const MASK_BREAK = '\u0000';

/**
 * Every listed word of every category in a folded text. Chinese words and emoji are found as
 * substrings (of the skeleton, and of the skeleton with filler between Chinese characters
 * dropped); English words as whole tokens with an optional ending, phrases as consecutive tokens
 * however the text splits them (co-worker, coworker, co worker); pinyin only when asked.
 */
class LexiconMatcher<C extends string> {
  private readonly categories: readonly C[];
  private readonly zhByFirst = new Map<string, { skeleton: string; entry: Entry<C> }[]>();
  /** 1 at the UTF-16 code of each Chinese word's first character: most characters start none. */
  private readonly zhFirst = new Uint8Array(0x10000);
  private readonly leads = new Map<string, Lead<C>[]>();
  /** The longest English entry, all its words run together. */
  private longestWord = 0;
  private readonly pinyin: PinyinIndex<Entry<C>> | null;
  /** Harmless compounds as folded, each with whether it must stand as whole words. */
  private readonly harmless: readonly { text: string; words: boolean }[];
  private readonly split: SplitWords<C> | null;
  private readonly soundAlikes: SoundAlikes<C> | null;

  constructor(
    lexicons: Readonly<Record<C, Lexicon>>,
    options: {
      pinyin?: Readonly<Record<string, readonly string[]>>;
      harmless?: Lexicon;
      split?: SplitWords<C>;
      soundAlikes?: SoundAlikes<C>;
    } = {},
  ) {
    this.split = options.split ?? null;
    this.soundAlikes = options.soundAlikes ?? null;
    this.categories = Object.keys(lexicons) as C[];
    const zhEntries = new Map<string, Entry<C>>();
    for (const category of this.categories) {
      const lex = lexicons[category];
      for (const word of [...lex.zh, ...(lex.emoji ?? [])]) {
        const entry = { category, word };
        const skeleton = toSkeleton(foldForMatching(word));
        const list = this.zhByFirst.get(skeleton[0]!) ?? [];
        list.push({ skeleton, entry });
        this.zhByFirst.set(skeleton[0]!, list);
        this.zhFirst[skeleton.charCodeAt(0)] = 1;
        if (!zhEntries.has(word)) zhEntries.set(word, entry);
      }
      for (const word of lex.en) {
        const entry = { category, word };
        const parts = toSkeleton(foldForMatching(word)).match(WORD) ?? [];
        for (let q = 0; q < parts.length; q++) {
          const key = parts.slice(0, q + 1).join('');
          this.longestWord = Math.max(this.longestWord, key.length);
          const list = this.leads.get(key) ?? [];
          list.push({ entry, parts, next: q + 1 });
          this.leads.set(key, list);
        }
      }
    }
    const table = options.pinyin;
    this.pinyin =
      table === undefined
        ? null
        : new PinyinIndex<Entry<C>>(
            [...zhEntries].flatMap(([word, entry]) =>
              (table[word] ?? []).map((reading) => [reading.split(' '), entry] as const),
            ),
          );
    const h = options.harmless;
    this.harmless =
      h === undefined
        ? []
        : [
            ...h.zh.map((w) => ({ text: foldForMatching(w), words: false })),
            ...h.en.map((w) => ({ text: foldForMatching(w), words: true })),
          ];
  }

  /** The text with each harmless compound masked (folded text has single spaces: indexOf will do). */
  private masked(folded: string, mark = '、'): string {
    let text = folded;
    for (const { text: c, words } of this.harmless) {
      for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
        const end = i + c.length;
        if (words && (LATIN_OR_DIGIT.test(text.charAt(i - 1)) || LATIN_OR_DIGIT.test(text.charAt(end))))
          continue;
        text = `${text.slice(0, i)}${mark}${text.slice(end)}`;
      }
    }
    return text;
  }

  /**
   * Category → the distinct listed words found, in the order found; categories without a hit
   * are absent. `pinyin`: also look for the Chinese words typed in pinyin (for a Chinese reader:
   * in English text, names such as Jia Li or Dan Wei would read as 家里 and 单位).
   */
  find(folded: string, { pinyin = false }: { pinyin?: boolean } = {}): Map<C, string[]> {
    const views = cachedViews(this.masked(folded));
    const found: Found<C> = new Map();
    for (const view of views.han) this.findSubstrings(view, found);
    for (const view of views.latin) this.findWords(view, found);
    for (const run of views.spaced) this.findSpelt(run, found);
    if (pinyin && this.pinyin !== null && views.pinyin.length > 0) {
      for (const { category, word } of this.pinyin.find(pinyinRuns(views.pinyin)))
        addHit(found, category, pinyinLabel(word));
    }
    if ((this.split !== null || this.soundAlikes !== null) && HAN.test(folded)) {
      const text = this.masked(folded, MASK_BREAK);
      for (const { category, word, shown } of this.split?.find(text) ?? [])
        addHit(found, category, shownLabel(word, shown));
      for (const { category, word, shown } of this.soundAlikes?.find(text) ?? [])
        addHit(found, category, shownLabel(word, shown));
    }
    if (found.size < 2) return found;
    // Report in category order, as the lexicon lists them.
    return new Map(this.categories.flatMap((c) => (found.has(c) ? [[c, found.get(c)!] as const] : [])));
  }

  private findSubstrings(view: string, found: Found<C>): void {
    for (let i = 0; i < view.length; i++) {
      if (this.zhFirst[view.charCodeAt(i)] === 0) continue;
      const candidates = this.zhByFirst.get(view[i]!);
      if (candidates === undefined) continue;
      for (const { skeleton, entry } of candidates)
        if (view.startsWith(skeleton, i)) addHit(found, entry.category, entry.word);
    }
  }

  /** English entries spelt anywhere in a run of spaced-out letters (p o l i c e → police). */
  private findSpelt(run: string, found: Found<C>): void {
    for (let i = 0; i < run.length; i++) {
      for (let j = i + 1; j <= Math.min(run.length, i + this.longestWord); j++) {
        for (const lead of this.leads.get(run.slice(i, j)) ?? [])
          if (lead.next === lead.parts.length) addHit(found, lead.entry.category, lead.entry.word);
      }
    }
  }

  private findWords(view: string, found: Found<C>): void {
    const words: string[] = [];
    const starts: number[] = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(view); m !== null; m = WORD.exec(view)) {
      words.push(m[0]);
      starts.push(m.index);
    }
    const tokens = { view, words, starts };
    for (let k = 0; k < words.length; k++) {
      const word = words[k]!;
      this.lead(tokens, k, word, false, found);
      // Endings end in s, d or g (s, es, ed, d, ing): most words need no second look.
      const last = word.charCodeAt(word.length - 1);
      if (last !== 0x73 && last !== 0x64 && last !== 0x67) continue;
      for (const s of SUFFIXES)
        if (word.length > s.length && word.endsWith(s))
          this.lead(tokens, k, word.slice(0, -s.length), true, found);
    }
  }

  /** The entries whose first part(s) `form` (token k, less an ending when `suffixed`) spells. */
  private lead(tokens: Tokens, k: number, form: string, suffixed: boolean, found: Found<C>): void {
    const leads = this.leads.get(form);
    if (leads === undefined) return;
    for (const lead of leads) {
      const done = lead.next === lead.parts.length;
      if (suffixed && !done) continue;
      if (done || this.rest(tokens, k + 1, lead.parts, lead.next))
        addHit(found, lead.entry.category, lead.entry.word);
    }
  }

  /** Whether tokens from k spell parts[p…] (each token one or more whole parts, the last one's ending free). */
  private rest(tokens: Tokens, k: number, parts: readonly string[], p: number): boolean {
    const word = tokens.words[k];
    if (word === undefined) return false;
    const gap = tokens.view.slice(tokens.starts[k - 1]! + tokens.words[k - 1]!.length, tokens.starts[k]);
    if (gap.length > MAX_GAP || HAN.test(gap)) return false;
    let spelt = '';
    for (let q = p; q < parts.length; q++) {
      spelt += parts[q];
      if (q === parts.length - 1) return spells(word, spelt);
      if (word === spelt && this.rest(tokens, k + 1, parts, q + 1)) return true;
    }
    return false;
  }
}

/** The words of a view, with where each starts. */
interface Tokens {
  view: string;
  words: readonly string[];
  starts: readonly number[];
}

/** A token spells a word when it is the word, or the word with one of its endings. */
const spells = (token: string, word: string): boolean =>
  token === word ||
  (token.startsWith(word) &&
    SUFFIXES.some((s) => token.length === word.length + s.length && token.endsWith(s)));

/** The guard asks twice of the same text (banned words, then disclosure): keep the last views. */
let lastText: string | null = null;
let lastViews: SkeletonViews | null = null;
function cachedViews(text: string): SkeletonViews {
  if (text !== lastText || lastViews === null) {
    lastViews = skeletonViews(text);
    lastText = text;
  }
  return lastViews;
}

const bannedZh = (categories: readonly BannedCategory[]) =>
  categories.flatMap((c) => BANNED_LEXICON[c].zh.map((w) => [w, c] as const));
const BANNED = new LexiconMatcher<BannedCategory>(BANNED_LEXICON, {
  pinyin: LEXICON_PINYIN,
  harmless: HARMLESS_COMPOUNDS,
  split: new SplitWords(bannedZh(BANNED_CATEGORIES)),
  soundAlikes: new SoundAlikes(
    bannedZh(SOUND_ALIKE_CATEGORIES).map(([w, c]) => [w, c, LEXICON_PINYIN[w] ?? []] as const),
    SOUND_ALIKE_CHARS,
  ),
});
const DISCLOSURE = new LexiconMatcher<'disclosure'>({ disclosure: DISCLOSURE_LEXICON });
const AUTHORITY = new LexiconMatcher<'authority'>({ authority: AUTHORITY_LEXICON });

/**
 * The banned words in a folded text: category → the distinct listed words found, in lexicon
 * category order. `pinyin`: also the Chinese words typed in pinyin (for a Chinese SMS).
 */
export const findBanned = (
  folded: string,
  options: { pinyin?: boolean } = {},
): Map<BannedCategory, string[]> => BANNED.find(folded, options);

/** The words in a folded text that tell a third party there is a debt, in the order found. */
export const findDisclosure = (folded: string): string[] => DISCLOSURE.find(folded).get('disclosure') ?? [];

/** The words in a folded text that pose as a court, the police, a government body or regulator. */
export const findAuthority = (folded: string): string[] => AUTHORITY.find(folded).get('authority') ?? [];
