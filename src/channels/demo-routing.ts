import type { ChannelName } from '../vocabulary.ts';
import type { ValidityLimits } from '../time/delivery-window.ts';
import type { OutboundSms, Reconciled, SendResult, SmsSender } from './channel.ts';

/**
 * Demo debtors only ever hear from the simulator, whatever providers are configured. Their
 * numbers are examples (+8613800138000 is the best-known one in China) or fictional, so a real
 * SMS to one reaches a stranger, or a carrier that bills for it. Whatever channel a demo
 * debtor's conversation names (the default channel it was created on, or the provider an SMS
 * from its number came in on), a message to a demo account's phone is handed to the simulator.
 */

/** One provider's sender, with messages to demo debtors diverted to the simulator. */
class DemoAwareSender implements SmsSender {
  readonly name: ChannelName;
  readonly validity?: ValidityLimits;
  readonly reconcile?: (sms: OutboundSms, at: { sendingSince: number; now: number }) => Promise<Reconciled>;

  constructor(
    private readonly provider: SmsSender,
    private readonly simulator: SmsSender,
    private readonly isDemoPhone: (phone: string) => Promise<boolean>,
  ) {
    this.name = provider.name;
    // The provider's capabilities stay: the outbox treats the wrapped sender as the provider.
    this.validity = provider.validity;
    const reconcile = provider.reconcile?.bind(provider);
    if (reconcile) {
      // The simulator runs in this process: a demo send that was not recorded did not happen.
      this.reconcile = async (sms, at) =>
        (await this.isDemoPhone(sms.to)) ? { status: 'missing' } : reconcile(sms, at);
    }
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    return ((await this.isDemoPhone(sms.to)) ? this.simulator : this.provider).send(sms);
  }
}

/**
 * The senders by channel, every provider's (not the simulator's) wrapped so that a message to a
 * phone `isDemoPhone` recognises goes to `senders.sim` instead. Without a simulator, unchanged.
 */
export function demoToSimulator(
  senders: Partial<Record<ChannelName, SmsSender>>,
  isDemoPhone: (phone: string) => Promise<boolean>,
): Partial<Record<ChannelName, SmsSender>> {
  const sim = senders.sim;
  if (!sim) return senders;
  const out: Partial<Record<ChannelName, SmsSender>> = { ...senders };
  for (const name of Object.keys(senders) as ChannelName[]) {
    const provider = senders[name];
    if (name !== 'sim' && provider) out[name] = new DemoAwareSender(provider, sim, isDemoPhone);
  }
  return out;
}
