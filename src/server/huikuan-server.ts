/**
 * The assembled server: store, channels, service, HTTP, and the scheduler and outbox loops, from
 * an environment. `main.ts` runs it for `npm start`; tests start it in-process on port 0.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { parseInstant } from '../time/calendar.ts';
import type { SmsSender } from '../channels/channel.ts';
import { demoToSimulator } from '../channels/demo-routing.ts';
import { GatewaySender } from '../channels/gateway.ts';
import { SimulatorSender } from '../channels/simulator.ts';
import { statusCallbackUrl, TwilioSender } from '../channels/twilio.ts';
import { loadConfig, type Config } from '../config.ts';
import { loadLenderConfig } from '../lenders/load.ts';
import { NO_LENDERS } from '../lenders/schema.ts';
import { createLogger } from '../log.ts';
import { HuikuanService } from '../service/huikuan.ts';
import { openAgentStore, openStore } from '../store/open-store.ts';
import { Team } from '../team/team.ts';
import type { PhoneAccount } from '../channels/webhook.ts';
import type { ChannelName, Store } from '../store/store.ts';
import { demoAccounts } from '../service/demo-debtors.ts';
import { answerClientError } from './errors.ts';
import { createApp } from './http.ts';

/** The wall clock, or (HUIKUAN_NOW, for tests and demos) a clock that starts at a given instant. */
export function makeClock(start: string | undefined): () => number {
  if (!start) return () => Date.now();
  const fake = parseInstant(start)!.epochMs;
  const real = Date.now();
  return () => fake + (Date.now() - real);
}

export function buildSenders(
  config: Config,
  clock: () => number,
  log?: Logger,
): Partial<Record<ChannelName, SmsSender>> {
  const senders: Partial<Record<ChannelName, SmsSender>> = { sim: new SimulatorSender({ nowMs: clock }) };
  if (config.TWILIO_AUTH_TOKEN && config.TWILIO_ACCOUNT_SID && config.TWILIO_NUMBER) {
    senders.twilio = new TwilioSender({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      from: config.TWILIO_NUMBER,
      statusCallback: statusCallbackUrl(config.publicUrl),
      apiBase: config.TWILIO_API_BASE,
      log,
    });
  }
  if (config.GATEWAY_SEND_URL && config.GATEWAY_SECRET) {
    senders.gateway = new GatewaySender({
      sendUrl: config.GATEWAY_SEND_URL,
      secret: config.GATEWAY_SECRET,
      nowSeconds: () => Math.floor(clock() / 1000),
      log,
    });
  }
  return senders;
}

export interface Running {
  url: string;
  port: number;
  config: Config;
  service: HuikuanService;
  store: Store;
  team: Team;
  close(): Promise<void>;
}

/** Start everything from an environment: store, demo data, HTTP, scheduler and outbox loops. */
export async function startHuikuan(
  env: Record<string, string | undefined>,
  overrides: { clock?: () => number } = {},
): Promise<Running> {
  const config = loadConfig(env);
  // Read once, before anything starts: a wording the guard would block stops start-up here.
  const lenders = config.HUIKUAN_CONFIG ? loadLenderConfig(config.HUIKUAN_CONFIG) : NO_LENDERS;
  const log = createLogger('huikuan', config.LOG_LEVEL);
  const clock = overrides.clock ?? makeClock(config.HUIKUAN_NOW);
  const store = await openStore(config.HUIKUAN_DB, {
    poolSize: config.HUIKUAN_DB_POOL,
    onListenError: (err) => log.error({ err }, 'lost the change notices of other instances'),
  });
  // Demo debtors hear only from the simulator, whatever channel their conversation names.
  const senders = demoToSimulator(
    buildSenders(config, clock, log),
    async (phone) => (await store.getAccountByPhone(phone))?.demo === true,
  );
  const service = new HuikuanService({
    store,
    senders,
    clock,
    log,
    defaultChannel: config.defaultChannel,
    outboxLeaseMs: config.HUIKUAN_OUTBOX_LEASE_MS,
    sendLanes: config.HUIKUAN_SEND_LANES,
    ...(config.HUIKUAN_CACHE_MESSAGES !== undefined ? { cacheMessages: config.HUIKUAN_CACHE_MESSAGES } : {}),
    lenders,
    // Crash tests: die the hard way between the commit and the send.
    afterCommit:
      config.HUIKUAN_CRASH_AFTER_COMMIT === '1' ? () => process.kill(process.pid, 'SIGKILL') : undefined,
  });

  if (config.HUIKUAN_DEMO === '1' && (await store.countAccounts()) === 0) {
    const r = await service.addAccounts(
      demoAccounts(clock()).map((account, i) => ({ line: i + 1, account })),
    );
    log.info({ demo: r.created }, 'demo debtors added (HUIKUAN_DEMO=0 turns them off)');
  }

  const phoneAccount = async (phone: string): Promise<PhoneAccount | null> => {
    const account = await store.getAccountByPhone(phone);
    if (!account) return null;
    const row = await store.getConversationByAccount(account.id);
    return { accountId: account.id, demo: account.demo, channel: row?.channel ?? config.defaultChannel };
  };
  // The team's tables live in the same database: on SQLite through a connection of their own,
  // on PostgreSQL on the store's own pool.
  const team = new Team(openAgentStore(config.HUIKUAN_DB, store), clock);
  const app = createApp({ config, service, team, log, phoneAccount });
  const server = app.listen(config.PORT, config.HOST);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  log.info(
    {
      host: config.HOST,
      port,
      db: store.kind === 'sqlite' ? config.HUIKUAN_DB : 'postgres',
      channels: Object.keys(senders),
    },
    'listening',
  );

  // The scheduler and the outbox sender: catch up at once after a restart, then keep looking.
  let stopped = false;
  const loop = async (): Promise<void> => {
    if (stopped) return;
    try {
      await service.tick();
      await service.drain();
    } catch (err) {
      log.error({ err }, 'scheduler tick failed');
    }
  };
  await loop();
  const timer = setInterval(() => void loop(), config.HUIKUAN_TICK_MS);

  return {
    url: `http://${host}:${port}`,
    port,
    config,
    service,
    store,
    team,
    async close() {
      stopped = true;
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await service.drain().catch(() => 0);
      service.stopListening();
      await team.store.close();
      await store.close();
    },
  };
}
