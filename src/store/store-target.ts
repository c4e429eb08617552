/**
 * `HUIKUAN_DB` read (CONTRACTS §9): a `postgres://` or `postgresql://` URL is a PostgreSQL
 * database; any other value with a URL scheme (`mysql://…`, `http://…`, `postgres:` without its
 * slashes) is refused, rather than taken as a file name; the rest is a SQLite file path.
 */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function parseStoreTarget(value: string): StoreTarget | { error: string } {
  const v = value.trim();
  if (v === '') return { error: 'expected a SQLite file path or a postgres:// URL' };
  if (/^postgres(?:ql)?:\/\//i.test(v)) {
    try {
      const u = new URL(v);
      if (!u.hostname && !u.searchParams.get('host')) return { error: 'the postgres:// URL names no host' };
    } catch {
      return { error: 'expected a well-formed postgres:// URL' };
    }
    return { kind: 'postgres', url: v };
  }
  // A scheme (letters then ':') that is not a Windows drive letter: a URL we do not speak.
  if (/^[a-z][a-z0-9+.-]+:/i.test(v))
    return { error: `expected a SQLite file path or a postgres:// URL, not a ${v.split(':')[0]}: URL` };
  return { kind: 'sqlite', path: v };
}
