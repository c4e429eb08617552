import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableParam } from '../../../src/store/postgres/readable-text.ts';
import { propRuns } from '../../support/props.ts';

/** What the PostgreSQL store sends for a string: something its text and jsonb can hold, and no more changed than that. */

// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const UNREADABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNREADABLE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
// Strings of any UTF-16 code units: NULs and lone surrogates among them.
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

describe('a string parameter for PostgreSQL', () => {
  it('passes well-formed text without a NUL unchanged, JSON or not', () => {
    for (const s of ['没钱', 'ok 🙂', '{"a":"b"}', '[1,2]', '\\u0000 typed as text', ''])
      expect(readableParam(s)).toBe(s);
    expect(readableParam(42)).toBe(42);
    expect(readableParam(null)).toBeNull();
  });

  it('puts U+FFFD for a NUL and a lone surrogate, and nothing else', () => {
    expect(readableParam('a\u0000b')).toBe('a\ufffdb');
    expect(readableParam('x\ud800')).toBe('x\ufffd');
    expect(readableParam('\udfffx')).toBe('\ufffdx');
    expect(readableParam('🙂\ud83d')).toBe('🙂\ufffd');
    expect(readableParam(['a\u0000', 'b'])).toEqual(['a\ufffd', 'b']);
  });

  it('rewrites JSON whose strings hold them, so jsonb can read it; the rest of the value is kept', () => {
    const json = JSON.stringify({
      text: '【快借】\ud800',
      n: 1,
      nested: [{ t: 'a\u0000' }],
      fine: '\\ud800',
    });
    expect(JSON.parse(readableParam(json) as string)).toEqual({
      text: '【快借】\ufffd',
      n: 1,
      nested: [{ t: 'a\ufffd' }],
      fine: '\\ud800',
    });
    expect(readableParam('{not json \\ud800')).toBe('{not json \\ud800');
  });

  it('always gives text with no NUL, no lone surrogate, and (for JSON) no escape of either', () => {
    fc.assert(
      fc.property(anyText, fc.jsonValue(), (text, value) => {
        const t = readableParam(text) as string;
        expect(UNREADABLE.test(t)).toBe(false);
        expect(t.length).toBe(text.length);
        const withText = JSON.stringify({ value, text });
        const j = readableParam(withText) as string;
        expect(UNREADABLE.test(j) || UNREADABLE_ESCAPE.test(j.replace(/\\\\/g, ''))).toBe(false);
        if (!UNREADABLE.test(text)) expect(j).toBe(withText);
      }),
      { numRuns: propRuns() },
    );
  });
});
