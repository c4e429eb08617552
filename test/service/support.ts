import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { InboundSms, SmsSender } from '../../src/channels/channel.ts';
import { createLogger } from '../../src/log.ts';
import { HuikuanService } from '../../src/service/huikuan.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { ChannelName } from '../../src/store/store.ts';

const stores: SqliteStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** 10:00 in Beijing, 21:00 in New York: a first reminder to a Chinese debtor goes out at once. */
export const T0 = Date.parse('2026-11-23T10:00:00+08:00');

/** A service on a real SQLite file, with a clock the test moves. */
export function service(
  opts: {
    senders?: Partial<Record<ChannelName, SmsSender>>;
    afterCommit?: () => void;
    defaultChannel?: ChannelName;
    /** Another service's database file (a restart, or a second instance); a fresh one if left out. */
    file?: string;
    clock?: { now: number };
  } = {},
) {
  const file = opts.file ?? join(mkdtempSync(join(tmpdir(), 'hk-service-')), 's.db');
  const store = SqliteStore.open(file);
  stores.push(store);
  const clock = opts.clock ?? { now: T0 };
  const svc = new HuikuanService({
    store,
    senders: opts.senders ?? {},
    clock: () => clock.now,
    log: createLogger('test', 'silent'),
    defaultChannel: opts.defaultChannel ?? 'gateway',
    afterCommit: opts.afterCommit,
  });
  return { store, svc, clock, file };
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
