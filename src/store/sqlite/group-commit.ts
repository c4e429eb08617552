import type Database from 'better-sqlite3';

/**
 * Group commit for the one SQLite connection (issue 16). Transactions asked for in the same turn
 * of the event loop (ten webhooks that arrived together, the sender's claim after them) run one
 * after the other inside a single BEGIN IMMEDIATE … COMMIT, each in a savepoint of its own, and
 * each caller hears of its result only after that COMMIT: durability is unchanged (an answer
 * never goes out for work that is not committed), the commit's cost is shared.
 *
 * A unit that throws has its savepoint rolled back (its writes only, as a lone transaction's
 * ROLLBACK would) and the group commits what ran before it at once: the failed unit's caller
 * drops what it holds in memory before any later unit can see it. The units not yet run go to the
 * next group. If SQLite itself ended the transaction (an error that rolls everything back), or
 * the COMMIT fails, every unit of the group is rejected with the error, as each would have been
 * alone.
 */

interface Unit {
  fn: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** At most this many transactions share a commit, so one group never holds the lock for long. */
export const MAX_GROUP = 64;

/**
 * Nor for longer than this (ms of units run): at 100 connections a group of 64 webhooks held the
 * event loop for some 200 ms, and every answer, even those whose own work was done, waited for
 * its COMMIT (issue 16's p99). The units left go first into the next group, after the loop has
 * served its I/O.
 */
export const MAX_GROUP_MS = 15;

export class GroupCommit {
  private readonly waiting: Unit[] = [];
  /** The group about to form (scheduled for the end of this turn), if any. */
  private scheduled: Promise<void> | null = null;

  /**
   * @param exclusive runs a function alone on the connection, after everything queued before it
   * @param inside runs a unit with the connection marked as inside a transaction (for nesting)
   */
  constructor(
    private readonly db: Database.Database,
    private readonly exclusive: (f: () => Promise<void>) => Promise<void>,
    private readonly inside: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  /** Run `fn` in a transaction shared with the others asked for in this turn. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once every group asked for so far has committed or failed. */
  async settled(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  private schedule(): void {
    if (this.scheduled) return;
    // setImmediate: after the poll phase, so requests read in this turn join the same group.
    this.scheduled = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.exclusive(async () => {
        this.scheduled = null;
        const units = this.waiting.splice(0, MAX_GROUP);
        try {
          await this.runGroup(units);
        } catch (err) {
          // The connection itself failed (a SAVEPOINT or ROLLBACK TO refused): every unit of the
          // group hears of it and none runs later. Settled ones stay settled.
          for (const u of units) {
            u.reject(err);
            const i = this.waiting.indexOf(u);
            if (i >= 0) this.waiting.splice(i, 1);
          }
          if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
        }
        if (this.waiting.length) this.schedule();
      }),
    );
  }

  private async runGroup(units: Unit[]): Promise<void> {
    const done: { unit: Unit; value: unknown }[] = [];
    let failed: { unit: Unit; err: unknown } | null = null;
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      for (const u of units) u.reject(err);
      return;
    }
    const began = performance.now();
    for (const [i, unit] of units.entries()) {
      if (i > 0 && performance.now() - began > MAX_GROUP_MS) {
        this.waiting.unshift(...units.slice(i));
        break;
      }
      this.db.exec('SAVEPOINT group_unit');
      try {
        const value = await this.inside(unit.fn);
        this.db.exec('RELEASE group_unit');
        done.push({ unit, value });
      } catch (err) {
        if (!this.db.inTransaction) {
          // SQLite rolled the whole transaction back: nothing of this group is kept.
          for (const d of done) d.unit.reject(err);
          unit.reject(err);
          this.waiting.unshift(...units.slice(i + 1));
          return;
        }
        this.db.exec('ROLLBACK TO group_unit');
        this.db.exec('RELEASE group_unit');
        failed = { unit, err };
        this.waiting.unshift(...units.slice(i + 1));
        break;
      }
    }
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const d of done) d.unit.reject(err);
      failed?.unit.reject(failed.err);
      return;
    }
    for (const d of done) d.unit.resolve(d.value);
    failed?.unit.reject(failed.err);
  }
}
