import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * A folded text reduced to the skeleton the lexicons are matched on, and the views of it that
 * undo the ways a word is disguised:
 *
 * - look-alike letters of other scripts (Cyrillic р, Greek ο, ℓ, ı…) mapped to the letter they
 *   imitate, by the Unicode confusables table of UTS #39 (confusables.txt, as the unhomoglyph
 *   package ships it), for every character but Chinese, Japanese, Korean and emoji;
 * - digits and symbols inside a word read as letters (p0l1ce, $hit, sh!t), and i and l as one
 *   letter, since 1, | and ! stand for either;
 * - filler inside a word dropped (p.o.l.i.c.e, po-lice), letters spaced one by one joined
 *   (p o l i c e), filler between Chinese characters dropped (报*警, 坐-牢, 骗😀子).
 *
 * Chinese sentence punctuation (，。！？；：、) is never filler here: "到家。人工客服" holds no 家人.
 * A word split by it (报，警) is read by split-words.ts, which tells the two apart by ICU's words.
 * Runs on text already folded by foldForMatching (NFKC, lower case, simplified, no diacritics).
 */

const require = createRequire(import.meta.url);

/** confusables.txt: a character → its prototype (one or more characters). */
const ConfusablesSchema = z.record(z.string(), z.string());

/** Scripts and symbols left as they are: Chinese, kana, Hangul, CJK punctuation, full width, emoji. */
const KEEP =
  /[\p{ASCII}\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|\p{Extended_Pictographic}/u;

/**
 * Letters UTS #39 leaves out because they are not confusable at a glance, yet read as letters in
 * an SMS: negative circled and squared letters (🅟, 🅿), regional indicators (🇵🇴🇱…), small
 * capitals (ᴘᴏʟɪᴄᴇ), and ¡ for i. NFKC already folds the plain circled and squared ones (ⓟ, 🄿).
 */
function lettersConfusablesMiss(): [string, string][] {
  const az = 'abcdefghijklmnopqrstuvwxyz';
  const pairs: [string, string][] = [];
  for (const base of [0x1f150, 0x1f170, 0x1f1e6])
    for (let i = 0; i < 26; i++) pairs.push([String.fromCodePoint(base + i), az[i]!]);
  // Every letter but x, which has no small capital.
  const small = [...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ'];
  small.forEach((ch, i) => pairs.push([ch, 'abcdefghijklmnopqrstuvwyz'[i]!]));
  pairs.push(['¡', 'i']);
  return pairs;
}

function lookalikeTable(): Map<string, string> {
  const data = ConfusablesSchema.parse(require('unhomoglyph/data.json'));
  const table = new Map<string, string>(lettersConfusablesMiss());
  for (const [from, to] of Object.entries(data)) {
    if ([...from].length !== 1 || KEEP.test(from) || table.has(from)) continue;
    const proto = to
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    if (proto !== from) table.set(from, proto);
  }
  return table;
}
const LOOKALIKES = lookalikeTable();
const NEEDS_LOOKUP = /[^\p{ASCII}\u3000-\u303f\u3400-\u9fff]/u;

/** Look-alike letters → the letters they imitate, in lower case. */
function unlookalike(s: string): string {
  if (!NEEDS_LOOKUP.test(s)) return s;
  let out = '';
  for (const ch of s) out += LOOKALIKES.get(ch) ?? ch;
  return out.toLowerCase();
}

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'l',
  '|': 'l',
};
const HAS_LETTER = /[a-z]/;
/** Some word mixes letters and digits: else there is nothing to read. */
const LETTER_DIGIT = /[a-z][0-9]|[0-9][a-z]/;
/** A word that mixes letters and digits (p0l1ce, 4pm): only those are read again. */
const DIGIT_WORD = /(?<![a-z0-9])(?=[a-z0-9]*(?:[a-z][0-9]|[0-9][a-z]))[a-z0-9]+/g;
/** Some word holds a symbol before a letter, or between two (sh!t, $hit, a$$hole; not "$3" nor "liar!"). */
const LETTER_SYMBOL = /[@$!|][a-z]|[a-z0-9][@$!|]+[a-z0-9]/;
const SYMBOL_WORD = /[a-z0-9@$!|]+/g;
const TRAILING_SYMBOLS = /[@$!|]+$/;
const STAND_IN = /[0-9@$!|]/g;

function readStandIns(w: string): string {
  if (!HAS_LETTER.test(w)) return w;
  // "liar!" ends a sentence: a symbol stands for a letter only inside the word.
  const tail = TRAILING_SYMBOLS.exec(w)?.[0] ?? '';
  return w.slice(0, w.length - tail.length).replace(STAND_IN, (c) => LEET[c] ?? c) + tail;
}

/** Digits inside a word → letters; then i → l. */
function letters(s: string): string {
  if (!HAS_LETTER.test(s)) return s;
  return (LETTER_DIGIT.test(s) ? s.replace(DIGIT_WORD, readStandIns) : s).replace(/i/g, 'l');
}

/**
 * The symbols inside a word → letters too. A second view, not the base one: in "sh!t" the ! is
 * a letter, in "or else!Pay now" it ends a sentence.
 */
const symbolsRead = (lettered: string): string =>
  LETTER_SYMBOL.test(lettered) ? lettered.replace(SYMBOL_WORD, readStandIns) : lettered;

/** The skeleton of a folded text or a lexicon word: look-alikes, digits for letters, i/l. */
export const toSkeleton = (folded: string): string => letters(unlookalike(folded));

// Letters spaced out one by one (p o l i c e, s. u. e.): three single letters or more. The run
// may begin or end with a neighbour's letter ("Reply A p o l i c e"): it is searched as letters.
const SPACED = /(?<![a-z0-9])[a-z0-9](?:[^a-z0-9\u3400-\u9fff]{1,3}[a-z0-9](?![a-z0-9])){2,}/g;
const NOT_ALNUM = /[^a-z0-9]/g;
// Filler inside a word (po.lice, k*i*d, co-worker) next to a letter: not a space (two words stay
// two), not an apostrophe (we'll, you're: the base view reads contractions), not in a figure (1,200).
const INNER_FILLER =
  /(?<=[a-z])[^\s'’a-z0-9\u3400-\u9fff]{1,3}(?=[a-z0-9])|(?<=[0-9])[^\s'’a-z0-9\u3400-\u9fff]{1,3}(?=[a-z])/g;
// Filler between Chinese characters: spaces, symbols, emoji, dashes, dots; not sentence punctuation.
const HAN_FILLER =
  /(?<=[\u3400-\u9fff])(?:(?![、。，；;,!?:…])[\s\p{S}\p{Pc}\p{Pd}\p{Po}])+(?=[\u3400-\u9fff])/gu;
const HAN = /[\u3400-\u9fff]/;

export interface SkeletonViews {
  /** Where Chinese words and emoji are looked for. */
  han: string[];
  /** Where English words are looked for ([] when the text has no Latin letter). */
  latin: string[];
  /** Runs of letters spaced out one by one, joined: words are looked for anywhere in them. */
  spaced: string[];
  /** The text with look-alikes mapped but no stand-ins read, for pinyin (digits there are tones). */
  pinyin: string;
}

/** The views of a folded text that the lexicons are matched on, each distinct. */
export function skeletonViews(folded: string): SkeletonViews {
  const sk = unlookalike(folded);
  const base = letters(sk);
  const han = [base];
  if (HAN.test(base)) {
    const joined = base.replace(HAN_FILLER, '');
    if (joined !== base) han.push(joined);
  }
  const latin: string[] = [];
  const spaced: string[] = [];
  if (HAS_LETTER.test(sk)) {
    latin.push(base);
    const symbols = symbolsRead(base);
    if (symbols !== base) latin.push(symbols);
    const joined = letters(sk.replace(INNER_FILLER, ''));
    if (joined !== base) latin.push(joined);
    // |< is the one two-symbol letter in use (|<ill): read as k before any filler is dropped.
    if (sk.includes('|<')) latin.push(letters(sk.replaceAll('|<', 'k')));
    for (const m of sk.matchAll(SPACED)) spaced.push(letters(m[0].replace(NOT_ALNUM, '')));
  }
  return { han, latin, spaced, pinyin: sk };
}
