import { describe, expect, it } from 'vitest';
import type { OutboundSms, SendResult, SmsSender } from '../../src/channels/channel.ts';
import { demoToSimulator } from '../../src/channels/demo-routing.ts';
import { SimulatorSender } from '../../src/channels/simulator.ts';

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
});
