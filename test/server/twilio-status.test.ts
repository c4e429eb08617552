import { afterEach, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/twilio.ts';
import { twilioStandIn, type TwilioStandIn } from '../support/twilio-api.ts';
import { closeAll, postJson, startAt } from './support.ts';

/**
 * POST /sms/twilio/status?outbox=<id>: Twilio's status callback settles a send whose answer we
 * never recorded. The server runs in this process against a stand-in Twilio API on 127.0.0.1;
 * the test posts the callback as Twilio would, signed over PUBLIC_URL, the path and the query.
 */

const TOKEN = 'twilio-auth-token-0123456789abcdef';
const SID = 'AC' + '0123456789abcdef'.repeat(2);
const NUMBER = '+15550001111';
const PUBLIC = 'https://huikuan.example.com';
const T0 = Date.parse('2026-11-23T10:00:00-05:00');
const MARIA = {
  id: 'maria',
  phone: '+15555550123',
  debtorName: 'Maria Lopez',
  lender: 'QuickCash',
  balance: 1250.5,
  currency: 'USD',
  overdueDays: 3,
  locale: 'en-US',
  timezone: 'America/New_York',
};

const stands: TwilioStandIn[] = [];
afterEach(async () => {
  await closeAll();
  for (const s of stands.splice(0)) await s.close();
});

async function setup() {
  const real = Date.now();
  const api = await twilioStandIn({
    accountSid: SID,
    authToken: TOKEN,
    clock: () => T0 + (Date.now() - real),
  });
  stands.push(api);
  api.faults.push('error-after-create'); // Twilio creates the first reminder, then answers 500
  const r = await startAt(T0, {
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_NUMBER: NUMBER,
    TWILIO_API_BASE: api.base,
    PUBLIC_URL: PUBLIC,
    HUIKUAN_DEMO: '0',
  });
  expect((await postJson(`${r.url}/api/accounts`, [MARIA])).status).toBe(200);
  await r.service.drain();
  const callback = (query: string, params: Record<string, string>, signature?: string) =>
    fetch(`${r.url}/sms/twilio/status${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature':
          signature ?? twilioSignature(TOKEN, `${PUBLIC}/sms/twilio/status${query}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  return { api, r, callback };
}

const status = (sid: string, over: Record<string, string> = {}) => ({
  MessageSid: sid,
  MessageStatus: 'sent',
  AccountSid: SID,
  From: NUMBER,
  To: MARIA.phone,
  ApiVersion: '2010-04-01',
  ...over,
});

describe('POST /sms/twilio/status', () => {
  it('settles an ambiguous send as sent, with the SID, so the retry neither looks up nor resends', async () => {
    const { api, r, callback } = await setup();
    expect(api.creates()).toHaveLength(1);
    const form = api.messages[0]!.form;
    expect(form['StatusCallback']).toBe(`${PUBLIC}/sms/twilio/status?outbox=1`);
    expect(Number(form['ValidityPeriod'])).toBeGreaterThan(0);
    expect(await r.store.outboxItem(1)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await r.store.outboxItem(1))!.sendingSince).not.toBeNull();

    const sid = api.messages[0]!.sid;
    const res = await callback('?outbox=1', status(sid));
    expect(res.status).toBe(204);
    expect(await r.store.outboxItem(1)).toMatchObject({ status: 'sent', sendingSince: null });
    const reminder = (await r.store.listMessages('maria')).find((m) => m.message.direction === 'out')!;
    expect(reminder).toMatchObject({ status: 'sent', providerMessageId: sid });

    expect(await r.service.drain()).toBe(0);
    expect(api.creates()).toHaveLength(1);
    expect(api.lists()).toHaveLength(0);
    // later callbacks for the same message (delivered …) change nothing
    expect((await callback('?outbox=1', status(sid, { MessageStatus: 'delivered' }))).status).toBe(204);
    expect(await r.store.outboxItem(1)).toMatchObject({ status: 'sent' });
  });

  it('refuses an unsigned or wrongly signed callback (403), and one signed for another outbox id', async () => {
    const { api, r, callback } = await setup();
    const sid = api.messages[0]!.sid;
    expect((await callback('?outbox=1', status(sid), 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).status).toBe(403);
    const signedFor2 = twilioSignature(TOKEN, `${PUBLIC}/sms/twilio/status?outbox=2`, status(sid));
    expect((await callback('?outbox=1', status(sid), signedFor2)).status).toBe(403);
    expect(await r.store.outboxItem(1)).toMatchObject({ status: 'pending' });
  });

  it('answers 400 naming what is wrong: no outbox id, or no MessageSid', async () => {
    const { api, r, callback } = await setup();
    const none = await callback('', status(api.messages[0]!.sid));
    expect(none.status).toBe(400);
    expect(await none.text()).toBe('outbox: expected our outbox id in the query');
    const noSid = await callback('?outbox=1', { MessageStatus: 'sent' });
    expect(noSid.status).toBe(400);
    expect(await noSid.text()).toBe('MessageSid: required');
    expect(await r.store.outboxItem(1)).toMatchObject({ status: 'pending' });
  });
});
