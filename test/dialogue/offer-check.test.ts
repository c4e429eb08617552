import { describe, expect, it } from 'vitest';
import { offerViolations } from '../../src/dialogue/offer-check.ts';
import { plan } from '../../src/planning/planner.ts';
import { resolvePolicy } from '../../src/planning/policy.ts';

const policy = resolvePolicy({});
const ctx = { balance: 360000, policy, today: '2026-11-23' };

describe('the offer check before an offer is sent', () => {
  it('passes every option the planner makes', () => {
    const { options } = plan({ balance: 360000, policy, today: '2026-11-23', request: {} });
    expect(offerViolations({ kind: 'reply', acts: ['offer'], offers: options }, ctx)).toEqual([]);
  });

  it('names the option and the invariant an offer breaks', () => {
    const broken = {
      id: 'B',
      installments: [
        { due: '2026-11-22', amount: 100000 },
        { due: '2026-12-22', amount: 200000 },
      ],
      reason: 'hand-made',
    };
    const v = offerViolations({ kind: 'reply', acts: ['offer'], offers: [broken] } as never, ctx);
    expect(v.length).toBeGreaterThanOrEqual(2);
    expect(v.every((x) => x.startsWith('plan invariant, option B: '))).toBe(true);
    expect(v.join(' ')).toMatch(/sum|balance/i);
  });

  it('leaves a follow-up that restates earlier offers to the day they were made', () => {
    const { options } = plan({ balance: 360000, policy, today: '2026-11-20', request: {} });
    expect(offerViolations({ kind: 'proactive', acts: ['followup'], offers: options }, ctx)).toEqual([]);
  });
});
