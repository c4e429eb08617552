import { describe, expect, it } from 'vitest';
import { guard } from '../../src/compliance/guard.ts';
import { cleanCorpus, inputFor } from './corpora.ts';

/**
 * A guard that blocks everything is not the goal: the committed clean corpus
 * (test/fixtures/guard-clean.jsonl), realistic collector messages in both languages, goes out
 * as written, including the ones whose words look like banned ones.
 */

const corpus = cleanCorpus();

describe('the clean corpus', () => {
  it('holds at least 150 messages, replies, reminders and apologies, in both languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const lines = corpus.filter((c) => c.locale === locale);
      expect(lines.length).toBeGreaterThanOrEqual(75);
      expect(lines.some((c) => c.kind === 'proactive')).toBe(true);
      expect(lines.some((c) => c.wrongParty)).toBe(true);
    }
  });

  it('holds the words that look like banned ones', () => {
    const all = corpus.map((c) => c.text).join('\n');
    for (const w of [
      '公司',
      '大家',
      '专家',
      '回家',
      '家庭',
      '国家',
      '部门',
      '门店',
      '滚动',
      '死机',
      '官方',
      '警惕',
      // a clause break between two characters that spell a banned word
      '回家,人',
      '本人,事情',
      '线上,门店',
      '办公,安排',
      '账单,位于',
      // ordinary words that sound like a threat
      '经查',
      '检查',
      '看你方便',
      '形式',
      '公式',
      '报经',
      '出境',
    ])
      expect(all).toContain(w);
    for (const w of [
      'courtesy',
      'policy',
      'person',
      'Sue',
      'visit our website',
      'friendly',
      'public holiday',
    ])
      expect(all).toContain(w);
    for (const w of ['Jia Li', 'Dan Wei', 'Dani', 'Bai Lei', 'Zhang Fu']) expect(all).toContain(w);
  });

  it.each(corpus.map((c) => [c.text, c] as const))('sends %s', (_text, c) => {
    expect(guard(inputFor(c))).toEqual({ action: 'send', violations: [] });
  });
});
