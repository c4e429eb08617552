import { isQuiet, nextLocalDayStart, quietEndAfter } from '../time/quiet-hours.ts';
import { formatZoned, localDate } from '../time/timezone.ts';
import type { GuardInput, GuardViolation } from './guard.ts';

/**
 * The guard's timing rules: quiet hours in the debtor's local time, and at most
 * maxProactivePerDay proactive messages per local day. A timing violation defers the message
 * to the first instant every timing rule allows, never drops it; the one exception is a daily
 * cap of 0, under which no proactive message may ever go, so it blocks.
 */

/** What the timing rules read: when, where, which kind, under which policy, after which sends. */
export type TimingInput = Pick<
  GuardInput,
  'now' | 'timezone' | 'quietHours' | 'kind' | 'maxProactivePerDay' | 'proactiveSentAt'
>;

export interface Timing {
  /** The first instant every timing rule allows (`now` itself when they allow it now). */
  until: number;
  violations: GuardViolation[];
  /** No instant ever will (a proactive message under a daily cap of 0). */
  block: boolean;
}

/** Proactive messages per local date. */
function countsByLocalDay(sentAt: readonly number[], tz: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of sentAt) {
    const d = localDate(t, tz);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
}

function quietReason({ now, timezone: tz, quietHours }: TimingInput, until: number): string {
  return `due at ${formatZoned(now, tz)} (${tz}), inside quiet hours ${quietHours.start}–${quietHours.end}; deferred to ${formatZoned(until, tz)}`;
}

/** Every timing rule at once: quiet_hours first, then daily_cap (which may push `until` on). */
export function timingRules(input: TimingInput): Timing {
  const { now, timezone: tz, quietHours, kind } = input;
  const violations: GuardViolation[] = [];
  const quiet = isQuiet(now, tz, quietHours);
  let until = quietEndAfter(now, tz, quietHours);

  if (kind === 'proactive') {
    const cap = input.maxProactivePerDay;
    if (cap <= 0) {
      violations.push({
        rule: 'daily_cap',
        reason: 'maxProactivePerDay is 0: no proactive message may be sent',
      });
      if (quiet) violations.push({ rule: 'quiet_hours', reason: quietReason(input, until) });
      return { until, violations, block: true };
    }
    const counts = countsByLocalDay(input.proactiveSentAt, tz);
    const full: string[] = [];
    // Each pass skips a full local day, so this ends within (number of full days + 1) passes.
    for (let i = 0; i <= counts.size + 1; i++) {
      const day = localDate(until, tz);
      const n = counts.get(day) ?? 0;
      if (n < cap) break;
      full.push(`${day} (${n})`);
      until = nextLocalDayStart(until, tz, quietHours);
    }
    if (full.length > 0) {
      violations.push({
        rule: 'daily_cap',
        reason: `at most ${cap} proactive message${cap === 1 ? '' : 's'} per local day; already sent or scheduled on ${full.join(', ')}; deferred to ${formatZoned(until, tz)}`,
      });
    }
  }
  if (quiet) violations.unshift({ rule: 'quiet_hours', reason: quietReason(input, until) });
  return { until, violations, block: false };
}

/**
 * May a message go out at `input.now` for this debtor and policy? `now` itself when it may, the
 * first later instant at which it may otherwise, null when it never may (a proactive message
 * under a daily cap of 0). The same rule the guard applies, for a re-check at send time (the
 * outbox): a reply, or a proactive message with the proactive sends it was counted against.
 */
export function nextSendableAt(input: TimingInput): number | null {
  const t = timingRules(input);
  return t.block ? null : t.until;
}
