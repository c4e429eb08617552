import { z } from 'zod';
import { toMinor } from '../money.ts';
import { coversFloor, MAX_PROACTIVE_PER_DAY, quietFloorsOf, type Jurisdiction } from './legal-floors.ts';
import { ClockTimeSchema, QuietHoursSchema } from '../time/quiet-hours.ts';

/**
 * The lender's negotiation limits (CONTRACTS §3). Amounts are in major units because lenders
 * write them that way; the planner converts them to minor units at its boundary.
 */

/** Generous ceilings that still keep every derived minor-unit sum a safe integer. */
const MAX_DAYS = 3660;
const MAX_MAJOR = 1e10;

const intField = (min: number, max?: number, why = '') => {
  const msg =
    (max === undefined ? `expected an integer ≥ ${min}` : `expected an integer from ${min} to ${max}`) + why;
  const base = z.number({ error: msg }).int({ error: msg }).min(min, { error: msg });
  return max === undefined ? base : base.max(max, { error: msg });
};

const isCents = (n: number): boolean => {
  try {
    toMinor(n);
    return true;
  } catch {
    return false;
  }
};

const majorAmount = () => {
  const msg = `expected an amount > 0 and ≤ ${MAX_MAJOR} with at most 2 decimals`;
  return z
    .number({ error: msg })
    .gt(0, { error: msg })
    .max(MAX_MAJOR, { error: msg })
    .refine(isCents, { error: msg });
};

const ratioField = () => {
  const msg = 'expected a number from 0 to 1';
  return z.number({ error: msg }).min(0, { error: msg }).max(1, { error: msg });
};

/** One definition per field, shared by the full schema and the override schema. */
const fields = {
  maxInstallments: intField(1, 120),
  minInstallment: majorAmount(),
  maxPlanDays: intField(0, MAX_DAYS),
  minDownPaymentRatio: ratioField(),
  firstDueWithinDays: intField(0, MAX_DAYS),
  maxExtensionDays: intField(0, MAX_DAYS),
  roundTo: majorAmount(),
  maxNegotiationRounds: intField(1, 100),
  maxProactivePerDay: intField(
    0,
    MAX_PROACTIVE_PER_DAY,
    ` (more than ${MAX_PROACTIVE_PER_DAY} proactive messages a day is harassment)`,
  ),
  /** CONTRACTS §8: the time frame a handoff acknowledgement promises. */
  handoffResponseHours: intField(1, 720),
  /** Two installments missed in a row: new offers for what is left, or a person. */
  onBrokenPlan: z.enum(['renegotiate', 'handoff'], { error: "expected 'renegotiate' or 'handoff'" }),
};

const QUIET_HOURS_DEFAULT = { start: '21:00', end: '08:00' };

/** Strict objects: a misspelt field in a lender's config must fail loudly, not fall back to a default. */
export const PolicySchema = z.strictObject({
  maxInstallments: fields.maxInstallments.default(12),
  minInstallment: fields.minInstallment.default(100),
  maxPlanDays: fields.maxPlanDays.default(365),
  minDownPaymentRatio: fields.minDownPaymentRatio.default(0.1),
  firstDueWithinDays: fields.firstDueWithinDays.default(7),
  maxExtensionDays: fields.maxExtensionDays.default(30),
  roundTo: fields.roundTo.default(1),
  maxNegotiationRounds: fields.maxNegotiationRounds.default(3),
  maxProactivePerDay: fields.maxProactivePerDay.default(3),
  handoffResponseHours: fields.handoffResponseHours.default(24),
  onBrokenPlan: fields.onBrokenPlan.default('renegotiate'),
  quietHours: QuietHoursSchema.extend({
    start: ClockTimeSchema.default(QUIET_HOURS_DEFAULT.start),
    end: ClockTimeSchema.default(QUIET_HOURS_DEFAULT.end),
  }).default(QUIET_HOURS_DEFAULT),
});
export type Policy = z.infer<typeof PolicySchema>;

