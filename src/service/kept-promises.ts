import type { RawMetrics, StoredPayment } from '../store/store.ts';

const DAY = 86_400_000;

/** A debtor's promise to pay, judged against the payments received. */
export interface PromiseOutcome {
  accountId: string;
  /** Epoch ms by which a payment keeps it. */
  due: number;
  /** The payment that kept it, if one has. */
  keptBy: number | null;
}

/**
 * Which promises were kept: a payment from the day before the promise on, by the end of the day
 * after its date (three days after the promise when it named no date).
 */
export function promiseOutcomes(raw: RawMetrics, payments: StoredPayment[]): PromiseOutcome[] {
  return raw.promises.map((p) => {
    const due = p.date ? Date.parse(`${p.date}T00:00:00Z`) + 2 * DAY : p.at + 3 * DAY;
    const pay = payments.find((x) => x.accountId === p.accountId && x.paidAt >= p.at - DAY && x.paidAt < due);
    return { accountId: p.accountId, due, keptBy: pay?.id ?? null };
  });
}
