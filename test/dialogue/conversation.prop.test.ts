import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/dialogue/conversation.ts';
import type { Account } from '../../src/dialogue/types.ts';
import { checkPlanInvariants } from '../../src/planning/invariants.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { isQuiet } from '../../src/time/quiet-hours.ts';
import { zonedParts } from '../../src/time/timezone.ts';
import { propRuns } from '../support/props.ts';

/**
 * Random conversations on a random clock: whatever debtors say and whenever they say it, no
 * sent message breaks a CONTRACTS §4 rule and no offered plan breaks a plan invariant. The
 * checks here are written independently of the guard: they re-derive each rule from the
 * archive.
 */

const ZH = [
  '我现在真的没钱',
  '没钱',
  '暂时的',
  '长期的',
  '失业了',
  '每月最多300',
  '只能先还500',
  '每月只能还50',
  '能分6期吗',
  '宽限到月底吧',
  '明天还500',
  '月底先还2000',
  '好的',
  '第二个方案',
  'B',
  '不行',
  '太多了',
  '每期600太多了,400可以吗',
  '欠多少?',
  '怎么还',
  '你们是哪个平台',
  '会影响征信吗',
  '骗子',
  '滚',
  '我要投诉',
  '12378',
  '我没借过',
  '已经还了',
  '转人工',
  '打错了',
  '我是他朋友',
  '退订',
  'R',
  '别再发了',
  '收到',
  '👍',
  '',
  '冇钱啊',
  '沒錢,下週五再還',
  '不是我借的',
  // after the first offer (CONTRACTS §8)
  'A吧',
  '揀B啦',
  'A太多了,B可以',
  '好的',
  '下一期是哪天,要还多少',
  '还剩多少',
  '第二期能不能晚一周',
  '下一期推迟三天',
  '罚息能减免吗',
  '这是哪家公司?是不是诈骗',
  '什么时候有人联系我',
  '剩下的钱可以分几次吗',
  '我是他爱人,钱我来还吧',
  '之前退订了,现在想还款',
  '暂时困难,月底发工资,一个月最多还700',
  '谢谢',
];
const EN = [
  'I have no money',
  'temporary',
  'long term, I lost my job',
  'I can pay $100 a month',
  'can I split it into 4 payments?',
  'give me until the 15th',
  "I'll pay $200 on Friday",
  'ok',
  'option B',
  'no',
  'too much',
  'how much do I owe?',
  'who is this?',
  'scam',
  'I want to file a complaint',
  'that is not my loan',
  'I already paid',
  'let me talk to a real person',
  'wrong number',
  'STOP',
  'stop texting me',
  'thanks',
  '🙏',
  // after the first offer (CONTRACTS §8)
  'B please',
  'not A, the second one',
  "when's the next one due",
  'how do I pay?',
  'can I push the second payment back a week?',
  'is this a scam?',
  "I'm his wife, I can pay it for him",
  'can you waive the late fees?',
  'when will someone call me',
  '$60 every other week',
  'thanks',
];
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
];
const BANNED =
  /骗子|老赖|家人|父母|上门|曝光|报警|警察|坐牢|通讯录|undefined|null|NaN|\[object|\{\{|\$\{|\bfamily\b|\bpolice\b|\bjail\b/i;
const DEBT_WORDS = /欠|逾期|贷款|借款|还款|\d|debt|loan|owe|payment|overdue|balance/i;

const accountArb = fc.record({
  locale: fc.constantFrom('zh-CN' as const, 'en-US' as const),
  timezone: fc.constantFrom(...ZONES),
  balance: fc.integer({ min: 1, max: 5_000_000 }),
  currency: fc.constantFrom('CNY' as const, 'USD' as const),
  overdueDays: fc.integer({ min: 0, max: 120 }),
  debtorName: fc.constantFrom('张伟', '李娜', 'Maria Lopez', 'Wei', '欧阳娜娜'),
  lender: fc.constantFrom('安心贷', '快借', 'QuickCash', 'Lendly'),
  policy: fc.record({
    maxInstallments: fc.integer({ min: 1, max: 24 }),
    roundTo: fc.constantFrom(1, 10, 100),
    minDownPaymentRatio: fc.constantFrom(0, 0.1, 0.3),
    maxNegotiationRounds: fc.integer({ min: 1, max: 4 }),
    maxProactivePerDay: fc.integer({ min: 1, max: 3 }),
    // Windows the legal floors allow whatever the account's jurisdiction (issue 12: they cover
    // 22:00–08:00 and 21:00–08:00), widened at either end.
    quietHours: fc.constantFrom(
      { start: '21:00', end: '08:00' },
      { start: '21:00', end: '09:00' },
      { start: '20:00', end: '08:30' },
    ),
  }),
});

type AccountArg = typeof accountArb extends fc.Arbitrary<infer A> ? A : never;
type Turn = { gapMinutes: number; zh: string; en: string; lang: boolean; pay: number | null };

const turnsArb: fc.Arbitrary<Turn[]> = fc.array(
  fc.record({
    gapMinutes: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 30, max: 3 * 24 * 60 })),
    zh: fc.constantFrom(...ZH),
    en: fc.constantFrom(...EN),
    lang: fc.boolean(),
    // Now and then a payment is recorded instead (a share of the balance, in percent).
    pay: fc.option(fc.integer({ min: 1, max: 100 }), { freq: 6 }),
  }),
  { maxLength: 10 },
);
// 2025–2030, any minute: lands in quiet hours and across DST changes.
const startArb = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => Math.floor(ms / 60_000) * 60_000);

