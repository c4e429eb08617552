import type { ConversationFile } from '../src/replay/file.ts';
import { prng } from './stats.ts';

/**
 * Realistic debtor replies and accounts, shared by the replay, HTTP and memory benches and the
 * load tests. Everything is seeded, so every run measures the same inputs.
 */

/** Replies that keep a negotiation going (no opt-out, no wrong number): every one gets an answer. */
export const NEGOTIATION_ZH = [
  '我现在真的没钱',
  '没钱',
  '暂时周转不开',
  '现在没钱,只能先还{n}',
  '每月最多{n}',
  '一个月最多还{n}',
  '能不能分{k}期',
  '分三期可以吗',
  '宽限几天吧',
  '月底先还{n}',
  '下周五还{n}块',
  '周五发工资就还',
  '推到下个月{d}号',
  '欠多少',
  '你们是哪个平台?',
  '好的',
  '第二个方案',
  '不行,太多了',
  '收到',
  '失业了,长期没收入',
  '我借了5000,逾期5天',
  '可以先还一部分吗',
  '能少一点吗',
  '我考虑一下',
  '转人工',
];
export const NEGOTIATION_EN = [
  'no money right now',
  'I lost my job',
  'I can pay ${n} next Friday',
  'can I split it into {k} payments?',
  'how much do I owe?',
  'give me until the end of the month',
  'too much, I can do {n} a month',
  'ok',
  'option B',
  'I will pay tomorrow',
  'I can only pay {n} now',
  'what company is this?',
  'can you lower it?',
  'let me think about it',
  'I get paid on the 15th',
];
/** Turns that end or divert a conversation, mixed into replay so every path is exercised. */
export const ENDINGS_ZH = [
  '退订',
  '打错了',
  '我不是他本人',
  '已经还了{n}',
  '我要投诉你们 12378',
  '骗子!!',
  'STOP',
];
export const ENDINGS_EN = ['STOP', 'wrong number', 'I already paid', 'Stop texting me', 'this is a scam'];

const ZH_NAMES = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '赵敏',
  '黄强',
  '周婷',
  '吴斌',
  '徐丽',
  '孙浩',
];
const EN_NAMES = [
  'James Carter',
  'Emily Chen',
  'Daniel Kim',
  'Sofia Garcia',
  'Noah Patel',
  'Olivia Brown',
  'Maria Lopez',
  'David Lee',
];
const ZH_LENDERS = ['安心贷', '信和金融', '快易借', '惠民贷'];
const EN_LENDERS = ['QuickCash', 'Summit Credit', 'Northwind'];
const EN_ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles'];

export function fill(template: string, rand: () => number): string {
  return template
    .replace('{n}', String(100 + Math.floor(rand() * 50) * 20))
    .replace('{k}', String(2 + Math.floor(rand() * 8)))
    .replace('{d}', String(1 + Math.floor(rand() * 28)));
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** One account for the import API (CONTRACTS §7 shape, balance in major units). */
export interface AccountInput {
  id: string;
  phone: string;
  debtorName: string;
  lender: string;
  balance: number;
  currency: 'CNY' | 'USD';
  overdueDays: number;
  locale: 'zh-CN' | 'en-US';
  timezone: string;
}

/**
 * `n` accounts, two in three Chinese. `zones` overrides the time zones (the HTTP bench keeps
 * everyone in daytime so replies go out at once); phones are unique per `prefix`.
 */
export function generateAccounts(
  n: number,
  opts: { seed?: number; prefix?: string; zhZone?: string; enZone?: string } = {},
): AccountInput[] {
  const rand = prng(opts.seed ?? 11);
  const prefix = opts.prefix ?? 'acc';
  const out: AccountInput[] = [];
  for (let i = 0; i < n; i++) {
    const zh = rand() < 2 / 3;
    out.push({
      id: `${prefix}-${i}`,
      // +86 139 + 8 digits, or +1 555 + 7 digits: unique for i < 10^7.
      phone: zh ? `+86139${String(i).padStart(8, '0')}` : `+1555${String(i).padStart(7, '0')}`,
      debtorName: zh ? pick(rand, ZH_NAMES) : pick(rand, EN_NAMES),
      lender: zh ? pick(rand, ZH_LENDERS) : pick(rand, EN_LENDERS),
      balance: 500 + Math.floor(rand() * 400) * 25,
      currency: zh ? 'CNY' : 'USD',
      overdueDays: 1 + Math.floor(rand() * 60),
      locale: zh ? 'zh-CN' : 'en-US',
      timezone: zh ? (opts.zhZone ?? 'Asia/Shanghai') : (opts.enZone ?? pick(rand, EN_ZONES)),
    });
  }
  return out;
}

/** A reply for an account: a negotiation message in its language (`endings`: sometimes one that ends it). */
export function debtorText(locale: 'zh-CN' | 'en-US', rand: () => number, endings = 0): string {
  const zh = locale === 'zh-CN';
  const pool = rand() < endings ? (zh ? ENDINGS_ZH : ENDINGS_EN) : zh ? NEGOTIATION_ZH : NEGOTIATION_EN;
  return fill(pick(rand, pool), rand);
}

const OFFSETS: Record<string, string> = {
  'Asia/Shanghai': '+08:00',
  'America/New_York': '-05:00',
  'America/Chicago': '-06:00',
  'America/Los_Angeles': '-08:00',
};

/** An ISO instant with the zone's (winter) offset, from epoch ms. */
function iso(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}

/**
 * `n` varied CONTRACTS §5 conversations in memory: both locales, 0–6 turns from the pools above
 * (one in ten a turn that ends or diverts it), gaps from a minute to two days, starts at any hour
 * of the day (so quiet hours and deferrals happen), some with a policy override.
 */
export function generateConversations(n: number, seed = 23): ConversationFile[] {
  const rand = prng(seed);
  const accounts = generateAccounts(n, { seed: seed + 1, prefix: 'c' });
  // Winter 2026, so the fixed offsets above are right for every zone used.
  const base = Date.parse('2026-11-02T00:00:00Z');
  return accounts.map((a) => {
    const offset = OFFSETS[a.timezone]!;
    let t = base + Math.floor(rand() * 30) * 86_400_000 + Math.floor(rand() * 24 * 60) * 60_000;
    const start = iso(t, offset);
    const turns: ConversationFile['turns'] = [];
    const count = Math.floor(rand() * 7);
    for (let i = 0; i < count; i++) {
      t += 60_000 + Math.floor(rand() * (rand() < 0.8 ? 3 * 3_600_000 : 2 * 86_400_000));
      turns.push({ at: iso(t, offset), text: debtorText(a.locale, rand, 0.1) });
    }
    const policy =
      rand() < 0.2
        ? { maxInstallments: 6 }
        : rand() < 0.1
          ? { maxProactivePerDay: 1, roundTo: 10 }
          : undefined;
    return {
      id: a.id,
      locale: a.locale,
      timezone: a.timezone,
      start,
      account: {
        debtorName: a.debtorName,
        lender: a.lender,
        balance: a.balance,
        currency: a.currency,
        overdueDays: a.overdueDays,
      },
      ...(policy ? { policy } : {}),
      turns,
    };
  });
}
