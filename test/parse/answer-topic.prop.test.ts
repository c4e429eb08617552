import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerTopicSchema, type AnswerTopic } from '../../src/dialogue/types.ts';
import { answerTopic, answerTopics } from '../../src/parse/answer-topic.ts';
import { propRuns } from '../support/props.ts';

const runs = propRuns(300);

/** One plain question per topic, each asking that topic alone. */
const EXEMPLARS: Record<Exclude<AnswerTopic, 'general'>, string[]> = {
  who: ['你们是谁', '是不是诈骗', 'is this legit'],
  handoff_eta: ['什么时候有人联系我', '人工什么时候回复', 'when will someone call me'],
  late_fees: ['滞纳金能不能免', '罚息可以减免吗', 'can you waive the late fee'],
  overdue_days: ['逾期几天了', '逾期多久了', 'how many days late am i'],
  next_installment: ['下一期是哪天', '下期几号', "when's the next one due"],
  remaining: ['还剩几期', '还差多少没还', 'how much is left'],
  credit: ['会影响征信吗', '会上黑名单吗', 'will this hurt my credit'],
  balance: ['我欠多少钱', '余额多少', 'what do i owe'],
  how_to_pay: ['怎么还款', '可以用微信还吗', 'how do i pay'],
};
const topics = Object.keys(EXEMPLARS) as (keyof typeof EXEMPLARS)[];
const question = fc
  .constantFrom(...topics)
  .chain((topic) => fc.constantFrom(...EXEMPLARS[topic]).map((text) => ({ topic, text })));
const anyText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc
    .array(fc.constantFrom(...Object.values(EXEMPLARS).flat(), '还', '多少', '?', ',', ' and ', '期', '吗'), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);

describe('answerTopics (properties)', () => {
  it('always names at least one known topic, each once, with general only alone', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const asked = answerTopics(text);
        expect(asked.length).toBeGreaterThan(0);
        for (const t of asked) expect(AnswerTopicSchema.safeParse(t).success).toBe(true);
        expect(new Set(asked).size).toBe(asked.length);
        if (asked.includes('general')) expect(asked).toEqual(['general']);
      }),
      { numRuns: runs },
    );
  });

  it('answerTopic is one of the topics asked, the same on every call', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const topic = answerTopic(text);
        expect(answerTopics(text)).toContain(topic);
        expect(answerTopic(text)).toBe(topic);
      }),
      { numRuns: runs },
    );
  });

  it('two questions about different things, one after the other, are both listed in that order', () => {
    fc.assert(
      fc.property(question, question, fc.constantFrom(',', '?', '。', '!'), (a, b, sep) => {
        fc.pre(a.topic !== b.topic);
        expect(answerTopics(`${a.text}${sep}${b.text}`)).toEqual([a.topic, b.topic]);
      }),
      { numRuns: runs },
    );
  });

  it('a question about one thing is about it alone', () => {
    fc.assert(
      fc.property(question, ({ topic, text }) => {
        expect(answerTopics(text)).toEqual([topic]);
        expect(answerTopics(text.toUpperCase())).toEqual([topic]);
      }),
      { numRuns: runs },
    );
  });
});
