import type { GuardInput } from '../compliance/guard.ts';
import type { Policy } from '../planning/policy.ts';
import type { ArchivedMessage } from './archive.ts';
import type { Account, Draft } from './types.ts';

/**
 * What the guard is told about a conversation to judge one outbound text: the account's frame
 * (locale, lender, zone, quiet hours, cap) and the facts its timing rules read from the archive
 * (CONTRACTS §4: one opt-out confirmation, the daily proactive cap, one reply per inbound). Kept
 * apart from the runtime because it is a pure reading of the records, the same for the bot's
 * drafts, a person's messages, a preview and a deferred message's second look.
 */
export interface GuardedConversation {
  account: Account;
  policy: Policy;
  /** The CONTRACTS §6 state name now. */
  state: string;
  messages: readonly ArchivedMessage[];
}

/** The text being judged: the message itself, or a draft's parts before it is archived. */
export interface GuardedText {
  text: string;
  kind: Draft['kind'];
  acts: Draft['acts'];
  /** For a reply: the seq of the inbound it answers. */
  inReplyTo?: number | undefined;
  /** For a message already archived (a deferred one judged again): its own seq, not counted. */
  seq?: number | undefined;
}

/** Sent, or waiting for its time: either way it counts against the rules. */
const counts = (m: ArchivedMessage): boolean => m.status === 'sent' || m.status === 'deferred';

export function guardInputOf(c: GuardedConversation, msg: GuardedText, at: number): GuardInput {
  const others = c.messages.filter((m) => m.seq !== msg.seq && counts(m));
  return {
    text: msg.text,
    kind: msg.kind,
    acts: msg.acts,
    locale: c.account.locale,
    lender: c.account.lender,
    timezone: c.account.timezone,
    quietHours: c.policy.quietHours,
    maxProactivePerDay: c.policy.maxProactivePerDay,
    now: at,
    optedOut: c.state === 'opted_out',
    optOutConfirmationSent: others.some((m) => m.acts?.includes('opt_out_confirm')),
    wrongParty: c.state === 'wrong_party',
    proactiveSentAt: others
      .filter((m) => m.direction === 'out' && m.kind === 'proactive')
      .map((m) => (m.status === 'deferred' ? m.until! : m.at)),
    repliesToThisInbound:
      msg.inReplyTo === undefined ? 0 : others.filter((m) => m.inReplyTo === msg.inReplyTo).length,
  };
}
