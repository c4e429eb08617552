import fc from 'fast-check';
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/time/calendar.ts';
import { guard, type GuardInput, type GuardRule, type GuardVerdict } from '../../src/compliance/guard.ts';
import { BANNED_LEXICON, type BannedCategory } from '../../src/compliance/lexicons.ts';
import type { Act, DialogueLocale } from '../../src/dialogue/types.ts';
import { isQuiet, type QuietHours } from '../../src/time/quiet-hours.ts';
import { formatZoned, zonedEpoch, zonedParts } from '../../src/time/timezone.ts';
import { propRuns } from '../support/props.ts';

/**
 * Properties of the compliance guard and the time-zone math under it. Local times are checked
 * against an oracle written here from Intl.DateTimeFormat#formatToParts, independent of
 * src/timezone.ts (which parses Intl's format() output and memoises offsets per hour).
 */

const runs = { numRuns: propRuns() };

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2031, 0, 1);

// ---------- the oracle ----------

const oracleFormatters = new Map<string, Intl.DateTimeFormat>();
interface Wall {
  date: string;
  minutes: number;
  offsetMinutes: number;
  /** Local wall time as minutes since 1970-01-01 00:00 local, for ordering wall times. */
  wallMinutes: number;
}
function oracle(epochMs: number, tz: string): Wall {
  let f = oracleFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    oracleFormatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(epochMs)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const localSecondMs = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${p.year}-${pad(p.month!)}-${pad(p.day!)}`,
    minutes: p.hour! * 60 + p.minute!,
    offsetMinutes: (localSecondMs - Math.floor(epochMs / 1000) * 1000) / MIN,
    wallMinutes: Math.floor(localSecondMs / MIN),
  };
}
function oracleQuiet(epochMs: number, tz: string, q: QuietHours): boolean {
  const [sh, sm] = q.start.split(':').map(Number);
  const [eh, em] = q.end.split(':').map(Number);
  const s = sh! * 60 + sm!;
  const e = eh! * 60 + em!;
  const m = oracle(epochMs, tz).minutes;
  if (s === e) return false;
  return s < e ? s <= m && m < e : m >= s || m < e;
}

// ---------- zones, instants, quiet hours ----------

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'America/St_Johns', // −03:30 / −02:30
  'America/Havana', // DST switches at midnight
  'America/Santiago', // southern, switches at midnight
  'America/Nuuk',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Australia/Sydney', // southern
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Auckland',
  'Africa/Casablanca', // DST suspended each Ramadan
  'Asia/Gaza',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Asia/Tehran',
  'Pacific/Kiritimati', // +14:00
  'Pacific/Pago_Pago', // −11:00
  'UTC',
] as const;

/** Offset transitions of a zone in 2025–2030, found by the oracle (12-hour steps, then bisection). */
const transitionCache = new Map<string, number[]>();
function transitions(tz: string): number[] {
  let list = transitionCache.get(tz);
  if (list) return list;
  list = [];
  let prev = oracle(FROM, tz).offsetMinutes;
  for (let t = FROM + 12 * HOUR; t <= TO; t += 12 * HOUR) {
    const o = oracle(t, tz).offsetMinutes;
    if (o !== prev) {
      let lo = t - 12 * HOUR;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (oracle(mid, tz).offsetMinutes === prev) lo = mid;
        else hi = mid;
      }
      list.push(hi);
      prev = o;
    }
  }
  transitionCache.set(tz, list);
  return list;
}

const zoneArb = fc.constantFrom(...ZONES);

/** An instant in 2025–2030, often within a day and a half of one of the zone's transitions. */
const instantIn = (tz: string): fc.Arbitrary<number> => {
  const uniform = fc.integer({ min: FROM, max: TO - 1 });
  const minuteAligned = uniform.map((t) => Math.floor(t / MIN) * MIN);
  const list = transitions(tz);
  if (list.length === 0) return fc.oneof(uniform, minuteAligned);
  const near = fc
    .tuple(
      fc.constantFrom(...list),
      fc.integer({ min: -36 * 60, max: 36 * 60 }),
      fc.integer({ min: 0, max: 59_999 }),
      fc.boolean(),
    )
    .map(([t, m, ms, aligned]) => t + m * MIN + (aligned ? 0 : ms));
  return fc.oneof(uniform, minuteAligned, near, near);
};

const zoneAndInstant = zoneArb.chain((tz) => instantIn(tz).map((t) => ({ tz, t })));

const hhmmOf = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const clockArb = fc.integer({ min: 0, max: 1439 }).map(hhmmOf);
const dstClock = fc.constantFrom(
  '00:00',
  '00:30',
  '01:00',
  '01:30',
  '02:00',
  '02:30',
  '03:00',
  '03:30',
  '23:00',
  '23:30',
);
const quietArb: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant({ start: '21:00', end: '08:00' }),
  fc.record({
    start: fc.constantFrom('20:00', '21:00', '22:00'),
    end: fc.constantFrom('07:00', '08:00', '09:00'),
  }),
  fc.record({ start: clockArb, end: clockArb }),
  fc.record({ start: fc.oneof(dstClock, clockArb), end: dstClock }),
  fc.record({ start: dstClock, end: fc.oneof(dstClock, clockArb) }),
  clockArb.map((c) => ({ start: c, end: c })),
);

// ---------- clean texts ----------

const ZH_LENDERS = ['安心贷', '好借', '快易花', '惠民金融'];
const EN_LENDERS = ['QuickCash', 'Acme Lending', 'BlueSky Credit', 'Family Credit Union'];
const ZH_FRAGMENTS = [
  '您好',
  '张伟',
  '李娜',
  '您的借款',
  '当前待还金额为',
  '已逾期',
  '请于月底前还款',
  '如有困难',
  '可回复协商',
  '我们可以提供分期方案',
  '每期',
  '首期',
  '感谢您的配合',
  '祝您生活愉快',
  '可通过App首页还款',
  '我们理解您的情况',
  '是暂时周转不开还是长期困难',
  '每月能还多少',
  '方案A',
  '方案B',
  '确认后我们会发送还款计划',
  '持续逾期将影响个人征信',
  '会产生罚息',
  '请核对',
  '还款日',
  '如需人工服务请回复',
  '明白',
  '收到您的回复',
];
const EN_FRAGMENTS = [
  'Hi John',
  'Hi Maria',
  'your balance is',
  'your payment is late',
  'we can help',
  'we can split it into smaller parts',
  'option A',
  'option B',
  'the first part is due on December 15',
  'thank you',
  'reply with a number that works for you',
  'we understand things are hard right now',
  'is this short-term or long-term',
  'how much could you manage each month',
  'pay in the app',
  'paying late may affect your credit score',
  'have a good day',
  'we have noted your promise',
];
const ZH_APOLOGY = ['抱歉打扰', '我们已记录此号码', '不会再向您发送短信', '感谢您的告知', '祝您生活愉快'];
const EN_APOLOGY = [
  'Sorry for the trouble',
  'we have noted this number',
  'we will not text this number again',
  'thank you for letting us know',
];
const ZH_SEPARATORS = [',', '。', '，', '!', '；', '、'];
const EN_SEPARATORS = [', ', '. ', '; ', '! '];

const zhAmount = fc.integer({ min: 1, max: 99_999 }).map((n) => `${n}元`);
const enAmount = fc.integer({ min: 1, max: 999_999 }).map((c) => `$${(c / 100).toFixed(2)}`);

interface Clean {
  locale: DialogueLocale;
  lender: string;
  text: string;
}

/** A signed text of safe fragments (with figures unless for a wrong party), the opt-out hint when asked. */
function cleanText(locale: DialogueLocale, withHint: boolean, wrongParty = false): fc.Arbitrary<Clean> {
  const zhLocale = locale === 'zh-CN';
  const vocabulary = zhLocale
    ? wrongParty
      ? ZH_APOLOGY
      : ZH_FRAGMENTS
    : wrongParty
      ? EN_APOLOGY
      : EN_FRAGMENTS;
  const piece = wrongParty
    ? fc.constantFrom(...vocabulary)
    : fc.oneof(
        { arbitrary: fc.constantFrom(...vocabulary), weight: 4 },
        { arbitrary: zhLocale ? zhAmount : enAmount, weight: 1 },
      );
  return (
    fc
      .record({
        lender: fc.constantFrom(...(zhLocale ? ZH_LENDERS : EN_LENDERS)),
        pieces: fc.array(fc.tuple(piece, fc.constantFrom(...(zhLocale ? ZH_SEPARATORS : EN_SEPARATORS))), {
          minLength: 1,
          maxLength: 8,
        }),
        signFirst: fc.boolean(),
      })
      .map(({ lender, pieces, signFirst }) => {
        let body = pieces.map(([p, s]) => p + s).join('');
        if (withHint) body += zhLocale ? '回复R拒收' : 'Reply STOP to opt out.';
        const text = zhLocale
          ? `【${lender}】${body}`
          : signFirst
            ? `${lender}: ${body}`
            : `${body} — ${lender}`;
        return { locale, lender, text };
      })
      // A clean text is clean in every respect, length included (max_length is tested on its own).
      .filter(({ text }) => [...text].length <= 350)
  );
}

const localeArb = fc.constantFrom<DialogueLocale>('zh-CN', 'en-US');

function input(over: Partial<GuardInput> & Pick<GuardInput, 'text' | 'locale' | 'lender'>): GuardInput {
  return {
    kind: 'reply',
    acts: ['answer'],
    timezone: 'Asia/Shanghai',
    quietHours: { start: '21:00', end: '08:00' },
    maxProactivePerDay: 3,
    now: Date.UTC(2026, 10, 23, 2),
    optedOut: false,
    optOutConfirmationSent: false,
    wrongParty: false,
    proactiveSentAt: [],
    repliesToThisInbound: 0,
    ...over,
  };
}

/** The rules whose violation defers rather than blocks. */
const TIMING_RULES: readonly GuardRule[] = ['quiet_hours', 'daily_cap'];
const contentViolations = (v: GuardVerdict) => v.violations.filter((x) => !TIMING_RULES.includes(x.rule));

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

// ---------- banned words, disguised ----------

const CATEGORIES = Object.keys(BANNED_LEXICON) as BannedCategory[];
const toTraditional = [
  OpenCC.Converter({ from: 'cn', to: 't' }),
  OpenCC.Converter({ from: 'cn', to: 'tw' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
];
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const fullWidth = (ch: string): string => {
  const c = ch.charCodeAt(0);
  if (ch === ' ') return '\u3000';
  return c > 0x20 && c < 0x7f ? String.fromCharCode(c + 0xfee0) : ch;
};

interface Disguise {
  category: BannedCategory;
  word: string;
  shown: string;
  english: boolean;
}
const disguisedWord: fc.Arbitrary<Disguise> = fc
  .constantFrom(...CATEGORIES)
  .chain((category) =>
    fc.oneof(
      fc.constantFrom(...BANNED_LEXICON[category].zh).map((word) => ({ category, word, english: false })),
      fc.constantFrom(...BANNED_LEXICON[category].en).map((word) => ({ category, word, english: true })),
    ),
  )
  .chain(({ category, word, english }) => {
    const chars = [...word];
    const perChar = english
      ? fc.array(fc.record({ upper: fc.boolean(), wide: fc.boolean() }), {
          minLength: chars.length,
          maxLength: chars.length,
        })
      : fc.constant(chars.map(() => ({ upper: false, wide: false })));
    return fc
      .record({
        perChar,
        traditional: fc.integer({ min: -1, max: toTraditional.length - 1 }),
        invisible: fc.option(
          fc.tuple(
            fc.integer({ min: 1, max: Math.max(1, chars.length - 1) }),
            fc.constantFrom(...INVISIBLES),
          ),
          { freq: 3 },
        ),
      })
      .map(({ perChar, traditional, invisible }) => {
        let shown = english
          ? chars.map((c, i) => {
              const cased = perChar[i]!.upper ? c.toUpperCase() : c;
              return perChar[i]!.wide ? fullWidth(cased) : cased;
            })
          : [...(traditional >= 0 ? toTraditional[traditional]!(word) : word)];
        if (invisible && shown.length > 1)
          shown = [...shown.slice(0, invisible[0]), invisible[1], ...shown.slice(invisible[0])];
        return { category, word, english, shown: shown.join('') };
      });
  });

/** Random surroundings: ASCII, Chinese, punctuation, emoji and any other code point. */
const fillerArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'abcdefghij xyzXYZ0123456789,.!?'),
    fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('，', '。', '！', '【', '】', '👍', '\u0301', 'ﬁ'),
    fc
      .integer({ min: 0, max: 0x10ffff - 0x800 })
      .map((c) => String.fromCodePoint(c < 0xd800 ? c : c + 0x800)),
  ),
  maxLength: 60,
});
const BOUNDARIES = [' ', ',', '.', '!', '。', '，', '\n', '好', '(', ')'];

// ---------- properties ----------

describe('time zones against the Intl oracle', () => {
  it('zonedParts and formatZoned agree with formatToParts for any instant and zone', () => {
    fc.assert(
      fc.property(zoneAndInstant, ({ tz, t }) => {
        const o = oracle(t, tz);
        expect(zonedParts(t, tz)).toEqual({
          date: o.date,
          minutes: o.minutes,
          offsetMinutes: o.offsetMinutes,
        });
        const formatted = formatZoned(t, tz);
        expect(formatted).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        expect(parseInstant(formatted)!.epochMs).toBe(Math.floor(t / 1000) * 1000);
      }),
      runs,
    );
  });

  it('zonedEpoch finds the earliest instant showing a wall time, or the first instant after a gap', () => {
    fc.assert(
      fc.property(zoneAndInstant, fc.integer({ min: 0, max: 1439 }), ({ tz, t }, minutes) => {
        const date = oracle(t, tz).date;
        const r = zonedEpoch(date, minutes, tz);
        const got = oracle(r, tz);
        const target = oracle(Date.parse(`${date}T00:00:00Z`), 'UTC').wallMinutes + minutes;
        if (got.date === date && got.minutes === minutes) {
          expect(r % MIN).toBe(0);
          // No earlier instant shows the same wall time (overlaps last at most 2 hours).
          for (let back = 15 * MIN; back <= 2 * HOUR; back += 15 * MIN)
            expect(oracle(r - back, tz).wallMinutes).not.toBe(target);
        } else {
          // A gap: r is a transition, just before it the clock is before the wall time, at it after.
          expect(oracle(r - 1000, tz).offsetMinutes).not.toBe(got.offsetMinutes);
          expect(oracle(r - 1000, tz).wallMinutes).toBeLessThan(target);
          expect(got.wallMinutes).toBeGreaterThan(target);
        }
      }),
      runs,
    );
  });
});

describe('quiet hours: sent only outside them, deferred to the earliest minute after them', () => {
  it('for any instant, zone and quiet hours', () => {
    fc.assert(
      fc.property(
        zoneAndInstant,
        quietArb,
        localeArb.chain((l) => cleanText(l, true)),
        fc.constantFrom<'reply' | 'proactive'>('reply', 'proactive'),
        fc.integer({ min: 0, max: 1000 }),
        ({ tz, t }, quietHours, clean, kind, seed) => {
          const base = input({
            ...clean,
            kind,
            acts: kind === 'reply' ? ['answer'] : ['reminder'],
            timezone: tz,
            quietHours,
            now: t,
          });
          const v = guard(base);
          const quiet = oracleQuiet(t, tz, quietHours);
          if (!quiet) {
            expect(v).toEqual({ action: 'send', violations: [] });
            return;
          }
          expect(v.action).toBe('defer');
          expect(v.violations.map((x) => x.rule)).toEqual(['quiet_hours']);
          const until = v.until!;
          expect(until).toBeGreaterThan(t);
          expect(oracleQuiet(until, tz, quietHours)).toBe(false);
          expect(oracleQuiet(until - 1, tz, quietHours)).toBe(true);
          // Every minute boundary in between is quiet (quiet status only changes on whole minutes)…
          for (let m = Math.floor(t / MIN) * MIN + MIN; m < until; m += MIN) {
            if (!isQuiet(m, tz, quietHours))
              expect.fail(`not quiet at ${formatZoned(m, tz)}, before until ${formatZoned(until, tz)}`);
          }
          // …and the oracle agrees at a few of them.
          const span = Math.floor((until - t) / MIN);
          for (const k of [seed % (span + 1), (seed * 7) % (span + 1), span]) {
            const m = t + k * MIN;
            if (m < until) expect(oracleQuiet(m, tz, quietHours)).toBe(true);
          }
          // Re-checked at until, it goes.
          expect(guard({ ...base, now: until })).toEqual({ action: 'send', violations: [] });
        },
      ),
      runs,
    );
  });
});

describe('the daily cap, in a send loop', () => {
  it('never more than maxProactivePerDay proactive messages on any local day, each sent outside quiet hours', () => {
    fc.assert(
      fc.property(
        zoneAndInstant,
        quietArb,
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 4 * DAY }), fc.integer({ min: 0, max: 6 * HOUR })), {
          minLength: 1,
          maxLength: 14,
        }),
        localeArb.chain((l) => cleanText(l, true)),
        ({ tz, t: start }, quietHours, cap, offsets, clean) => {
          const sent: number[] = [];
          for (const offset of offsets) {
            const due = start + offset;
            const base = input({
              ...clean,
              kind: 'proactive',
              acts: ['reminder'],
              timezone: tz,
              quietHours,
              maxProactivePerDay: cap,
              now: due,
              proactiveSentAt: [...sent],
            });
            const v = guard(base);
            expect(v.action).not.toBe('block');
            let sendAt = due;
            if (v.action === 'defer') {
              sendAt = v.until!;
              expect(sendAt).toBeGreaterThan(due);
              // The earliest: the instant before is quiet or on a day that is full.
              const before = sendAt - 1;
              const dayBefore = oracle(before, tz).date;
              const full = sent.filter((s) => oracle(s, tz).date === dayBefore).length >= cap;
              expect(oracleQuiet(before, tz, quietHours) || full).toBe(true);
              // Re-checked at its time with the same history, it passes.
              expect(guard({ ...base, now: sendAt })).toEqual({ action: 'send', violations: [] });
            }
            expect(oracleQuiet(sendAt, tz, quietHours)).toBe(false);
            sent.push(sendAt);
          }
          const perDay = new Map<string, number>();
          for (const s of sent) perDay.set(oracle(s, tz).date, (perDay.get(oracle(s, tz).date) ?? 0) + 1);
          for (const [day, n] of perDay)
            if (n > cap) expect.fail(`${n} proactive messages on ${day} (cap ${cap})`);
        },
      ),
      runs,
    );
  });
});

describe('after opt-out', () => {
  const actsArb = fc.oneof(
    fc.constant<Act[]>(['opt_out_confirm']),
    fc.subarray<Act>(
      ['reminder', 'followup', 'offer', 'answer', 'ack', 'apology', 'opt_out_confirm', 'handoff'],
      { minLength: 1 },
    ),
  );
  it('only one confirmation ever passes', () => {
    fc.assert(
      fc.property(
        zoneAndInstant,
        fc.array(
          fc.record({
            kind: fc.constantFrom<'reply' | 'proactive'>('reply', 'proactive'),
            acts: actsArb,
            later: fc.integer({ min: 0, max: 2 * DAY }),
            clean: localeArb.chain((l) => cleanText(l, true)),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        ({ tz, t }, drafts) => {
          let confirmationSent = false;
          let passed = 0;
          for (const d of drafts) {
            const v = guard(
              input({
                ...d.clean,
                kind: d.kind,
                acts: d.acts,
                timezone: tz,
                now: t + d.later,
                optedOut: true,
                optOutConfirmationSent: confirmationSent,
              }),
            );
            if (v.action !== 'block') {
              passed++;
              expect(d.acts).toContain('opt_out_confirm');
              confirmationSent = true; // sent now or scheduled for v.until
            }
          }
          expect(passed).toBeLessThanOrEqual(1);
        },
      ),
      runs,
    );
  });
});

describe('content', () => {
  it('a text with a banned word (any category, position, case, width, script) is always blocked', () => {
    fc.assert(
      fc.property(
        localeArb.chain((l) => cleanText(l, true)),
        fillerArb,
        fillerArb,
        disguisedWord,
        fc.nat(),
        fc.constantFrom(...BOUNDARIES),
        fc.constantFrom(...BOUNDARIES),
        fc.boolean(),
        (clean, before, after, { category, english, shown }, pos, left, right, proactive) => {
          const host = clean.text + before + after;
          const at = pos % (host.length + 1);
          const injected = english ? `${left}${shown}${right}` : shown;
          const text = host.slice(0, at) + injected + host.slice(at);
          const v = guard(
            input({
              ...clean,
              text,
              kind: proactive ? 'proactive' : 'reply',
              acts: proactive ? ['reminder'] : ['answer'],
            }),
          );
          expect(v.action).toBe('block');
          const banned = v.violations.find((x) => x.rule === 'banned_lexicon');
          expect(banned?.reason).toContain(category.replace('_', '/'));
        },
      ),
      runs,
    );
  });

  it('a clean signed text is never blocked for content, and the guard is pure', () => {
    const cleanMessage = fc
      .tuple(localeArb, fc.constantFrom<'reply' | 'proactive'>('reply', 'proactive'))
      .chain(([locale, kind]) => cleanText(locale, kind === 'proactive').map((clean) => ({ clean, kind })));
    fc.assert(
      fc.property(cleanMessage, zoneAndInstant, quietArb, ({ clean, kind }, { tz, t }, quietHours) => {
        const i = deepFreeze(
          input({
            ...clean,
            kind,
            acts: kind === 'reply' ? ['answer'] : ['reminder'],
            timezone: tz,
            quietHours,
            now: t,
          }),
        );
        const v = guard(i);
        expect(contentViolations(v)).toEqual([]);
        expect(v.action).not.toBe('block');
        expect(guard(i)).toEqual(v);
      }),
      runs,
    );
  });

  it('a clean apology to a wrong party is never blocked for content', () => {
    fc.assert(
      fc.property(
        localeArb.chain((l) => cleanText(l, false, true)),
        fc.boolean(),
        (clean, confirm) => {
          const v = guard(
            input({
              ...clean,
              wrongParty: true,
              acts: confirm ? ['opt_out_confirm'] : ['apology'],
              optedOut: confirm,
            }),
          );
          expect(contentViolations(v)).toEqual([]);
        },
      ),
      runs,
    );
  });
});
