import express from 'express';
import type { Logger } from 'pino';
import { gatewayWebhook } from '../channels/gateway.ts';
import { simWebhook } from '../channels/simulator.ts';
import { twilioStatusWebhook, twilioWebhook } from '../channels/twilio.ts';
import type { PhoneAccount } from '../channels/webhook.ts';
import type { Config } from '../config.ts';
import type { HuikuanService } from '../service/huikuan.ts';
import { contentType } from './body.ts';
import { createBotkitEdge } from './botkit-edge.ts';
import { errorAnswer, notFound } from './errors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { agentRoutes, publicTeamRoutes } from './routes/agents.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { eventRoutes } from './routes/events.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { panelRoutes } from './routes/panel.ts';
import { paymentRoutes } from './routes/payments.ts';
import { simRoutes } from './routes/sim.ts';
import { teamRoutes } from './routes/team.ts';
import { sameOrigin } from './same-origin.ts';
import { securityHeaders } from './security-headers.ts';
import { authenticate } from './team-auth.ts';
import type { Team } from '../team/team.ts';

/**
 * The HTTP surface of CONTRACTS §7, mounted: health, the three SMS channels (each declared in its
 * provider's file under src/channels, run through one Botkit app), the agent-assist panel and its
 * API (src/server/routes, every route behind the admin token). Every body is validated with zod at
 * the door: a malformed one gets a 4xx with the reason and nothing is stored. Webhooks answer as
 * soon as the core has committed; sending happens after, from the outbox. Before any of it: the
 * security headers, the Host and Origin checks (src/server/same-origin.ts), and JSON (or CSV
 * for an import) as the only body type the panel's API and the simulator take.
 */

const JSON_ONLY = ['application/json'];
const IMPORT_TYPES = ['application/json', 'text/csv', 'application/csv'];

export interface AppOptions {
  config: Config;
  service: HuikuanService;
  /** Agents, sessions, ownership, notes, audit (src/team). */
  team: Team;
  log: Logger;
  /** The account a phone belongs to (the simulator plays only simulator debtors). */
  phoneAccount: (phone: string) => Promise<PhoneAccount | null>;
}

export function createApp({ config, service, team, log, phoneAccount }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  app.use(sameOrigin(config));

  const guard = authenticate(config, team);
  const afterCommit = (): void => {
    void service.drain().catch((err) => log.error({ err }, 'outbox drain failed'));
  };

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));

  // The simulator first: Botkit's primary adapter is the first one.
  const deps = { config, service, afterCommit, requireToken: guard, phoneAccount };
  app.use('/sim', contentType(JSON_ONLY));
  const webhooks = [simWebhook(deps), twilioWebhook(deps), gatewayWebhook(deps)];
  const edge = createBotkitEdge(
    webhooks,
    (sms) => service.receive(sms),
    (err) => log.error({ err }, 'webhook failed'),
  );
  for (const w of webhooks) app.post(w.path, ...w.before, edge.handler(w.name));
  // Twilio's status callbacks are not SMS: no Botkit turn, they only settle ambiguous sends.
  const status = twilioStatusWebhook({ config, confirm: (id, sid) => service.confirmSent(id, sid) });
  app.post(status.path, ...status.before, status.handle);

  app.use(panelRoutes());
  app.use(publicTeamRoutes(config, team));
  app.use('/api', contentType(JSON_ONLY, { '/accounts': IMPORT_TYPES }), guard);
  const api = { service, team, afterCommit };
  app.use(agentRoutes(team));
  app.use(teamRoutes(api));
  app.use(accountRoutes(api));
  app.use(conversationRoutes(api));
  app.use(metricsRoutes(api));
  app.use(eventRoutes(api));
  app.use(simRoutes(api));
  app.use(paymentRoutes(api));

  app.use(errorAnswer(log));
  app.use(notFound);
  return app;
}