export const PolicyOverrideSchema = z.strictObject({
  maxInstallments: fields.maxInstallments.optional(),
  minInstallment: fields.minInstallment.optional(),
  maxPlanDays: fields.maxPlanDays.optional(),
  minDownPaymentRatio: fields.minDownPaymentRatio.optional(),
  firstDueWithinDays: fields.firstDueWithinDays.optional(),
  maxExtensionDays: fields.maxExtensionDays.optional(),
  roundTo: fields.roundTo.optional(),
  maxNegotiationRounds: fields.maxNegotiationRounds.optional(),
  maxProactivePerDay: fields.maxProactivePerDay.optional(),
  handoffResponseHours: fields.handoffResponseHours.optional(),
  onBrokenPlan: fields.onBrokenPlan.optional(),
  quietHours: QuietHoursSchema.partial().optional(),
});
export type PolicyOverride = z.infer<typeof PolicyOverrideSchema>;

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/** Frozen: it is shared by every conversation, so one caller's mutation must not leak into another's. */
export const DEFAULT_POLICY: Policy = deepFreeze(PolicySchema.parse({}));

export interface PolicyIssue {
  path: string;
  message: string;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

function issuesOf(error: z.ZodError): PolicyIssue[] {
  return error.issues.flatMap((issue): PolicyIssue[] => {
    const base = ['policy', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: 'unknown field' }));
    }
    if (issue.path.length === 0) return [{ path: base, message: 'expected an object' }];
    return [{ path: base, message: issue.message }];
  });
}

const defined = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The legal floor a resolved policy's quiet hours must cover: an issue naming the window and
 * every floor it leaves open, or null when it covers them all.
 */
function quietHoursIssue(quietHours: Policy['quietHours'], jurisdiction: Jurisdiction): PolicyIssue | null {
  const { start, end } = quietHours;
  const floors = quietFloorsOf(jurisdiction);
  const open = floors.filter((f) => !coversFloor(quietHours, f));
  if (open.length === 0) return null;
  const required = open.map((f) => `${f.start}–${f.end} (${f.name})`).join(' and ');
  const unknown =
    jurisdiction === 'unknown' ? "; the account's jurisdiction is not known, so every floor holds" : '';
  const message =
    start === end
      ? `start and end are both ${start}, which leaves no hour quiet; the window must cover the legal quiet hours ${required}${unknown}`
      : `${start}–${end} does not cover the legal quiet hours ${required}${unknown}`;
  return { path: 'policy.quietHours', message };
}

/**
 * Defaults overridden field by field (quietHours.start and .end separately), so an account can
 * say `{"maxInstallments": 6}` and keep everything else. Throws PolicyError naming each bad
 * field, e.g. `policy.maxInstallments: expected an integer from 1 to 120`.
 *
 * The result never loosens the legal floors of `jurisdiction` (see legal-floors.ts): its quiet
 * hours cover the floor's and at most MAX_PROACTIVE_PER_DAY proactive messages go out a day.
 * Without a jurisdiction every floor holds, which the §3 default (21:00–08:00) meets.
 */
export function resolvePolicy(override?: unknown, jurisdiction: Jurisdiction = 'unknown'): Policy {
  if (override === undefined || override === null) return DEFAULT_POLICY;
  const parsed = PolicyOverrideSchema.safeParse(override);
  if (!parsed.success) throw new PolicyError(issuesOf(parsed.error));
  const { quietHours, ...rest } = parsed.data;
  const merged = {
    ...DEFAULT_POLICY,
    ...defined(rest),
    quietHours: { ...DEFAULT_POLICY.quietHours, ...defined(quietHours) },
  };
  const full = PolicySchema.safeParse(merged);
  if (!full.success) throw new PolicyError(issuesOf(full.error));
  const floor = quietHoursIssue(full.data.quietHours, jurisdiction);
  if (floor) throw new PolicyError([floor]);
  return full.data;
}
