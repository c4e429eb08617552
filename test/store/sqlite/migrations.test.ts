import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { storeFiles } from './support.ts';

/**
 * The schema's numbered steps: each applied once, in order, in its own transaction with its
 * record, and a file from a newer build refused rather than written to.
 */

const t = storeFiles();
// SQLite's own migrations, on a SQLite file in either pass (PostgreSQL's: test/store/postgres/).
const { sqlite: open, raw } = t;

describe('migrating a database', () => {
  it('applies every migration once, in order, and records each in schema_migrations', async () => {
    open();
    const rows = raw().prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('creates the tables with their keys and indexes', async () => {
    open();
    const db = raw();
    const names = (type: string) =>
      (
        db
          .prepare('SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE ? ORDER BY name')
          .all(type, 'sqlite_%') as { name: string }[]
      ).map((r) => r.name);
    expect(names('table')).toEqual([
      'accounts',
      'agent_sessions',
      'agents',
      'assignments',
      'audit',
      'canned_replies',
      'conversations',
      'login_failures',
      'messages',
      'notes',
      'outbox',
      'payments',
      'schedule',
      'schema_migrations',
    ]);
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'conversations_state',
        'conversations_updated_at',
        'messages_inbound_provider_id',
        'messages_conversation_seq',
        'schedule_at',
        'outbox_status_next_attempt_at',
        'outbox_pending',
      ]),
    );
    const dedupe = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_inbound_provider_id'")
      .get() as { sql: string };
    expect(dedupe.sql).toMatch(
      /UNIQUE INDEX .* ON messages \(channel, provider_message_id\) WHERE direction = 'in'/,
    );
  });

  it('re-opening an up-to-date file applies nothing twice', async () => {
    await open().close();
    const before = raw().prepare('SELECT * FROM schema_migrations ORDER BY version').all();
    await open().close();
    open();
    expect(raw().prepare('SELECT * FROM schema_migrations ORDER BY version').all()).toEqual(before);
  });

  it('applies only the migrations a file lacks', async () => {
    const log: string[] = [];
    const m1: Migration = { version: 1, name: 'one', up: 'CREATE TABLE one (x INTEGER)' };
    const m2: Migration = {
      version: 2,
      name: 'two',
      up: (db) => void (db.exec('CREATE TABLE two (y INTEGER)'), log.push('two')),
    };
    const db = new Database(t.file);
    try {
      expect(migrate(db, [m1])).toEqual([1]);
      expect(migrate(db, [m1, m2])).toEqual([2]);
      expect(migrate(db, [m1, m2])).toEqual([]);
      expect(log).toEqual(['two']);
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
        1, 2,
      ]);
    } finally {
      db.close();
    }
  });

  it('a migration that fails leaves neither its changes nor its schema_migrations row', async () => {
    const bad: Migration = {
      version: 1,
      name: 'bad',
      up: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);',
    };
    const db = new Database(t.file);
    try {
      expect(() => migrate(db, [bad])).toThrow(/nowhere/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a file whose schema is newer than this build, and migrations out of order', async () => {
    await open().close();
    const db = new Database(t.file);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(999, 'from the future');
    db.close();
    expect(() => SqliteStore.open(t.file)).toThrow(/schema version 999/);
    const db2 = new Database(':memory:');
    expect(() =>
      migrate(db2, [
        { version: 2, name: 'b', up: '' },
        { version: 1, name: 'a', up: '' },
      ]),
    ).toThrow(/increasing order/);
    db2.close();
  });

  it('step 5 gives inbound messages archived before it their confidence and reason, from the parse', () => {
    const db = new Database(t.file);
    try {
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version < 5),
      );
      const insert = db.prepare(
        `INSERT INTO messages (seq, direction, at, text, status, message_status, parsed, channel, message)
         VALUES (?, ?, 0, 'x', 'received', 'received', ?, 'simulator', '{}')`,
      );
      insert.run(
        1,
        'in',
        JSON.stringify({ intent: 'promise_to_pay', confidence: 0.65, reason: 'promise_to_pay.date' }),
      );
      insert.run(2, 'in', JSON.stringify({ intent: 'other' })); // archived before parse() said
      insert.run(3, 'out', null);
      expect(migrate(db)).toEqual([5, 6, 7, 8]);
      expect(db.prepare('SELECT seq, confidence, parse_reason FROM messages ORDER BY seq').all()).toEqual([
        { seq: 1, confidence: 0.65, parse_reason: 'promise_to_pay.date' },
        { seq: 2, confidence: null, parse_reason: null },
        { seq: 3, confidence: null, parse_reason: null },
      ]);
    } finally {
      db.close();
    }
  });
});
