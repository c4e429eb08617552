import { describe, expect, it } from 'vitest';
import { parseAccountsCsv, parseAccountsJson } from '../../src/accounts/import.ts';

/**
 * The account import (CONTRACTS §7) validates each row on its own: a bad row is reported with
 * its line and the reason, and never stops the good ones. Issue 12: the reasons below are the
 * ways a lender's file used to slip a number, a policy or a name past the guard.
 */

const NOW = 1_700_000_000_000;

const zh = {
  id: 'a1',
  phone: '+8613700137000',
  debtorName: '王芳',
  lender: '安心贷',
  balance: 2400,
  currency: 'CNY',
  overdueDays: 9,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};

const en = {
  id: 'e1',
  phone: '+14155550100',
  debtorName: 'Amanda Perez',
  lender: 'Lakeshore Finance',
  balance: 2400,
  currency: 'USD',
  overdueDays: 11,
  locale: 'en-US',
  timezone: 'America/Chicago',
};

/** The one error of a single-row JSON import, or null when the row is taken. */
function errorOf(row: Record<string, unknown>): string | null {
  const r = parseAccountsJson([row], NOW);
  if (r.errors.length === 0) return null;
  expect(r.rows).toEqual([]);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.line).toBe(1);
  return r.errors[0]!.error;
}

const PHONE = 'phone: expected an E.164 phone number such as +8613800138000';

