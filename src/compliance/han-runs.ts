/**
 * The Chinese characters of a folded text in runs, as the looser matchers read them (split-words.ts,
 * sound-alikes.ts): characters of a run are next to each other or apart by punctuation, symbols,
 * emoji and spaces only; each keeps its index in the text and whether sentence punctuation stood
 * before it. A letter, a digit, a bracket (【安心贷】手铐 is two runs) or any other character ends
 * a run. Pure.
 */

const HAN = /[\u3400-\u9fff]/;
const GAP = /[\s\p{S}\p{Pc}\p{Pd}\p{Po}]/u;
/** Chinese and Latin sentence punctuation, as folded (，→ , ；→ ;): never filler in the plain views. */
export const SENTENCE_PUNCTUATION = /[、。,;!?:…]/;

export interface HanRun {
  /** The characters, run together. */
  chars: string;
  /** UTF-16 index in the text of each character. */
  at: number[];
  /** Whether sentence punctuation stood between character k - 1 and character k. */
  broken: boolean[];
}

export function hanRuns(text: string): HanRun[] {
  const runs: HanRun[] = [];
  let run: HanRun | null = null;
  let brokenGap = false;
  let i = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      if (run === null) runs.push((run = { chars: '', at: [], broken: [] }));
      run.chars += ch;
      run.at.push(i);
      run.broken.push(run.at.length > 1 && brokenGap);
      brokenGap = false;
    } else if (run !== null && GAP.test(ch)) {
      if (SENTENCE_PUNCTUATION.test(ch)) brokenGap = true;
    } else {
      run = null;
      brokenGap = false;
    }
    i += ch.length;
  }
  return runs;
}
