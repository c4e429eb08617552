import crypto from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInboundError, PermanentSendError } from '../../src/channels/channel.ts';
import {
  toInbound,
  twilioSignature,
  TwilioInboundSchema,
  TwilioSender,
  twiml,
  validateTwilioSignature,
} from '../../src/channels/twilio.ts';

/**
 * Twilio's published request-validation example: auth token "12345", this URL and these POST
 * parameters sign to RSOYDt4T1cUTdK1PDd93/VVr8B8=. It is the example of Twilio's security docs
 * and the fixture of its helper libraries' own tests (twilio-php and twilio-csharp
 * RequestValidatorTest, twilio-python's validator example), together with the other vectors below.
 */
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('X-Twilio-Signature', () => {
  describe("Twilio's published vectors", () => {
    it('signs the documented example to RSOYDt4T1cUTdK1PDd93/VVr8B8= and accepts it', () => {
      expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
      expect(validateTwilioSignature(TOKEN, URL_, PARAMS, SIGNATURE)).toBe(true);
    });

    it('signs a repeated parameter once per distinct value, values sorted (twilio-php "ArrayAndDuplicates")', () => {
      const repeated = { Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] };
      expect(twilioSignature(TOKEN, URL_, repeated)).toBe('IK+Dwps556ElfBT0I3Rgjkr1wJU=');
      expect(
        validateTwilioSignature(
          TOKEN,
          URL_,
          { ...repeated, Digits: ['1234', '5678'] },
          'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
        ),
      ).toBe(true);
    });

    it('signs the URL exactly as given: host case matters (twilio-csharp "MixedCase")', () => {
      const mixed = 'https://MyCompany.com/myapp.php?foo=1&bar=2';
      expect(twilioSignature(TOKEN, mixed, PARAMS)).toBe('g9IN/x4Cft2g517EjYvEvM/W7LU=');
      expect(validateTwilioSignature(TOKEN, mixed, PARAMS, SIGNATURE)).toBe(false);
    });

    it('accepts a URL with a query string and an explicit port (twilio-csharp "MixedCaseWithPort")', () => {
      const url = 'https://MyCompany.com:1234/myapp.php?foo=1&bar=2';
      expect(validateTwilioSignature(TOKEN, url, PARAMS, 'PCqOZm8cnu/L6+u5i5fuEd+Iac4=')).toBe(true);
      expect(
        validateTwilioSignature(
          TOKEN,
          'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
          PARAMS,
          'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',
        ),
      ).toBe(true);
    });

    it("tolerates the port spellings Twilio's own validators tolerate (twilio-php Adds/RemovesPort)", () => {
      // Signed with the default port although the configured URL has none …
      expect(validateTwilioSignature(TOKEN, URL_, PARAMS, 'kvajT1Ptam85bY51eRf/AJRuM3w=')).toBe(true); // :443
      expect(
        validateTwilioSignature(TOKEN, URL_.replace('https', 'http'), PARAMS, '0ZXoZLH/DfblKGATFgpif+LLRf4='),
      ).toBe(true); // :80
      // … and signed without the port although the configured URL has one.
      expect(
        validateTwilioSignature(TOKEN, 'https://mycompany.com:1234/myapp.php?foo=1&bar=2', PARAMS, SIGNATURE),
      ).toBe(true);
    });

    it('keeps user info in the signed URL (twilio-php BuildUrlCreds)', () => {
      const url = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2';
      expect(validateTwilioSignature(TOKEN, url, PARAMS, 'CukzLTc1tT5dXEDIHm/tKBanW10=')).toBe(true);
      expect(validateTwilioSignature(TOKEN, url, PARAMS, 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=')).toBe(true); // with :443
    });
  });

  describe('what is signed', () => {
    it('does not depend on the order the parameters arrive in', () => {
      const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
      expect(Object.keys(reversed)[0]).toBe('To');
      expect(validateTwilioSignature(TOKEN, URL_, reversed, SIGNATURE)).toBe(true);
    });

    it('fails when a single character of a parameter value changes', () => {
      expect(validateTwilioSignature(TOKEN, URL_, { ...PARAMS, Digits: '1235' }, SIGNATURE)).toBe(false);
      expect(validateTwilioSignature(TOKEN, URL_, { ...PARAMS, From: '+14158675308' }, SIGNATURE)).toBe(
        false,
      );
    });

    it('fails when a parameter name changes, one is added or one is left out', () => {
      const { Digits, ...withoutDigits } = PARAMS;
      expect(validateTwilioSignature(TOKEN, URL_, { ...withoutDigits, digits: Digits }, SIGNATURE)).toBe(
        false,
      );
      expect(validateTwilioSignature(TOKEN, URL_, { ...PARAMS, Body: '' }, SIGNATURE)).toBe(false);
      expect(validateTwilioSignature(TOKEN, URL_, withoutDigits, SIGNATURE)).toBe(false);
    });

    it('fails when a single character of the URL changes: path, query, scheme or host', () => {
      for (const url of [
        'https://mycompany.com/myapp.php?foo=1&bar=3',
        'https://mycompany.com/myapp.php?foo=1',
        'https://mycompany.com/myapq.php?foo=1&bar=2',
        'http://mycompany.com/myapp.php?foo=1&bar=2',
        'https://mycompany.org/myapp.php?foo=1&bar=2',
        'https://mycompany.com:8443/myapp.php?foo=2&bar=2',
      ]) {
        expect(validateTwilioSignature(TOKEN, url, PARAMS, SIGNATURE), url).toBe(false);
      }
    });

    it('signs our own webhook URL with its port and query string, and only that URL', () => {
      const ours = 'http://127.0.0.1:3000/sms/twilio?tenant=a%20b';
      const params = { MessageSid: 'SM1', From: '+8613800138000', To: '+15005550006', Body: '没钱' };
      const sig = twilioSignature('tok', ours, params);
      expect(validateTwilioSignature('tok', ours, params, sig)).toBe(true);
      expect(
        validateTwilioSignature('tok', 'http://127.0.0.1:3001/sms/twilio?tenant=a%20b', params, sig),
      ).toBe(false);
      expect(validateTwilioSignature('tok', 'http://127.0.0.1:3000/sms/twilio?tenant=a b', params, sig)).toBe(
        false,
      );
      expect(validateTwilioSignature('tok', 'http://127.0.0.1:3000/sms/twilio', params, sig)).toBe(false);
    });

    it('fails under another auth token, and an empty auth token never validates', () => {
      expect(validateTwilioSignature('12346', URL_, PARAMS, SIGNATURE)).toBe(false);
      expect(validateTwilioSignature('', URL_, PARAMS, twilioSignature('', URL_, PARAMS))).toBe(false);
    });
  });

  describe('the header', () => {
    it('is false when missing, empty or garbage, without throwing', () => {
      for (const sig of [
        undefined,
        '',
        'garbage',
        'RSOYDt4T1cUTdK1PDd93/VVr8B8',
        `${SIGNATURE} `,
        `${SIGNATURE}=`,
        '!'.repeat(28),
      ]) {
        expect(validateTwilioSignature(TOKEN, URL_, PARAMS, sig), String(sig)).toBe(false);
      }
    });

    it('is false when any single character of the signature changes', () => {
      for (let i = 0; i < SIGNATURE.length - 1; i++) {
        const c = SIGNATURE[i] === 'A' ? 'B' : 'A';
        const forged = SIGNATURE.slice(0, i) + c + SIGNATURE.slice(i + 1);
        expect(validateTwilioSignature(TOKEN, URL_, PARAMS, forged), forged).toBe(false);
      }
    });

    it('is compared with crypto.timingSafeEqual on equal-length buffers, even when the first character differs', () => {
      const spy = vi.spyOn(crypto, 'timingSafeEqual');
      try {
        const forged = `X${SIGNATURE.slice(1)}`;
        expect(validateTwilioSignature(TOKEN, URL_, PARAMS, forged)).toBe(false);
        // Once per URL spelling (as configured, and with the default port), never short-circuited.
        expect(spy).toHaveBeenCalledTimes(2);
        for (const [a, b] of spy.mock.calls) {
          expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
          expect((a as Buffer).length).toBe((b as Buffer).length);
        }
        spy.mockClear();
        expect(validateTwilioSignature(TOKEN, URL_, PARAMS, SIGNATURE)).toBe(true);
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe('the inbound webhook body', () => {
  const webhook = {
    ToCountry: 'US',
    SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
    NumMedia: '0',
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+14155550100',
    To: '+15005550006',
    Body: 'I have no money',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };

  it('becomes an InboundSms on the twilio channel, dated now (Twilio does not say when)', () => {
    expect(toInbound(webhook, 1_700_000_000_000)).toEqual({
      channel: 'twilio',
      providerMessageId: 'SM0123456789abcdef0123456789abcdef',
      from: '+14155550100',
      to: '+15005550006',
      text: 'I have no money',
      receivedAt: 1_700_000_000_000,
    });
  });

  it('keeps every other parameter Twilio sends, including ones it adds later', () => {
    const parsed = TwilioInboundSchema.parse({ ...webhook, SomethingNew: 'x' });
    expect(parsed['SomethingNew']).toBe('x');
    expect(parsed['NumSegments']).toBe('1');
  });

  it('accepts an empty Body (an MMS without text)', () => {
    expect(toInbound({ ...webhook, Body: '', NumMedia: '1' }, 0).text).toBe('');
  });

  it.each([
    ['MessageSid', { ...webhook, MessageSid: undefined }, 'MessageSid: required'],
    ['MessageSid', { ...webhook, MessageSid: '' }, 'MessageSid: must not be empty'],
    ['From', { ...webhook, From: undefined }, 'From: required'],
    [
      'From',
      { ...webhook, From: '+1415867530O' },
      'From: expected an E.164 phone number such as +8613800138000 (it has letters)',
    ],
    [
      'From',
      { ...webhook, From: '+14158675309 x2' },
      'From: expected an E.164 phone number such as +8613800138000 (an extension cannot receive SMS)',
    ],
    [
      'From',
      { ...webhook, From: '+12345' },
      'From: expected an E.164 phone number such as +8613800138000 (too short for its country)',
    ],
    ['To', { ...webhook, To: undefined }, 'To: required'],
    ['Body', { ...webhook, Body: undefined }, 'Body: required'],
    ['Body', { ...webhook, Body: ['a', 'b'] }, 'Body: expected a string'],
  ])('rejects a bad %s with an error naming the field', (_field, body, message) => {
    expect(() => toInbound(body, 0)).toThrow(InvalidInboundError);
    expect(() => toInbound(body, 0)).toThrow(message);
  });

  it('rejects something that is not a form at all', () => {
    expect(() => toInbound(undefined, 0)).toThrow(InvalidInboundError);
    expect(() => toInbound('MessageSid=SM1', 0)).toThrow(/^body: /);
  });
});

describe('TwiML', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';

  it('with nothing to say is an empty Response', () => {
    expect(twiml()).toBe(`${head}<Response></Response>`);
    expect(twiml([])).toBe(`${head}<Response></Response>`);
  });

  it('has one Message per text, in order, Chinese and emoji untouched', () => {
    expect(twiml(['您好，', 'OK 👍'])).toBe(
      `${head}<Response><Message>您好，</Message><Message>OK 👍</Message></Response>`,
    );
  });

  it('escapes the five XML specials, so a debtor cannot inject TwiML', () => {
    expect(twiml([`<Redirect>x</Redirect> & "a" 'b'`])).toBe(
      `${head}<Response><Message>&lt;Redirect&gt;x&lt;/Redirect&gt; &amp; &quot;a&quot; &apos;b&apos;</Message></Response>`,
    );
  });

  it('drops characters XML cannot carry at all, keeping newlines and tabs', () => {
    expect(twiml(['a\u0000b\u0007c\nd\te\uFFFFf\uD800g'])).toBe(
      `${head}<Response><Message>abc\nd\tefg</Message></Response>`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// TwilioSender against a real HTTP server on 127.0.0.1 standing in for api.twilio.com.

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Stub {
  base: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const servers: Server[] = [];

async function stub(respond: (req: Recorded, res: ServerResponse) => void): Promise<Stub> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      respond(r, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH = 'auth-token-secret';
const SMS = { id: 7, to: '+8613800138000', text: '您好，请回复 1 & 2' };

function sender(
  base: string,
  extra: Partial<ConstructorParameters<typeof TwilioSender>[0]> = {},
): TwilioSender {
  return new TwilioSender({
    accountSid: SID,
    authToken: AUTH,
    from: '+15005550006',
    apiBase: base,
    ...extra,
  });
}

describe('TwilioSender', () => {
  it('POSTs To, From, Body and ValidityPeriod form-encoded to the Messages endpoint with basic auth and returns the sid', async () => {
    const api = await stub((_req, res) =>
      json(res, 201, { sid: 'SM9f8e7d', status: 'queued', error_code: null }),
    );
    const result = await sender(api.base).send(SMS);

    expect(result).toEqual({ providerMessageId: 'SM9f8e7d' });
    expect(api.requests).toHaveLength(1);
    const [req] = api.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${AUTH}`).toString('base64')}`);
    expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({
      To: '+8613800138000',
      From: '+15005550006',
      Body: '您好，请回复 1 & 2',
      // no window given (not through the outbox): Twilio's own maximum, said out loud
      ValidityPeriod: '36000',
    });
  });

  it('sends a Messaging Service SID as MessagingServiceSid instead of From', async () => {
    const api = await stub((_req, res) => json(res, 201, { sid: 'SM1' }));
    await sender(api.base, { from: 'MG0123456789abcdef0123456789abcdef' }).send(SMS);
    const form = new URLSearchParams(api.requests[0]?.body);
    expect(form.get('MessagingServiceSid')).toBe('MG0123456789abcdef0123456789abcdef');
    expect(form.has('From')).toBe(false);
  });

  it('tolerates a trailing slash on apiBase and a 2xx without a usable body', async () => {
    const api = await stub((_req, res) => res.writeHead(201).end('not json'));
    expect(await sender(`${api.base}/`).send(SMS)).toEqual({ providerMessageId: null });
    expect(api.requests[0]?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
  });

  it('turns 400 with code 21610 (the number texted STOP) into PermanentSendError 21610, number masked', async () => {
    const api = await stub((_req, res) =>
      json(res, 400, {
        code: 21610,
        message: 'Attempt to send to unsubscribed recipient +8613800138000',
        more_info: 'https://www.twilio.com/docs/errors/21610',
        status: 400,
      }),
    );
    const err = await sender(api.base)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).code).toBe(21610);
    expect((err as Error).message).toContain('21610');
    expect((err as Error).message).toContain('unsubscribed recipient');
    expect((err as Error).message).not.toContain('+8613800138000');
  });

  it.each([
    [400, 21211, "The 'To' number is not a valid phone number."],
    [400, 21614, "'To' number is not a valid mobile number"],
    [400, 21612, "The 'To' phone number is not currently reachable via SMS"],
    [400, 21408, 'Permission to send an SMS has not been enabled for the region'],
    [401, 20003, 'Authenticate'],
    [404, 20404, 'The requested resource was not found'],
    [503, 30004, 'Message blocked'], // a permanent code wins over a retryable status
  ])('turns HTTP %i with code %i into PermanentSendError', async (status, code, message) => {
    const api = await stub((_req, res) => json(res, status, { code, message, status }));
    const err = await sender(api.base)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).code).toBe(code);
  });

  it.each([
    [429, { code: 20429, message: 'Too Many Requests', status: 429 }],
    [500, { code: 20500, message: 'Internal Server Error', status: 500 }],
    [503, 'Service Unavailable'],
  ])('treats HTTP %i as retryable: a plain Error, not PermanentSendError', async (status, body) => {
    const api = await stub((_req, res) =>
      typeof body === 'string' ? res.writeHead(status).end(body) : json(res, status, body),
    );
    const err = await sender(api.base)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toContain(`HTTP ${status}`);
  });

  it('gives up on a server that never answers after the timeout, retryably', async () => {
    const api = await stub(() => {
      /* hang */
    });
    const started = performance.now();
    const err = await sender(api.base, { timeoutMs: 150 })
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toBe('twilio: no answer within 150 ms');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(api.requests).toHaveLength(1);
  });

  it('treats a refused connection as retryable', async () => {
    const api = await stub(() => undefined);
    await api.close();
    const err = await sender(api.base)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toMatch(/^twilio: request failed/);
  });

  it('never puts the auth token in an error', async () => {
    const api = await stub((_req, res) =>
      json(res, 401, { code: 20003, message: 'Authenticate', status: 401 }),
    );
    const err = await sender(api.base)
      .send(SMS)
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).not.toContain(AUTH);
  });
});
