import { afterEach, describe, expect, it } from 'vitest';
import { PermanentSendError } from '../../src/channels/channel.ts';
import { statusCallbackUrl, TwilioSender } from '../../src/channels/twilio.ts';
import { twilioStandIn, type TwilioStandIn } from '../support/twilio-api.ts';

/**
 * Reconciling a Twilio send whose answer we never recorded, against a stand-in Twilio API on
 * 127.0.0.1 that really creates and lists messages: look the message up, and call it missing only
 * when Twilio does not have it.
 */

const SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH = 'auth-token-secret';
const FROM = '+15005550006';
const SERVICE = 'MG0123456789abcdef0123456789abcdef';
const T0 = Date.parse('2026-11-23T02:00:00Z');
const SMS = { id: 7, to: '+8613800138000', text: '【安心贷】陈静您好，您的账单已逾期4天。' };

const clock = { now: T0 };
const stands: TwilioStandIn[] = [];
afterEach(async () => {
  for (const s of stands.splice(0)) await s.close();
  clock.now = T0;
});

async function setup(from = FROM, pageSize?: number) {
  const api = await twilioStandIn({ accountSid: SID, authToken: AUTH, clock: () => clock.now, pageSize });
  stands.push(api);
  const sender = new TwilioSender({
    accountSid: SID,
    authToken: AUTH,
    from,
    apiBase: api.base,
    timeoutMs: 300,
  });
  return { api, sender };
}

/** A send that failed: the stand-in decides whether Twilio created the message first. */
async function failedSend(sender: TwilioSender) {
  const sendingSince = clock.now;
  const err = await sender.send(SMS).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(PermanentSendError);
  return sendingSince;
}

