import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/dialogue/conversation.ts';
import { zhAccount } from '../support/messages.ts';

const at = Date.UTC(2026, 10, 23, 2, 0); // 10:00 in Shanghai
const minute = 60_000;

describe('the runtime checks every offer against the plan invariants before it is sent', () => {
  it('sends offers that keep every invariant', () => {
    const c = Conversation.create('c1', zhAccount);
    c.start(at);
    c.receive('没钱', at + minute);
    const { out } = c.receive('每月还300', at + 2 * minute);
    expect(c.state).toBe('offer');
    expect(out.map((m) => m.status)).toEqual(['sent']);
    expect(out[0]!.acts).toContain('offer');
  });

  it('blocks an offer that breaks one, naming the option and the invariant, and archives it unsent', () => {
    // A conversation persisted under a 12-installment policy and restored after the account's
    // policy was tightened to 3: the machine's context still plans with the old one, so its
    // offers break the policy the runtime now checks against.
    const before = Conversation.create('c1', { ...zhAccount, policy: { maxInstallments: 12 } });
    before.start(at);
    before.receive('没钱', at + minute);
    const json = before.toJSON();
    json.account = { ...json.account, policy: { maxInstallments: 3 } };
    const c = Conversation.restore(json);

    const { out } = c.receive('每月还300', at + 2 * minute);
    expect(out).toHaveLength(1);
    const offer = out[0]!;
    expect(offer.acts).toContain('offer');
    expect(offer.status).toBe('blocked');
    expect(offer.reason).toMatch(/^plan invariant, option A: 12 installments, allowed 1 to 3/);
    expect(offer.reason).toContain('plan invariant, option B: 6 installments, allowed 1 to 3');
    // Blocked before the guard: no guard verdict, no deferral, nothing waiting to be delivered.
    expect(offer.violations).toBeUndefined();
    expect(c.pendingJobs.filter((j) => j.kind === 'deliver')).toEqual([]);
    expect(c.archive.at(-1)).toBe(offer);
  });
});

describe('a message held by quiet hours names the day it reaches the debtor', () => {
  it('a promise for tomorrow made at 21:30 is confirmed at 08:00 as today, with its date', () => {
    const evening = Date.UTC(2026, 10, 23, 13, 30); // 21:30 in Shanghai, inside quiet hours
    const c = Conversation.create('c1', zhAccount);
    c.start(at);
    const { out } = c.receive('明天还500', evening);
    const confirm = out.find((m) => m.acts?.includes('confirm'))!;
    expect(confirm.status).toBe('deferred');
    expect(confirm.text).toContain('今天(11月24日)');
    expect(confirm.text).not.toContain('明天');
  });

  it('one written in the daytime keeps its 明天', () => {
    const c = Conversation.create('c1', zhAccount);
    c.start(at);
    const { out } = c.receive('明天还500', at + minute);
    const confirm = out.find((m) => m.acts?.includes('confirm'))!;
    expect(confirm.status).toBe('sent');
    expect(confirm.text).toContain('明天(11月24日)');
  });
});
