import {
  AgentRoleSchema,
  AuditActionSchema,
  type ArchiveRow,
  type Assignment,
  type AuditEntry,
  type CannedReply,
  type Note,
  type StoredAgent,
  type StoredSession,
} from './agent-store.ts';

/**
 * The team's tables' rows and their mapping to the AgentStore's types: one definition for the
 * SQLite and the PostgreSQL agent stores, whose columns are the same (migration 6).
 */

export interface AgentRow {
  username: string;
  role: string;
  password_hash: string;
  created_at: number;
  created_by: string;
}
export interface SessionRow {
  token_hash: string;
  username: string;
  created_at: number;
  last_seen_at: number;
}
export interface AuditRow {
  id: number;
  at: number;
  agent: string;
  action: string;
  conversation_id: string | null;
  detail: string;
}
export interface NoteRow {
  id: number;
  conversation_id: string;
  at: number;
  agent: string;
  text: string;
}
export interface CannedRow {
  id: number;
  title: string;
  text: string;
  updated_at: number;
  updated_by: string;
}
export interface AssignmentRow {
  conversation_id: string;
  agent: string;
  at: number;
}
export interface ArchiveSqlRow {
  id: number;
  conversation_id: string | null;
  seq: number;
  at: number;
  direction: 'in' | 'out';
  phone: string | null;
  text: string;
  status: string;
  reason: string | null;
  violations: string | null;
  author: string | null;
}

export const toAgent = (r: AgentRow): StoredAgent => ({
  username: r.username,
  role: AgentRoleSchema.parse(r.role),
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
});
export const toSession = (r: SessionRow): StoredSession => ({
  tokenHash: r.token_hash,
  username: r.username,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
});
export const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  agent: r.agent,
  action: AuditActionSchema.parse(r.action),
  conversationId: r.conversation_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});
export const toNote = (r: NoteRow): Note => ({
  id: r.id,
  conversationId: r.conversation_id,
  at: r.at,
  agent: r.agent,
  text: r.text,
});
export const toCanned = (r: CannedRow): CannedReply => ({
  id: r.id,
  title: r.title,
  text: r.text,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});
export const toAssignment = (r: AssignmentRow): Assignment => ({
  conversationId: r.conversation_id,
  agent: r.agent,
  at: r.at,
});

/** An archived message as the team's export reads it (author from the stored message). */
export const toArchiveRow = (r: ArchiveSqlRow): ArchiveRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  at: r.at,
  direction: r.direction,
  phone: r.phone,
  text: r.text,
  status: r.status,
  reason: r.reason,
  violations: r.violations ? (JSON.parse(r.violations) as string[]) : [],
  author: r.author === 'agent' || r.author === 'bot' ? r.author : r.direction === 'out' ? 'bot' : null,
});
