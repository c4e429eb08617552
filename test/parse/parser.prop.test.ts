import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, isValidDate, formatCivil, daysInMonth } from '../../src/time/calendar.ts';
import { parse, ParseResultSchema } from '../../src/parse/index.ts';
import { propRuns } from '../support/props.ts';

const require = createRequire(import.meta.url);
const { numberToChinese } = require('chinese-number-format') as {
  numberToChinese: (n: number, o?: object) => string;
};

const runs = propRuns(300);
const contexts = fc.constantFrom('reminder' as const, 'clarify' as const, 'offer' as const);
/** Any local date 2000–2099 at any offset from −12:00 to +14:00, as `now`. */
const nowArb = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    off: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
  })
  .map(({ y, m, d, h, off }) => {
    const date = formatCivil({ y, m, d: Math.min(d, daysInMonth(y, m)) });
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    const iso = `${date}T${String(h).padStart(2, '0')}:00:00${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
    return { iso, date };
  });
const noisyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '没钱',
        '还',
        '500',
        '五百',
        '明天',
        '周五',
        '下周',
        '号',
        '分',
        '期',
        '?',
        'stop',
        'R',
        '¥',
        '$',
        '万',
        ',',
        '。',
        '🙏',
        ' ',
        '\u0000',
        '月底',
        '不行',
        'ok',
        '借了',
      ),
      { maxLength: 30 },
    )
    .map((a) => a.join('')),
);

describe('parse is total and well-formed', () => {
  it('answers any text in any context with a result the schema accepts, and never a past date', () => {
    fc.assert(
      fc.property(noisyText, contexts, nowArb, (text, context, now) => {
        const r = parse(text, { context, now: now.iso });
        expect(ParseResultSchema.parse(r)).toEqual(r);
        if (r.amount !== null) expect(r.amount > 0 && Number.isFinite(r.amount)).toBe(true);
        if (r.installments !== null) expect(r.installments >= 1 && r.installments <= 120).toBe(true);
        if (r.date !== null) expect(isValidDate(r.date) && r.date >= now.date).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('is deterministic: the same input gives the same answer', () => {
    fc.assert(
      fc.property(noisyText, contexts, nowArb, (text, context, now) => {
        expect(parse(text, { context, now: now.iso })).toEqual(parse(text, { context, now: now.iso }));
      }),
      { numRuns: runs },
    );
  });
});

describe('invariants of meaning', () => {
  const optOutWord = fc.constantFrom(
    'R',
    'T',
    'TD',
    '退订',
    '拒收',
    'STOP',
    'STOPALL',
    'UNSUBSCRIBE',
    'CANCEL',
    'END',
    'QUIT',
    'REVOKE',
    'OPTOUT',
  );
  const casing = fc.func(fc.boolean());
  const punct = fc
    .array(fc.constantFrom(' ', '.', '!', '。', '!', '"', '【', '】', '(', ')', '~'), { maxLength: 3 })
    .map((a) => a.join(''));
  it('an opt-out word in any case with any punctuation around it opts out', () => {
    fc.assert(
      fc.property(optOutWord, casing, punct, punct, contexts, (word, upper, pre, post, context) => {
        const cased = [...word].map((c, i) => (upper(i) ? c.toUpperCase() : c.toLowerCase())).join('');
        expect(parse(`${pre}${cased}${post}`, { context, now: '2026-11-23T10:00:00+08:00' }).intent).toBe(
          'opt_out',
        );
      }),
      { numRuns: runs },
    );
  });

  it('an opt-out anywhere beats every other intent (precedence)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('没钱', '明天还500', '骗子', '已经还了', '分三期吧', '转人工'),
        fc.constantFrom('别再发了', '退订', '拒收'),
        (a, b) => {
          expect(parse(`${a},${b}`, { now: '2026-11-23T10:00:00+08:00' }).intent).toBe('opt_out');
        },
      ),
      { numRuns: runs },
    );
  });

  it('an amount offered in Arabic digits, with or without separators and currency, is read exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 999_999 }),
        fc.constantFrom('只能先还', '每月最多', '先还', 'I can pay $'),
        fc.boolean(),
        (n, lead, sep) => {
          const figure = sep ? n.toLocaleString('en-US') : String(n);
          expect(parse(`${lead}${figure}`, { now: '2026-11-23T10:00:00+08:00' }).amount).toBe(n);
        },
      ),
      { numRuns: runs },
    );
  });

  it('an amount written in Chinese numerals (plain or financial) is read exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 99_999 }), fc.boolean(), (n, financial) => {
        const zh = numberToChinese(n, financial ? { financial: true, locale: 'zh-CN' } : { locale: 'zh-CN' });
        expect(parse(`每月能还${zh}元`, { now: '2026-11-23T10:00:00+08:00' }).amount).toBe(n);
      }),
      { numRuns: runs },
    );
  });

  it('下周X is weekday X of the next ISO week; 周X the coming one, today included', () => {
    const names = ['一', '二', '三', '四', '五', '六', '日'];
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 1, max: 7 }), (now, w) => {
        const today = now.date;
        const next = parse(`下周${names[w - 1]}还`, { now: now.iso }).date!;
        const coming = parse(`周${names[w - 1]}还`, { now: now.iso }).date!;
        expect(isoWeekday(next)).toBe(w);
        expect(isoWeekday(coming)).toBe(w);
        const mondayNext = addDays(today, 8 - isoWeekday(today));
        expect(next >= mondayNext && next <= addDays(mondayNext, 6)).toBe(true);
        expect(coming >= today && coming <= addDays(today, 6)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('N号 is the next day N on or after today; N天之内 is today + N', () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 1, max: 28 }), (now, n) => {
        const d = parse(`${n}号还`, { now: now.iso }).date!;
        expect(Number(d.slice(8, 10))).toBe(n);
        expect(d >= now.date && d <= addDays(now.date, 31)).toBe(true);
        expect(parse(`${n}天之内还`, { now: now.iso }).date).toBe(addDays(now.date, n));
      }),
      { numRuns: runs },
    );
  });
});
