import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forgetScans, passes, registerGate } from '../../src/parse/literal-scan.ts';
import { propRuns } from '../support/props.ts';

// Keys over a small alphabet, so that random texts hold some of them and miss others.
const ALPHABET = ['a', 'b', 'c', '还', '钱', '没', ' ', '😀'];
const unit = fc.constantFrom(...ALPHABET.flatMap((c) => [...c.split('')]));
const key = fc.array(unit, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 16 }).map((cs) => cs.join(''));

describe('literal scan: one pass answers every gate', () => {
  it('opens a gate on a text holding one of its keys, and keeps it shut on a text holding none', () => {
    const id = registerGate(['没钱', '还', 'abc']);
    forgetScans();
    expect(passes(id, '我现在真的没钱')).toBe(true);
    expect(passes(id, '今天还')).toBe(true);
    expect(passes(id, 'xxabcxx')).toBe(true);
    expect(passes(id, '没有')).toBe(false);
    expect(passes(id, 'ab c')).toBe(false);
    expect(passes(id, '')).toBe(false);
  });

  it('keeps a gate with no keys always open', () => {
    const id = registerGate(null);
    expect(passes(id, '')).toBe(true);
    expect(passes(id, 'anything')).toBe(true);
  });

  it('refuses a key longer than three units', () => {
    expect(() => registerGate(['abcd'])).toThrow(/1 to 3 units/);
  });

  it('never shuts a gate whose key the text holds (shared hashes may only open more)', () => {
    const gates = fc.sample(fc.array(key, { minLength: 1, maxLength: 4 }), 40).map((keys) => ({
      keys,
      id: registerGate(keys),
    }));
    fc.assert(
      fc.property(text, (t) => {
        forgetScans();
        for (const g of gates) if (g.keys.some((k) => t.includes(k)) && !passes(g.id, t)) return false;
        // Unit keys are exact: a gate of single units opens only where one occurs.
        for (const g of gates)
          if (g.keys.every((k) => k.length === 1) && passes(g.id, t) !== g.keys.some((k) => t.includes(k)))
            return false;
        return true;
      }),
      { numRuns: propRuns(2000) },
    );
  });

  it('answers the same for a text whether remembered, forgotten or read among others', () => {
    const id = registerGate(['钱']);
    forgetScans();
    const texts = ['没钱', '好的', '没钱', 'ok', '钱', '没钱'];
    const first = texts.map((t) => passes(id, t));
    const again = texts.map((t) => passes(id, t));
    forgetScans();
    const fresh = texts.map((t) => passes(id, t));
    expect(first).toEqual([true, false, true, false, true, true]);
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
  });
});
