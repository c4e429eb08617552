import { describe, expect, it } from 'vitest';
import { guard } from '../../src/compliance/guard.ts';
import type { ArchivedMessage } from '../../src/dialogue/archive.ts';
import { guardInputOf, type GuardedConversation } from '../../src/dialogue/guard-input.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';
import { zhAccount } from '../support/messages.ts';

const policy = resolvePolicy({});
const at = Date.UTC(2026, 10, 23, 2, 0); // 10:00 in Shanghai
const hour = 3_600_000;

const out = (seq: number, fields: Partial<ArchivedMessage>): ArchivedMessage => ({
  seq,
  direction: 'out',
  at: at - hour,
  text: '【安心贷】…',
  status: 'sent',
  kind: 'reply',
  acts: ['empathy'],
  ...fields,
});
const inbound = (seq: number): ArchivedMessage => ({
  seq,
  direction: 'in',
  at: at - 2 * hour,
  text: '没钱',
  status: 'received',
});
const conversation = (messages: ArchivedMessage[], state = 'clarify'): GuardedConversation => ({
  account: zhAccount,
  policy,
  state,
  messages,
});
const text = { text: '【安心贷】您好', kind: 'reply' as const, acts: ['empathy' as const] };

describe('what the guard is told about a conversation', () => {
  it("carries the account's frame and the policy's quiet hours and cap", () => {
    const input = guardInputOf(conversation([]), text, at);
    expect(input).toMatchObject({
      locale: zhAccount.locale,
      lender: zhAccount.lender,
      timezone: zhAccount.timezone,
      quietHours: policy.quietHours,
      maxProactivePerDay: policy.maxProactivePerDay,
      now: at,
      optedOut: false,
      wrongParty: false,
      optOutConfirmationSent: false,
      proactiveSentAt: [],
      repliesToThisInbound: 0,
    });
  });

  it('reads opted_out and wrong_party from the state', () => {
    expect(guardInputOf(conversation([], 'opted_out'), text, at).optedOut).toBe(true);
    expect(guardInputOf(conversation([], 'wrong_party'), text, at).wrongParty).toBe(true);
  });

  it('counts sent and deferred messages, never blocked ones, for the opt-out confirmation', () => {
    const confirm = { acts: ['opt_out_confirm' as const] };
    expect(
      guardInputOf(conversation([out(1, { ...confirm, status: 'blocked' })]), text, at)
        .optOutConfirmationSent,
    ).toBe(false);
    expect(guardInputOf(conversation([out(1, confirm)]), text, at).optOutConfirmationSent).toBe(true);
    expect(
      guardInputOf(conversation([out(1, { ...confirm, status: 'deferred', until: at })]), text, at)
        .optOutConfirmationSent,
    ).toBe(true);
  });

  it('dates a deferred proactive message by when it will go out, a sent one by when it went', () => {
    const messages = [
      out(1, { kind: 'proactive', at: at - hour }),
      out(2, { kind: 'proactive', status: 'deferred', at: at - hour, until: at + 5 * hour }),
      out(3, { kind: 'proactive', status: 'blocked' }),
      out(4, { kind: 'reply' }),
    ];
    expect(guardInputOf(conversation(messages), text, at).proactiveSentAt).toEqual([
      at - hour,
      at + 5 * hour,
    ]);
  });

  it('counts the replies already given to the inbound this one answers', () => {
    const messages = [inbound(1), out(2, { inReplyTo: 1 }), out(3, { inReplyTo: 1, status: 'blocked' })];
    expect(guardInputOf(conversation(messages), { ...text, inReplyTo: 1 }, at).repliesToThisInbound).toBe(1);
    expect(guardInputOf(conversation(messages), text, at).repliesToThisInbound).toBe(0);
  });

  it('does not count a deferred message against itself when it is judged again', () => {
    const waiting = out(2, { kind: 'proactive', status: 'deferred', until: at, inReplyTo: 1 });
    const again = guardInputOf(
      conversation([inbound(1), waiting]),
      { text: waiting.text, kind: 'proactive', acts: waiting.acts!, inReplyTo: 1, seq: 2 },
      at,
    );
    expect(again.proactiveSentAt).toEqual([]);
    expect(again.repliesToThisInbound).toBe(0);
  });

  it('is a valid guard input: a second reply to one inbound is blocked by the timing rule', () => {
    const messages = [inbound(1), out(2, { inReplyTo: 1 })];
    const verdict = guard(guardInputOf(conversation(messages), { ...text, inReplyTo: 1 }, at));
    expect(verdict.violations.map((v) => v.rule)).toContain('one_reply_per_inbound');
  });
});
