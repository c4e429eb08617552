import { z } from 'zod';

/**
 * The team's persistence (CONTRACTS §10): agent accounts, their sessions, the login throttle,
 * who holds which conversation, internal notes, canned replies and the audit trail. Kept apart
 * from `store.ts` on purpose: every method returns a Promise, so a PostgreSQL implementation
 * can follow the SQLite one (`sqlite/agent-store.ts`) without changing a caller. Times are epoch
 * milliseconds from the injected clock; nothing here reads a clock.
 */

export const AgentRoleSchema = z.enum(['agent', 'supervisor']);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

/** A username: what the audit and the panel show, so letters, digits and . _ - only. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,31}$/,
    'expected 2–32 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const StoredAgentSchema = z.object({
  username: UsernameSchema,
  role: AgentRoleSchema,
  /** `scrypt$N$r$p$salt$hash` (src/team/passwords.ts); never leaves the server. */
  passwordHash: z.string(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
export type StoredAgent = z.infer<typeof StoredAgentSchema>;

export const StoredSessionSchema = z.object({
  /** SHA-256 of the cookie's random token, hex: a stolen database opens no session. */
  tokenHash: z.string(),
  username: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

export const AuditActionSchema = z.enum([
  'login',
  'logout',
  'agent_created',
  'send',
  'takeover',
  'handback',
  'resolve',
  'reassign',
  'note',
  'import',
  'canned_reply_saved',
  'canned_reply_deleted',
  'export',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  agent: z.string(),
  action: AuditActionSchema,
  conversationId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const NoteSchema = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  at: z.number().int(),
  agent: z.string(),
  text: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

export const CannedReplySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  /** With placeholders {name}, {amount}, {dueDate} (src/team/canned.ts). */
  text: z.string(),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});
export type CannedReply = z.infer<typeof CannedReplySchema>;

export interface Assignment {
  conversationId: string;
  agent: string;
  at: number;
}

/** One archived message of a period, for a regulator's export. */
export interface ArchiveRow {
  id: number;
  conversationId: string | null;
  seq: number;
  at: number;
  direction: 'in' | 'out';
  /** Unmasked: the export masks it unless asked otherwise. */
  phone: string | null;
  text: string;
  status: string;
  reason: string | null;
  violations: string[];
  author: 'bot' | 'agent' | null;
}

export interface AgentStore {
  createAgent(agent: StoredAgent): Promise<{ created: boolean }>;
  getAgent(username: string): Promise<StoredAgent | null>;
  listAgents(): Promise<StoredAgent[]>;
  countAgents(): Promise<number>;

  createSession(s: StoredSession): Promise<void>;
  getSession(tokenHash: string): Promise<StoredSession | null>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Sessions that are past either limit are removed; returns how many. */
  deleteSessionsBefore(idleBefore: number, createdBefore: number): Promise<number>;

  recordLoginFailure(username: string, at: number): Promise<void>;
  /** The failures for `username` at or after `since`, oldest first. */
  loginFailures(username: string, since: number): Promise<number[]>;
  clearLoginFailures(username: string): Promise<void>;

  /** Who holds a conversation; `agent` null releases it. */
  assign(conversationId: string, agent: string | null, at: number): Promise<void>;
  assignment(conversationId: string): Promise<Assignment | null>;
  listAssignments(): Promise<Assignment[]>;

  addNote(n: Omit<Note, 'id'>): Promise<Note>;
  listNotes(conversationId: string): Promise<Note[]>;
  notesBetween(from: number, to: number): Promise<Note[]>;

  saveCannedReply(r: Omit<CannedReply, 'id'> & { id?: number }): Promise<CannedReply | null>;
  deleteCannedReply(id: number): Promise<boolean>;
  listCannedReplies(): Promise<CannedReply[]>;

  audit(e: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** Newest first; `conversationId` narrows it to one conversation. */
  listAudit(q: { from?: number; to?: number; conversationId?: string; limit: number }): Promise<AuditEntry[]>;

  /**
   * For each of `conversationIds`: since when the debtor has been waiting for a person (the first
   * inbound after the last agent-sent message; null when none waits) and the account's own
   * policy override (for its handoffResponseHours). Read from the main store's tables.
   */
  waiting(
    conversationIds: readonly string[],
  ): Promise<Map<string, { since: number | null; policy: unknown }>>;

  /** Every archived message with `from <= at < to`, oldest first (the main store's archive, read-only). */
  archiveBetween(from: number, to: number): Promise<ArchiveRow[]>;

  close(): Promise<void>;
}
