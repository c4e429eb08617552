import { createHash, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parseAccountsCsv, parseAccountsJson } from '../accounts/import.ts';
import { parseInstant } from '../time/calendar.ts';
import { toMinor } from '../money.ts';
import { InvalidInboundError, type InboundSms } from '../channels/channel.ts';
import { PHONE_EXPECTED, parsePhone } from '../channels/phone.ts';
import { gatewayToInbound, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyGateway } from '../channels/gateway.ts';
import { toInbound, twiml, validateTwilioSignature } from '../channels/twilio.ts';
import type { Config } from '../config.ts';
import type { HuikuanService, ReceiveResult } from '../service/huikuan.ts';
import { createBotkitEdge, type ChannelEdge } from './botkit-edge.ts';

/**
 * The HTTP surface of CONTRACTS §7. Every body is validated with zod at the door: a malformed
 * one gets a 4xx with the reason and nothing is stored. Webhooks answer as soon as the core has
 * committed; sending happens after, from the outbox.
 */

export interface AppOptions {
  config: Config;
  service: HuikuanService;
  log: Logger;
}

const SimInboundSchema = z.strictObject({
  from: z.string().min(1, 'expected a phone number').max(32),
  text: z.string().max(2000, 'at most 2000 characters'),
  messageId: z.string().min(1).max(128).optional(),
});

const InboxQuerySchema = z.object({
  filter: z.enum(['all', 'needs_person', 'negotiating', 'agreed', 'opted_out', 'wrong_party']).default('all'),
  q: z.string().max(64).optional(),
});
const AgentMessageSchema = z.strictObject({
  text: z.string().trim().min(1, 'expected a message').max(1000, 'at most 1000 characters'),
});
const ResolveSchema = z.strictObject({
  resolution: z.enum(['dispute_settled', 'payment_confirmed', 'other']),
  note: z.string().max(500).optional(),
});
const DemoDebtorSchema = z.strictObject({ locale: z.enum(['zh-CN', 'en-US']).optional() });
const PaymentSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  amount: z
    .number()
    .positive('expected a positive amount')
    .transform((a, ctx) => {
      try {
        return toMinor(a);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  paidAt: z
    .string()
    .refine((s) => parseInstant(s) !== null, 'expected an ISO 8601 instant with an offset')
    .transform((s) => parseInstant(s)!.epochMs)
    .optional(),
  reference: z.string().max(128).optional(),
});

const issueText = (e: z.ZodError): string => {
  const i = e.issues[0]!;
  return `${i.path.join('.') || 'body'}: ${i.message}`;
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PANEL_DIR = join(ROOT, 'panel');
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));

let simSequence = 0;

