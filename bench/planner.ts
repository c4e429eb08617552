import { fromDays, toDays } from '../src/time/calendar.ts';
import { plan, type PlanInput, type PlanRequest } from '../src/planning/planner.ts';
import { resolvePolicy, type Policy } from '../src/planning/policy.ts';
import { percentile, prng } from './stats.ts';

/**
 * Planner throughput: seeded, varied inputs (balances from 1 cent to 1,000,000, several
 * policies, offer dates across month and year ends, every kind of request), timed one call at
 * a time so the percentiles are per plan.
 */

export interface PlannerBench {
  plans: number;
  seconds: number;
  plansPerSec: number;
  p50us: number;
  p99us: number;
}

const POLICIES: Policy[] = [
  {},
  { maxInstallments: 6 },
  { maxInstallments: 36, maxPlanDays: 1095, roundTo: 10 },
  { roundTo: 100, minDownPaymentRatio: 0.5 },
  { minDownPaymentRatio: 0, minInstallment: 1, firstDueWithinDays: 0 },
  { maxInstallments: 1 },
  { maxPlanDays: 60, maxExtensionDays: 14 },
].map((o) => resolvePolicy(o));

export function generatePlanInputs(n: number, seed = 7): PlanInput[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const start = toDays('2024-01-01');
  const out: PlanInput[] = [];
  for (let i = 0; i < n; i++) {
    const balance = Math.max(1, Math.round(10 ** (rand() * 8)));
    const today =
      rand() < 0.2
        ? pick(['2024-02-29', '2026-01-31', '2026-12-31', '2027-02-28'])
        : fromDays(start + Math.floor(rand() * 1500));
    const request: PlanRequest = {};
    const kind = rand();
    // Roughly what the dialogue sends: mostly a capacity, then amounts now, counts, extensions, nothing.
    if (kind < 0.45) request.monthlyCapacity = Math.max(1, Math.round(balance / 10 ** (rand() * 1.6)));
    else if (kind < 0.6) request.payNow = Math.max(1, Math.round(balance * rand()));
    else if (kind < 0.75) request.installments = 1 + Math.floor(rand() * 24);
    else if (kind < 0.9) request.date = fromDays(toDays(today) + Math.floor(rand() * 60));
    if (rand() < 0.15) request.installments = 2 + Math.floor(rand() * 10);
    out.push({ balance, policy: pick(POLICIES), today, request });
  }
  return out;
}

export function benchPlanner(n = 100_000): PlannerBench {
  const inputs = generatePlanInputs(n);
  for (let i = 0; i < Math.min(n, 10_000); i++) plan(inputs[i]!);
  const lat = new Float64Array(n);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    plan(inputs[i]!);
    lat[i] = Number(process.hrtime.bigint() - s) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort();
  return {
    plans: n,
    seconds,
    plansPerSec: n / seconds,
    p50us: percentile(lat, 0.5),
    p99us: percentile(lat, 0.99),
  };
}
