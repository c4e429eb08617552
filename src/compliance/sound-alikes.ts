import { ChineseWords } from './chinese-words.ts';
import { hanRuns, type HanRun } from './han-runs.ts';

/**
 * Threat words typed in sound-alike characters: 包警 for 报警, 坐劳 and 座牢 for 坐牢, 逮补 for
 * 逮捕, 法阮 for 法院. A pinyin input method offers every character of a syllable, so a word
 * list alone is typed round by picking the wrong candidate on purpose. A run of Chinese whose
 * toneless pinyin is a listed word's (any reading of each character, from the generated table
 * sound-alike-chars.ts) is that word when:
 *
 * - it keeps at least one of the word's own characters, in place, other than a pronoun (看你 is
 *   no 砍你, 经查 is no 警察: sound alone makes too many ordinary words);
 * - no character put in is a grammatical one (的, 是, 了…: typed on purpose, never as a slip);
 * - no character of the run (but a pronoun of the word) belongs to an ordinary word reaching outside it, and the run is not
 *   itself an ordinary word (ICU's dictionary, chinese-words.ts): 检查 is no 检察, 红包警告 holds
 *   no 包警, 你的退款 no 你的腿, 公正处理 no 公证处.
 *
 * Only the words of the categories the caller gives (the threats: SOUND_ALIKE_CATEGORIES) and of
 * two characters or more. Pure.
 */

export interface SoundAlikeHit<C> {
  category: C;
  word: string;
  /** As typed (包警). */
  shown: string;
}

interface Node<C> {
  next: Map<string, Node<C>>;
  words: { word: string; category: C }[];
}

const HAN_ONLY = /^[\u3400-\u9fff]{2,}$/u;
/** Pronouns keep no word's meaning: 砍你 typed 看你 keeps only 你. */
const PRONOUNS = new Set([...'你您我他她它们']);
/**
 * Grammatical characters are chosen, not slipped (是的 is no 实地). Not 们: an input method offers
 * it first for men, and no word of the lexicon sounds like a pronoun with 们 (找上们 is 找上门).
 */
const FUNCTION_CHARS = new Set([
  ...'的了得地着过么吗呢吧啊呀个是在和就都也又很太把被给让对从向跟与这那哪谁不没别你您我他她它',
  // and Cantonese ones (有冇分期嘅方法 唔該 holds no 法务)
  ...'唔冇佢嘅咗啲嗰哋喺嚟畀俾嘢乜咩咁噉啱',
]);
/**
 * Ordinary words ICU's dictionary misses that sound like a listed word, found by running the
 * parser's debtor texts and the clean corpus through this matcher: 大佬 (冇錢啊大佬) is no 大牢,
 * 冇工開 (out of work) holds no 公开, 报经审批 no 报警, 把收入管起来 no 关起来, 办房贷 no 班房, 车子
 * no 局子.
 */
export const SOUND_ALIKE_ORDINARY: ReadonlySet<string> = new Set([
  '大佬',
  '工开',
  '报经',
  '管起来',
  // found in the 2026-12-01 evening batches: 办房贷 holds no 班房 (jail), 车子 no 局子 (police)
  '办房',
  '车子',
]);

export class SoundAlikes<C extends string> {
  private readonly root: Node<C> = { next: new Map(), words: [] };
  private readonly readings = new Map<string, string[]>();
  /** The characters one of whose readings begins a listed word: a walk starts only at these. */
  private readonly starters = new Set<string>();

  /**
   * `words`: each listed word with its category and its readings ("bao jing"); `chars`:
   * syllable → the characters read so.
   */
  constructor(
    words: Iterable<readonly [word: string, category: C, readings: readonly string[]]>,
    chars: Readonly<Record<string, string>>,
  ) {
    for (const [syllable, cs] of Object.entries(chars))
      for (const ch of cs) {
        const list = this.readings.get(ch) ?? [];
        list.push(syllable);
        this.readings.set(ch, list);
      }
    for (const [word, category, readings] of words) {
      if (!HAN_ONLY.test(word)) continue;
      for (const reading of readings) {
        const syllables = reading.split(' ');
        if (syllables.length !== word.length) continue;
        let node = this.root;
        for (const s of syllables) {
          let child = node.next.get(s);
          if (child === undefined) node.next.set(s, (child = { next: new Map(), words: [] }));
          node = child;
        }
        if (!node.words.some((w) => w.word === word)) node.words.push({ word, category });
      }
    }
    for (const [ch, syllables] of this.readings)
      if (syllables.some((s) => this.root.next.has(s))) this.starters.add(ch);
  }

