import type { Locale } from '../vocabulary.ts';
import { toMinor } from '../money.ts';
import type { StoredAccount } from '../store/store.ts';

/**
 * The demo debtors, from this one place: the three a fresh embedded database starts with, so the
 * simulator works at once (HUIKUAN_DEMO=0 turns them off), and the ones the panel's "add a demo
 * debtor" makes. All are marked `demo`; the phones are reserved/fictional ranges. The panel's
 * simulator has no copy: it reads their full phones from GET /api/demo-debtors (panel/js/phones.js).
 */

export type DemoLocale = Locale;

/** The seeds of a fresh database. */
export function demoAccounts(now: number): StoredAccount[] {
  const base = { demo: true, createdAt: now };
  return [
    {
      ...base,
      id: 'demo-zhangwei',
      phone: '+8613800138000',
      debtorName: '张伟',
      lender: '安心贷',
      balance: 360000,
      currency: 'CNY',
      overdueDays: 5,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      policy: { maxInstallments: 6 },
    },
    {
      ...base,
      id: 'demo-lina',
      phone: '+8613900139000',
      debtorName: '李娜',
      lender: '快借',
      balance: 880000,
      currency: 'CNY',
      overdueDays: 12,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    },
    {
      ...base,
      id: 'demo-maria',
      phone: '+15555550123',
      debtorName: 'Maria Lopez',
      lender: 'QuickCash',
      balance: 125050,
      currency: 'USD',
      overdueDays: 3,
      locale: 'en-US',
      timezone: 'America/New_York',
    },
  ];
}

const ZH_NAMES = ['王芳', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴斌'];
const EN_NAMES = ['James Carter', 'Emily Chen', 'Daniel Kim', 'Sofia Garcia', 'Noah Patel', 'Olivia Brown'];

const demoPhone = (locale: DemoLocale, n: number): string =>
  locale === 'zh-CN' ? `+86137${String(n).padStart(8, '0')}` : `+1555${String(n).padStart(7, '0')}`;

/**
 * The next demo debtor in `locale`: `demo-<n>` for the first n whose id and phone no existing
 * account has, with a name, balance and days overdue that vary with n.
 */
export function nextDemoDebtor(existing: StoredAccount[], locale: DemoLocale, now: number): StoredAccount {
  const ids = new Set(existing.map((a) => a.id));
  const phones = new Set(existing.map((a) => a.phone));
  let n = 1;
  while (ids.has(`demo-${n}`) || phones.has(demoPhone(locale, n))) n++;
  const zh = locale === 'zh-CN';
  return {
    id: `demo-${n}`,
    phone: demoPhone(locale, n),
    debtorName: zh ? ZH_NAMES[(n - 1) % ZH_NAMES.length]! : EN_NAMES[(n - 1) % EN_NAMES.length]!,
    lender: zh ? '安心贷' : 'QuickCash',
    balance: toMinor(800 + ((n * 1373) % 9200)),
    currency: zh ? 'CNY' : 'USD',
    overdueDays: [2, 5, 9, 15, 30][n % 5]!,
    locale,
    timezone: zh ? 'Asia/Shanghai' : 'America/New_York',
    demo: true,
    createdAt: now,
  };
}
