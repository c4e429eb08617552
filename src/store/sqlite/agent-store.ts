import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AgentStore,
  ArchiveRow,
  Assignment,
  AuditEntry,
  CannedReply,
  Note,
  StoredAgent,
  StoredSession,
} from '../agent-store.ts';
import {
  toAgent,
  toArchiveRow,
  toAssignment,
  toAudit,
  toCanned,
  toNote,
  toSession,
  type AgentRow,
  type ArchiveSqlRow,
  type AssignmentRow,
  type AuditRow,
  type CannedRow,
  type NoteRow,
  type SessionRow,
} from '../agent-rows.ts';
import { migrate } from './migrations.ts';

/**
 * The team's tables (migration 6) on SQLite. Its own connection to the same file as the main
 * store (WAL lets both write, one at a time, with the same busy timeout), so the synchronous
 * core store stays untouched; the methods answer Promises because the PostgreSQL one will.
 * Opened on `:memory:` it is a database of its own (tests of this module only).
 */

export class SqliteAgentStore implements AgentStore {
  private constructor(private readonly db: Database.Database) {}

  /** Open the database at `path` (the main store's HUIKUAN_DB) and apply the migrations it lacks. */
  static open(path: string): SqliteAgentStore {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 5000 });
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
      return new SqliteAgentStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async createAgent(a: StoredAgent): Promise<{ created: boolean }> {
    const r = this.db
      .prepare(
        `INSERT INTO agents (username, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING`,
      )
      .run(a.username, a.role, a.passwordHash, a.createdAt, a.createdBy);
    return { created: r.changes === 1 };
  }

  async getAgent(username: string): Promise<StoredAgent | null> {
    const r = this.db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE username = ?').get(username);
    return r ? toAgent(r) : null;
  }

  async listAgents(): Promise<StoredAgent[]> {
    return this.db.prepare<[], AgentRow>('SELECT * FROM agents ORDER BY username').all().map(toAgent);
  }

  async countAgents(): Promise<number> {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM agents').get()!.n;
  }

  async createSession(s: StoredSession): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO agent_sessions (token_hash, username, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
      )
      .run(s.tokenHash, s.username, s.createdAt, s.lastSeenAt);
  }

  async getSession(tokenHash: string): Promise<StoredSession | null> {
    const r = this.db
      .prepare<[string], SessionRow>('SELECT * FROM agent_sessions WHERE token_hash = ?')
      .get(tokenHash);
    return r ? toSession(r) : null;
  }

  async touchSession(tokenHash: string, at: number): Promise<void> {
    this.db.prepare('UPDATE agent_sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM agent_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteSessionsBefore(idleBefore: number, createdBefore: number): Promise<number> {
    return this.db
      .prepare('DELETE FROM agent_sessions WHERE last_seen_at < ? OR created_at < ?')
      .run(idleBefore, createdBefore).changes;
  }

  async recordLoginFailure(username: string, at: number): Promise<void> {
    this.db.prepare('INSERT INTO login_failures (username, at) VALUES (?, ?)').run(username, at);
  }

  async loginFailures(username: string, since: number): Promise<number[]> {
    return this.db
      .prepare<[string, number], { at: number }>(
        'SELECT at FROM login_failures WHERE username = ? AND at >= ? ORDER BY at',
      )
      .all(username, since)
      .map((r) => r.at);
  }

  async clearLoginFailures(username: string): Promise<void> {
    this.db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
  }

  async assign(conversationId: string, agent: string | null, at: number): Promise<void> {
    if (agent === null) {
      this.db.prepare('DELETE FROM assignments WHERE conversation_id = ?').run(conversationId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO assignments (conversation_id, agent, at) VALUES (?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET agent = excluded.agent, at = excluded.at`,
      )
      .run(conversationId, agent, at);
  }

  async assignment(conversationId: string): Promise<Assignment | null> {
    const r = this.db
      .prepare<[string], AssignmentRow>('SELECT * FROM assignments WHERE conversation_id = ?')
      .get(conversationId);
    return r ? toAssignment(r) : null;
  }

  async listAssignments(): Promise<Assignment[]> {
    return this.db.prepare<[], AssignmentRow>('SELECT * FROM assignments').all().map(toAssignment);
  }

  async heldBy(agent: string): Promise<string[]> {
    return this.db
      .prepare<[string], { conversation_id: string }>(
        'SELECT conversation_id FROM assignments WHERE agent = ? ORDER BY conversation_id',
      )
      .all(agent)
      .map((r) => r.conversation_id);
  }

  async addNote(n: Omit<Note, 'id'>): Promise<Note> {
    const r = this.db
      .prepare('INSERT INTO notes (conversation_id, at, agent, text) VALUES (?, ?, ?, ?)')
      .run(n.conversationId, n.at, n.agent, n.text);
    return { id: Number(r.lastInsertRowid), ...n };
  }

  async listNotes(conversationId: string): Promise<Note[]> {
    return this.db
      .prepare<[string], NoteRow>('SELECT * FROM notes WHERE conversation_id = ? ORDER BY id')
      .all(conversationId)
      .map(toNote);
  }

  async notesBetween(from: number, to: number): Promise<Note[]> {
    return this.db
      .prepare<[number, number], NoteRow>('SELECT * FROM notes WHERE at >= ? AND at < ? ORDER BY at, id')
      .all(from, to)
      .map(toNote);
  }

  async saveCannedReply(r: Omit<CannedReply, 'id'> & { id?: number }): Promise<CannedReply | null> {
    if (r.id === undefined) {
      const ins = this.db
        .prepare('INSERT INTO canned_replies (title, text, updated_at, updated_by) VALUES (?, ?, ?, ?)')
        .run(r.title, r.text, r.updatedAt, r.updatedBy);
      return { ...r, id: Number(ins.lastInsertRowid) };
    }
    const up = this.db
      .prepare('UPDATE canned_replies SET title = ?, text = ?, updated_at = ?, updated_by = ? WHERE id = ?')
      .run(r.title, r.text, r.updatedAt, r.updatedBy, r.id);
    return up.changes === 1 ? { ...r, id: r.id } : null;
  }

  async deleteCannedReply(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM canned_replies WHERE id = ?').run(id).changes === 1;
  }

  async listCannedReplies(): Promise<CannedReply[]> {
    return this.db
      .prepare<[], CannedRow>('SELECT * FROM canned_replies ORDER BY title, id')
      .all()
      .map(toCanned);
  }

  async audit(e: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const r = this.db
      .prepare('INSERT INTO audit (at, agent, action, conversation_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(e.at, e.agent, e.action, e.conversationId, JSON.stringify(e.detail));
    return { id: Number(r.lastInsertRowid), ...e };
  }

  async listAudit(q: {
    from?: number;
    to?: number;
    conversationId?: string;
    limit: number;
  }): Promise<AuditEntry[]> {
    return this.db
      .prepare<[number, number, string | null, string | null, number], AuditRow>(
        `SELECT * FROM audit WHERE at >= ? AND at < ? AND (? IS NULL OR conversation_id = ?)
         ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(
        q.from ?? Number.MIN_SAFE_INTEGER,
        q.to ?? Number.MAX_SAFE_INTEGER,
        q.conversationId ?? null,
        q.conversationId ?? null,
        q.limit,
      )
      .map(toAudit);
  }

  async waiting(conversationIds: readonly string[]): Promise<Map<string, { since: number | null }>> {
    const out = new Map<string, { since: number | null }>();
    const q = this.db.prepare<[string], { since: number | null }>(
      `SELECT (SELECT min(m.at) FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'in'
                  AND m.at > coalesce((SELECT max(o.at) FROM messages o
                                        WHERE o.conversation_id = c.id AND o.direction = 'out'
                                          AND json_extract(o.message, '$.author') = 'agent'), -1)) AS since
       FROM conversations c WHERE c.id = ?`,
    );
    for (const id of conversationIds) {
      const r = q.get(id);
      if (r) out.set(id, { since: r.since });
    }
    return out;
  }

  async archiveBetween(from: number, to: number): Promise<ArchiveRow[]> {
    return this.db
      .prepare<[number, number], ArchiveSqlRow>(
        `SELECT id, conversation_id, seq, at, direction, phone, text, status, reason, violations,
                json_extract(message, '$.author') AS author
         FROM messages WHERE at >= ? AND at < ? ORDER BY at, id`,
      )
      .all(from, to)
      .map(toArchiveRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