describe('TwilioSender.reconcile', () => {
  it.each(['error-after-create', 'hang-after-create', 'drop-after-create'] as const)(
    'finds the message a send created before it failed (%s), listing To, From and DateSent>=',
    async (fault) => {
      const { api, sender } = await setup();
      api.faults.push(fault);
      const sendingSince = await failedSend(sender);
      expect(api.messages).toHaveLength(1);

      clock.now += 2_000; // found at once: no need to wait for anything to settle
      const r = await sender.reconcile(SMS, { sendingSince, now: clock.now });
      expect(r).toEqual({ status: 'found', providerMessageId: api.messages[0]!.sid });
      expect(api.creates()).toHaveLength(1);
      const query = new URL(api.lists()[0]!.url, api.base).searchParams;
      expect(Object.fromEntries(query)).toEqual({
        To: SMS.to,
        From: FROM,
        PageSize: '50',
        'DateSent>': '2026-11-23', // the GMT day of the request (less 5 minutes of clock slack)
      });
    },
  );

  it('looks from the day before when the request went out in the first minutes of a GMT day', async () => {
    const { api, sender } = await setup();
    clock.now = Date.parse('2026-11-23T00:02:00Z');
    api.faults.push('error-after-create');
    const sendingSince = await failedSend(sender);
    expect(await sender.reconcile(SMS, { sendingSince, now: clock.now })).toMatchObject({ status: 'found' });
    expect(new URL(api.lists()[0]!.url, api.base).searchParams.get('DateSent>')).toBe('2026-11-22');
  });

  it('is unsettled, not missing, while the request is recent; missing once it has settled', async () => {
    const { api, sender } = await setup();
    api.faults.push('error-before-create');
    const sendingSince = await failedSend(sender);
    expect(api.messages).toHaveLength(0);

    expect(sender.settleMs).toBe(300 + 2_000); // the request timeout, and 2 s more
    const soon = await sender.reconcile(SMS, { sendingSince, now: sendingSince + 1_000 });
    expect(soon).toEqual({ status: 'unsettled', retryAt: sendingSince + sender.settleMs });
    const later = await sender.reconcile(SMS, { sendingSince, now: sendingSince + sender.settleMs });
    expect(later).toEqual({ status: 'missing' });
    expect(api.creates()).toHaveLength(1); // looking never sends
  });

  it('finds a message still queued at Twilio (no date_sent yet) on the newest page', async () => {
    const { api, sender } = await setup();
    api.queueOnly = true;
    api.faults.push('error-after-create');
    const sendingSince = await failedSend(sender);
    const r = await sender.reconcile(SMS, { sendingSince, now: sendingSince + sender.settleMs });
    expect(r).toEqual({ status: 'found', providerMessageId: api.messages[0]!.sid });
    // the DateSent query missed it; the unfiltered one found it
    expect(api.lists().map((l) => new URL(l.url, api.base).searchParams.has('DateSent>'))).toEqual([
      true,
      false,
    ]);
  });

  it('takes neither an older message with the same text, nor another text, nor another number for ours', async () => {
    const { api, sender } = await setup();
    await sender.send(SMS); // yesterday's reminder, the same words
    clock.now += 86_400_000;
    await sender.send({ ...SMS, text: '另一条消息' });
    await sender.send({ ...SMS, to: '+8613900139000' });
    api.faults.push('error-before-create');
    const sendingSince = await failedSend(sender);
    const r = await sender.reconcile(SMS, { sendingSince, now: sendingSince + sender.settleMs });
    expect(r).toEqual({ status: 'missing' });
  });

  it('reads further pages (next_page_uri) to find it', async () => {
    const { api, sender } = await setup(FROM, 2);
    api.faults.push('error-after-create');
    const sendingSince = await failedSend(sender);
    for (let i = 0; i < 5; i++) await sender.send({ ...SMS, text: `后来的消息 ${i}` }); // newer, listed first
    const r = await sender.reconcile(SMS, { sendingSince, now: sendingSince + sender.settleMs });
    expect(r).toEqual({ status: 'found', providerMessageId: api.messages[0]!.sid });
    expect(api.lists().length).toBeGreaterThan(1);
  });

  it('with a Messaging Service, lists by To only and matches the service SID', async () => {
    const { api, sender } = await setup(SERVICE);
    api.faults.push('error-after-create');
    const sendingSince = await failedSend(sender);
    const r = await sender.reconcile(SMS, { sendingSince, now: sendingSince + sender.settleMs });
    expect(r).toEqual({ status: 'found', providerMessageId: api.messages[0]!.sid });
    expect(new URL(api.lists()[0]!.url, api.base).searchParams.has('From')).toBe(false);
  });

  it('rejects retryably, naming the listing, when Twilio cannot be asked', async () => {
    const { api, sender } = await setup();
    const wrong = new TwilioSender({ accountSid: SID, authToken: 'wrong', from: FROM, apiBase: api.base });
    const err = await wrong.reconcile(SMS, { sendingSince: T0, now: T0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect((err as Error).message).toBe('twilio: listing messages: HTTP 401 error 20003');
    await api.close();
    const down = await sender.reconcile(SMS, { sendingSince: T0, now: T0 }).catch((e: unknown) => e);
    expect((down as Error).message).toMatch(/^twilio: request failed/);
  });
});

describe('what every Twilio send carries', () => {
  it('ValidityPeriod: the window the outbox gives, clamped to 1–36 000 s, whole seconds', async () => {
    const { api, sender } = await setup();
    await sender.send({ ...SMS, validitySeconds: 3570 });
    await sender.send({ ...SMS, validitySeconds: 99_999 });
    await sender.send({ ...SMS, validitySeconds: 0.5 });
    expect(api.messages.map((m) => m.form['ValidityPeriod'])).toEqual(['3570', '36000', '1']);
  });

  it('StatusCallback: our status URL with the outbox id, when one is configured', async () => {
    const { api } = await setup();
    const url = statusCallbackUrl('https://huikuan.example.com/');
    expect(url).toBe('https://huikuan.example.com/sms/twilio/status');
    const sender = new TwilioSender({
      accountSid: SID,
      authToken: AUTH,
      from: FROM,
      apiBase: api.base,
      statusCallback: url,
    });
    await sender.send(SMS);
    expect(api.messages[0]!.form['StatusCallback']).toBe(
      'https://huikuan.example.com/sms/twilio/status?outbox=7',
    );
  });

  it('no StatusCallback for a loopback public URL, which Twilio could never call', () => {
    for (const u of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])
      expect(statusCallbackUrl(u)).toBeUndefined();
    expect(statusCallbackUrl('http://10.0.0.5:3000')).toBe('http://10.0.0.5:3000/sms/twilio/status');
  });
});
