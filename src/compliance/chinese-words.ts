/**
 * Where the ordinary Chinese words of a stretch of text are, by the word dictionary of ICU
 * (Intl.Segmenter, built into Node): 检查 and 回家 are words, 包警 and 坐劳 are not. The guard asks
 * it only when a banned word was found in a looser way (split by a comma, typed in sound-alike
 * characters), to tell a disguise from an ordinary word that merely sounds or reads like one
 * (回家，人工 holds no 家人, 检查 is no 检察). Only the clauses around the find are segmented (a
 * word never spans punctuation; a whole SMS costs ten times more). Deterministic for a given
 * Node (its ICU data); pure.
 */

const SEGMENTER = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const HAN = /[\u3400-\u9fff]/;

/** The multi-character words of text[from, to). */
export class ChineseWords {
  private readonly from: number;
  /** Per index from `from`: where the word holding it starts and ends (itself when none). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(text: string, from = 0, to = text.length) {
    this.from = from;
    this.starts = new Int32Array(to - from);
    this.ends = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      this.starts[i - from] = i;
      this.ends[i - from] = i + 1;
    }
    for (const { segment, index } of SEGMENTER.segment(text.slice(from, to))) {
      if (segment.length < 2 || !HAN.test(segment)) continue;
      for (let k = index; k < index + segment.length; k++) {
        this.starts[k] = from + index;
        this.ends[k] = from + index + segment.length;
      }
    }
  }

  /** [start, end) of the word holding index i ([i, i + 1) when none or outside the stretch). */
  wordAt(i: number): [number, number] {
    const k = i - this.from;
    return k >= 0 && k < this.starts.length ? [this.starts[k]!, this.ends[k]!] : [i, i + 1];
  }

  /** Whether the character at `i` is part of an ordinary word reaching outside [from, to). */
  inWordBeyond(i: number, from: number, to: number): boolean {
    const [start, end] = this.wordAt(i);
    return end - start > 1 && (start < from || end > to);
  }
}
