import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit, MAX_GROUP, MAX_GROUP_MS } from '../../../src/store/sqlite/group-commit.ts';

/** A real SQLite file in WAL mode, a second connection to read what is committed, and the group. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'hk-group-'));
  const path = join(dir, 'g.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  const reader = new Database(path, { readonly: true });
  const committed = (): string[] =>
    (reader.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k);
  const commits = { n: 0 };
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    if (sql === 'COMMIT') commits.n++;
    return exec(sql);
  };
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = (f: () => Promise<void>): Promise<void> => {
    const run = queue.then(f);
    queue = run.catch(() => undefined);
    return run;
  };
  const group = new GroupCommit(db, exclusive, (fn) => fn());
  const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
  const put = (k: string) => () => Promise.resolve(insert.run(k)).then(() => k);
  cleanups.push(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, group, committed, commits, put };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('group commit', () => {
  it('stops a group once its units have run past MAX_GROUP_MS: the rest commit next, in order, each answered after its own COMMIT', async () => {
    const { group, committed, commits, put } = setup();
    /** A unit that holds the connection past the group's time budget by itself. */
    const slow = (k: string) => () => {
      const until = performance.now() + MAX_GROUP_MS * 2;
      while (performance.now() < until) {
        // busy: a webhook's dialogue step is synchronous work like this
      }
      return put(k)();
    };
    const seen = new Map<string, string[]>();
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((k) => group.run(slow(k)).then((v) => (seen.set(k, committed()), v))),
    );
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(commits.n).toBe(3);
    // Each caller heard of its unit once it was committed, before the next unit had even run.
    expect(seen.get('a')).toEqual(['a']);
    expect(seen.get('b')).toEqual(['a', 'b']);
    expect(seen.get('c')).toEqual(['a', 'b', 'c']);
  });

  it('runs the transactions asked for in one turn under one COMMIT, each answered after it', async () => {
    const { group, committed, commits, put } = setup();
    const seen: string[][] = [];
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((k) =>
        group.run(put(k)).then((v) => {
          // Whoever hears of a result can rely on it: another connection already sees it.
          seen.push(committed());
          return v;
        }),
      ),
    );
    expect(answers).toEqual(['a', 'b', 'c', 'd']);
    expect(commits.n).toBe(1);
    for (const s of seen) expect(s).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back only the unit that threw, commits those before it, runs the rest in the next group', async () => {
    const { group, committed, commits, put } = setup();
    const boom = () =>
      Promise.resolve()
        .then(put('x'))
        .then(() => {
          throw new Error('step failed');
        });
    const results = await Promise.allSettled([group.run(put('a')), group.run(boom), group.run(put('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('step failed'));
    expect(committed()).toEqual(['a', 'b']);
    expect(commits.n).toBe(2);
  });

  it('rejects the whole group when SQLite itself ended the transaction', async () => {
    const { db, group, committed, put } = setup();
    const abort = () =>
      Promise.resolve().then(() => {
        db.exec('ROLLBACK');
        throw new Error('disk I/O error');
      });
    const results = await Promise.allSettled([group.run(put('a')), group.run(abort), group.run(put('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(committed()).toEqual(['b']);
  });

  it('answers every unit with the error when the connection itself fails, and keeps nothing', async () => {
    const { db, group, committed, put } = setup();
    const exec = db.exec.bind(db);
    let savepoints = 0;
    db.exec = (sql: string) => {
      if (sql === 'SAVEPOINT group_unit' && ++savepoints === 2) throw new Error('database is locked');
      return exec(sql);
    };
    const results = await Promise.allSettled([group.run(put('a')), group.run(put('b')), group.run(put('c'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committed()).toEqual([]);
    expect(await group.run(put('d'))).toBe('d');
    expect(committed()).toEqual(['d']);
  });

  it(`shares a commit among at most ${MAX_GROUP} transactions`, async () => {
    const { group, committed, commits, put } = setup();
    const keys = Array.from({ length: MAX_GROUP * 2 + 1 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    await Promise.all(keys.map((k) => group.run(put(k))));
    expect(commits.n).toBe(3);
    expect(committed()).toEqual(keys);
  });

  it('keeps exactly the work of the units that did not throw, whatever the mix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), async (fails) => {
        const { group, committed, put } = setup();
        const results = await Promise.allSettled(
          fails.map((fail, i) => {
            const k = `u${String(i).padStart(2, '0')}`;
            return group.run(
              fail
                ? () =>
                    put(k)().then(() => {
                      throw new Error(`unit ${i}`);
                    })
                : put(k),
            );
          }),
        );
        expect(results.map((r) => r.status === 'rejected')).toEqual(fails);
        expect(committed()).toEqual(
          fails.flatMap((fail, i) => (fail ? [] : [`u${String(i).padStart(2, '0')}`])),
        );
        cleanups.pop()!();
      }),
      { numRuns: 60 },
    );
  });
});
