import { describe, expect, it } from 'vitest';
import { toMinor } from '../../src/money.ts';
import { chooseOption, selectOption, type OptionChoice } from '../../src/parse/option-choice.ts';
import { OptionSchema, type Option } from '../../src/planning/planner.ts';
import { addMonthsClamped } from '../../src/time/calendar.ts';

/**
 * CONTRACTS §8 "Choosing": any way a debtor names one option agrees to exactly that option,
 * also inside a sentence that turns another down; a bare yes agrees to the only option and,
 * with several on the table, to none (the bot asks which).
 */

/** An option as the planner shapes it: monthly from 2026-12-05, amounts in major units. */
function option(id: 'A' | 'B' | 'C', amounts: number[]): Option {
  return OptionSchema.parse({
    id,
    kind: 'standard',
    reason: `${amounts.length} monthly installments`,
    installments: amounts.map((a, i) => ({ due: addMonthsClamped('2026-12-05', i), amount: toMinor(a) })),
  });
}

const repeat = (n: number, a: number) => Array.from({ length: n }, () => a);

/** 3600 元: three, six or twelve installments. */
const CNY = [option('A', repeat(3, 1200)), option('B', repeat(6, 600)), option('C', repeat(12, 300))];
/** $1,450: three payments, six payments, or all at once. */
const USD = [
  option('A', [483.34, 483.33, 483.33]),
  option('B', [250, 250, 250, 250, 250, 200]),
  option('C', [1450]),
];
/** Two options, for "the other one". */
const TWO = [option('A', repeat(3, 1200)), option('B', repeat(6, 600))];
const ONE = [option('A', repeat(6, 600))];

/** The reply as a short word: "B by count", "ambiguous", "rejected A,B", "none". */
function read(text: string, offers: Option[] = CNY, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const r: OptionChoice = chooseOption(text, offers, locale);
  if (r.kind === 'chosen') return `${r.option.id} by ${r.by}`;
  if (r.kind === 'rejected') return `rejected ${r.optionIds.join(',')}`;
  return r.kind;
}

