import { z } from 'zod';
import { ActSchema, DialogueLocaleSchema } from '../dialogue/types.ts';
import { MAX_SMS_CHARS } from '../messages/sms-parts.ts';
import { parseHHMM, QuietHoursSchema } from '../time/quiet-hours.ts';
import { isTimeZone } from '../time/timezone.ts';
import {
  afterOptOut,
  bannedLexicon,
  maxLength,
  oneReplyPerInbound,
  optOutHint,
  signature,
  strayBrackets,
  templateDebris,
  wrongPartyDisclosure,
  type ContentRule,
} from './content-rules.ts';
import { foldForMatching } from './matcher.ts';
import { timingRules } from './timing-rules.ts';

/**
 * The compliance guard: the one choke point every outbound SMS passes, whoever wrote it (the
 * bot's templates, a human agent). CONTRACTS §4 ("Every outbound SMS", "Dialogue") and
 * shared/DOMAIN.md, one named check per rule (content-rules.ts, timing-rules.ts), each violation
 * with a reason that names what it found. Content violations block (the caller records the
 * reason, the message is never sent); timing violations defer to the first instant the timing
 * rules allow, never drop.
 *
 * Pure and allocation-light: the lexicons are compiled once at load, time is passed in.
 */

export const GUARD_RULES = [
  'signature',
  'stray_brackets',
  'quiet_hours',
  'daily_cap',
  'opt_out_hint',
  'after_opt_out',
  'wrong_party_disclosure',
  'banned_lexicon',
  'template_debris',
  'max_length',
  'one_reply_per_inbound',
] as const;
export const GuardRuleSchema = z.enum(GUARD_RULES);
export type GuardRule = z.infer<typeof GuardRuleSchema>;

export { MAX_SMS_CHARS };

export const GuardInputSchema = z.object({
  text: z.string(),
  kind: z.enum(['reply', 'proactive']),
  acts: z.array(ActSchema),
  locale: DialogueLocaleSchema,
  /** The lender's name as it appears in the signature: 【安心贷】. */
  lender: z.string().min(1),
  /** The debtor's IANA time zone. */
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  quietHours: QuietHoursSchema,
  maxProactivePerDay: z.number().int().min(0),
  /** Epoch ms at which the message would be sent. */
  now: z.number().int(),
  /** The debtor opted out (any channel, any wording). */
  optedOut: z.boolean(),
  /** The one opt-out confirmation was already sent or is scheduled. */
  optOutConfirmationSent: z.boolean(),
  /** The number reaches someone who is not the debtor. */
  wrongParty: z.boolean(),
  /**
   * Epoch ms of the proactive messages already sent or scheduled for this debtor, not counting
   * the one being checked. Scheduled ones count for their own local day, even after `now`.
   */
  proactiveSentAt: z.array(z.number().int()),
  /** Replies already sent (or scheduled) for the inbound SMS this message answers. */
  repliesToThisInbound: z.number().int().min(0),
});
export type GuardInput = z.infer<typeof GuardInputSchema>;

export const GuardViolationSchema = z.object({ rule: GuardRuleSchema, reason: z.string() });
export type GuardViolation = z.infer<typeof GuardViolationSchema>;

export const GuardVerdictSchema = z.object({
  action: z.enum(['send', 'defer', 'block']),
  /** With `defer`: the epoch ms at which every timing rule is met. */
  until: z.number().int().optional(),
  violations: z.array(GuardViolationSchema),
});
export type GuardVerdict = z.infer<typeof GuardVerdictSchema>;

/** The content rules, in the order they run (their violations are then sorted by GUARD_RULES). */
const CONTENT_RULES: readonly (readonly [GuardRule, ContentRule])[] = [
  ['signature', signature],
  ['stray_brackets', strayBrackets],
  ['opt_out_hint', optOutHint],
  ['after_opt_out', afterOptOut],
  ['wrong_party_disclosure', wrongPartyDisclosure],
  ['banned_lexicon', bannedLexicon],
  ['template_debris', templateDebris],
  ['max_length', maxLength],
  ['one_reply_per_inbound', oneReplyPerInbound],
];

/**
 * Decide whether `input.text` may go out at `input.now`. Every violation is listed, in
 * GUARD_RULES order. `block` when any content rule fails (or the daily cap is 0); else `defer`
 * with `until` when a timing rule fails (re-checked at `until` with the same history, the timing
 * rules pass); else `send`.
 *
 * The input is trusted to match GuardInputSchema (parse it at the boundary); an unknown time
 * zone or a malformed quiet-hours time throws a RangeError.
 */
export function guard(input: GuardInput): GuardVerdict {
  parseHHMM(input.quietHours.start);
  parseHHMM(input.quietHours.end);
  const folded = foldForMatching(input.text);
  const content: GuardViolation[] = [];
  for (const [rule, check] of CONTENT_RULES) {
    const reason = check(input, folded);
    if (reason !== null) content.push({ rule, reason });
  }
  const t = timingRules(input);
  const violations = [...content, ...t.violations].sort(
    (a, b) => GUARD_RULES.indexOf(a.rule) - GUARD_RULES.indexOf(b.rule),
  );

  if (t.block || content.length > 0) return { action: 'block', violations };
  if (t.until !== input.now) return { action: 'defer', until: t.until, violations };
  return { action: 'send', violations };
}
