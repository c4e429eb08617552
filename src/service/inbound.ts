import type { Logger } from 'pino';
import type { InboundSms } from '../channels/channel.ts';
import type { ArchivedMessage } from '../dialogue/conversation.ts';
import type { Store, StoredMessage } from '../store/store.ts';
import type { Committed, UnitOfWork } from './unit-of-work.ts';

/**
 * One inbound SMS, processed once however often the provider delivers it: archived, answered
 * (unless a person has taken the conversation over) and its reply queued, in one unit of work.
 */

export interface ReceiveResult {
  duplicate: boolean;
  /** No account has this phone: archived, never answered. */
  unknown: boolean;
  conversationId: string | null;
  inbound: StoredMessage | null;
  /** The reply to this SMS (queued, deferred or blocked), if the bot answers it. */
  replies: StoredMessage[];
}

export interface InboundOptions {
  store: Store;
  units: UnitOfWork;
  clock: () => number;
  log: Logger;
}

/** Thrown inside the transaction so a redelivery leaves nothing behind. */
class DuplicateDelivery extends Error {}

/** What the transaction did with the SMS: its stored row (null: a redelivery) and the replies it drew. */
interface Received {
  stored: StoredMessage | null;
  /** The SMS's seq in its conversation (0 when it has none). */
  seq: number;
  out: ArchivedMessage[];
}

export async function receiveSms(
  { store, units, clock, log }: InboundOptions,
  sms: InboundSms,
): Promise<ReceiveResult> {
  const at = clock();
  let done: Committed<Received>;
  try {
    done = await units.run<Received>(
      async () => {
        const account = await store.getAccountByPhone(sms.from);
        if (account) return { row: await units.conversationOf(account, sms.channel), account };
        const inbound = await store.insertInbound({
          conversationId: null,
          message: { seq: 0, direction: 'in', at, text: sms.text, status: 'received' },
          status: 'received',
          channel: sms.channel,
          providerMessageId: sms.providerMessageId,
          phone: sms.from,
          reason: 'unknown number',
        });
        return { none: { stored: inbound, seq: 0, out: [] } };
      },
      async ({ conv, row, account }) => {
        // A reply goes back where the debtor wrote from; a demo debtor stays on the simulator.
        if (!account.demo) row.channel = sms.channel;
        conv.runDue(at);
        const { inbound, out } = row.paused
          ? { inbound: conv.archiveInbound(sms.text, at), out: [] }
          : conv.receive(sms.text, at);
        const stored = await store.insertInbound({
          conversationId: row.id,
          message: inbound,
          status: 'received',
          channel: sms.channel,
          providerMessageId: sms.providerMessageId,
          phone: sms.from,
          reason: null,
        });
        if (stored === null) throw new DuplicateDelivery();
        return { stored, seq: inbound.seq, out };
      },
    );
  } catch (err) {
    if (!(err instanceof DuplicateDelivery)) throw err;
    // The UNIQUE key refused a redelivery: everything this attempt did was rolled back.
    log.info(
      { channel: sms.channel, providerMessageId: sms.providerMessageId, from: sms.from },
      'duplicate delivery ignored',
    );
    return { duplicate: true, unknown: false, conversationId: null, inbound: null, replies: [] };
  }
  const { conversationId, changed, value } = done;
  const result: ReceiveResult = {
    duplicate: value.stored === null,
    unknown: conversationId === null,
    conversationId,
    inbound: value.stored,
    replies: changed.filter(
      (m) => value.out.some((o) => o.seq === m.message.seq) && m.message.inReplyTo === value.seq,
    ),
  };
  if (result.duplicate) return result;
  log.info(
    {
      channel: sms.channel,
      from: sms.from,
      conversation: result.conversationId,
      unknown: result.unknown,
      intent: result.inbound?.message.parsed?.intent,
    },
    'inbound',
  );
  log.debug({ text: sms.text }, 'inbound text');
  units.announce([done]);
  return result;
}
