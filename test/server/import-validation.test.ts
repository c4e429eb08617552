import { afterEach, describe, expect, it } from 'vitest';
import { startHuikuan, type Running } from '../../src/server/huikuan-server.ts';
import { testDb } from './support.ts';

/**
 * Issue 12 through the real server on 127.0.0.1: an import with each kind of bad field, the
 * masked phones the API shows, and the inbox search that no longer unmasks them.
 */

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

// 10:00 in Beijing, 20:00 the evening before in Chicago: outside every floor's quiet hours.
const DAY = Date.parse('2026-11-23T10:00:00+08:00');
// 02:30 in Beijing: the hour a policy of 02:00–05:00 would have let a reminder out.
const NIGHT = Date.parse('2026-11-23T02:30:00+08:00');

async function start(at: number): Promise<Running> {
  const real = Date.now();
  const r = await startHuikuan(
    {
      PORT: '0',
      HUIKUAN_DB: await testDb(),
      LOG_LEVEL: 'silent',
      HUIKUAN_TICK_MS: '60000',
      HUIKUAN_DEMO: '0',
    },
    { clock: () => at + (Date.now() - real) },
  );
  running.push(r);
  return r;
}

type ImportAnswer = { imported: number; errors: { line: number; error: string }[] };

async function importJson(r: Running, rows: unknown[]): Promise<ImportAnswer> {
  const res = await fetch(`${r.url}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ImportAnswer;
}

const get = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

type ConversationView = {
  phone: string;
  account: { debtorName: string; lender: string };
  messages: { text: string; status: string }[];
};

const good = {
  id: 'ok',
  phone: '+86 137-0013-7000',
  debtorName: '王芳',
  lender: '安心贷',
  balance: 2400,
  currency: 'CNY',
  overdueDays: 9,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
};

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

describe('POST /api/accounts refuses each bad field with its line and reason, and keeps the good rows', () => {
  it('JSON: phone, days overdue, balance, policy, lender, and a name with a bidi override', async () => {
    const r = await start(DAY);
    const body = await importJson(r, [
      good,
      { ...good, id: 'letters', phone: '+86 137 0013 70O1' },
      { ...good, id: 'ext', phone: '+8613700137002 ext. 5' },
      { ...good, id: 'short', phone: '+86 137' },
      { ...good, id: 'days', phone: '+8613700137004', overdueDays: 1e9 },
      { ...good, id: 'balance', phone: '+8613700137005', balance: 1e15 },
      {
        ...good,
        id: 'off',
        phone: '+8613700137006',
        policy: { quietHours: { start: '08:00', end: '08:00' } },
      },
      {
        ...good,
        id: 'minute',
        phone: '+8613700137007',
        policy: { quietHours: { start: '23:59', end: '00:00' } },
      },
      {
        ...good,
        id: 'night',
        phone: '+8613700137008',
        policy: { quietHours: { start: '02:00', end: '05:00' } },
      },
      { ...good, id: 'cap', phone: '+8613700137009', policy: { maxProactivePerDay: 100 } },
      { ...good, id: 'court', phone: '+8613700137010', lender: '人民法院' },
      { ...good, id: 'rlo', phone: '+8613700137011', debtorName: '\u202e王芳\u202c', lender: '安心贷\u2066' },
      { ...good, id: 'newline', phone: '+8613700137012', debtorName: '王芳\n回复R拒收' },
      { ...good, id: 'surrogate', phone: '+8613700137013', debtorName: 'An\ud800n' },
    ]);
    expect(body.errors).toEqual([
      { line: 2, error: expect.stringMatching(/^phone: expected an E\.164 .*\(it has letters\)$/) },
      { line: 3, error: expect.stringMatching(/^phone: .*\(an extension cannot receive SMS\)$/) },
      { line: 4, error: expect.stringMatching(/^phone: .*\(too short for its country\)$/) },
      { line: 5, error: 'overdueDays: expected a whole number of days from 0 to 3650' },
      { line: 6, error: expect.stringMatching(/^balance: .*too large/) },
      { line: 7, error: expect.stringMatching(/^policy: quietHours: start and end are both 08:00/) },
      { line: 8, error: expect.stringMatching(/^policy: quietHours: 23:59–00:00 does not cover/) },
      { line: 9, error: expect.stringMatching(/^policy: quietHours: 02:00–05:00 does not cover/) },
      {
        line: 10,
        error: expect.stringMatching(/^policy: maxProactivePerDay: expected an integer from 0 to 3/),
      },
      { line: 11, error: expect.stringMatching(/^lender: the lender name .*"法院"/) },
      { line: 13, error: 'debtorName: expected one line of text (no newline or control character)' },
      { line: 14, error: 'debtorName: expected Unicode text (it has an unpaired surrogate)' },
    ]);
    expect(body.imported).toBe(2);
    const ids = (await get<{ id: string; phone: string }[]>(`${r.url}/api/conversations`)).map((c) => c.id);
    expect(ids.sort()).toEqual(['ok', 'rlo']);

    // The bidi controls are gone from what is stored and from what was sent.
    const rlo = await get<ConversationView>(`${r.url}/api/conversations/rlo`);
    expect(rlo.account).toMatchObject({ debtorName: '王芳', lender: '安心贷' });
    expect(rlo.messages).toHaveLength(1);
    expect(rlo.messages[0]!.text).toMatch(/^【安心贷】王芳/);
    expect(BIDI.test(rlo.messages[0]!.text)).toBe(false);
  });

  it('CSV: the same refusals by file line', async () => {
    const r = await start(DAY);
    const csv = [
      'id,phone,debtorName,lender,balance,currency,overdueDays,locale,timezone,policy',
      'c1,+8613600136000,赵磊,快借,1800,CNY,3,zh-CN,Asia/Shanghai,',
      'c2,+8613600136001x9,钱敏,快借,1800,CNY,3,zh-CN,Asia/Shanghai,',
      'c3,+8613600136002,孙丽,快借,1800,CNY,1e9,zh-CN,Asia/Shanghai,',
      'c4,+8613600136003,周强,快借,900,CNY,3,zh-CN,Asia/Shanghai,"{""maxProactivePerDay"":100}"',
      'c5,+15555550100,John Doe,County Sheriff,900,USD,3,en-US,America/Chicago,',
      'c6,+15555550101,Jane Doe,QuickCash,900,USD,3,en-US,America/Chicago,"{""quietHours"":{""start"":""22:00""}}"',
    ].join('\n');
    const res = await fetch(`${r.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await res.json()) as ImportAnswer;
    expect(body.errors).toEqual([
      { line: 3, error: expect.stringMatching(/^phone: .*extension/) },
      { line: 4, error: 'overdueDays: expected a whole number of days from 0 to 3650' },
      { line: 5, error: expect.stringMatching(/^policy: maxProactivePerDay: /) },
      { line: 6, error: expect.stringMatching(/^lender: the lender name .*"sheriff"/) },
      // China's floor is not enough in Chicago.
      {
        line: 7,
        error: 'policy: quietHours: 22:00–08:00 does not cover the legal quiet hours 21:00–08:00 (US)',
      },
    ]);
    expect(body.imported).toBe(1);
  });

  it('at 02:30 local, refuses the policy that would have texted then; a good account waits for morning', async () => {
    const r = await start(NIGHT);
    const body = await importJson(r, [
      { ...good, id: 'night', policy: { quietHours: { start: '02:00', end: '05:00' } } },
      { ...good, id: 'ok', phone: '+8613700137001' },
    ]);
    expect(body.errors.map((e) => e.line)).toEqual([1]);
    const ids = (await get<{ id: string }[]>(`${r.url}/api/conversations`)).map((c) => c.id);
    expect(ids).toEqual(['ok']);
    await r.service.drain();
    const ok = await get<ConversationView>(`${r.url}/api/conversations/ok`);
    expect(ok.messages.filter((m) => m.status === 'sent')).toEqual([]);
  });
});