  /** The listed words a text types in sound-alike characters, in the order found. */
  find(text: string): SoundAlikeHit<C>[] {
    const hits: SoundAlikeHit<C>[] = [];
    for (const run of hanRuns(text)) {
      // The clause each character is in, segmented once if a slip is found in it.
      const clauses = new Map<number, ChineseWords>();
      for (let i = 0; i < run.chars.length; i++) this.walk(text, run, i, hits, clauses);
    }
    return hits;
  }

  private walk(
    text: string,
    run: HanRun,
    i: number,
    hits: SoundAlikeHit<C>[],
    clauses: Map<number, ChineseWords>,
  ): void {
    // Most characters begin no listed word's reading: answered without building the walk.
    if (!this.starters.has(run.chars[i]!)) return;
    let nodes: Node<C>[] = [this.root];
    // A sound-alike never reaches across sentence punctuation (split-words.ts reads those).
    for (let j = i; j < run.chars.length && (j === i || !run.broken[j]); j++) {
      const next: Node<C>[] = [];
      for (const node of nodes)
        for (const r of this.readings.get(run.chars[j]!) ?? []) {
          const child = node.next.get(r);
          if (child !== undefined && !next.includes(child)) next.push(child);
        }
      if (next.length === 0) return;
      nodes = next;
      if (j === i) continue;
      const typed = run.chars.slice(i, j + 1);
      for (const node of nodes)
        for (const { word, category } of node.words) {
          if (typed === word || SOUND_ALIKE_ORDINARY.has(typed) || !this.slip(typed, word)) continue;
          if (this.ordinary(clauseOf(text, run, i, clauses), run, i, j, word)) continue;
          const shown = text.slice(run.at[i], run.at[j]! + 1);
          if (!hits.some((h) => h.word === word && h.shown === shown)) hits.push({ category, word, shown });
        }
    }
  }

  /** Keeps one of the word's characters (not a pronoun) and puts in no grammatical one. */
  private slip(typed: string, word: string): boolean {
    let kept = false;
    for (let k = 0; k < word.length; k++) {
      if (typed[k] === word[k]) kept ||= !PRONOUNS.has(typed[k]!);
      else if (FUNCTION_CHARS.has(typed[k]!)) return false;
    }
    return kept;
  }

  /** The run is an ordinary word, or one of its characters (but a pronoun kept) belongs to one reaching outside it. */
  private ordinary(words: ChineseWords, run: HanRun, i: number, j: number, word: string): boolean {
    const from = run.at[i]!;
    const to = run.at[j]! + 1;
    const [start, end] = words.wordAt(from);
    if (start === from && end === to && to - from > 1) return true;
    for (let k = i; k <= j; k++) {
      // A pronoun of the word joins whatever follows it (冻洁你的银行卡: 你的).
      if (PRONOUNS.has(word[k - i]!) && run.chars[k] === word[k - i]) continue;
      if (words.inWordBeyond(run.at[k]!, from, to)) return true;
    }
    return false;
  }
}

/** The words of the clause of the run holding character i (between sentence punctuation). */
function clauseOf(text: string, run: HanRun, i: number, clauses: Map<number, ChineseWords>): ChineseWords {
  let a = i;
  while (a > 0 && !run.broken[a]) a--;
  let words = clauses.get(a);
  if (words === undefined) {
    let b = a + 1;
    while (b < run.chars.length && !run.broken[b]) b++;
    words = new ChineseWords(text, run.at[a]!, run.at[b - 1]! + 1);
    clauses.set(a, words);
  }
  return words;
}
