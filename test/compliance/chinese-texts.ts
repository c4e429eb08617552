import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BANNED_LEXICON, type BannedCategory } from '../../src/compliance/lexicons.ts';

/**
 * Ordinary Chinese to hold the looser matchers to: every message with Chinese in it of the
 * parser's labelled debtor fixtures (test/fixtures/parse-*.jsonl), as a stand-in for everyday
 * writing, and the Chinese lines of the guard's clean corpus.
 */

const DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
const HAN = /[\u3400-\u9fff]/;

export function chineseTexts(): string[] {
  const texts: string[] = [];
  for (const name of readdirSync(DIR).sort()) {
    if (!name.endsWith('.jsonl') || !(name.startsWith('parse-') || name === 'guard-clean.jsonl')) continue;
    for (const line of readFileSync(DIR + name, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const { text } = JSON.parse(line) as { text: string };
      if (HAN.test(text)) texts.push(text);
    }
  }
  return texts;
}

/** The banned Chinese words of some categories, each with its category. */
export const bannedZh = (categories: readonly BannedCategory[]): [string, BannedCategory][] =>
  categories.flatMap((c) => BANNED_LEXICON[c].zh.map((w) => [w, c] as [string, BannedCategory]));
