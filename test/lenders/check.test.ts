import { describe, expect, it } from 'vitest';
import { checkLenderTemplates } from '../../src/lenders/check.ts';
import { lendersFrom } from '../../src/lenders/load.ts';
import { LenderConfigSchema, type LenderBook } from '../../src/lenders/schema.ts';
import { TEMPLATE_NAMES, TEMPLATES } from '../../src/messages/template-names.ts';

const book = (lenders: unknown): LenderBook => LenderConfigSchema.parse({ lenders }).lenders;
const zh = (templates: Record<string, unknown>, more: object = {}) =>
  book({ 安心贷: { ...more, templates: { 'zh-CN': templates } } });
const en = (templates: Record<string, unknown>) => book({ QuickCash: { templates: { 'en-US': templates } } });

/** A plain wording of `name` that uses every placeholder it knows. */
function plain(name: (typeof TEMPLATE_NAMES)[number], locale: 'zh-CN' | 'en-US'): string {
  const spec = TEMPLATES[name];
  const slots = spec.placeholders.filter((p) => p !== 'name' && p !== 'lender');
  const list = slots.map((p) => `{${p}}`).join(locale === 'zh-CN' ? '、' : ', ');
  return locale === 'zh-CN'
    ? `温馨提示${list ? `:${list}` : ''}。`
    : `Please note${list ? `: ${list}` : ''}.`;
}

describe('the start-up check of a lender wording: sample data through the one guard', () => {
  it('every template name, in both locales, is rendered by its sample message and passes', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const templates = Object.fromEntries(
        TEMPLATE_NAMES.map((n) => [n, [plain(n, locale), `${plain(n, locale)}!`]]),
      );
      const lenders = book({ 安心贷: { templates: { [locale]: templates } } });
      expect(checkLenderTemplates(lenders)).toEqual([]);
    }
  });

  it('a threat is blocked: the key and the rule are named', () => {
    const [issue, ...rest] = checkLenderTemplates(
      zh({ 'reminder.plan': '再不还款,我们就上门找您,待还{amount}。' }),
    );
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      path: 'lenders.安心贷.templates.zh-CN.reminder.plan',
      rule: 'banned_lexicon',
    });
    expect(issue!.reason).toMatch(/threat "上门"/);
  });

  it('a mention of family is blocked, in English too', () => {
    expect(
      checkLenderTemplates(zh({ 'answer.balance': '您待还{amount},我们会通知您的家人。' })),
    ).toMatchObject([{ path: 'lenders.安心贷.templates.zh-CN.answer.balance', rule: 'banned_lexicon' }]);
    expect(
      checkLenderTemplates(
        en({ 'followup.silence': 'You owe {amount}. We will tell your family and your employer.' }),
      ),
    ).toMatchObject([{ path: 'lenders.QuickCash.templates.en-US.followup.silence', rule: 'banned_lexicon' }]);
  });

  it("an amount left as a placeholder (the seeds' XXX元) is blocked as template debris", () => {
    expect(
      checkLenderTemplates(zh({ 'reminder.gentle': '您的借款已逾期{days}天,待还XXX元。' })),
    ).toMatchObject([{ path: 'lenders.安心贷.templates.zh-CN.reminder.gentle', rule: 'template_debris' }]);
    expect(checkLenderTemplates(en({ 'followup.silence': 'You owe [amount] to us.' }))).toMatchObject([
      { rule: 'template_debris' },
    ]);
  });

  it('only the offending wording of two is named, by its position', () => {
    expect(checkLenderTemplates(zh({ deescalate: ['理解您的心情。', '别逼我们报警。'] }))).toMatchObject([
      { path: 'lenders.安心贷.templates.zh-CN.deescalate.1', rule: 'banned_lexicon' },
    ]);
  });

  it('a wording that outgrows the SMS limit with a long name or a large amount is named with max_length', () => {
    // 280 characters of its own, then three plans for 10^11 yuan: over 350 for the largest balance.
    const long = `${'我们非常重视您的还款情况,'.repeat(20)}方案如下:{options};回复{choices}选择。`;
    const [issue] = checkLenderTemplates(zh({ offer: long }));
    expect(issue).toMatchObject({ path: 'lenders.安心贷.templates.zh-CN.offer', rule: 'max_length' });
    expect(issue!.reason).toMatch(
      /characters, more than 350 \(the SMS limit is 350\), rendered for .* owing 100000000000 CNY/,
    );
  });

  it("the lender's hotline is what the sample says, and a wording other brackets would break is refused", () => {
    expect(
      checkLenderTemplates(zh({ 'answer.who': '【官方】客服电话{hotline}。' }, { hotline: '400-820-8820' })),
    ).toMatchObject([{ rule: 'stray_brackets' }]);
  });

  it('start-up stops with the file, the key and the rule in the message', () => {
    expect(() =>
      lendersFrom(
        { lenders: { 安心贷: { templates: { 'zh-CN': { handoff: '{hours}小时内处理,否则起诉您。' } } } } },
        'config/lenders.yaml',
      ),
    ).toThrow(
      /^HUIKUAN_CONFIG: config\/lenders\.yaml: lenders\.安心贷\.templates\.zh-CN\.handoff: blocked by the guard's rule banned_lexicon: /,
    );
  });
});
