import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reopensAfterOptOut, ThirdPartySchema, thirdPartyOf } from '../../src/parse/third-party.ts';
import { propRuns } from '../support/props.ts';

const runs = propRuns(300);

/** Family words with what that person is to whoever names them. */
const FAMILY = [
  ['老婆', 'spouse'],
  ['老公', 'spouse'],
  ['爱人', 'spouse'],
  ['妈妈', 'parent'],
  ['爸爸', 'parent'],
  ['儿子', 'child'],
  ['女儿', 'child'],
  ['哥哥', 'sibling'],
  ['妹妹', 'sibling'],
  ['表哥', 'relative'],
  ['朋友', 'friend'],
  ['同事', 'colleague'],
] as const;
const FAMILY_EN = [
  ['wife', 'spouse'],
  ['husband', 'spouse'],
  ['mom', 'parent'],
  ['father', 'parent'],
  ['son', 'child'],
  ['daughter', 'child'],
  ['sister', 'sibling'],
  ['cousin', 'relative'],
  ['friend', 'friend'],
  ['coworker', 'colleague'],
] as const;
const INVERSE = { spouse: 'spouse', parent: 'child', child: 'parent' } as Record<string, string>;
const inverse = (role: string): string => INVERSE[role] ?? role;

/** What a debtor says about their own family member. */
const OWN_NEWS = ['生病了', '住院了', '失业了', '不让我还', '会帮我还', '下个月给我钱', '说先别还'];
const OWN_NEWS_EN = ['lost her job', 'is sick', 'will pay next week', 'is helping me', 'is in the hospital'];

describe('thirdPartyOf (properties)', () => {
  it('我是他X / "I’m his X" names the writer as X; 他是我X / "he’s my X" as what X makes them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FAMILY), fc.constantFrom('他', '她'), ([word, role], him) => {
        expect(thirdPartyOf(`我是${him}${word}`)?.role).toBe(role);
        expect(thirdPartyOf(`${him}是我${word}`)?.role).toBe(inverse(role));
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(fc.constantFrom(...FAMILY_EN), fc.constantFrom('his', 'her'), ([word, role], his) => {
        expect(thirdPartyOf(`I'm ${his} ${word}`)?.role).toBe(role);
        expect(thirdPartyOf(`${his === 'his' ? 'he' : 'she'} is my ${word}`)?.role).toBe(inverse(role));
      }),
      { numRuns: runs },
    );
  });

  it('a debtor’s news about their own family is never a third party', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FAMILY.map(([w]) => w)),
        fc.constantFrom(...OWN_NEWS),
        fc.constantFrom('我', '我的'),
        (word, news, my) => {
          expect(thirdPartyOf(`${my}${word}${news}`)).toBeNull();
        },
      ),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...FAMILY_EN.map(([w]) => w)),
        fc.constantFrom(...OWN_NEWS_EN),
        (word, news) => {
          expect(thirdPartyOf(`my ${word} ${news}`)).toBeNull();
        },
      ),
      { numRuns: runs },
    );
  });

  it('never throws, and what it says fits the schema', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const got = thirdPartyOf(text);
        if (got !== null) expect(ThirdPartySchema.parse(got)).toEqual(got);
        expect(typeof reopensAfterOptOut(text)).toBe('boolean');
      }),
      { numRuns: runs },
    );
  });
});

describe('reopensAfterOptOut (properties)', () => {
  const wishes = ['现在想还款', '想协商一下', '可以重新联系我', 'i want to pay now', 'can we talk'];
  const pasts = ['之前退订了,', '以前回复了td,', 'I opted out before but ', 'I unsubscribed earlier, '];
  const optOuts = ['R', 'TD', '退订', '别再发了', 'STOP', 'stop texting me', '不要再联系我'];

  it('a past opt-out mentioned before a wish to pay or talk reopens', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pasts), fc.constantFrom(...wishes), (past, wish) => {
        expect(reopensAfterOptOut(past + wish)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('an opt-out, alone or after a past one, never reopens', () => {
    fc.assert(
      fc.property(fc.constantFrom('', ...pasts), fc.constantFrom(...optOuts), (past, out) => {
        expect(reopensAfterOptOut(past + out)).toBe(false);
      }),
      { numRuns: runs },
    );
  });
});
