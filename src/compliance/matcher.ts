import { normalize } from '../parse/normalize.ts';
import { BANNED_LEXICON, DISCLOSURE_LEXICON, type BannedCategory, type Lexicon } from './lexicons.ts';

/**
 * How the compliance lexicons are matched: the text folded once into the form the lexicons are
 * written in, then every listed word of every category found in one pass per language. Pure;
 * the lexicons are compiled once at load.
 */

// Zero-width characters and the soft hyphen would split a word; they are dropped, not spaced.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const NEEDS_FOLD = /[^\u0020-\u007E\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]/;

// 著 is simplified too (显著), so normalize() keeps it; Taiwan writes 走著瞧 for 走着瞧.
const ZHE = /著/g;

/** The text as the lexicons see it. */
export function foldForMatching(text: string): string {
  const s = normalize(text.replace(INVISIBLE, '')).replace(ZHE, '着');
  return NEEDS_FOLD.test(s)
    ? s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC')
    : s;
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HAS_LATIN = /[a-z]/;

/**
 * Finds every listed word of every category in a folded text, in one pass per language:
 * Chinese through an index on each word's first character, English through one regex with a
 * capturing group per category (whole words; a space in a phrase matches any run of spaces).
 */
class LexiconMatcher<C extends string> {
  private readonly categories: readonly C[];
  private readonly zhByFirst = new Map<string, { word: string; category: C }[]>();
  /** 1 at the UTF-16 code of each Chinese word's first character: most characters start none. */
  private readonly zhFirst = new Uint8Array(0x10000);
  private readonly en: RegExp;

  constructor(lexicons: Readonly<Record<C, Lexicon>>) {
    this.categories = Object.keys(lexicons) as C[];
    for (const category of this.categories) {
      for (const word of lexicons[category].zh) {
        const list = this.zhByFirst.get(word[0]!) ?? [];
        list.push({ word, category });
        this.zhByFirst.set(word[0]!, list);
        this.zhFirst[word.charCodeAt(0)] = 1;
      }
    }
    const groups = this.categories.map((c) => {
      const alts = [...lexicons[c].en]
        .sort((a, b) => b.length - a.length)
        .map((w) => escapeRe(w).replace(/ /g, '\\s+'));
      return `(${alts.join('|')})`;
    });
    this.en = new RegExp(`(?<![a-z0-9])(?:${groups.join('|')})(?:s|es|ed|d|ing)?(?![a-z0-9])`, 'g');
  }

  /** Category → the distinct words found, in the order found; categories without a hit are absent. */
  find(text: string): Map<C, string[]> {
    const found = new Map<C, string[]>();
    const add = (category: C, word: string): void => {
      const list = found.get(category);
      if (list === undefined) found.set(category, [word]);
      else if (!list.includes(word)) list.push(word);
    };
    for (let i = 0; i < text.length; i++) {
      if (this.zhFirst[text.charCodeAt(i)] === 0) continue;
      const candidates = this.zhByFirst.get(text[i]!);
      if (candidates === undefined) continue;
      for (const { word, category } of candidates) if (text.startsWith(word, i)) add(category, word);
    }
    if (HAS_LATIN.test(text)) {
      for (const m of text.matchAll(this.en)) {
        const g = m.findIndex((v, k) => k > 0 && v !== undefined);
        add(this.categories[g - 1]!, m[0]);
      }
    }
    return found;
  }
}

const BANNED = new LexiconMatcher<BannedCategory>(BANNED_LEXICON);
const DISCLOSURE = new LexiconMatcher<'disclosure'>({ disclosure: DISCLOSURE_LEXICON });

/** The banned words in a folded text: category → the distinct words found, in the order found. */
export const findBanned = (folded: string): Map<BannedCategory, string[]> => BANNED.find(folded);

/** The words in a folded text that tell a third party there is a debt, in the order found. */
export const findDisclosure = (folded: string): string[] => DISCLOSURE.find(folded).get('disclosure') ?? [];
