import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictIntent } from '../../../src/parse/classifier/model.ts';
import { normalize } from '../../../src/parse/index.ts';
import { INTENTS } from '../../../src/parse/schema.ts';
import { propRuns } from '../../support/props.ts';

const runs = propRuns(300);
const contexts = fc.constantFrom('reminder' as const, 'clarify' as const, 'offer' as const);
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

describe('predictIntent on arbitrary text', () => {
  it('never throws, and its distribution is a probability distribution over the 16 intents', () => {
    fc.assert(
      fc.property(anyText, contexts, fc.boolean(), (text, context, normalised) => {
        const r = predictIntent(normalised ? normalize(text) : text, context);
        expect(INTENTS).toContain(r.intent);
        expect(Object.keys(r.distribution).sort()).toEqual([...INTENTS].sort());
        const values = Object.values(r.distribution);
        for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
        expect(Math.abs(values.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        expect(r.p).toBe(r.distribution[r.intent]);
      }),
      { numRuns: runs },
    );
  });
});
