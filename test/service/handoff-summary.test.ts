import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchivedMessage } from '../../src/dialogue/archive.ts';
import type { ParseResult } from '../../src/parse/schema.ts';
import {
  CLIP_AT,
  HandoffSummarySchema,
  NAMED_MAX,
  SAID_MAX,
  clip,
  handoffSummary,
} from '../../src/service/handoff-summary.ts';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const MIN = 60_000;
const TZ = 'Asia/Shanghai';

const read = (p: Partial<ParseResult> = {}): ParseResult => ({
  intent: 'other',
  hardship: null,
  amount: null,
  installments: null,
  date: null,
  ...p,
});

let seq = 0;
const inbound = (minute: number, text: string, p: Partial<ParseResult> = {}): ArchivedMessage => ({
  seq: ++seq,
  direction: 'in',
  at: T0 + minute * MIN,
  text,
  status: 'received',
  parsed: read(p),
});
const outbound = (minute: number, extra: Partial<ArchivedMessage> = {}): ArchivedMessage => ({
  seq: ++seq,
  direction: 'out',
  at: T0 + minute * MIN,
  text: '【安心贷】…',
  status: 'sent',
  kind: 'reply',
  ...extra,
});

const OFFERS = [
  { id: 'A', installments: [{ due: '2026-11-30', amount: 3600 }] },
  {
    id: 'B',
    installments: [
      { due: '2026-11-30', amount: 1200 },
      { due: '2026-12-30', amount: 2400 },
    ],
  },
];

describe('the summary at the top of a handed-off conversation', () => {
  it('quotes the debtor’s last three messages up to the handoff, and counts the later ones', () => {
    const messages = [
      outbound(0),
      inbound(1, '最近手头紧'),
      outbound(1),
      inbound(2, '每个月最多还500', { intent: 'offer_amount', amount: 500 }),
      outbound(2, { offers: OFFERS }),
      inbound(3, '25号先还1000', { intent: 'promise_to_pay', amount: 1000, date: '2026-11-25' }),
      outbound(3),
      inbound(4, '我要投诉你们,\n  天天发短信', { intent: 'complaint' }),
      outbound(4, { state: 'handoff' }),
      inbound(9, '什么时候联系我?能分3期吗', { intent: 'question', installments: 3 }),
    ];
    const s = handoffSummary(messages, {
      handoffReason: 'complaint',
      handoffAt: T0 + 4 * MIN,
      plan: null,
      timezone: TZ,
    });
    expect(HandoffSummarySchema.parse(s)).toEqual(s);
    expect(s.reason).toBe('complaint');
    expect(s.since).toBe('2026-11-23T10:04:00+08:00');
    expect(s.said.map((x) => x.text)).toEqual([
      '每个月最多还500',
      '25号先还1000',
      '我要投诉你们, 天天发短信',
    ]);
    expect(s.said.at(-1)).toMatchObject({ at: '2026-11-23T10:04:00+08:00', clipped: false });
    expect(s.laterMessages).toBe(1);
    // amounts, dates and counts from every message, the one written while waiting too
    expect(s.named).toEqual({ amounts: [500, 1000], dates: ['2026-11-25'], installments: [3] });
    // the handoff cleared the table: the summary says what was offered last
    expect(s.table).toEqual({ status: 'offered', offers: OFFERS });
  });

  it('shows a plan in force as agreed, and a plan the handoff dropped as was_agreed', () => {
    const plan = OFFERS[1]!;
    const messages = [inbound(1, 'B'), outbound(1, { plan }), inbound(50, '这个月还不上了')];
    const facts = { handoffReason: 'dispute', handoffAt: T0 + 50 * MIN, timezone: TZ };
    expect(handoffSummary(messages, { ...facts, plan }).table).toEqual({ status: 'agreed', plan });
    expect(handoffSummary(messages, { ...facts, plan: null }).table).toEqual({ status: 'was_agreed', plan });
    expect(handoffSummary([inbound(1, '我没借过钱')], { ...facts, plan: null }).table).toEqual({
      status: 'none',
    });
  });

  it('a handoff without a recorded time quotes the last messages, with no time', () => {
    const s = handoffSummary([inbound(1, '一'), inbound(2, '二'), inbound(3, '三'), inbound(4, '四')], {
      handoffReason: 'request_human',
      handoffAt: null,
      plan: null,
      timezone: TZ,
    });
    expect(s.since).toBeNull();
    expect(s.said.map((x) => x.text)).toEqual(['二', '三', '四']);
    expect(s.laterMessages).toBe(0);
  });

  it('keeps markup as the debtor wrote it (the panel writes it as text) and cuts long messages', () => {
    expect(clip('<img src=x onerror="alert(1)">')).toEqual({
      text: '<img src=x onerror="alert(1)">',
      clipped: false,
    });
    const long = clip('我'.repeat(200));
    expect(long).toEqual({ text: `${'我'.repeat(CLIP_AT - 1)}…`, clipped: true });
    // never inside a grapheme: a family emoji is one character on the card
    const family = '👨‍👩‍👧';
    const emoji = clip(family.repeat(CLIP_AT + 5));
    expect(emoji.text).toBe(`${family.repeat(CLIP_AT - 1)}…`);
  });

  it('holds for any conversation: at most three quotes, each short and folded, from before the handoff', () => {
    const message = fc.record({
      minute: fc.integer({ min: 0, max: 100 }),
      in: fc.boolean(),
      text: fc.string({ maxLength: 400, unit: 'grapheme' }),
      amount: fc.option(fc.integer({ min: 1, max: 9999 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 20 }), fc.integer({ min: 0, max: 100 }), (raw, cut) => {
        const sorted = [...raw].sort((a, b) => a.minute - b.minute);
        const messages = sorted.map((m) =>
          m.in ? inbound(m.minute, m.text, { amount: m.amount }) : outbound(m.minute),
        );
        const at = T0 + cut * MIN;
        const s = handoffSummary(messages, { handoffReason: 'x', handoffAt: at, plan: null, timezone: TZ });
        expect(s.said.length).toBeLessThanOrEqual(SAID_MAX);
        const before = messages.filter((m) => m.direction === 'in' && m.at <= at);
        expect(s.said.map((x) => x.seq)).toEqual(before.slice(-SAID_MAX).map((m) => m.seq));
        for (const q of s.said) {
          expect([...new Intl.Segmenter().segment(q.text)].length).toBeLessThanOrEqual(CLIP_AT);
          expect(q.text).not.toMatch(/\s\s|\n|^\s|\s$/);
        }
        expect(s.named.amounts.length).toBeLessThanOrEqual(NAMED_MAX);
        expect(new Set(s.named.amounts).size).toBe(s.named.amounts.length);
      }),
    );
  });
});
