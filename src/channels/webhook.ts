import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.ts';
import type { HuikuanService } from '../service/huikuan.ts';
import type { ChannelName } from '../vocabulary.ts';
import type { InboundSms } from './channel.ts';

/**
 * The inbound side of a channel, as each provider file (twilio.ts, gateway.ts, simulator.ts)
 * declares it: where the provider posts, how its body is read, how the request is verified and
 * turned into an InboundSms, and how the provider is answered. The Botkit edge
 * (src/server/botkit-edge.ts) wraps each one in an adapter; src/server/http.ts only mounts them.
 */

export type Verified = { ok: true; sms: InboundSms } | { ok: false; status: number; error: string };

export interface ChannelEdge<Outcome> {
  name: ChannelName;
  /** Check the signature and the body; nothing is stored for a request that fails. */
  verify(req: Request): Verified | Promise<Verified>;
  /** Answer the provider once the core has handled the SMS. */
  respond(res: Response, outcome: Outcome): void | Promise<void>;
  /** Answer a request that failed verification. */
  reject(res: Response, status: number, error: string): void;
}

/** What the core answers for one inbound SMS (its duplicate flag, the replies it committed). */
export type Received = Awaited<ReturnType<HuikuanService['receive']>>;

export interface ChannelWebhook extends ChannelEdge<Received> {
  /** The path the provider posts to. */
  path: string;
  /**
   * What runs before verification, in order: any auth, then the body parser. A signed body is
   * read raw, so the signature is checked over the exact bytes the provider sent.
   */
  before: RequestHandler[];
}

/** What the simulator needs to know of the account a phone belongs to. */
export interface PhoneAccount {
  accountId: string;
  demo: boolean;
  /** The channel its conversation is reached on (the default channel before it has one). */
  channel: ChannelName;
}

export interface WebhookDeps {
  config: Config;
  /** The account with this E.164 phone, or null for an unknown number. */
  phoneAccount: (phone: string) => Promise<PhoneAccount | null>;
  service: Pick<HuikuanService, 'now' | 'drain' | 'conversation'>;
  /** Start sending what the core just committed, without holding up the answer. */
  afterCommit: () => void;
  /** The admin-token guard, for channels that are not a provider's (the simulator). */
  requireToken: RequestHandler;
}
