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
import type { PgConnection } from './driver.ts';

/**
 * The team's tables (migration 6) on PostgreSQL: the same statements as the SQLite one
 * (`../sqlite/agent-store.ts`) in PostgreSQL's words, on the main store's pool (given as
 * `conn`, which also runs inside the store's transaction when called from one), so the team
 * needs no connections of its own and every instance sees the same sessions, owners and audit.
 * Ordering by text compares bytes (COLLATE "C"), as SQLite does.
 */

export class PgAgentStore implements AgentStore {
  constructor(private readonly conn: PgConnection) {}

  async createAgent(a: StoredAgent): Promise<{ created: boolean }> {
    const rows = await this.conn.query(
      `INSERT INTO agents (username, role, password_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING username`,
      [a.username, a.role, a.passwordHash, a.createdAt, a.createdBy],
    );
    return { created: rows.length === 1 };
  }

  async getAgent(username: string): Promise<StoredAgent | null> {
    const [r] = await this.conn.query<AgentRow>('SELECT * FROM agents WHERE username = $1', [username]);
    return r ? toAgent(r) : null;
  }

  async listAgents(): Promise<StoredAgent[]> {
    return (await this.conn.query<AgentRow>('SELECT * FROM agents ORDER BY username COLLATE "C"')).map(
      toAgent,
    );
  }

