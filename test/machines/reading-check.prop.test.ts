import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { negotiationMachine } from '../../machines/negotiation.ts';
import { CHECK_BELOW } from '../../machines/reading-check.ts';
import { publicState } from '../../src/dialogue/conversation.ts';
import type { Account, Draft } from '../../src/dialogue/types.ts';
import { INTENTS, parse, type ParseResult } from '../../src/parse/index.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { parseInstant } from '../../src/time/calendar.ts';
import { propRuns } from '../support/props.ts';

/**
 * The invariant of the reading check (machines/reading-check.ts): a reading below CHECK_BELOW,
 * of any intent but `other`, never leads straight to an agreed plan or a recorded promise,
 * whatever the message says, the fields read in it and whether offers are on the table; the bot
 * asks (check_reading) and a no still agrees to nothing.
 */

const account: Account = {
  id: 'p1',
  debtorName: '张伟',
  lender: '安心贷',
  balance: 360000,
  currency: 'CNY',
  overdueDays: 5,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};

const clock = (iso: string) => {
  const i = parseInstant(iso)!;
  return { at: i.epochMs, today: i.localDate, minutes: i.localMinutes };
};

const TEXTS = [
  'A',
  'B',
  '好的',
  '可以',
  'ok',
  'yes',
  '方案B',
  '第二个',
  '分4期那个',
  '就这样吧',
  '明天还500',
  '月底还清',
  '到25号',
  '下周五把钱打过去',
  'I will pay $100 on Friday',
  'gimme til the 15th',
];

const unsureReading = fc.record({
  // Every intent but `other` (no reading: an option named by its letter agrees by §8).
  intent: fc.constantFrom(...INTENTS.filter((i) => i !== 'other')),
  confidence: fc.double({ min: 0, max: CHECK_BELOW, maxExcluded: true, noNaN: true }),
  amount: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
  date: fc.option(fc.constantFrom('2026-11-24', '2026-11-25', '2026-11-30'), { nil: null }),
  installments: fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }),
});

describe('no unsure reading acts at once', () => {
  it('a reading below the threshold agrees to nothing and records nothing', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 30 })),
        unsureReading,
        (withOffers, text, reading) => {
          const said: Draft[] = [];
          const machine = negotiationMachine.provide({
            actions: { say: (_, d) => void said.push(d), schedule: () => {}, cancelSchedules: () => {} },
          });
          const actor = createActor(machine, { input: { account, policy: resolvePolicy({}) } }).start();
          actor.send({ type: 'START', ...clock('2026-11-23T10:00:00+08:00') });
          const now = '2026-11-23T10:05:00+08:00';
          if (withOffers)
            actor.send({
              type: 'INBOUND',
              text: '能分4期吗',
              parsed: parse('能分4期吗', { now }),
              ...clock(now),
            });
          const before = actor.getSnapshot().context;
          const parsed: ParseResult = { ...reading, hardship: null, reason: 'property' };
          const n = said.length;
          actor.send({ type: 'INBOUND', text, parsed, ...clock('2026-11-23T10:10:00+08:00') });
          const after = actor.getSnapshot().context;
          expect(after.plan).toBeNull();
          expect(after.promise).toBeNull();
          expect(['agreed', 'promised']).not.toContain(publicState(actor.getSnapshot().value));
          expect(said.slice(n).every((d) => !d.acts.includes('confirm'))).toBe(true);
          if (after.pending) {
            expect(said.at(-1)?.acts).toEqual(['check_reading']);
            expect(after.offers).toEqual(before.offers);
            // …and a no still agrees to nothing.
            actor.send({
              type: 'INBOUND',
              text: '不是',
              parsed: parse('不是', { now }),
              ...clock('2026-11-23T10:11:00+08:00'),
            });
            expect(actor.getSnapshot().context.plan).toBeNull();
            expect(actor.getSnapshot().context.promise).toBeNull();
            expect(said.at(-1)?.acts).toEqual(['ask_meaning']);
          }
        },
      ),
      { numRuns: propRuns(200) },
    );
  });
});
