import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guard, type GuardInput } from '../../src/compliance/guard.ts';
import { BANNED_LEXICON } from '../../src/compliance/lexicons.ts';
import { propRuns } from '../support/props.ts';
import { cleanCorpus, evasionCorpus, inputFor } from './corpora.ts';
import { disguise, evasionArb, listedWords, transformsFor, type Evasion } from './evasions.ts';

/**
 * The banned words cannot be typed past the guard: every listed word of every category, in
 * every disguise an agent might try (evasions.ts), is blocked for banned words of its category,
 * wherever it stands in an otherwise clean message; so is every line of the committed evasion
 * corpus. Its counterpart, clean-corpus.test.ts, holds the guard to passing clean messages.
 */

const ZH_HOST = '【安心贷】张伟您好,您当前待还金额为3600元,可通过App首页的还款入口还款。';
const EN_HOST = 'QuickCash: Hi John, your balance is $3,600.00. You can pay in the app under Payments.';

const zhInput = (text: string): GuardInput => inputFor({ locale: 'zh-CN', lender: '安心贷', text });
const enInput = (text: string): GuardInput => inputFor({ locale: 'en-US', lender: 'QuickCash', text });

/**
 * The evasion as it would be typed into a message: a Latin one between spaces; a Chinese one
 * split by punctuation, or in sound-alike characters, as a clause of its own (inside an ordinary
 * word of the message it is that word: 回家，人工 holds no 家人, 红包警告 no 包警).
 */
const typed = (e: Evasion): string =>
  e.transform === 'punctuated' || e.transform === 'sound-alike'
    ? `。${e.shown}。`
    : e.script === 'zh' && !e.zhOnly
      ? e.shown
      : ` ${e.shown} `;

function expectBlockedFor(input: GuardInput, e: Evasion): void {
  const v = guard(input);
  const banned = v.violations.find((x) => x.rule === 'banned_lexicon');
  if (v.action !== 'block' || !banned?.reason.includes(e.category.replace('_', '/'))) {
    expect.fail(
      `${e.transform} of ${JSON.stringify(e.word)} (${e.category}) as ${JSON.stringify(e.shown)} got through: ${JSON.stringify(v)}`,
    );
  }
}

const MASKS = [[0], [1, 2, 3], [7, 4, 9, 2, 5]];

describe('every banned word, in every disguise', () => {
  const words = listedWords(BANNED_LEXICON);

  it('is blocked in a Chinese SMS and, but for pinyin, in an English one', () => {
    let cases = 0;
    for (const w of words) {
      for (const transform of transformsFor(w)) {
        for (const mask of MASKS) {
          const e = disguise(w, transform, mask);
          expectBlockedFor(zhInput(ZH_HOST + typed(e)), e);
          cases++;
          if (!e.zhOnly) {
            expectBlockedFor(enInput(EN_HOST + typed(e)), e);
            cases++;
          }
        }
      }
    }
    expect(words.length).toBeGreaterThan(600);
    expect(cases).toBeGreaterThan(8_000);
  });

  it('is blocked wherever it stands in any clean message of the corpus', () => {
    const clean = cleanCorpus();
    const zhHosts = clean.filter((c) => c.locale === 'zh-CN');
    fc.assert(
      fc.property(evasionArb(BANNED_LEXICON), fc.nat(), fc.nat(), (e, h, pos) => {
        const hosts = e.zhOnly ? zhHosts : clean;
        const host = hosts[h % hosts.length]!;
        const at = pos % (host.text.length + 1);
        const text = host.text.slice(0, at) + typed(e) + host.text.slice(at);
        expectBlockedFor(inputFor({ ...host, text }), e);
      }),
      { numRuns: propRuns(500) },
    );
  });
});

describe('the committed evasion corpus (test/fixtures/guard-evasions.jsonl)', () => {
  const corpus = evasionCorpus();

  it('holds realistic evasions of every kind, in both languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(90);
    expect(corpus.filter((e) => e.locale === 'zh-CN').length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((e) => e.locale === 'en-US').length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((e) => [e.text, e] as const))('blocks %s', (_text, e) => {
    const v = guard(inputFor(e));
    expect(v.action).toBe('block');
    const hit = v.violations.find((x) => x.rule === e.rule);
    expect(hit, JSON.stringify(v.violations)).toBeDefined();
    if (e.category !== undefined) expect(hit!.reason).toContain(e.category.replace('_', '/'));
  });
});
