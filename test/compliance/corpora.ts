import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GuardInput, GuardRule } from '../../src/compliance/guard.ts';

/**
 * The guard's committed corpora: realistic collector messages that must pass
 * (test/fixtures/guard-clean.jsonl) and disguised banned words that must not
 * (test/fixtures/guard-evasions.jsonl), one JSON object a line.
 */

export interface CleanLine {
  locale: GuardInput['locale'];
  lender: string;
  kind: GuardInput['kind'];
  /** An apology to someone who is not the debtor. */
  wrongParty: boolean;
  text: string;
}

export interface EvasionLine {
  locale: GuardInput['locale'];
  lender: string;
  /** The rule that must block it. */
  rule: GuardRule;
  /** With banned_lexicon: the category its reason names. */
  category?: string;
  text: string;
}

const fixture = (name: string): string[] =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

export const cleanCorpus = (): CleanLine[] =>
  fixture('guard-clean.jsonl').map((l) => JSON.parse(l) as CleanLine);
export const evasionCorpus = (): EvasionLine[] =>
  fixture('guard-evasions.jsonl').map((l) => JSON.parse(l) as EvasionLine);

/** A guard input for a corpus line: 10:00 local on a Monday, nothing sent before, nothing wrong but the text. */
export function inputFor(line: {
  locale: GuardInput['locale'];
  lender: string;
  text: string;
  kind?: GuardInput['kind'];
  wrongParty?: boolean;
}): GuardInput {
  const kind = line.kind ?? 'reply';
  const wrongParty = line.wrongParty ?? false;
  const zh = line.locale === 'zh-CN';
  return {
    text: line.text,
    kind,
    acts: wrongParty ? ['apology'] : kind === 'proactive' ? ['reminder'] : ['answer'],
    locale: line.locale,
    lender: line.lender,
    timezone: zh ? 'Asia/Shanghai' : 'America/New_York',
    quietHours: { start: '21:00', end: '08:00' },
    maxProactivePerDay: 3,
    now: zh ? Date.UTC(2026, 10, 23, 2) : Date.UTC(2026, 10, 23, 15),
    optedOut: false,
    optOutConfirmationSent: false,
    wrongParty,
    proactiveSentAt: [],
    repliesToThisInbound: 0,
  };
}

export const cleanInputs = (): GuardInput[] => cleanCorpus().map(inputFor);
