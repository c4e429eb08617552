import type { Account } from '../dialogue/types.ts';
import { jurisdictionOf } from '../planning/legal-floors.ts';
import { resolvePolicy, type PolicyOverride } from '../planning/policy.ts';
import type { Lender } from './schema.ts';

/**
 * CONTRACTS §10 layering: the §3 defaults, under the lender's policy, under the account's own;
 * the account's `hotline` and `howToPay` (§8) over the lender's. Pure: the lender comes from the
 * configuration the edge loaded once.
 */

const defined = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** `top` over `base`, field by field (quietHours.start and .end separately, as resolvePolicy does). */
export function overPolicy(
  base: PolicyOverride | undefined,
  top: PolicyOverride | undefined,
): PolicyOverride | undefined {
  if (base === undefined) return top;
  if (top === undefined) return base;
  const quietHours = { ...defined(base.quietHours), ...defined(top.quietHours) };
  return {
    ...defined(base),
    ...defined(top),
    ...(Object.keys(quietHours).length > 0 ? { quietHours } : {}),
  };
}

/** Whether an override resolves within the account's legal floors. */
function keepsFloors(policy: PolicyOverride | undefined, account: Account): boolean {
  try {
    resolvePolicy(policy, jurisdictionOf(account));
    return true;
  } catch {
    return false;
  }
}

/**
 * The account as the conversation sees it: its own fields first, the lender's where it has none.
 * Both policies keep the legal floors alone (the lender's is checked at start-up, the account's
 * at import), but two quiet-hours windows taken field by field could leave a floor open (the
 * lender's start with the account's end): that mix is never used, the account's own policy is.
 */
export function withLender(account: Account, lender: Lender | undefined): Account {
  if (lender === undefined) return account;
  const layered = overPolicy(lender.policy, account.policy);
  const policy = keepsFloors(layered, account) ? layered : account.policy;
  const hotline = account.hotline ?? lender.hotline;
  const howToPay = account.howToPay ?? lender.howToPay;
  return {
    ...account,
    ...(policy !== undefined ? { policy } : {}),
    ...(hotline !== undefined ? { hotline } : {}),
    ...(howToPay !== undefined ? { howToPay } : {}),
  };
}
