import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../../src/log.ts';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { PG_SKIP_REASON, PG_URL, pgDatabase, truncateAll } from '../../support/stores.ts';
import { propRuns } from '../../support/props.ts';
import { account, conversation } from '../sqlite/support.ts';

/**
 * What only the shared store has: instances that hold a conversation one at a time, hear each
 * other's changes, migrate once together, and search phones with the panel's own mask.
 */

describe.skipIf(!PG_URL)(`the PostgreSQL store${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`, () => {
  let url = '';
  const opened: PostgresStore[] = [];
  const open = async () => {
    const s = await PostgresStore.open(url, { poolSize: 4 });
    opened.push(s);
    return s;
  };
  beforeAll(async () => {
    url = await pgDatabase();
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  it('migrates once when instances open a fresh database together', async () => {
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const { rows } = await raw.query('SELECT version FROM schema_migrations ORDER BY version');
    await raw.end();
    expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([a, b, c].every((s) => s.kind === 'postgres')).toBe(true);
  });

  it('holds a conversation for one transaction at a time; a try-lock skips a held one', async () => {
    await truncateAll(url);
    const [a, b] = [await open(), await open()];
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const first = a.transaction(async () => {
      await a.lockConversation('c1', true);
      held();
      await gate;
      order.push('a done');
    });
    await holding;
    expect(await b.transaction(() => b.lockConversation('c1', false))).toBe(false);
    expect(await b.transaction(() => b.lockConversation('c2', false))).toBe(true);
    const second = b.transaction(async () => {
      await b.lockConversation('c1', true);
      order.push('b got it');
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a done', 'b got it']);
    await expect(a.lockConversation('c1', true)).rejects.toThrow(/inside a transaction/);
  });

  it("tells every other instance which conversations a commit changed, never the committer, never a rollback's", async () => {
    await truncateAll(url);
    const [a, b] = [await open(), await open()];
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    a.onRemoteChange((id) => heardByA.push(id));
    b.onRemoteChange((id) => heardByB.push(id));
    await a.transaction(async () => {
      await a.upsertAccount(account());
      await a.saveConversation(conversation());
      await a.announceChange('c1');
    });
    await a
      .transaction(async () => {
        await a.announceChange('rolled-back');
        throw new Error('no');
      })
      .catch(() => undefined);
    const until = Date.now() + 5000;
    while (heardByB.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(heardByB).toEqual(['c1']);
    expect(heardByA).toEqual([]);
  });

  it('masks phones in SQL exactly as the panel does (src/log.ts)', async () => {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/), async (phone) => {
          const { rows } = await raw.query('SELECT mask_phone($1) AS m', [phone]);
          expect(rows[0].m).toBe(maskPhone(phone));
        }),
        { numRuns: propRuns(100), examples: [['+8613800138000'], ['+15551234567'], ['12345']] },
      );
    } finally {
      await raw.end();
    }
  });
});
