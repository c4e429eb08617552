import type { Request, Response } from 'express';
import { Botkit, type BotkitMessage } from 'botkit';
import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { InboundSms } from '../channels/channel.ts';
import type { ChannelEdge } from '../channels/webhook.ts';
import type { ChannelName } from '../store/store.ts';

/**
 * The Botkit edge: one Botkit app, three adapters (Twilio, the signed gateway, the simulator),
 * all feeding the same dialogue core. This is the only module that imports Botkit (archived
 * upstream, so it stays at the edge): each adapter wraps one channel's webhook (the ChannelEdge
 * its provider's file in src/channels declares), turns a verified request into a Bot Framework
 * activity, Botkit runs its turn, and our `message` handler hands the SMS to the core through
 * the channel interface. Replies do not go back through Botkit: the core commits them to the
 * outbox, which the channel senders drain.
 */

const OUTCOME = Symbol('huikuan.outcome');

/**
 * Where botbuilder-dialogs looks for a DialogStateManager's configuration (its memory scopes and
 * path resolvers) before building one: Botkit's turn builds a DialogContext, whose state manager
 * otherwise asks every registered component for new scopes on every turn (about a tenth of a
 * millisecond, issue 16). The scopes hold no state of their own (they read the dialog context
 * they are handed), so one configuration serves every turn, as botbuilder's own DialogManager
 * keeps its `stateConfiguration` across turns.
 */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** A Bot Framework adapter over one of our SMS channels. */
export class SmsAdapter<Outcome> extends BotAdapter {
  readonly name: string;
  /** The dialog state configuration the first turn built (see STATE_CONFIGURATION). */
  private stateConfiguration: unknown = undefined;

  constructor(private readonly edge: ChannelEdge<Outcome>) {
    super();
    this.name = `huikuan-${edge.name}`;
  }

  async processActivity(
    req: Request,
    res: Response,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const v = await this.edge.verify(req);
    if (!v.ok) return this.edge.reject(res, v.status, v.error);
    const activity: Partial<Activity> = {
      type: 'message',
      id: v.sms.providerMessageId,
      channelId: this.edge.name,
      timestamp: new Date(v.sms.receivedAt),
      from: { id: v.sms.from, name: v.sms.from },
      recipient: { id: v.sms.to ?? 'huikuan', name: 'huikuan' },
      conversation: {
        id: `${this.edge.name}:${v.sms.from}`,
        isGroup: false,
        name: v.sms.from,
        conversationType: 'sms',
      },
      text: v.sms.text,
      channelData: { sms: v.sms },
    };
    const context = new TurnContext(this, activity);
    if (this.stateConfiguration !== undefined)
      context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
    await this.runMiddleware(context, logic);
    this.stateConfiguration ??= context.turnState.get(STATE_CONFIGURATION);
    await this.edge.respond(res, context.turnState.get(OUTCOME) as Outcome);
  }

  /** Replies leave through the core's outbox, never through the turn. */
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map(() => ({ id: '' }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('SMS cannot be edited once sent');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('SMS cannot be recalled once sent');
  }

  async continueConversation(
    _reference: Partial<ConversationReference>,
    _logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    throw new Error('proactive messages go through the outbox');
  }
}

/** Botkit keeps dialog state we do not use (ours lives in the store): keep none. */
const nullStorage = {
  read: async () => ({}),
  write: async () => {},
  delete: async () => {},
};

export interface BotkitEdge {
  controller: Botkit;
  /** The Express handler for one channel's webhook. */
  handler(channel: ChannelName): (req: Request, res: Response) => void;
}

/**
 * Build the Botkit app. `core` handles one verified SMS and returns what the edge answers with;
 * it runs inside Botkit's turn, after its middleware.
 */
export function createBotkitEdge<Outcome>(
  edges: ChannelEdge<Outcome>[],
  core: (sms: InboundSms) => Promise<Outcome>,
  onError: (err: unknown) => void,
): BotkitEdge {
  const adapters = new Map(edges.map((e) => [e.name, new SmsAdapter(e)]));
  const primary = adapters.values().next().value!;
  const controller = new Botkit({
    adapter: primary,
    disable_webserver: true,
    disable_console: true,
    storage: nullStorage as never,
  });
  for (const adapter of adapters.values()) if (adapter !== primary) controller.usePlugin(adapter as never);

  controller.on('message', async (_bot: unknown, message: BotkitMessage) => {
    const sms = (message.incoming_message.channelData as { sms: InboundSms }).sms;
    message.context.turnState.set(OUTCOME, await core(sms));
  });

  return {
    controller,
    handler(channel) {
      const adapter = adapters.get(channel);
      if (!adapter) throw new Error(`no adapter for ${channel}`);
      return (req, res) => {
        adapter.processActivity(req, res, controller.handleTurn.bind(controller)).catch((err) => {
          onError(err);
          if (!res.headersSent) res.status(500).json({ error: 'internal error' });
        });
      };
    },
  };
}
