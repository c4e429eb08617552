/**
 * Where the ordinary Chinese words of a text are, by the word dictionary of ICU (Intl.Segmenter,
 * built into Node): 检查 and 回家 are words, 包警 and 坐劳 are not. The guard asks it only when a
 * banned word was found in a looser way (split by a comma, typed in sound-alike characters), to
 * tell a disguise from an ordinary word that merely sounds or reads like one (回家，人工 holds no
 * 家人, 检查 is no 检察). Deterministic for a given Node (its ICU data); pure.
 */

const SEGMENTER = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const HAN = /[\u3400-\u9fff]/;

/** The multi-character words of a text: `end[i]` > i + 1 when character i is in one, with `start[i]`. */
export interface ChineseWords {
  /** UTF-16 index where the word holding index i starts (i itself when none). */
  start: Int32Array;
  /** UTF-16 index just past the word holding index i (i + 1 when none). */
  end: Int32Array;
}

export function chineseWords(text: string): ChineseWords {
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    start[i] = i;
    end[i] = i + 1;
  }
  for (const { segment, index } of SEGMENTER.segment(text)) {
    if (segment.length < 2 || !HAN.test(segment)) continue;
    for (let i = index; i < index + segment.length; i++) {
      start[i] = index;
      end[i] = index + segment.length;
    }
  }
  return { start, end };
}

/** Whether the character at `i` is part of an ordinary word reaching outside [from, to). */
export const inWordBeyond = (words: ChineseWords, i: number, from: number, to: number): boolean =>
  words.end[i]! - words.start[i]! > 1 && (words.start[i]! < from || words.end[i]! > to);
