import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { LenderConfigSchema } from '../../src/lenders/schema.ts';
import { lendersFrom } from '../../src/lenders/load.ts';

/** The problems a configuration is refused with, one per line, without the variable's prefix. */
function refusal(lenders: unknown): string[] {
  try {
    lendersFrom({ lenders }, 'lenders.yaml');
  } catch (err) {
    return (err as Error).message.replace(/^HUIKUAN_CONFIG: /, '').split('\n');
  }
  throw new Error('expected the configuration to be refused');
}

describe('the lender configuration file (CONTRACTS §10)', () => {
  it('accepts the shipped example: a zh-CN and an en-US lender with hotline, howToPay, policy and wording', () => {
    const doc = parseYaml(readFileSync('config/lenders.example.yaml', 'utf8'));
    const book = lendersFrom(doc, 'config/lenders.example.yaml');
    expect(Object.keys(book)).toEqual(['安心贷', 'QuickCash']);
    expect(book['安心贷']).toMatchObject({ hotline: '400-820-8820', policy: { maxInstallments: 6 } });
    expect(Object.keys(book['安心贷']!.templates!['zh-CN']!).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(book.QuickCash!.templates!['en-US']!).length).toBeGreaterThanOrEqual(5);
  });

  it('a single wording is a list of one; two wordings stay in order', () => {
    const r = LenderConfigSchema.parse({
      lenders: {
        安心贷: {
          templates: { 'zh-CN': { handoff: '专员{hours}小时内联系您。', ack: ['收到。', '好的。'] } },
        },
      },
    });
    expect(r.lenders['安心贷']!.templates!['zh-CN']).toEqual({
      handoff: ['专员{hours}小时内联系您。'],
      ack: ['收到。', '好的。'],
    });
  });

  it('names the file and the key path of a misspelt key, at every level', () => {
    expect(refusal({ 安心贷: { hotlin: '400' } })).toEqual([
      'lenders.yaml: lenders.安心贷.hotlin: unknown key',
    ]);
    expect(refusal({ 安心贷: { policy: { maxInstalments: 6 } } })).toEqual([
      'lenders.yaml: lenders.安心贷.policy.maxInstalments: unknown key',
    ]);
    expect(refusal({ 安心贷: { templates: { 'zh-TW': {} } } })).toEqual([
      'lenders.yaml: lenders.安心贷.templates.zh-TW: unknown key',
    ]);
    expect(() => lendersFrom({ lender: {} }, 'f.json')).toThrow(/f\.json: lender: unknown key/);
  });

  it('refuses a value of the wrong kind with the reason', () => {
    expect(refusal({ 安心贷: { hotline: '' } })[0]).toBe(
      'lenders.yaml: lenders.安心贷.hotline: expected a phone number',
    );
    expect(refusal({ 安心贷: { howToPay: 'x'.repeat(201) } })[0]).toBe(
      'lenders.yaml: lenders.安心贷.howToPay: at most 200 characters',
    );
  });

  it('refuses a lender name that could not sign an SMS', () => {
    expect(refusal({ 人民法院催收: {} })[0]).toMatch(
      /^lenders\.yaml: lenders\.人民法院催收: .*court, the police/,
    );
    expect(refusal({ 'A very long lender name indeed': {} })[0]).toMatch(/at most 20 characters/);
  });

  describe("the lender's policy keeps the legal floors, like an imported one", () => {
    it('quiet hours that leave a floor open are refused with the key path', () => {
      expect(refusal({ 安心贷: { policy: { quietHours: { start: '23:00' } } } })).toEqual([
        expect.stringMatching(
          /^lenders\.yaml: lenders\.安心贷\.policy\.quietHours: 23:00–08:00 does not cover the legal quiet hours 22:00–08:00 \(China\)/,
        ),
      ]);
      expect(refusal({ QuickCash: { policy: { quietHours: { end: '07:00' } } } })[0]).toMatch(
        /lenders\.QuickCash\.policy\.quietHours: 21:00–07:00 does not cover/,
      );
    });

    it('more than three proactive messages a day is refused', () => {
      expect(refusal({ 安心贷: { policy: { maxProactivePerDay: 5 } } })).toEqual([
        'lenders.yaml: lenders.安心贷.policy.maxProactivePerDay: expected an integer from 0 to 3 (more than 3 proactive messages a day is harassment)',
      ]);
    });

    it('a stricter policy is accepted', () => {
      const book = lendersFrom(
        {
          lenders: {
            安心贷: { policy: { quietHours: { start: '20:00', end: '09:00' }, maxProactivePerDay: 2 } },
          },
        },
        'f.yaml',
      );
      expect(book['安心贷']!.policy).toEqual({
        quietHours: { start: '20:00', end: '09:00' },
        maxProactivePerDay: 2,
      });
    });
  });

  describe('template names and placeholders', () => {
    it('an unknown template name is refused naming its key and the known names', () => {
      const [line] = refusal({ 安心贷: { templates: { 'zh-CN': { offr: '{options}' } } } });
      expect(line).toMatch(
        /^lenders\.yaml: lenders\.安心贷\.templates\.zh-CN\.offr: unknown template name \(known: reminder\.due, /,
      );
      expect(line).toContain('answer.howToPay');
    });

    it('an unknown placeholder is refused naming the key, the placeholder and the ones the template knows', () => {
      expect(
        refusal({ QuickCash: { templates: { 'en-US': { handoff: 'Within {hours} hours, {agent}.' } } } }),
      ).toEqual([
        'lenders.yaml: lenders.QuickCash.templates.en-US.handoff: unknown placeholder {agent} (this template knows {name}, {lender}, {hours})',
      ]);
    });

    it('a placeholder of another template is unknown here: no debtor name to a wrong number', () => {
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { apology: '{name}您好,打扰了。' } } } })[0]).toMatch(
        /templates\.zh-CN\.apology: unknown placeholder \{name\}/,
      );
    });

    it('the second wording is named by its position', () => {
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { offer: ['{options}', '方案{opts}'] } } } })).toEqual(
        [
          'lenders.yaml: lenders.安心贷.templates.zh-CN.offer.1: unknown placeholder {opts} (this template knows {name}, {lender}, {options}, {choices})',
          'lenders.yaml: lenders.安心贷.templates.zh-CN.offer.1: must use {options}',
        ],
      );
    });

    it('a wording that leaves out the fact the message must state is refused', () => {
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { offer: '请回复A/B/C选择方案。' } } } })).toEqual([
        'lenders.yaml: lenders.安心贷.templates.zh-CN.offer: must use {options}',
      ]);
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { confirm: '已确认方案{id}。' } } } })[0]).toMatch(
        /confirm: must use \{plan\} or \{amount\} and \{date\}/,
      );
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { handoff: '专员会尽快联系您。' } } } })[0]).toMatch(
        /handoff: must use \{hours\}/,
      );
    });

    it('two wordings that are the same, or an empty one, are refused', () => {
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { ack: ['收到。', '收到。'] } } } })[0]).toMatch(
        /templates\.zh-CN\.ack: the two wordings must differ/,
      );
      expect(refusal({ 安心贷: { templates: { 'zh-CN': { ack: ' ' } } } })[0]).toMatch(
        /templates\.zh-CN\.ack\.0: expected a wording|templates\.zh-CN\.ack: expected a wording/,
      );
    });
  });
});
