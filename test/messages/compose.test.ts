import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/dialogue/types.ts';
import type { Option } from '../../src/planning/planner.ts';
import { render } from '../../src/messages/compose.ts';
import { MAX_SMS_CHARS } from '../../src/messages/sms-parts.ts';
import {
  apology,
  confirmA,
  ctx,
  DEBT_WORDS,
  en,
  enAccount,
  handoffWithOffer,
  noMoney,
  offers,
  optOut,
  planA,
  reminder,
  zh,
  zhAccount,
} from '../support/messages.ts';

/**
 * What the composer decides, whatever the locale: the frame of every message (signature, name,
 * opt-out hint), which acts a message says and in which order, what a wrong party and an
 * opt-out hear, and the length every text fits. The wording of each act is the catalogues'
 * (zh-CN.test.ts, en-US.test.ts).
 */

describe('the frame: signature, name, situation, opt-out', () => {
  it('opens with the signature, names the debtor, states the situation, and ends with the opt-out', () => {
    const text = zh(reminder);
    expect(text.startsWith('【安心贷】张伟您好,')).toBe(true);
    expect(text).toContain('已逾期5天');
    expect(text).toContain('3600元');
    expect(text.endsWith('回复R拒收')).toBe(true);
    expect(en(reminder).startsWith('Anxin Credit: Hi Zhang Wei, ')).toBe(true);
    expect(en(reminder)).toContain('$3,600');
    expect(en(reminder).endsWith('Reply STOP to opt out.')).toBe(true);
  });
});

describe('which acts, in which order', () => {
  it('empathy with offers: understanding first, then the numbers', () => {
    const text = zh({ ...offers, acts: ['empathy', 'offer'], hardship: 'long_term' });
    expect(text.indexOf('理解')).toBeLessThan(text.indexOf('A. '));
    expect(text).toContain('360元');
  });

  it('handoff: no offers even if some are attached', () => {
    expect(zh(handoffWithOffer)).not.toMatch(/A\. |360元/);
    expect(en(handoffWithOffer)).not.toContain('$360');
  });
});

describe('the wrong party and the opt-out', () => {
  it('wrong party: an apology, signed, with no word of any debt, no amount, no name', () => {
    for (const [text, expected] of [
      [zh(apology), '【安心贷】抱歉打扰,我们会更正号码,不再给您发送短信。祝您生活愉快!'],
      [
        en(apology),
        "Anxin Credit: Sorry to have bothered you. We'll correct our records and won't text this number again. Have a good day.",
      ],
    ] as const) {
      expect(text).toBe(expected);
      expect(text).not.toMatch(DEBT_WORDS);
      expect(text).not.toMatch(/\d/);
      expect(text).not.toMatch(/张伟|Zhang/);
    }
  });

  it('wrong party: the apology wins over anything else the draft carries', () => {
    const draft: Draft = {
      kind: 'reply',
      acts: ['apology', 'offer', 'answer'],
      state: 'wrong_party',
      offers: [planA],
      answerTopic: 'balance',
    };
    expect(zh(draft)).toBe(zh(apology));
  });

  it('opt-out: confirmed once, signed, no debt detail, no opt-out hint', () => {
    for (const [text, expected] of [
      [zh(optOut), '【安心贷】已为您退订,此后不再发送短信。祝您生活愉快!'],
      [en(optOut), "Anxin Credit: You're unsubscribed and will receive no more messages. Have a good day."],
    ] as const) {
      expect(text).toBe(expected);
      expect(text).not.toMatch(DEBT_WORDS);
      expect(text).not.toMatch(/\d|回复R拒收|Reply STOP/);
    }
  });
});

describe('length: the richest wording that fits', () => {
  it('a first reminder stays within two SMS segments for a usual account', () => {
    for (const d of [0, 2, 5, 10, 400]) {
      expect(zh(reminder, { overdueDays: d }).length).toBeLessThanOrEqual(140);
      expect(en(reminder, { overdueDays: d }).length).toBeLessThanOrEqual(300);
    }
  });

  it('three long options still fit in 350 characters: the wording shortens, the numbers stay', () => {
    const long = (id: 'A' | 'B' | 'C', first: number, mid: number, last: number): Option => ({
      id,
      kind: 'standard',
      reason: 'long',
      installments: [
        { due: '2026-11-30', amount: first },
        ...Array.from({ length: 10 }, (_, i) => ({
          due: `${i < 1 ? 2026 : 2027}-${String(((11 + i) % 12) + 1).padStart(2, '0')}-28`,
          amount: i % 2 ? mid : mid + 1,
        })),
        { due: '2027-10-28', amount: last },
      ],
    });
    const heavy: Draft = {
      kind: 'reply',
      acts: ['empathy', 'offer'],
      state: 'offer',
      offers: [
        long('A', 9_999_999_99, 8_333_333_33, 1_234_567_89),
        long('B', 8_888_888_88, 7_777_777_77, 6_666_666_66),
        long('C', 5_555_555_55, 4_444_444_44, 3_333_333_33),
      ],
    };
    for (const [text, money] of [
      [
        render(
          heavy,
          ctx(zhAccount, { lender: '安心贷安心贷安心贷安心贷安心贷安心贷安心', debtorName: '欧阳娜娜' }),
        ),
        ['9999999.99元', '8888888.88元', '5555555.55元'],
      ],
      [
        render(
          heavy,
          ctx(enAccount, {
            lender: 'Anxin Consumer Finance',
            debtorName: 'Maximilian Alexander Featherstonehaugh',
          }),
        ),
        ['$9,999,999.99', '$8,888,888.88', '$5,555,555.55'],
      ],
    ] as const) {
      expect(text.length).toBeLessThanOrEqual(MAX_SMS_CHARS);
      for (const id of ['A. ', 'B. ', 'C. ']) expect(text).toContain(id);
      for (const m of money) expect(text).toContain(m);
    }
  });

  it('the longest valid names still fit: the name is dropped before the limit is passed', () => {
    const account = { lender: 'L'.repeat(20), debtorName: 'N'.repeat(40), balance: 1e13 };
    for (const draft of [
      reminder,
      noMoney,
      offers,
      confirmA,
      { ...noMoney, acts: ['answer' as const], answerTopic: 'credit' as const },
    ]) {
      expect(zh(draft, account).length).toBeLessThanOrEqual(MAX_SMS_CHARS);
      expect(en(draft, account).length).toBeLessThanOrEqual(MAX_SMS_CHARS);
    }
  });
});

describe('robustness', () => {
  it('a signature or name with 【】 cannot open a second pair', () => {
    const text = zh(reminder, { lender: '【安心】贷', debtorName: '张【伟】' });
    expect(text.startsWith('【安心贷】张伟您好')).toBe(true);
    expect(text.match(/【/g)).toHaveLength(1);
    expect(text.match(/】/g)).toHaveLength(1);
  });

  it('sends no bidi control a name carried in (a right-to-left override would reverse the rest)', () => {
    const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
    const names = { lender: '安心贷\u2067', debtorName: '\u202e张伟\u202c' };
    expect(zh(reminder, names).startsWith('【安心贷】张伟您好')).toBe(true);
    for (const draft of [reminder, offers, confirmA, noMoney]) {
      expect(bidi.test(zh(draft, names))).toBe(false);
      expect(
        bidi.test(en(draft, { lender: '\u202eAnxin Credit', debtorName: 'Zhang\u061c Wei\u200f' })),
      ).toBe(false);
    }
  });

  it('is deterministic', () => {
    expect(zh(offers)).toBe(zh(offers));
    expect(en(reminder)).toBe(en(reminder));
  });
});
