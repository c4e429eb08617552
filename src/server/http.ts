import express from 'express';
import type { Logger } from 'pino';
import { gatewayWebhook } from '../channels/gateway.ts';
import { simWebhook } from '../channels/simulator.ts';
import { twilioWebhook } from '../channels/twilio.ts';
import type { Config } from '../config.ts';
import type { HuikuanService } from '../service/huikuan.ts';
import { requireToken, sessionRoute } from './auth.ts';
import { createBotkitEdge } from './botkit-edge.ts';
import { errorAnswer, notFound } from './errors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { eventRoutes } from './routes/events.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { panelRoutes } from './routes/panel.ts';
import { paymentRoutes } from './routes/payments.ts';
import { simRoutes } from './routes/sim.ts';

/**
 * The HTTP surface of CONTRACTS §7, mounted: health, the three SMS channels (each declared in its
 * provider's file under src/channels, run through one Botkit app), the agent-assist panel and its
 * API (src/server/routes, every route behind the admin token). Every body is validated with zod at
 * the door: a malformed one gets a 4xx with the reason and nothing is stored. Webhooks answer as
 * soon as the core has committed; sending happens after, from the outbox.
 */

export interface AppOptions {
  config: Config;
  service: HuikuanService;
  log: Logger;
}

export function createApp({ config, service, log }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Every answer is exactly the type it says (JSON for the API): a browser must not sniff a
  // stored "<script>" in a debtor's text into markup.
  app.use((_req, res, next) => {
    res.set('x-content-type-options', 'nosniff');
    next();
  });

  const guard = requireToken(config);
  const afterCommit = (): void => {
    void service.drain().catch((err) => log.error({ err }, 'outbox drain failed'));
  };

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));

  // The simulator first: Botkit's primary adapter is the first one.
  const deps = { config, service, afterCommit, requireToken: guard };
  const webhooks = [simWebhook(deps), twilioWebhook(deps), gatewayWebhook(deps)];
  const edge = createBotkitEdge(
    webhooks,
    (sms) => service.receive(sms),
    (err) => log.error({ err }, 'webhook failed'),
  );
  for (const w of webhooks) app.post(w.path, ...w.before, edge.handler(w.name));

  app.use(panelRoutes());
  app.get('/api/session', sessionRoute(config));
  app.use('/api', guard);
  const api = { service, afterCommit };
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
