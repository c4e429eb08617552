import { describe, expect, it } from 'vitest';
import { canonical } from '../../src/parse/canonical.ts';

describe('canonical: the text the parser lexicons read', () => {
  it('is normalize() first: width, traditional → simplified, case', () =>
    expect(canonical('ＯＫ,沒問題')).toBe('ok,没问题'));
  it('removes emoji that only carry tone, so anchored words stand alone', () => {
    expect(canonical('好的🙏🙏')).toBe('好的');
    expect(canonical('明天 😤 还')).toBe('明天还');
    expect(canonical('🙏')).toBe('');
  });
  it('keeps the emoji the lexicons give a meaning to (👍 agrees, 🖕 insults)', () => {
    expect(canonical('👍')).toBe('👍');
    expect(canonical('🖕🖕')).toBe('🖕🖕');
  });
  it('joins a keyword typed letter by letter, and only a keyword', () => {
    expect(canonical('S T O P')).toBe('stop');
    expect(canonical('s.t.o.p')).toBe('stop');
    expect(canonical('r u a bot')).toBe('are you a bot');
  });
  it('reads a space after a tone particle or an opening 好 as the end of a clause', () => {
    expect(canonical('就A啦 第二個太長')).toBe('就a,第二个太长');
    expect(canonical('好 那就月底还第一笔')).toBe('好,那就月底还第一笔');
  });
  it('then reads regional words as Mandarin and expands SMS shorthand', () => {
    expect(canonical('唔使再send喇')).toBe('不用再发');
    expect(canonical('can u pay nxt wk')).toBe('can you pay next week');
  });
});
