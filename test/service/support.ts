import { afterEach } from 'vitest';
import type { InboundSms, SmsSender } from '../../src/channels/channel.ts';
import { createLogger } from '../../src/log.ts';
import { HuikuanService } from '../../src/service/huikuan.ts';
import type { ChannelName, Store, StoredAccount } from '../../src/store/store.ts';
import { openTestStore, testDb } from '../support/stores.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** 10:00 in Beijing, 21:00 in New York: a first reminder to a Chinese debtor goes out at once. */
export const T0 = Date.parse('2026-11-23T10:00:00+08:00');

/** A Chinese debtor four days overdue on 1,200 yuan, created at T0. */
export const chineseAccount = (id = 'a1'): StoredAccount => ({
  id,
  phone: '+8613500135000',
  debtorName: '陈静',
  lender: '安心贷',
  balance: 120000,
  currency: 'CNY',
  overdueDays: 4,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  demo: false,
  createdAt: T0,
});

/**
 * A service on a real database (a SQLite file, or a PostgreSQL database under
 * HUIKUAN_TEST_STORE=postgres), with a clock the test moves.
 */
export async function service(
  opts: {
    senders?: Partial<Record<ChannelName, SmsSender>>;
    afterCommit?: () => void;
    defaultChannel?: ChannelName;
    /** Another service's database (a restart, or a second instance); a fresh one if left out. */
    db?: string;
    clock?: { now: number };
    /** How many debtors' sends the outbox sender awaits at once (the service's default if left out). */
    sendLanes?: number;
  } = {},
) {
  const db = opts.db ?? (await testDb());
  const store = await openTestStore(db);
  stores.push(store);
  const clock = opts.clock ?? { now: T0 };
  const svc = new HuikuanService({
    store,
    senders: opts.senders ?? {},
    clock: () => clock.now,
    log: createLogger('test', 'silent'),
    defaultChannel: opts.defaultChannel ?? 'gateway',
    afterCommit: opts.afterCommit,
    ...(opts.sendLanes === undefined ? {} : { sendLanes: opts.sendLanes }),
  });
  return { store, svc, clock, db };
}

/** An SMS from `from` as the gateway delivers it (`id`: the provider's id, the dedupe key). */
export const sms = (from: string, text: string, id: string): InboundSms => ({
  channel: 'gateway',
  providerMessageId: id,
  from,
  to: null,
  text,
  receivedAt: T0,
});
