import * as lexicon from './lexicon/hardship.ts';
import { gatedLexicon } from './regex-gate.ts';
import type { Hardship } from './schema.ts';

// Each lexicon behind its gate (regex-gate.ts): same names, same answers.
const { LONG_TERM, NOT_LONG, NOT_TEMPORARY, TEMPORARY } = gatedLexicon(lexicon);

/**
 * Whether the debtor's difficulty is short-lived or lasting (CONTRACTS §2), over the clauses the
 * debtor asserts (a cause they deny, 不是失业, is removed before this runs).
 */
export function detectHardship(text: string): Hardship | null {
  const longTerm = LONG_TERM.test(text) && !NOT_LONG.test(text);
  const temporary = TEMPORARY.test(text) && !NOT_TEMPORARY.test(text);
  // An explicit "暂时/temporary" outweighs a lasting cause; otherwise a lasting cause outweighs
  // a time word (最近失业了 is long-term).
  if (temporary && longTerm)
    return /暂时|临时|短期|\btemporar|\bshort[- ]term/.test(text) && !/长期|long[- ]term/.test(text)
      ? 'temporary'
      : 'long_term';
  if (longTerm) return 'long_term';
  if (temporary) return 'temporary';
  return null;
}