/** Compare digests, always 32 bytes: the time taken says nothing about where the strings differ, or their lengths. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over 16 KB, a malformed
 * request line or header): Node's own answer is a bare status line without a word of why, and a
 * client still sending its body sees its connection reset. Answer with the reason as JSON, then
 * read and drop whatever the client still sends until it closes (bounded by a second), so the
 * answer reaches it.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const error =
    status === 431
      ? 'request header fields too large: at most 16 KB of headers'
      : status === 408
        ? 'request timeout: the request did not arrive in time'
        : `bad request: not a valid HTTP/1.1 request (${err.code ?? 'parse error'})`;
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.on('error', () => socket.destroy());
  socket.on('end', () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), 1000).unref();
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

  const requireToken = (req: Request, res: Response, next: NextFunction): void => {
    const token = config.HUIKUAN_ADMIN_TOKEN;
    if (!token) return next();
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (m && constantTimeEqual(m[1]!.trim(), token)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({ error: 'unauthorized: send Authorization: Bearer <HUIKUAN_ADMIN_TOKEN>' });
  };

  const afterCommit = (): void => {
    void service.drain().catch((err) => log.error({ err }, 'outbox drain failed'));
  };

  // --- the three SMS channels, through one Botkit app ------------------------------------------

  const twilioEdge: ChannelEdge<ReceiveResult> = {
    name: 'twilio',
    verify(req) {
      if (!config.TWILIO_AUTH_TOKEN)
        return { ok: false, status: 403, error: 'the Twilio channel is not configured' };
      const params = (req.body ?? {}) as Record<string, string | string[]>;
      // Twilio signs the public URL it called, which a proxy may have rewritten: use PUBLIC_URL.
      const url = config.publicUrl + req.originalUrl;
      if (!validateTwilioSignature(config.TWILIO_AUTH_TOKEN, url, params, req.get('x-twilio-signature'))) {
        return { ok: false, status: 403, error: 'missing or invalid X-Twilio-Signature' };
      }
      try {
        return { ok: true, sms: toInbound(params, service.now()) };
      } catch (err) {
        return { ok: false, status: 400, error: (err as Error).message };
      }
    },
    respond(res) {
      res.status(200).type('text/xml').send(twiml());
      afterCommit();
    },
    reject(res, status, error) {
      res.status(status).type('text/plain').send(error);
    },
  };

  const gatewayEdge: ChannelEdge<ReceiveResult> = {
    name: 'gateway',
    verify(req) {
      if (!config.GATEWAY_SECRET)
        return { ok: false, status: 401, error: 'the gateway channel is not configured (GATEWAY_SECRET)' };
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const v = verifyGateway({
        secret: config.GATEWAY_SECRET,
        timestamp: req.get(TIMESTAMP_HEADER),
        signature: req.get(SIGNATURE_HEADER),
        rawBody: raw,
        nowMs: service.now(),
      });
      if (!v.ok) return { ok: false, status: 401, error: v.reason };
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return { ok: false, status: 400, error: 'body: not valid JSON' };
      }
      try {
        return { ok: true, sms: gatewayToInbound(body, service.now()) };
      } catch (err) {
        return {
          ok: false,
          status: 400,
          error: err instanceof InvalidInboundError ? err.message : String(err),
        };
      }
    },
    respond(res, outcome) {
      res.status(200).json({ ok: true, duplicate: outcome.duplicate });
      afterCommit();
    },
    reject(res, status, error) {
      res.status(status).json({ error });
    },
  };

  const simEdge: ChannelEdge<ReceiveResult> = {
    name: 'sim',
    verify(req) {
      const r = SimInboundSchema.safeParse(req.body);
      if (!r.success) {
        const i = r.error.issues[0]!;
        return { ok: false, status: 400, error: `${i.path.join('.') || 'body'}: ${i.message}` };
      }
      const phone = parsePhone(r.data.from);
      if (!phone.ok) return { ok: false, status: 400, error: `from: ${PHONE_EXPECTED} (${phone.reason})` };
      const from = phone.e164;
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
      const view = outcome.conversationId ? service.conversation(outcome.conversationId) : null;
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

  const edge = createBotkitEdge(
    [simEdge, twilioEdge, gatewayEdge],
    (sms) => service.receive(sms),
    (err) => log.error({ err }, 'webhook failed'),
  );

  // --- routes ----------------------------------------------------------------------------------

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));

  app.post(
    '/sms/twilio',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }),
    edge.handler('twilio'),
  );
  app.post('/sms/gateway', express.raw({ type: () => true, limit: '64kb' }), edge.handler('gateway'));
  app.post('/sim/inbound', requireToken, express.json({ limit: '16kb' }), edge.handler('sim'));

  // --- the agent-assist panel (static; its data comes from /api, behind the token) ------------

  app.get('/', (_req, res) => res.sendFile(join(PANEL_DIR, 'index.html')));
  app.use('/panel', express.static(PANEL_DIR, { index: false, maxAge: 0 }));
  app.use('/vendor/uplot', express.static(UPLOT_DIR, { index: false }));
  app.get('/api/session', (req, res) => {
    const token = config.HUIKUAN_ADMIN_TOKEN;
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    res.json({
      authRequired: Boolean(token),
      authenticated: !token || Boolean(m && constantTimeEqual(m[1]!.trim(), token)),
    });
  });

  app.use('/api', requireToken);
  app.post(
    '/api/accounts',
    express.text({ type: ['text/csv', 'application/csv'], limit: '10mb' }),
    express.json({ limit: '10mb' }),
    (req, res) => {
      const isCsv = typeof req.body === 'string';
      if (!isCsv && !Array.isArray(req.body))
        return void res
          .status(400)
          .json({ error: 'expected a JSON array of accounts, or text/csv with a header row' });
      const parsed = isCsv
        ? parseAccountsCsv(req.body as string, service.now())
        : parseAccountsJson(req.body, service.now());
      const r = service.addAccounts(parsed.rows);
      const errors = [...parsed.errors, ...r.errors].sort((a, b) => a.line - b.line);
      res.json({ imported: r.created + r.updated, created: r.created, updated: r.updated, errors });
      afterCommit();
    },
  );
  app.get('/api/conversations', (_req, res) => void res.json(service.listConversations()));
  app.get('/api/inbox', (req, res) => {
    const q = InboxQuerySchema.safeParse(req.query);
    if (!q.success) return void res.status(400).json({ error: issueText(q.error) });
    res.json(service.inbox(q.data.filter, q.data.q ?? null));
  });
  app.get('/api/metrics', (_req, res) => void res.json(service.metrics()));
  app.get('/api/events', (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const off = service.onChange(({ conversationId }) => {
      const state = service.stateOf(conversationId);
      res.write(`event: change\ndata: ${JSON.stringify({ conversationId, state })}\n\n`);
    });
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(beat);
      off();
    });
  });
  app.post('/api/demo-debtors', express.json({ limit: '4kb' }), (req, res) => {
    const b = DemoDebtorSchema.safeParse(req.body ?? {});
    if (!b.success) return void res.status(400).json({ error: issueText(b.error) });
    const account = service.addDemoDebtor(b.data.locale ?? 'zh-CN');
    res
      .status(201)
      .json({ account: { ...account, balance: account.balance / 100 }, conversationId: account.id });
    afterCommit();
  });
  app.post('/api/payments', express.json({ limit: '4kb' }), (req, res) => {
    const b = PaymentSchema.safeParse(req.body);
    if (!b.success) return void res.status(400).json({ error: issueText(b.error) });
    const r = service.recordPayment({
      accountId: b.data.accountId,
      amount: b.data.amount,
      paidAt: b.data.paidAt ?? service.now(),
      reference: b.data.reference ?? null,
    });
    if (!r) return void res.status(404).json({ error: `no account ${b.data.accountId}` });
    res.json({
      payment: {
        ...r.payment,
        amount: r.payment.amount / 100,
        paidAt: new Date(r.payment.paidAt).toISOString(),
      },
      promiseKept: r.promiseKept,
    });
  });
  app.post('/api/conversations/:id/messages', express.json({ limit: '8kb' }), (req, res) => {
    const b = AgentMessageSchema.safeParse(req.body);
    if (!b.success) return void res.status(400).json({ error: issueText(b.error) });
    const r = service.agentSend(req.params.id!, b.data.text);
    if (!r) return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    const m = r.message;
    if (m.status === 'blocked')
      return void res.status(422).json({ error: 'blocked', violations: m.violations ?? [] });
    const message = service.conversation(req.params.id!)?.messages.find((x) => x.seq === m.seq);
    res.json({
      status: m.status === 'sent' ? 'queued' : m.status,
      ...(message?.until ? { until: message.until } : {}),
      message,
    });
    afterCommit();
  });
  app.post('/api/conversations/:id/takeover', (req, res) => {
    if (!service.takeover(req.params.id!))
      return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    res.json({ paused: true });
  });
  app.post('/api/conversations/:id/handback', (req, res) => {
    const state = service.handback(req.params.id!);
    if (state === null) return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    res.json({ paused: false, state });
  });
  app.post('/api/conversations/:id/resolve', express.json({ limit: '4kb' }), (req, res) => {
    const b = ResolveSchema.safeParse(req.body ?? {});
    if (!b.success) return void res.status(400).json({ error: issueText(b.error) });
    const r = service.resolve(req.params.id!, b.data.resolution, b.data.note ?? null);
    if (!r) return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    if (!r.ok)
      return void res
        .status(409)
        .json({ error: `the conversation is in ${r.state}, not handoff`, state: r.state });
    res.json({ state: r.state });
  });
  app.get('/api/conversations/:id/export', (req, res) => {
    const file = service.exportConversation(req.params.id!);
    if (!file) return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    res
      .set('content-disposition', `attachment; filename="${req.params.id!.replace(/[^\w.-]/g, '_')}.json"`)
      .json(file);
  });
  app.get('/api/conversations/:id', (req, res) => {
    const view = service.conversation(req.params.id!);
    if (!view) return void res.status(404).json({ error: `no conversation ${req.params.id}` });
    res.json(view);
  });

  // Malformed bodies (bad JSON, too large, bad encoding) are the client's fault: say why.
  app.use(
    (err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(err);
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
      if (status === 500) log.error({ err }, 'request failed');
      res
        .status(status)
        .json({ error: status === 500 ? 'internal error' : `${err.type ?? 'bad request'}: ${err.message}` });
    },
  );
  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  return app;
}