describe('chooseOption: an option named by its letter', () => {
  it.each([
    ['A吧', 'A by letter'],
    ['选B', 'B by letter'],
    ['方案C', 'C by letter'],
    ['B方案', 'B by letter'],
    ['那就B吧', 'B by letter'],
    ['我要C', 'C by letter'],
    ['b', 'B by letter'],
    ['就A了', 'A by letter'],
    ['我选择方案B', 'B by letter'],
    ['B可以', 'B by letter'],
    ['选Ｂ', 'B by letter'],
    ['ｃ方案吧', 'C by letter'],
    // Traditional
    ['選C吧', 'C by letter'],
    ['我要B方案', 'B by letter'],
    ['就A吧,謝謝', 'A by letter'],
    // Cantonese
    ['揀B', 'B by letter'],
    ['我揀C啦', 'C by letter'],
    ['B得', 'B by letter'],
    ['要A啦唔該', 'A by letter'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    ['option B is fine', 'B by letter'],
    ['B is fine', 'B by letter'],
    ['plan c', 'C by letter'],
    ["I'll take A", 'A by letter'],
    ['I’ll go with A', 'A by letter'],
    ['a please', 'A by letter'],
    ['b works for me', 'B by letter'],
    ['Option A', 'A by letter'],
    ['C', 'C by letter'],
    ['lets do B then', 'B by letter'],
  ])('%s → %s', (text, expected) => expect(read(text, USD, 'en-US')).toBe(expected));

  it('reads the article "a" as an article, not as option A', () => {
    expect(read('can I get a 6 payment plan?', USD, 'en-US')).toBe('B by count');
    expect(read("I'll take a look tonight", USD, 'en-US')).toBe('none');
    expect(read('a payment plan would help', USD, 'en-US')).toBe('none');
  });
});

describe('chooseOption: an option named by its position', () => {
  it.each([
    ['第二个', 'B by ordinal'],
    ['第一种吧', 'A by ordinal'],
    ['第3个方案', 'C by ordinal'],
    ['二号方案', 'B by ordinal'],
    ['方案二可以', 'B by ordinal'],
    ['选项3', 'C by ordinal'],
    ['最后一个', 'C by ordinal'],
    ['中间那个吧', 'B by ordinal'],
    ['头一个', 'A by ordinal'],
    // Traditional
    ['第二種', 'B by ordinal'],
    ['中間那個', 'B by ordinal'],
    ['最後那個好了', 'C by ordinal'],
    ['第2個', 'B by ordinal'],
    // Cantonese
    ['要嗰個第二個', 'B by ordinal'],
    ['第二個得', 'B by ordinal'],
    ['第三個啦', 'C by ordinal'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    ['the second one', 'B by ordinal'],
    ['2nd', 'B by ordinal'],
    ['option 2', 'B by ordinal'],
    ['the last one', 'C by ordinal'],
    ['the middle option please', 'B by ordinal'],
    ['The first, please', 'A by ordinal'],
    ['number 3', 'C by ordinal'],
    ['third one works', 'C by ordinal'],
    ['2', 'B by ordinal'],
  ])('%s → %s', (text, expected) => expect(read(text, USD, 'en-US')).toBe(expected));

  it('has no middle among two options, and the latter is the last', () => {
    expect(read('中间那个', TWO)).toBe('none');
    expect(read('the latter', TWO, 'en-US')).toBe('B by ordinal');
  });

  it.each([
    ['第二期能晚两天吗', 'none'],
    ['最后一期多少钱', 'none'],
    ['第二个月开始还可以吗', 'none'],
    ['can I pay on the 1st?', 'none'],
    ['first, can I ask something', 'none'],
  ])('does not read an installment, a day or a figure of speech as a position: %s', (text, expected) =>
    expect(read(text)).toBe(expected),
  );
});

describe('chooseOption: an option named by its installment count', () => {
  it.each([
    ['分6期那个', 'B by count'],
    ['六期的', 'B by count'],
    ['12期', 'C by count'],
    ['三期的吧', 'A by count'],
    ['分十二期', 'C by count'],
    ['要分两次的那个', 'none'],
    // Traditional and Cantonese
    ['12個月那個', 'C by count'],
    ['6個月嗰個', 'B by count'],
    ['分三期嗰個得唔得', 'A by count'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    ['the 3-payment one', 'A by count'],
    ['3 installments', 'A by count'],
    ['the six payment one', 'B by count'],
    ['6 payments please', 'B by count'],
    ['pay in full', 'C by count'],
    ['the single payment', 'C by count'],
  ])('%s → %s', (text, expected) => expect(read(text, USD, 'en-US')).toBe(expected));

  it('is ambiguous when two options have that count', () => {
    const sameCount = [option('A', [500, 550, 550]), option('B', [1200, 200, 200])];
    expect(read('分3期那个', sameCount)).toBe('ambiguous');
  });
});

describe('chooseOption: an option named by an installment amount', () => {
  it.each([
    ['每月600那个', 'B by amount'],
    ['每月300的', 'C by amount'],
    ['1200那个', 'A by amount'],
    ['每月还三百那个', 'C by amount'],
    ['一个月600块的', 'B by amount'],
    // Traditional and Cantonese
    ['每個月600嗰個', 'B by amount'],
    ['1,200嗰個啦', 'A by amount'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    ['the $250 one', 'B by amount'],
    ['$250 a month', 'B by amount'],
    ['250/month', 'B by amount'],
    ['1,450 that one', 'C by amount'],
    ['the $483.33 one', 'A by amount'],
  ])('%s → %s', (text, expected) => expect(read(text, USD, 'en-US')).toBe(expected));

  it('prefers the option whose first or monthly amount it is over one whose remainder it is', () => {
    const lastIs600 = [option('A', [1000, 1000, 1000, 600]), option('B', repeat(6, 600))];
    expect(read('600那个', lastIs600)).toBe('B by amount');
    expect(read('每月600那个', lastIs600)).toBe('B by amount');
  });

  it('is ambiguous when the amount starts two options, and a monthly amount tells them apart', () => {
    const sameFirst = [
      option('A', [360, 1080, 1080, 1080]),
      option('B', [360, 540, 540, 540, 540, 540, 540]),
    ];
    expect(read('360那个', sameFirst)).toBe('ambiguous');
    expect(read('每月540那个', sameFirst)).toBe('B by amount');
  });

  it.each([
    ['600吧', 'B by amount'],
    ['1200?', 'A by amount'],
    ['一千二一个月那个', 'A by amount'],
    ['3600一次还清', 'none'],
  ])('reads a figure said as a name: %s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each(['每月800那个', '我下个月15号还600', '每月最多还600', '我只能还300'])(
    'reads no name in a figure that is no option’s amount, a promise or a limit: %s',
    (text) => expect(read(text)).toBe('none'),
  );

  it('reads a limit in English as no name', () => {
    expect(read('i can only do $250 a month', USD, 'en-US')).toBe('none');
    expect(read('$1,450 in one go', USD, 'en-US')).toBe('C by count');
  });
});

describe('chooseOption: a choice inside a sentence that turns another option down', () => {
  it.each([
    ['A太多了,B还行', 'B by letter'],
    ['A太多了B还行', 'B by letter'],
    ['不要A,要B', 'B by letter'],
    ['我不选B,选C', 'C by letter'],
    ['不是A,是C', 'C by letter'],
    ['第一个每月太多了,第三个可以', 'C by ordinal'],
    ['A的话我还不起,C吧', 'C by letter'],
    ['12期太长了,6期的吧', 'B by count'],
    ['不要A也不要B,C吧', 'C by letter'],
    ['A不太多,就A吧', 'A by letter'],
    // Traditional and Cantonese
    ['A壓力太大,B可以', 'B by letter'],
    ['A唔得,B得', 'B by letter'],
    ['唔要第一個,要第二個', 'B by ordinal'],
    ['除了C都不行', 'C by letter'],
    ['A和B都太多了,C吧', 'C by letter'],
    ['唔使,B得', 'B by letter'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    ['not A, B please', 'B by letter'],
    ['not A, the 6-payment one', 'B by count'],
    ['B instead of A', 'B by letter'],
    ['A is too much, C works', 'C by letter'],
    ["I don't want A, I'll take B", 'B by letter'],
  ])('%s → %s', (text, expected) => expect(read(text, USD, 'en-US')).toBe(expected));

  // "The others are all too much" turns the rest down, never the option named before it.
  it.each([
    ['选A,其他都太贵', 'A by letter', CNY, 'zh-CN'],
    ['6期那个吧,其他都太多了', 'B by count', CNY, 'zh-CN'],
    ['分十二期嗰个啦,其他嘅都太贵', 'C by count', CNY, 'zh-CN'],
    ['要第二个,别的两个都不行', 'B by ordinal', CNY, 'zh-CN'],
    ["I'll take B, the others are all too much", 'B by letter', USD, 'en-US'],
  ] as const)(
    'takes the named option when the others are turned down: %s → %s',
    (text, expected, offers, locale) => expect(read(text, offers, locale)).toBe(expected),
  );

  it('takes what is left when one option remains and the message says yes to it', () => {
    expect(read('anything but A', TWO, 'en-US')).toBe('B by only_option');
    expect(read('除了A都行', TWO)).toBe('B by only_option');
    expect(read('A不行,另一个可以', TWO)).toBe('B by only_option');
    expect(read('not A, the other one', TWO, 'en-US')).toBe('B by only_option');
  });

  it.each([
    ['anything but A', CNY, 'rejected A'],
    ['not A', TWO, 'rejected A'],
    ['A太多了', CNY, 'rejected A'],
    ['A,太贵了', CNY, 'rejected A'],
    ['不要A也不要B', CNY, 'rejected A,B'],
    ['neither A nor B', CNY, 'rejected A,B'],
    ['都不行', CNY, 'rejected A,B,C'],
    ['三個都太多了', CNY, 'rejected A,B,C'],
    ['none of them', CNY, 'rejected A,B,C'],
    ['A and B are too much', CNY, 'rejected A,B'],
    ['不要A和B', CNY, 'rejected A,B'],
    ['唔使喇', CNY, 'rejected A,B,C'],
  ])('turns options down without naming another: %s', (text, offers, expected) =>
    expect(read(text, offers)).toBe(expected),
  );
});

describe('chooseOption: a bare yes', () => {
  it.each([
    '好的',
    '可以',
    '行',
    'ok',
    'sure',
    '得',
    '冇問題',
    '好的,谢谢',
    'OK thanks',
    '沒問題',
    '可以啊',
    'yes please',
    '就这样吧',
    '係咁啦',
    '都行',
    'that one',
  ])('asks which with several options on the table: %s', (text) => expect(read(text)).toBe('ambiguous'));

  it.each(['好的', 'ok', '得', '冇問題', 'sounds good', '行吧', '可以的'])(
    'agrees to the only option: %s',
    (text) => expect(read(text, ONE)).toBe('A by only_option'),
  );

  it.each(['好的,我想想', 'ok but can it be lower?', '我下周发工资'])(
    'is not a yes with more said: %s',
    (text) => expect(read(text)).toBe('none'),
  );
});

describe('chooseOption: names that do not pick one option', () => {
  it.each([
    ['A还是B', 'ambiguous'],
    ['A或者B都行', 'ambiguous'],
    // Two names that disagree: B has 6 installments, A has 3.
    ['A, the 6-payment one', 'ambiguous'],
    ['B, the 6-payment one', 'B by letter'],
  ])('%s → %s', (text, expected) => expect(read(text)).toBe(expected));

  it.each([
    '这一期还不上',
    '我有2个孩子',
    '第一次借钱',
    '我第一个月只能还300',
    '3个月后再还',
    'I have a question',
    'is there a cheaper option',
    "i'm a single mom",
    'I get paid on the 2nd',
  ])('reads no name in a message about something else: %s', (text) => expect(read(text)).toBe('none'));

  it('names nothing on the table with an option that is not offered', () => {
    expect(read('option C', TWO, 'en-US')).toBe('none');
    expect(read('第四个')).toBe('none');
  });

  it('names nothing with no options on the table', () => expect(read('B', [])).toBe('none'));
});

describe('selectOption (the machine’s acceptance, until it reads chooseOption)', () => {
  it('agrees to the option the message names', () => {
    expect(selectOption('option B is fine', USD, null, null)?.id).toBe('B');
    expect(selectOption('A吧', CNY, null, null)?.id).toBe('A');
    expect(selectOption('第二個得', CNY, null, null)?.id).toBe('B');
  });

  it('with a bare yes, falls back to the parsed count or amount, then the first option', () => {
    expect(selectOption('好的', CNY, null, 12)?.id).toBe('C');
    expect(selectOption('好的', CNY, 600, null)?.id).toBe('B');
    expect(selectOption('好的', CNY, null, null)?.id).toBe('A');
  });

  it('never agrees to an option the message turns down', () => {
    expect(selectOption('A不行', CNY, null, null)?.id).toBe('B');
  });

  it('has nothing to agree to without offers', () => expect(selectOption('好的', [], null, null)).toBeNull());
});
