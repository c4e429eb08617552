/**
 * Chinese written in Latin letters (pinyin), as people type it: with tone marks (bào jǐng), tone
 * digits (bao4 jing3) or neither, ü as u or v, syllables spaced, run together or split by
 * punctuation. Words are looked up by their syllables, matched on whole Latin tokens so that a
 * key never fires inside an English word.
 *
 * The syllables of a word list come from a generated table (pinyin-pro at build time, never at
 * run time: its dictionary takes half a second to load): compliance/lexicon-pinyin.ts is the
 * guard's; a reader of debtor texts can build its own PinyinIndex the same way.
 */

const HAS_LATIN = /[a-z]/i;
// A tone digit right after a syllable's letters: bao4jing3, lv4, zhe0 (0 or 5: the neutral tone).
const TONE_DIGIT = /(?<=[a-z])[0-5](?![0-9])/g;
const LATIN_RUN = /[a-z]+/g;
/** Tone marks, precomposed (à, ǚ, ḿ) or combining: only then is the text decomposed. */
const MARKED = /[\u00c0-\u024f\u1e00-\u1eff]|\p{M}/u;

/** One syllable or a run of syllables as a key: lower case, no tones, ü → u. */
export const pinyinKey = (syllables: string): string =>
  syllables
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/v/g, 'u')
    .replace(/[^a-z]/g, '');

// Anything but ASCII (Chinese, emoji, other scripts) ends a run: syllables never join across it.
const RUN_BREAK = /\P{ASCII}+/u;

/**
 * The Latin tokens of a text read as pinyin (tones dropped, ü and v as u), in runs: tokens of one
 * run are separated only by spaces, digits or ASCII punctuation. [] when the text has no Latin.
 */
export function pinyinRuns(text: string): string[][] {
  if (!HAS_LATIN.test(text)) return [];
  const plain = (MARKED.test(text) ? text.normalize('NFD').replace(/\p{M}+/gu, '') : text)
    .toLowerCase()
    .replace(TONE_DIGIT, '')
    .replace(/v/g, 'u');
  const runs: string[][] = [];
  for (const part of plain.split(RUN_BREAK)) {
    const tokens = part.match(LATIN_RUN);
    if (tokens) runs.push(tokens);
  }
  return runs;
}

/**
 * Words by their pinyin. A word is found when consecutive tokens of the text spell its syllables
 * exactly, however the tokens split them (jia ren, jiaren, j i a r e n). Words of one syllable
 * are refused: a single syllable is also an English word or a name too often (ma, si, gun).
 */
export class PinyinIndex<T> {
  private readonly keys = new Map<string, T[]>();
  private readonly longest: number;

  constructor(entries: Iterable<readonly [syllables: readonly string[], value: T]>) {
    let longest = 0;
    for (const [syllables, value] of entries) {
      if (syllables.length < 2)
        throw new RangeError(`a pinyin key needs two syllables or more: ${syllables.join(' ')}`);
      const key = syllables.map(pinyinKey).join('');
      const list = this.keys.get(key);
      if (list === undefined) this.keys.set(key, [value]);
      else if (!list.includes(value)) list.push(value);
      longest = Math.max(longest, key.length);
    }
    this.longest = longest;
  }

  /** The values whose pinyin consecutive tokens of a run spell, each once, in the order found. */
  find(runs: readonly (readonly string[])[]): T[] {
    const found: T[] = [];
    for (const tokens of runs) {
      for (let i = 0; i < tokens.length; i++) {
        let spelt = '';
        for (let j = i; j < tokens.length; j++) {
          spelt += tokens[j];
          if (spelt.length > this.longest) break;
          const values = this.keys.get(spelt);
          if (values !== undefined) for (const v of values) if (!found.includes(v)) found.push(v);
        }
      }
    }
    return found;
  }
}