  async countAgents(): Promise<number> {
    return (await this.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM agents'))[0]!.n;
  }

  async createSession(s: StoredSession): Promise<void> {
    await this.conn.query(
      'INSERT INTO agent_sessions (token_hash, username, created_at, last_seen_at) VALUES ($1, $2, $3, $4)',
      [s.tokenHash, s.username, s.createdAt, s.lastSeenAt],
    );
  }

  async getSession(tokenHash: string): Promise<StoredSession | null> {
    const [r] = await this.conn.query<SessionRow>('SELECT * FROM agent_sessions WHERE token_hash = $1', [
      tokenHash,
    ]);
    return r ? toSession(r) : null;
  }

  async touchSession(tokenHash: string, at: number): Promise<void> {
    await this.conn.query('UPDATE agent_sessions SET last_seen_at = $1 WHERE token_hash = $2', [
      at,
      tokenHash,
    ]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.conn.query('DELETE FROM agent_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsBefore(idleBefore: number, createdBefore: number): Promise<number> {
    return (
      await this.conn.query(
        'DELETE FROM agent_sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING token_hash',
        [idleBefore, createdBefore],
      )
    ).length;
  }

  async recordLoginFailure(username: string, at: number): Promise<void> {
    await this.conn.query('INSERT INTO login_failures (username, at) VALUES ($1, $2)', [username, at]);
  }

  async loginFailures(username: string, since: number): Promise<number[]> {
    return (
      await this.conn.query<{ at: number }>(
        'SELECT at FROM login_failures WHERE username = $1 AND at >= $2 ORDER BY at',
        [username, since],
      )
    ).map((r) => r.at);
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.conn.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }

  async assign(conversationId: string, agent: string | null, at: number): Promise<void> {
    if (agent === null) {
      await this.conn.query('DELETE FROM assignments WHERE conversation_id = $1', [conversationId]);
      return;
    }
    await this.conn.query(
      `INSERT INTO assignments (conversation_id, agent, at) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id) DO UPDATE SET agent = excluded.agent, at = excluded.at`,
      [conversationId, agent, at],
    );
  }

  async assignment(conversationId: string): Promise<Assignment | null> {
    const [r] = await this.conn.query<AssignmentRow>('SELECT * FROM assignments WHERE conversation_id = $1', [
      conversationId,
    ]);
    return r ? toAssignment(r) : null;
  }

  async listAssignments(): Promise<Assignment[]> {
    return (await this.conn.query<AssignmentRow>('SELECT * FROM assignments')).map(toAssignment);
  }

  async heldBy(agent: string): Promise<string[]> {
    return (
      await this.conn.query<{ conversation_id: string }>(
        'SELECT conversation_id FROM assignments WHERE agent = $1 ORDER BY conversation_id',
        [agent],
      )
    ).map((r) => r.conversation_id);
  }

  async addNote(n: Omit<Note, 'id'>): Promise<Note> {
    const [r] = await this.conn.query<{ id: number }>(
      'INSERT INTO notes (conversation_id, at, agent, text) VALUES ($1, $2, $3, $4) RETURNING id',
      [n.conversationId, n.at, n.agent, n.text],
    );
    return { id: r!.id, ...n };
  }

  async listNotes(conversationId: string): Promise<Note[]> {
    return (
      await this.conn.query<NoteRow>('SELECT * FROM notes WHERE conversation_id = $1 ORDER BY id', [
        conversationId,
      ])
    ).map(toNote);
  }

  async notesBetween(from: number, to: number): Promise<Note[]> {
    return (
      await this.conn.query<NoteRow>('SELECT * FROM notes WHERE at >= $1 AND at < $2 ORDER BY at, id', [
        from,
        to,
      ])
    ).map(toNote);
  }

  async saveCannedReply(r: Omit<CannedReply, 'id'> & { id?: number }): Promise<CannedReply | null> {
    if (r.id === undefined) {
      const [ins] = await this.conn.query<{ id: number }>(
        'INSERT INTO canned_replies (title, text, updated_at, updated_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [r.title, r.text, r.updatedAt, r.updatedBy],
      );
      return { ...r, id: ins!.id };
    }
    const up = await this.conn.query(
      'UPDATE canned_replies SET title = $1, text = $2, updated_at = $3, updated_by = $4 WHERE id = $5 RETURNING id',
      [r.title, r.text, r.updatedAt, r.updatedBy, r.id],
    );
    return up.length === 1 ? { ...r, id: r.id } : null;
  }

  async deleteCannedReply(id: number): Promise<boolean> {
    return (
      (await this.conn.query('DELETE FROM canned_replies WHERE id = $1 RETURNING id', [id])).length === 1
    );
  }

  async listCannedReplies(): Promise<CannedReply[]> {
    return (
      await this.conn.query<CannedRow>('SELECT * FROM canned_replies ORDER BY title COLLATE "C", id')
    ).map(toCanned);
  }

  async audit(e: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const [r] = await this.conn.query<{ id: number }>(
      'INSERT INTO audit (at, agent, action, conversation_id, detail) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [e.at, e.agent, e.action, e.conversationId, JSON.stringify(e.detail)],
    );
    return { id: r!.id, ...e };
  }

  async listAudit(q: {
    from?: number;
    to?: number;
    conversationId?: string;
    limit: number;
  }): Promise<AuditEntry[]> {
    return (
      await this.conn.query<AuditRow>(
        `SELECT * FROM audit WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR conversation_id = $3::text)
         ORDER BY at DESC, id DESC LIMIT $4`,
        [
          q.from ?? Number.MIN_SAFE_INTEGER,
          q.to ?? Number.MAX_SAFE_INTEGER,
          q.conversationId ?? null,
          q.limit,
        ],
      )
    ).map(toAudit);
  }

  /** One statement for all the conversations asked about (SQLite asks one by one). */
  async waiting(conversationIds: readonly string[]): Promise<Map<string, { since: number | null }>> {
    const out = new Map<string, { since: number | null }>();
    if (conversationIds.length === 0) return out;
    const rows = await this.conn.query<{ id: string; since: number | null }>(
      `SELECT c.id,
              (SELECT min(m.at) FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'in'
                  AND m.at > coalesce((SELECT max(o.at) FROM messages o
                                        WHERE o.conversation_id = c.id AND o.direction = 'out'
                                          AND (o.message::jsonb ->> 'author') = 'agent'), -1)) AS since
       FROM conversations c WHERE c.id = ANY($1::text[])`,
      [[...conversationIds]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // In the order asked, as the SQLite store answers.
    for (const id of conversationIds) {
      const r = byId.get(id);
      if (r) out.set(id, { since: r.since });
    }
    return out;
  }

  async archiveBetween(from: number, to: number): Promise<ArchiveRow[]> {
    return (
      await this.conn.query<ArchiveSqlRow>(
        `SELECT id, conversation_id, seq, at, direction, phone, text, status, reason, violations,
                (message::jsonb ->> 'author') AS author
         FROM messages WHERE at >= $1 AND at < $2 ORDER BY at, id`,
        [from, to],
      )
    ).map(toArchiveRow);
  }

  /** The pool is the main store's: it closes it. */
  async close(): Promise<void> {}
}
