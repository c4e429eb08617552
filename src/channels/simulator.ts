import express from 'express';
import { z } from 'zod';
import { maskPhone } from '../log.ts';
import {
  describeIssues,
  toE164,
  type InboundSms,
  type OutboundSms,
  type SendResult,
  type SmsSender,
} from './channel.ts';
import { PHONE_EXPECTED, parsePhone } from './phone.ts';
import type { ChannelWebhook, WebhookDeps } from './webhook.ts';

/**
 * The local simulator channel: POST /sim/inbound plays a debtor's SMS (behind the admin token),
 * and SimulatorSender "delivers" replies into memory.
 */

/** One message the simulator "delivered". */
export interface SimulatedSms {
  /** Our outbox id. */
  id: number;
  text: string;
  /** Epoch ms, from the simulator's clock. */
  at: number;
}

export interface SimulatorOptions {
  /** The simulator's clock (epoch ms); src never reads the wall clock itself. */
  nowMs: () => number;
  /**
   * Called for every message before it is recorded. It may throw to play a provider refusing
   * the message (e.g. a PermanentSendError with code 21610): the send then rejects with that
   * error and nothing is recorded.
   */
  onSend?: (sms: SimulatedSms & { to: string }) => void;
  /** Messages kept per phone, oldest dropped first (default 200). */
  keepPerPhone?: number;
}

/**
 * The local channel: "delivers" into memory, per phone, so /sim and the tests can read what the
 * debtor would have received. Every send is recorded, a retried one included, so a duplicate
 * delivery shows here as two entries.
 */
export class SimulatorSender implements SmsSender {
  readonly name = 'sim' as const;
  private readonly byPhone = new Map<string, SimulatedSms[]>();
  private readonly keep: number;

  constructor(private readonly opts: SimulatorOptions) {
    this.keep = Math.max(1, Math.floor(opts.keepPerPhone ?? 200));
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    // A local delivery still takes a turn of the event loop, as a provider's HTTP call does:
    // else the outbox draining 10 000 reminders to the simulator is one unbroken chain of
    // microtasks that holds every request for seconds.
    await new Promise((resolve) => setImmediate(resolve));
    const to = toE164(sms.to);
    const entry: SimulatedSms = { id: sms.id, text: sms.text, at: this.opts.nowMs() };
    this.opts.onSend?.({ ...entry, to });
    const list = this.byPhone.get(to) ?? [];
    list.push(entry);
    if (list.length > this.keep) list.splice(0, list.length - this.keep);
    this.byPhone.set(to, list);
    return { providerMessageId: `sim-${sms.id}` };
  }

  /** What `to` has received, oldest first (the last 200); copies, so callers cannot edit the log. */
  sent(to: string): SimulatedSms[] {
    return (this.byPhone.get(toE164(to)) ?? []).map((m) => ({ ...m }));
  }

  /** Forget everything (between tests, or a simulator reset). */
  clear(): void {
    this.byPhone.clear();
  }
}

/** What POST /sim/inbound takes: a debtor's phone and text, and an optional id to test dedupe. */
export const SimInboundSchema = z.strictObject({
  from: z.string().min(1, 'expected a phone number').max(32),
  text: z.string().max(2000, 'at most 2000 characters'),
  messageId: z.string().min(1).max(128).optional(),
});

/** Makes simulated message ids unique within the process when the caller gives none. */
let simSequence = 0;

/**
 * POST /sim/inbound: JSON, behind the admin token. Unlike a provider's webhook it answers with
 * what the bot did (intent, state, the reply as sent), for the panel and for people trying it.
 * It plays only simulator debtors (demo accounts, and accounts reached on the simulator): for
 * a debtor reached through Twilio or the gateway it would move a real negotiation with words the
 * debtor never sent, and re-channel it to the simulator so the bot's later replies never reach
 * them. Such a request is 403 and nothing is stored. An unknown number is archived as one.
 */
export function simWebhook({ service, requireToken, phoneAccount }: WebhookDeps): ChannelWebhook {
  return {
    name: 'sim',
    path: '/sim/inbound',
    before: [requireToken, express.json({ limit: '16kb' })],
    async verify(req) {
      const r = SimInboundSchema.safeParse(req.body);
      if (!r.success) {
        const i = describeIssues(r.error.issues)[0]!;
        return { ok: false, status: 400, error: `${i.path}: ${i.message}` };
      }
      const phone = parsePhone(r.data.from);
      if (!phone.ok) return { ok: false, status: 400, error: `from: ${PHONE_EXPECTED} (${phone.reason})` };
      const from = phone.e164;
      const account = await phoneAccount(from);
      if (account && !account.demo && account.channel !== 'sim')
        return {
          ok: false,
          status: 403,
          error: `from: ${maskPhone(from)} is a real debtor reached on ${account.channel}, not a simulator account: the simulator plays only demo and simulator debtors`,
        };
      const sms: InboundSms = {
        channel: 'sim',
        providerMessageId: r.data.messageId ?? `sim-${service.now()}-${++simSequence}`,
        from,
        to: null,
        text: r.data.text,
        receivedAt: service.now(),
      };
      return { ok: true, sms };
    },
    async respond(res, outcome) {
      // The simulator delivers locally: send now so the answer shows the reply as sent.
      await service.drain();
      const view = outcome.conversationId ? await service.conversation(outcome.conversationId) : null;
      const reply = outcome.replies[0];
      const stored = reply && view?.messages.find((m) => m.id === reply.id);
      res.status(200).json({
        ok: true,
        duplicate: outcome.duplicate,
        conversationId: outcome.conversationId,
        intent: outcome.inbound?.message.parsed?.intent ?? null,
        state: view?.state ?? null,
        reply: stored
          ? {
              text: stored.text,
              status: stored.status,
              acts: stored.acts,
              ...(stored.until ? { until: stored.until } : {}),
              ...(stored.offers ? { offers: stored.offers } : {}),
            }
          : null,
      });
    },
    reject(res, status, error) {
      res.status(status).json({ error });
    },
  };
}