describe('masked phones stay masked', () => {
  it('shows at least four hidden digits, and the inbox search cannot read them back', async () => {
    const r = await start(DAY);
    await importJson(r, [
      { ...good, id: 'zh', phone: '+8613800138000' },
      {
        ...good,
        id: 'us',
        phone: '+15551234567',
        locale: 'en-US',
        timezone: 'America/Chicago',
        currency: 'USD',
        debtorName: 'Maria Lopez',
        lender: 'QuickCash',
      },
    ]);
    const list = await get<{ id: string; phone: string }[]>(`${r.url}/api/conversations`);
    expect(Object.fromEntries(list.map((c) => [c.id, c.phone]))).toEqual({
      zh: '+86138****8000',
      us: '+155****4567',
    });
    const search = async (q: string) =>
      (await get<{ id: string; phone: string }[]>(`${r.url}/api/inbox?q=${encodeURIComponent(q)}`)).map(
        (x) => x.id,
      );
    // What the panel shows finds the debtor; so does the whole number, however it is typed.
    expect(await search('8000')).toEqual(['zh']);
    expect(await search('+86 138')).toEqual(['zh']);
    expect(await search('+86 138****8000')).toEqual(['zh']);
    expect(await search('+86 138-0013-8000')).toEqual(['zh']);
    expect(await search('4567')).toEqual(['us']);
    // The eight queries that read +86138****8000 back digit by digit now find nothing.
    for (const q of ['1380', '13800', '138001', '1380013', '08000', '38000', '138000', '0138000'])
      expect(await search(q), q).toEqual([]);
    for (const q of ['5551', '555123', '1234567']) expect(await search(q), q).toEqual([]);
  });

  it('refuses a simulated inbound from a number with letters, with the reason', async () => {
    const r = await start(DAY);
    const res = await fetch(`${r.url}/sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+86138001380O0', text: '没钱' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      'from: expected an E.164 phone number such as +8613800138000 (it has letters)',
    );
  });
});
