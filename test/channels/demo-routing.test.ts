import { describe, expect, it } from 'vitest';
import type { OutboundSms, SendResult, SmsSender } from '../../src/channels/channel.ts';
import { demoToSimulator } from '../../src/channels/demo-routing.ts';
import { SimulatorSender } from '../../src/channels/simulator.ts';
import { TWILIO_VALIDITY, TwilioSender } from '../../src/channels/twilio.ts';
import { twilioStandIn } from '../support/twilio-api.ts';

/** A provider that records what it was asked to send. */
class Recording implements SmsSender {
  readonly sent: OutboundSms[] = [];
  constructor(readonly name: 'twilio' | 'gateway') {}
  async send(sms: OutboundSms): Promise<SendResult> {
    this.sent.push(sms);
    return { providerMessageId: `${this.name}-${sms.id}` };
  }
}

const DEMO = '+8613800138000';
const REAL = '+8613712345678';

describe('demoToSimulator', () => {
  it('hands a message to a demo phone to the simulator, whichever provider it was meant for', async () => {
    const sim = new SimulatorSender({ nowMs: () => 0 });
    const twilio = new Recording('twilio');
    const gateway = new Recording('gateway');
    const senders = demoToSimulator({ sim, twilio, gateway }, async (p) => p === DEMO);
    expect(await senders.twilio!.send({ id: 1, to: DEMO, text: 'a' })).toEqual({
      providerMessageId: 'sim-1',
    });
    expect(await senders.gateway!.send({ id: 2, to: DEMO, text: 'b' })).toEqual({
      providerMessageId: 'sim-2',
    });
    expect(sim.sent(DEMO).map((m) => m.text)).toEqual(['a', 'b']);
    expect(twilio.sent).toEqual([]);
    expect(gateway.sent).toEqual([]);
  });

  it('leaves every other message to its provider, and keeps the channel names', async () => {
    const sim = new SimulatorSender({ nowMs: () => 0 });
    const twilio = new Recording('twilio');
    const senders = demoToSimulator({ sim, twilio }, async (p) => p === DEMO);
    expect(await senders.twilio!.send({ id: 3, to: REAL, text: 'c' })).toEqual({
      providerMessageId: 'twilio-3',
    });
    expect(twilio.sent.map((m) => m.to)).toEqual([REAL]);
    expect(sim.sent(REAL)).toEqual([]);
    expect(senders.twilio!.name).toBe('twilio');
    expect(senders.sim).toBe(sim);
    expect(senders.gateway).toBeUndefined();
  });

  it('changes nothing without a simulator', async () => {
    const twilio = new Recording('twilio');
    expect(demoToSimulator({ twilio }, async () => true)).toEqual({ twilio });
  });

  it("keeps the provider's validity window and reconcile; a demo send is never looked up at the provider", async () => {
    const accountSid = 'AC0123456789abcdef0123456789abcdef';
    const api = await twilioStandIn({ accountSid, authToken: 'token', clock: () => Date.now() });
    try {
      const twilio = new TwilioSender({
        accountSid,
        authToken: 'token',
        from: '+15005550006',
        apiBase: api.base,
      });
      const sim = new SimulatorSender({ nowMs: () => 0 });
      const senders = demoToSimulator({ sim, twilio }, async (p) => p === DEMO);
      expect(senders.twilio!.validity).toEqual(TWILIO_VALIDITY);
      const at = { sendingSince: 0, now: 60_000 };
      expect(await senders.twilio!.reconcile!({ id: 4, to: DEMO, text: 'd' }, at)).toEqual({
        status: 'missing',
      });
      expect(api.lists()).toHaveLength(0);
      expect(await senders.twilio!.reconcile!({ id: 5, to: REAL, text: 'e' }, at)).toEqual({
        status: 'missing',
      });
      expect(api.lists().length).toBeGreaterThan(0);
      expect(
        demoToSimulator({ sim, gateway: new Recording('gateway') }, async () => false).gateway!.reconcile,
      ).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