interface Played {
  conv: Conversation;
  /** The payments recorded: minor units, and how many messages the archive held before each. */
  payments: { before: number; amount: number }[];
}

/** What was owed when message `seq` was written: the balance less the payments recorded before it. */
const owedAt = (account: Account, payments: Played['payments'], seq: number): number =>
  account.balance - payments.filter((p) => p.before < seq).reduce((sum, p) => sum + p.amount, 0);

function checkArchive({ conv, payments }: Played, account: Account): string[] {
  const policy = resolvePolicy(account.policy);
  const problems: string[] = [];
  const blocked = conv.archive.filter((m) => m.direction === 'out' && m.status === 'blocked' && m.violations);
  for (const b of blocked) problems.push(`blocked by the guard: ${b.text} (${JSON.stringify(b.violations)})`);
  const perDay = new Map<string, number>();
  let optedOutAt: number | null = null;
  let wrongPartyAt: number | null = null;
  let handoffAt: number | null = null;
  let offerMessages = 0;
  const inbound = conv.archive.filter((m) => m.direction === 'in');
  const order = [...conv.archive].sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const m of order) {
    if (m.direction === 'in' || m.status !== 'sent') continue;
    const where = `[${m.acts?.join('+')} at ${new Date(m.at).toISOString()}] ${m.text}`;
    if (m.text.length > 350) problems.push(`too long: ${where}`);
    if (account.locale === 'zh-CN' && !m.text.startsWith(`【${account.lender}】`))
      problems.push(`no signature: ${where}`);
    if (account.locale === 'zh-CN' && (m.text.match(/【/g) ?? []).length !== 1)
      problems.push(`stray 【】: ${where}`);
    if (account.locale === 'en-US' && !m.text.includes(account.lender))
      problems.push(`lender not named: ${where}`);
    if (BANNED.test(m.text)) problems.push(`banned word: ${where}`);
    if (isQuiet(m.at, account.timezone, policy.quietHours)) problems.push(`sent in quiet hours: ${where}`);
    if (m.kind === 'proactive') {
      const day = zonedParts(m.at, account.timezone).date;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      if (perDay.get(day)! > policy.maxProactivePerDay)
        problems.push(`over the daily cap on ${day}: ${where}`);
      if (!/回复R拒收|reply stop/i.test(m.text)) problems.push(`proactive without opt-out hint: ${where}`);
      if (handoffAt !== null) problems.push(`proactive after handoff: ${where}`);
    }
    if (optedOutAt !== null) problems.push(`sent after the opt-out confirmation: ${where}`);
    // To someone who is not the debtor: an apology (wrong number) or the third-party note.
    const toOther = m.acts?.includes('apology') || m.acts?.includes('third_party');
    if (wrongPartyAt !== null && !(toOther && m.at === wrongPartyAt))
      problems.push(`sent after wrong party: ${where}`);
    if (toOther && DEBT_WORDS.test(m.text.replace(`【${account.lender}】`, '').replace(account.lender, '')))
      problems.push(`debt disclosed to a wrong party: ${where}`);
    if (m.acts?.includes('opt_out_confirm')) optedOutAt = m.at;
    if (toOther) wrongPartyAt = m.at;
    if (m.state === 'handoff') handoffAt = m.at;
    if (m.acts?.includes('offer')) {
      offerMessages++;
      if (handoffAt !== null) problems.push(`offer after handoff: ${where}`);
      const today = zonedParts(m.at, account.timezone).date;
      for (const o of m.offers ?? []) {
        const option = {
          id: o.id,
          kind: 'x',
          reason: 'x',
          installments: o.installments.map((i) => ({ due: i.due, amount: Math.round(i.amount * 100) })),
        };
        // Offers are planned when the debtor's message arrives; a deferred reply goes out later.
        const planned = zonedParts(
          conv.archive.find((x) => x.seq === m.inReplyTo)?.at ?? m.at,
          account.timezone,
        ).date;
        const v = checkPlanInvariants(option as never, {
          balance: owedAt(account, payments, m.seq),
          policy,
          today: planned,
        });
        if (v.length) problems.push(`plan ${o.id} breaks ${v.join('; ')} (offered ${today})`);
      }
    }
  }
  if (offerMessages > policy.maxNegotiationRounds)
    problems.push(`${offerMessages} offer messages > maxNegotiationRounds ${policy.maxNegotiationRounds}`);
  for (const i of inbound) {
    const replies = conv.archive.filter(
      (m) => m.inReplyTo === i.seq && (m.status === 'sent' || m.status === 'deferred'),
    );
    if (replies.length > 1) problems.push(`${replies.length} replies to ${JSON.stringify(i.text)}`);
  }
  return problems;
}

