import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for api.twilio.com on 127.0.0.1: a real node:http server that keeps the messages
 * created through it, lists them as Twilio's Messages resource does (To, From, DateSent> by GMT
 * day, newest first, pages with next_page_uri), records every request, and can be told to fail
 * a create after creating the message (5xx, no answer, a dropped connection) or before it.
 */

export interface StandInRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInMessage {
  sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  direction: 'outbound-api';
  status: 'queued' | 'sent';
  date_created: string;
  date_sent: string | null;
  /** The form as posted (ValidityPeriod, StatusCallback …). */
  form: Record<string, string>;
}

/** What the next create does: `ok` creates and answers 201; the others fail, after or before creating. */
export type CreateFault =
  'ok' | 'error-after-create' | 'hang-after-create' | 'drop-after-create' | 'error-before-create';

export interface TwilioStandIn {
  base: string;
  requests: StandInRequest[];
  messages: StandInMessage[];
  /** The POSTs that asked for a message (whether or not one was created). */
  creates(): StandInRequest[];
  /** The GETs of the Messages list. */
  lists(): StandInRequest[];
  /** The next creates, in order, behave like this (then `ok`). */
  faults: CreateFault[];
  /** Created messages stay queued (no date_sent yet, as in a long queue at Twilio). */
  queueOnly: boolean;
  /** Ends hanging requests and stops listening. */
  close(): Promise<void>;
}

const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

export async function twilioStandIn(opts: {
  accountSid: string;
  authToken: string;
  /** The time it stamps on messages (the test's clock). */
  clock: () => number;
  /** The largest page it answers with (default: as the request asks). */
  pageSize?: number;
}): Promise<TwilioStandIn> {
  const requests: StandInRequest[] = [];
  const messages: StandInMessage[] = [];
  const path = `/2010-04-01/Accounts/${opts.accountSid}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  let created = 0;

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const create = (form: Record<string, string>): StandInMessage => {
    const now = opts.clock();
    const m: StandInMessage = {
      sid: `SM${String(++created).padStart(32, '0')}`,
      to: form['To'] ?? '',
      from: form['From'] ?? null,
      messaging_service_sid: form['MessagingServiceSid'] ?? null,
      body: form['Body'] ?? '',
      direction: 'outbound-api',
      status: stand.queueOnly ? 'queued' : 'sent',
      date_created: rfc2822(now),
      date_sent: stand.queueOnly ? null : rfc2822(now),
      form,
    };
    messages.push(m);
    return m;
  };

  const list = (res: ServerResponse, query: URLSearchParams): void => {
    const to = query.get('To');
    const from = query.get('From');
    const sentFrom = query.get('DateSent>');
    // PageSize as asked, but never more than the stand-in's own page size (to exercise paging)
    const size = Math.min(Number(query.get('PageSize') ?? 50), opts.pageSize ?? Infinity);
    const page = Number(query.get('Page') ?? 0);
    const hits = messages
      .filter((m) => (to === null || m.to === to) && (from === null || m.from === from))
      // Twilio's DateSent filter is by GMT day; a message not sent yet has no date_sent to match.
      .filter(
        (m) => sentFrom === null || (m.date_sent !== null && Date.parse(m.date_sent) >= Date.parse(sentFrom)),
      )
      .reverse();
    const slice = hits.slice(page * size, (page + 1) * size);
    const more = (page + 1) * size < hits.length;
    const next = new URLSearchParams(query);
    next.set('Page', String(page + 1));
    json(res, 200, {
      messages: slice,
      page,
      page_size: size,
      next_page_uri: more ? `${path}?${next.toString()}` : null,
    });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      if (req.headers.authorization !== auth)
        return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      const [p, q = ''] = r.url.split('?');
      if (p !== path) return json(res, 404, { code: 20404, message: 'not found', status: 404 });
      if (r.method === 'GET') return list(res, new URLSearchParams(q));
      const fault = stand.faults.shift() ?? 'ok';
      if (fault === 'error-before-create')
        return json(res, 503, { code: 20503, message: 'Service Unavailable', status: 503 });
      const m = create(Object.fromEntries(new URLSearchParams(r.body)));
      if (fault === 'ok') return json(res, 201, { sid: m.sid, status: m.status, error_code: null });
      if (fault === 'error-after-create')
        return json(res, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
      if (fault === 'drop-after-create') return void req.socket.destroy();
      // hang-after-create: no answer until the sender gives up or the stand-in closes
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const stand: TwilioStandIn = {
    base: `http://127.0.0.1:${port}`,
    requests,
    messages,
    creates: () => requests.filter((r) => r.method === 'POST'),
    lists: () => requests.filter((r) => r.method === 'GET'),
    faults: [],
    queueOnly: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stand;
}
