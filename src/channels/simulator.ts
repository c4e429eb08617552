import { toE164, type OutboundSms, type SendResult, type SmsSender } from './channel.ts';

/** One message the simulator "delivered". */
export interface SimulatedSms {
  /** Our outbox id. */
  id: number;
  text: string;
  /** Epoch ms, from the simulator's clock. */
  at: number;
}

export interface SimulatorOptions {
  /** The simulator's clock (epoch ms); src never reads the wall clock itself. */
  nowMs: () => number;
  /**
   * Called for every message before it is recorded. It may throw to play a provider refusing
   * the message (e.g. a PermanentSendError with code 21610): the send then rejects with that
   * error and nothing is recorded.
   */
  onSend?: (sms: SimulatedSms & { to: string }) => void;
  /** Messages kept per phone, oldest dropped first (default 200). */
  keepPerPhone?: number;
}

/**
 * The local channel: "delivers" into memory, per phone, so /sim and the tests can read what the
 * debtor would have received. Every send is recorded, a retried one included, so a duplicate
 * delivery shows here as two entries.
 */
export class SimulatorSender implements SmsSender {
  readonly name = 'sim' as const;
  private readonly byPhone = new Map<string, SimulatedSms[]>();
  private readonly keep: number;

  constructor(private readonly opts: SimulatorOptions) {
    this.keep = Math.max(1, Math.floor(opts.keepPerPhone ?? 200));
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    const to = toE164(sms.to);
    const entry: SimulatedSms = { id: sms.id, text: sms.text, at: this.opts.nowMs() };
    this.opts.onSend?.({ ...entry, to });
    const list = this.byPhone.get(to) ?? [];
    list.push(entry);
    if (list.length > this.keep) list.splice(0, list.length - this.keep);
    this.byPhone.set(to, list);
    return { providerMessageId: `sim-${sms.id}` };
  }

  /** What `to` has received, oldest first (the last 200); copies, so callers cannot edit the log. */
  sent(to: string): SimulatedSms[] {
    return (this.byPhone.get(toE164(to)) ?? []).map((m) => ({ ...m }));
  }

  /** Forget everything (between tests, or a simulator reset). */
  clear(): void {
    this.byPhone.clear();
  }
}