/** Play the turns; with `cutAt`, persist to JSON and restore just before that turn. */
function play(account: Account, start: number, turns: Turn[], cutAt?: number): Played {
  let conv = Conversation.create(account.id, account);
  const payments: Played['payments'] = [];
  conv.start(start);
  let at = start;
  for (const [i, t] of turns.entries()) {
    if (i === cutAt) conv = Conversation.restore(JSON.parse(JSON.stringify(conv.toJSON())));
    at += t.gapMinutes * 60_000;
    conv.runDue(at);
    if (t.pay !== null) {
      const amount = Math.max(1, Math.round((account.balance * t.pay) / 100));
      payments.push({ before: conv.archive.length, amount });
      conv.recordPayment(amount, at);
    } else conv.receive(t.lang === (account.locale === 'zh-CN') ? t.zh : t.en, at);
  }
  conv.runDue(at + 3 * 24 * 3_600_000);
  return { conv, payments };
}

describe('random conversations keep every CONTRACTS §4 rule', () => {
  it('no sent message breaks a rule and no offered plan breaks an invariant', () => {
    fc.assert(
      fc.property(accountArb, startArb, turnsArb, (a, start, turns) => {
        const account: Account = { id: 'p', ...a };
        const played = play(account, start, turns);
        const { conv } = played;
        expect(checkArchive(played, account)).toEqual([]);
        // Every inbound gets a reply, unless an opt-out or a wrong party (this one or a later one)
        // silenced the conversation before that reply went out: a deferred note about the debt
        // must not reach a wrong party.
        for (const i of conv.archive.filter((m) => m.direction === 'in')) {
          const silenced = conv.archive.some(
            (m) =>
              m.direction === 'out' &&
              (m.acts?.includes('opt_out_confirm') ||
                m.acts?.includes('apology') ||
                m.acts?.includes('third_party')) &&
              (m.seq < i.seq || (m.inReplyTo ?? 0) >= i.seq),
          );
          const answered = conv.archive.some((m) => m.inReplyTo === i.seq && m.status === 'sent');
          if (!silenced) expect(answered, `no reply to ${JSON.stringify(i.text)}`).toBe(true);
        }
      }),
      { numRuns: propRuns(150) },
    );
  });

  // Found by this property: two replies held by quiet hours go out together at 08:00 (the second
  // rendered while the first waited behind a third waiting text); two settled-loan thank-yous
  // deferred side by side while the previous one sent used the other wording.
  const settledCny = (balance: number): AccountArg => ({
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    balance,
    currency: 'CNY',
    overdueDays: 0,
    debtorName: '张伟',
    lender: '安心贷',
    policy: {
      maxInstallments: 1,
      roundTo: 1,
      minDownPaymentRatio: 0,
      maxNegotiationRounds: 1,
      maxProactivePerDay: 1,
      quietHours: { start: '21:00', end: '08:00' },
    },
  });
  const noMoney = (gapMinutes: number, pay: number | null): Turn => ({
    gapMinutes,
    zh: '我现在真的没钱',
    en: 'I have no money',
    lang: false,
    pay,
  });
  const REPEAT_EXAMPLES: [AccountArg, number, Turn[]][] = [
    [
      settledCny(1),
      1735689600000,
      [1685, 275, 1530, 6, 3044, 30].map((gapMinutes, i) => noMoney(gapMinutes, i === 1 ? 1 : null)),
    ],
    [
      settledCny(2),
      1738500000000,
      [
        { ...noMoney(20, null), en: 'scam' },
        noMoney(0, 1),
        { ...noMoney(0, null), en: 'scam' },
        noMoney(0, 1),
      ],
    ],
  ];

  it('never sends one debtor the same text twice in a row (CONTRACTS §8)', () => {
    fc.assert(
      fc.property(accountArb, startArb, turnsArb, (a, start, turns) => {
        const account: Account = { id: 'p', ...a };
        const { conv } = play(account, start, turns);
        // In the order the debtor receives them: by send time (a deferred one when it went out).
        const sent = conv.archive
          .filter((m) => m.direction === 'out' && m.status === 'sent')
          .sort((x, y) => x.at - y.at || x.seq - y.seq);
        for (let i = 1; i < sent.length; i++)
          expect(sent[i]!.text, `repeated: ${sent[i]!.text}`).not.toBe(sent[i - 1]!.text);
      }),
      { numRuns: propRuns(150), examples: REPEAT_EXAMPLES },
    );
  });

  it('persisting and restoring mid-conversation changes nothing', () => {
    fc.assert(
      fc.property(accountArb, startArb, turnsArb, fc.nat(), (a, start, turns, cut) => {
        const account: Account = { id: 'p', ...a };
        const whole = play(account, start, turns).conv;
        const restored = play(account, start, turns, turns.length ? cut % turns.length : undefined).conv;
        expect(JSON.stringify(restored.archive)).toBe(JSON.stringify(whole.archive));
        expect(restored.state).toBe(whole.state);
      }),
      { numRuns: propRuns(60) },
    );
  });
});
