import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../src/compliance/matcher.ts';
import { skeletonViews, toSkeleton } from '../../src/compliance/skeleton.ts';

const views = (text: string) => skeletonViews(foldForMatching(text));

describe('toSkeleton: one form for a word however it is typed', () => {
  it('maps look-alike letters of other scripts to the Latin letters they imitate (UTS #39)', () => {
    expect(toSkeleton(foldForMatching('роlісе'))).toBe(toSkeleton('police'));
    expect(toSkeleton(foldForMatching('ѕсυⅿ'))).toBe(toSkeleton('scum'));
    expect(toSkeleton(foldForMatching('𝐝𝐞𝐚𝐝𝐛𝐞𝐚𝐭'))).toBe(toSkeleton('deadbeat'));
  });

  it('reads digits inside a word as letters, and i and l as one letter; a figure stays a figure', () => {
    expect(toSkeleton('p0l1ce')).toBe(toSkeleton('police'));
    expect(toSkeleton('d3adb3at')).toBe(toSkeleton('deadbeat'));
    expect(toSkeleton('jai1')).toBe(toSkeleton('jail'));
    expect(toSkeleton('3600 and 4821')).toBe('3600 and 4821');
  });

  it('leaves Chinese, kana, Hangul and emoji as they are', () => {
    expect(toSkeleton('报警 一 〇 ノ 한 🔪')).toBe('报警 一 〇 ノ 한 🔪');
  });
});

describe('skeletonViews: the views that undo the disguises', () => {
  it('drops filler between Chinese characters, not sentence punctuation', () => {
    expect(views('报*警').han).toContain('报警');
    expect(views('骗😀子').han).toContain('骗子');
    expect(views('到家。人工客服').han).toEqual(['到家。人工客服']);
  });

  it('joins filler inside an English word, and letters spaced out one by one', () => {
    expect(views('the po.lice').latin).toContain('the pollce');
    expect(views('the p o l i c e').spaced).toEqual(['pollce']);
    expect(views('we will').latin).toEqual(['we wlll']);
  });

  it('reads symbols as letters in a second view, so "or else!Pay" still ends a sentence in the first', () => {
    const v = views('you $hit. or else!pay');
    expect(v.latin[0]).toBe('you $hlt. or else!pay');
    expect(v.latin).toContain('you shlt. or elselpay');
  });

  it('keeps the look-alikes mapped but the digits unread for pinyin, whose digits are tones', () => {
    expect(views('bao4 jing3').pinyin).toBe('bao4 jing3');
  });
});
