/**
 * What PostgreSQL can hold of a string we send it. Its text type cannot hold U+0000 (the server
 * refuses the whole statement), and jsonb refuses the escapes `\u0000` and a lone surrogate's
 * (`\ud800`), which JSON.stringify writes for them: one such SMS, name or note in the archive
 * made every query that looks inside the JSON columns (the inbox, the team's waiting times) fail
 * for every user. SQLite keeps all of these as they are.
 *
 * So every string parameter is made readable on its way in: U+0000 and lone surrogates become
 * U+FFFD, the replacement character (what UTF-8 encoding does to a lone surrogate anyway), and
 * JSON text (an object or array, as the store writes its JSON columns) with such an escape in it
 * is rewritten with the same replacement in its strings. Text that is not JSON is never rewritten
 * as JSON; well-formed text passes unchanged (the common case costs one scan).
 */

// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const UNREADABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNREADABLE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

const readable = (s: string): string => s.replace(UNREADABLE, '\ufffd');

function readableJson(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s) as unknown, (_key, v: unknown) =>
      typeof v === 'string' ? readable(v) : v,
    );
  } catch {
    return s;
  }
}

/** A query parameter as PostgreSQL can store it and cast it (arrays element by element). */
export function readableParam(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(readableParam);
  if (typeof v !== 'string') return v;
  const s = (v[0] === '{' || v[0] === '[') && UNREADABLE_ESCAPE.test(v) ? readableJson(v) : v;
  return readable(s);
}
