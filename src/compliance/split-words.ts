import { ChineseWords } from './chinese-words.ts';
import { hanRuns } from './han-runs.ts';

/**
 * Chinese banned words split by sentence punctuation: 报、警, 报，警, 坐。牢, 家，人. The plain
 * views never read a comma as filler, since a clause break often falls between two characters
 * that happen to spell a listed word: 回家，人工客服 (家人), 本人，事情 (人事), 线上，门店 (上门),
 * 办公，安排 (公安), 及时报，警惕诈骗 (报警). So a word read across sentence punctuation counts
 * only when none of its characters belongs to an ordinary word reaching outside it (ICU's
 * dictionary, chinese-words.ts): 就报，警 is a disguise, 回家，人工 is two words. Pure.
 */

export interface SplitHit<C> {
  category: C;
  word: string;
  /** As typed, punctuation included (报，警). */
  shown: string;
}

const HAN_ONLY = /^[\u3400-\u9fff]{2,}$/u;

export class SplitWords<C extends string> {
  private readonly byFirst = new Map<string, { word: string; category: C }[]>();

  constructor(words: Iterable<readonly [word: string, category: C]>) {
    for (const [word, category] of words) {
      if (!HAN_ONLY.test(word)) continue;
      const list = this.byFirst.get(word[0]!) ?? [];
      if (!list.some((e) => e.word === word)) list.push({ word, category });
      this.byFirst.set(word[0]!, list);
    }
  }

  /** The listed words a text spells across sentence punctuation, not as part of ordinary words. */
  find(text: string): SplitHit<C>[] {
    const hits: SplitHit<C>[] = [];
    for (const run of hanRuns(text)) {
      if (!run.broken.includes(true)) continue;
      for (let i = 0; i < run.chars.length; i++) {
        for (const { word, category } of this.byFirst.get(run.chars[i]!) ?? []) {
          const n = word.length;
          if (!run.chars.startsWith(word, i) || !run.broken.slice(i + 1, i + n).includes(true)) continue;
          const from = run.at[i]!;
          const to = run.at[i + n - 1]! + 1;
          // The clauses the word touches: from the break before it to the one after.
          let a = i;
          while (a > 0 && !run.broken[a]) a--;
          let b = i + n;
          while (b < run.chars.length && !run.broken[b]) b++;
          const words = new ChineseWords(text, run.at[a]!, run.at[b - 1]! + 1);
          let ordinary = false;
          for (let k = i; k < i + n && !ordinary; k++) ordinary = words.inWordBeyond(run.at[k]!, from, to);
          if (!ordinary) hits.push({ category, word, shown: text.slice(from, to) });
        }
      }
    }
    return hits;
  }
}
