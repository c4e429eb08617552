import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, Draft } from '../../src/dialogue/types.ts';
import { sampleFor } from '../../src/lenders/samples.ts';
import { render } from '../../src/messages/index.ts';
import { TEMPLATE_NAMES, type TemplateOverrides } from '../../src/messages/template-names.ts';
import { DEFAULT_POLICY } from '../../src/planning/policy.ts';

const zhang: Account = {
  id: 'a1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360_000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  hotline: '400-820-8820',
};
const today = '2026-11-23';
const ctx = (templates?: TemplateOverrides, previous?: string) => ({
  account: zhang,
  today,
  ...(templates ? { templates } : {}),
  ...(previous ? { previous } : {}),
});
const who: Draft = { kind: 'reply', acts: ['answer'], answerTopic: 'who', answerTopics: ['who'] };
const reminder: Draft = { kind: 'proactive', acts: ['reminder'], proactiveReason: 'first_reminder' };

describe("a lender's wording in the composer (CONTRACTS §10 templates)", () => {
  it('takes the place of the catalogue sentence, its placeholders filled from the facts', () => {
    const t = { 'answer.who': ['我们是{lender}官方客服,电话{hotline}。'] };
    expect(render(who, ctx(t))).toBe(
      '【安心贷】张伟您好,我们是安心贷官方客服,电话400-820-8820。祝您生活愉快!',
    );
  });

  it('cannot leave out the signature or the opt-out hint: the composer adds them around it', () => {
    const t = { 'reminder.consequences': ['您的借款已逾期{days}天,待还{amount},请尽快处理。'] };
    const text = render(reminder, ctx(t));
    expect(text.startsWith('【安心贷】')).toBe(true);
    expect(text.endsWith('回复R拒收')).toBe(true);
    expect(text).toContain('您的借款已逾期5天,待还3600元,请尽快处理。');
  });

  it('a wording that names the debtor itself gets no greeting in front', () => {
    const t = { 'answer.who': ['{name},这里是{lender}客服,电话{hotline}。'] };
    expect(render(who, ctx(t))).toBe('【安心贷】张伟,这里是安心贷客服,电话400-820-8820。祝您生活愉快!');
  });

  it('a placeholder without a value in this message sends the catalogue sentence, never a half-filled one', () => {
    const t = { 'answer.who': ['我们是{lender}客服,电话{hotline}。'] };
    const noHotline = { ...ctx(t), account: { ...zhang, hotline: undefined } };
    expect(render(who, noHotline)).toBe(render(who, { ...noHotline, templates: undefined }));
  });

  it('never the same text twice: one wording → the repeat is the catalogue second wording; two → the second', () => {
    const one = { 'answer.who': ['我们是{lender}客服,电话{hotline}。'] };
    const first = render(who, ctx(one));
    const again = render(who, ctx(one, first));
    expect(again).not.toBe(first);
    expect(again).toBe(render(who, ctx(undefined, render(who, ctx()))));
    const two = { 'answer.who': ['我们是{lender}客服,电话{hotline}。', '{lender}官方电话:{hotline}。'] };
    expect(render(who, ctx(two, render(who, ctx(two))))).toBe(
      '【安心贷】张伟您好,安心贷官方电话:400-820-8820。祝您一切顺利!',
    );
  });

  it('a wording that would outgrow the SMS limit at run time gives way to the catalogue', () => {
    // An account's own payment instructions may run to 200 characters: 200 + 200 is over 350.
    const how: Draft = { ...who, answerTopic: 'how_to_pay', answerTopics: ['how_to_pay'] };
    const t = { 'answer.howToPay': [`${'请您按以下方式还款'.repeat(22)}:{howToPay}`] };
    const long = { ...ctx(t), account: { ...zhang, howToPay: '在App内还款。'.repeat(25) } };
    const text = render(how, long);
    expect(text.length).toBeLessThanOrEqual(350);
    expect(text).toBe(render(how, { ...long, templates: undefined }));
  });

  it('an answer to several topics takes the lender wording for its topic and the catalogue for the rest', () => {
    const both: Draft = { ...who, answerTopic: 'who', answerTopics: ['who', 'how_to_pay'] };
    const t = { 'answer.who': ['我们是{lender}官方客服,电话{hotline}。'] };
    const text = render(both, ctx(t));
    expect(text).toContain('我们是安心贷官方客服,电话400-820-8820。');
    expect(text).toContain('“我的借款”页面还款');
  });

  it('property: with one or two wordings for every name, a text never repeats the one before it', () => {
    const templates: TemplateOverrides = Object.fromEntries(
      TEMPLATE_NAMES.map((n) => [n, n.length % 2 === 0 ? ['温馨提示。'] : ['温馨提示。', '特此告知。']]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATE_NAMES), (name) => {
        const { draft } = sampleFor(name, zhang, DEFAULT_POLICY);
        const first = render(draft, ctx(templates));
        expect(render(draft, ctx(templates, first))).not.toBe(first);
      }),
      { numRuns: TEMPLATE_NAMES.length * 2 },
    );
  });
});
