import { describe, expect, it } from 'vitest';
import { PermanentSendError } from '../../src/channels/channel.ts';
import { SimulatorSender, type SimulatedSms } from '../../src/channels/simulator.ts';

function clock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => (t += 1000);
}

describe('SimulatorSender', () => {
  it('is the sim channel and answers with sim-<outbox id>', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    expect(sim.name).toBe('sim');
    expect(await sim.send({ id: 12, to: '+8613800138000', text: '您好' })).toEqual({
      providerMessageId: 'sim-12',
    });
  });

  it('keeps what each phone received, oldest first, dated by its clock', async () => {
    const sim = new SimulatorSender({ nowMs: clock(0) });
    await sim.send({ id: 1, to: '+8613800138000', text: 'first' });
    await sim.send({ id: 2, to: '+14155550100', text: 'other phone' });
    await sim.send({ id: 3, to: '+8613800138000', text: 'second' });
    expect(sim.sent('+8613800138000')).toEqual([
      { id: 1, text: 'first', at: 1000 },
      { id: 3, text: 'second', at: 3000 },
    ]);
    expect(sim.sent('+14155550100')).toEqual([{ id: 2, text: 'other phone', at: 2000 }]);
  });

  it('knows a phone however it is written', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    await sim.send({ id: 1, to: '+86 138-0013-8000', text: 'hi' });
    expect(sim.sent('+8613800138000')).toHaveLength(1);
    expect(sim.sent('0086 13800138000')).toHaveLength(1);
  });

  it('has nothing for a phone it never texted', () => {
    expect(new SimulatorSender({ nowMs: clock() }).sent('+8613800138000')).toEqual([]);
  });

  it('keeps only the last 200 messages per phone', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    for (let id = 1; id <= 205; id++) await sim.send({ id, to: '+8613800138000', text: `m${id}` });
    await sim.send({ id: 999, to: '+14155550100', text: 'untouched' });
    const kept = sim.sent('+8613800138000');
    expect(kept).toHaveLength(200);
    expect(kept[0]?.id).toBe(6);
    expect(kept.at(-1)?.id).toBe(205);
    expect(sim.sent('+14155550100')).toHaveLength(1);
  });

  it('records a resent message again, so a duplicate delivery is visible', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    const sms = { id: 5, to: '+8613800138000', text: 'once?' };
    await sim.send(sms);
    await sim.send(sms);
    expect(sim.sent('+8613800138000').map((m) => m.id)).toEqual([5, 5]);
  });

  it('tells onSend about every message, with the phone in E.164', async () => {
    const seen: (SimulatedSms & { to: string })[] = [];
    const sim = new SimulatorSender({ nowMs: clock(0), onSend: (m) => seen.push(m) });
    await sim.send({ id: 1, to: '+86 138 0013 8000', text: 'hello' });
    expect(seen).toEqual([{ id: 1, to: '+8613800138000', text: 'hello', at: 1000 }]);
  });

  it('plays a provider refusal when onSend throws: the send rejects and nothing is recorded', async () => {
    const sim = new SimulatorSender({
      nowMs: clock(),
      onSend: () => {
        throw new PermanentSendError('Attempt to send to unsubscribed recipient', 21610);
      },
    });
    const err = await sim.send({ id: 1, to: '+8613800138000', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).code).toBe(21610);
    expect(sim.sent('+8613800138000')).toEqual([]);
  });

  it('hands out copies: callers cannot rewrite the log', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    await sim.send({ id: 1, to: '+8613800138000', text: 'original' });
    const copy = sim.sent('+8613800138000');
    copy[0]!.text = 'edited';
    copy.push({ id: 2, text: 'injected', at: 0 });
    expect(sim.sent('+8613800138000')).toEqual([expect.objectContaining({ id: 1, text: 'original' })]);
  });

  it('forgets everything on clear()', async () => {
    const sim = new SimulatorSender({ nowMs: clock() });
    await sim.send({ id: 1, to: '+8613800138000', text: 'x' });
    sim.clear();
    expect(sim.sent('+8613800138000')).toEqual([]);
  });
});