describe('phones: normalised to E.164, refused when they are not a number we can text', () => {
  it.each([
    ['+86 138-0013-8000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['+1 (415) 555-0100', '+14155550100'],
    // The reserved 555 range of the demo debtors: possible, though never assigned.
    ['+15555550123', '+15555550123'],
  ])('takes %s as %s', (phone, e164) => {
    expect(parseAccountsJson([{ ...zh, phone }], NOW).rows[0]!.account.phone).toBe(e164);
  });

  it.each([
    ['+86 138 0013 80O0', `${PHONE} (it has letters)`],
    ['+1 415 FLOWERS', `${PHONE} (it has letters)`],
    ['+8613800138000 ext. 12', `${PHONE} (an extension cannot receive SMS)`],
    ['+8613800138000x12', `${PHONE} (an extension cannot receive SMS)`],
    ['+1 415 555 0100 #7', `${PHONE} (an extension cannot receive SMS)`],
    ['13800138000', `${PHONE} (no country code (+86, +1, …))`],
    ['+0123456789', `${PHONE} (no such country code)`],
    ['+86123', `${PHONE} (too short for its country)`],
    ['+1415555010000000', `${PHONE} (too long for its country)`],
    ['+86*138*0013*8000', `${PHONE} (only digits, spaces, dots, dashes and brackets after + or 00)`],
    ['', `${PHONE} (it is empty)`],
  ])('refuses %j: %s', (phone, error) => {
    expect(errorOf({ ...zh, phone })).toBe(error);
  });
});

describe('days overdue and balance: real numbers, within bounds', () => {
  it.each([0, 1, 3650])('takes overdueDays %j', (overdueDays) => {
    expect(errorOf({ ...zh, overdueDays })).toBeNull();
  });

  it.each([1e9, 3651, -1, 2.5, true, '1e9', 'nine', null])('refuses overdueDays %j', (overdueDays) => {
    expect(errorOf({ ...zh, overdueDays })).toBe(
      'overdueDays: expected a whole number of days from 0 to 3650',
    );
  });

  it('refuses an absurd balance, and keeps the old bounds', () => {
    expect(errorOf({ ...zh, balance: 1e15 })).toMatch(/^balance: invalid amount 1000000000000000: too large/);
    expect(errorOf({ ...zh, balance: 1e11 + 1 })).toBe('balance: expected a balance of at most 100000000000');
    expect(errorOf({ ...zh, balance: 1e11 })).toBeNull();
    expect(errorOf({ ...zh, balance: 0 })).toBe('balance: expected a positive amount');
    expect(errorOf({ ...zh, balance: 12.345 })).toMatch(/^balance: .*more than 2 decimal places/);
  });
});

describe("policies: never below the legal floors of the account's jurisdiction", () => {
  it.each([
    [
      { start: '08:00', end: '08:00' },
      'policy: quietHours: start and end are both 08:00, which leaves no hour quiet',
    ],
    [
      { start: '23:59', end: '00:00' },
      'policy: quietHours: 23:59–00:00 does not cover the legal quiet hours',
    ],
    [
      { start: '02:00', end: '05:00' },
      'policy: quietHours: 02:00–05:00 does not cover the legal quiet hours',
    ],
  ])('refuses quiet hours %j', (quietHours, error) => {
    expect(errorOf({ ...zh, policy: { quietHours } })).toMatch(error);
    expect(errorOf({ ...en, policy: { quietHours } })).toMatch(error);
  });

  it('refuses maxProactivePerDay 100', () => {
    expect(errorOf({ ...zh, policy: { maxProactivePerDay: 100 } })).toBe(
      'policy: maxProactivePerDay: expected an integer from 0 to 3 (more than 3 proactive messages a day is harassment)',
    );
  });

  it("holds a Chinese account to China's 22:00–08:00 and a US one to 21:00–08:00", () => {
    const chinaFloor = { quietHours: { start: '22:00', end: '08:00' } };
    expect(errorOf({ ...zh, policy: chinaFloor })).toBeNull();
    expect(errorOf({ ...en, policy: chinaFloor })).toBe(
      'policy: quietHours: 22:00–08:00 does not cover the legal quiet hours 21:00–08:00 (US)',
    );
    // A Chinese phone in New York paying dollars: not known, so both floors hold.
    expect(errorOf({ ...en, phone: '+8613700137000', policy: chinaFloor })).toMatch(
      "the account's jurisdiction is not known",
    );
  });

  it('keeps the other §3 checks, field by field', () => {
    expect(errorOf({ ...zh, policy: { maxInstallments: 0 } })).toBe(
      'policy: maxInstallments: expected an integer from 1 to 120',
    );
    expect(errorOf({ ...zh, policy: { maxInstalments: 6 } })).toBe('policy: maxInstalments: unknown field');
    expect(errorOf({ ...zh, policy: '{not json' })).toBe('policy: expected a JSON object');
    expect(
      parseAccountsJson([{ ...zh, policy: { maxInstallments: 6 } }], NOW).rows[0]!.account.policy,
    ).toEqual({
      maxInstallments: 6,
    });
  });
});

describe('names: no bidi controls stored, no authority or threat in a lender name', () => {
  it('strips bidi controls from the debtor and the lender', () => {
    const r = parseAccountsJson(
      [{ ...en, debtorName: 'Amanda\u202e Perez\u2066', lender: '\u200fLakeshore Finance\u202c' }],
      NOW,
    );
    expect(r.rows[0]!.account.debtorName).toBe('Amanda Perez');
    expect(r.rows[0]!.account.lender).toBe('Lakeshore Finance');
    expect(errorOf({ ...en, debtorName: '\u202e\u2067' })).toBe('debtorName: expected a name');
  });

  it.each([
    ['人民法院执行局', '"法院"'],
    ['XX公安分局', '"公安"'],
    ['法 院金融', '"法院"'],
    ['法\u200b院金融', '"法院"'],
    ['County Sheriff Loans', '"sheriff"'],
    ['ＣＯＵＲＴ Recovery', '"court"'],
    ['曝光贷', '"曝光"'],
    ['Jail Time Credit', '"jail"'],
  ])('refuses the lender %j, naming %s', (lender, word) => {
    const error = errorOf({ ...zh, lender });
    expect(error).toMatch(/^lender: the lender name /);
    expect(error!.toLowerCase()).toContain(word);
  });

  it('takes ordinary lender names, "Courtesy" included', () => {
    for (const lender of ['安心贷', '信和钱包', '惠民消费金融', 'BrightPath Lending', 'Courtesy Loans'])
      expect(errorOf({ ...zh, lender })).toBeNull();
  });
});

describe('a file with bad rows', () => {
  it('JSON: reports each bad row by its position and keeps the good ones', () => {
    const r = parseAccountsJson(
      [
        zh,
        { ...zh, id: 'a2', phone: '+8613800138000 ext 5' },
        { ...en, id: 'e1' },
        { ...zh, id: 'a3', overdueDays: 1e9 },
        { ...zh, id: 'a4', policy: { quietHours: { start: '02:00', end: '05:00' } } },
        { ...zh, id: 'a5', lender: '人民法院' },
        { ...zh, id: 'a6', phone: '+8613700137006', debtorName: '\u202e王芳' },
      ],
      NOW,
    );
    expect(r.errors.map((e) => [e.line, e.error.split(':')[0]])).toEqual([
      [2, 'phone'],
      [4, 'overdueDays'],
      [5, 'policy'],
      [6, 'lender'],
    ]);
    expect(r.rows.map((x) => [x.line, x.account.id, x.account.debtorName])).toEqual([
      [1, 'a1', '王芳'],
      [3, 'e1', 'Amanda Perez'],
      [7, 'a6', '王芳'],
    ]);
  });

  it('CSV: reports each bad row by its file line (the header is line 1) and keeps the good ones', () => {
    const csv = [
      'id,phone,debtorName,lender,balance,currency,overdueDays,locale,timezone,policy',
      'c1,+86 136-0013-6000,赵磊,快借,1800,CNY,3,zh-CN,Asia/Shanghai,',
      'c2,+86136001360O1,钱敏,快借,1800,CNY,3,zh-CN,Asia/Shanghai,',
      'c3,+8613600136002,孙丽,快借,1800,CNY,1e9,zh-CN,Asia/Shanghai,',
      'c4,+8613600136003,周强,快借,1000000000000000,CNY,3,zh-CN,Asia/Shanghai,',
      'c5,+8613600136004,吴刚,快借,900,CNY,3,zh-CN,Asia/Shanghai,"{""quietHours"":{""start"":""23:59"",""end"":""00:00""}}"',
      'c6,+8613600136005,郑洁,快借,900,CNY,3,zh-CN,Asia/Shanghai,"{""maxProactivePerDay"":100}"',
      'c7,+15555550100,John Doe,County Sheriff,900,USD,3,en-US,America/Chicago,',
      'c8,+15555550101,Jane Doe,QuickCash,900,USD,3,en-US,America/Chicago,"{""quietHours"":{""start"":""20:00""}}"',
    ].join('\n');
    const r = parseAccountsCsv(csv, NOW);
    expect(r.errors).toEqual([
      { line: 3, error: expect.stringMatching(/^phone: .*\(it has letters\)$/) },
      { line: 4, error: 'overdueDays: expected a whole number of days from 0 to 3650' },
      { line: 5, error: expect.stringMatching(/^balance: .*too large/) },
      { line: 6, error: expect.stringMatching(/^policy: quietHours: 23:59–00:00 does not cover/) },
      {
        line: 7,
        error: expect.stringMatching(/^policy: maxProactivePerDay: expected an integer from 0 to 3/),
      },
      { line: 8, error: expect.stringMatching(/^lender: the lender name "County Sheriff".*"sheriff"/) },
    ]);
    expect(r.rows.map((x) => [x.line, x.account.id, x.account.phone])).toEqual([
      [2, 'c1', '+8613600136000'],
      [9, 'c8', '+15555550101'],
    ]);
    expect(r.rows[1]!.account.policy).toEqual({ quietHours: { start: '20:00' } });
  });
});
