import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AgentRole, AgentStore, AuditAction, StoredAgent } from '../store/agent-store.ts';
import { AgentRoleSchema, UsernameSchema } from '../store/agent-store.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import {
  LOGIN_WINDOW_MS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  loginRetryAfterSeconds,
  sessionAlive,
} from './session-policy.ts';

/**
 * The team: agent accounts, logins and sessions, and the audit trail every agent action goes
 * into (CONTRACTS §10). Sessions are random 32-byte tokens handed to the browser once; the store
 * keeps only their SHA-256. Time is the injected clock.
 */

/** POST /api/agents. */
export const NewAgentSchema = z.strictObject({
  username: UsernameSchema,
  password: z.string().min(10, 'expected at least 10 characters').max(200, 'at most 200 characters'),
  role: AgentRoleSchema,
});
export type NewAgent = z.infer<typeof NewAgentSchema>;

/** POST /api/login. */
export const LoginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'expected a username').max(64),
  password: z.string().min(1, 'expected a password').max(200),
});

/** Who is asking: the admin token (automation, or an open local server) or a signed-in agent. */
export interface Principal {
  kind: 'admin' | 'agent';
  username: string;
  role: AgentRole;
}

export const ADMIN: Principal = { kind: 'admin', username: 'admin', role: 'supervisor' };

export type LoginResult =
  | { ok: true; token: string; agent: Principal }
  | { ok: false; retryAfterSeconds: number }
  | { ok: false; retryAfterSeconds: 0 };

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class Team {
  /** Once an agent exists, the server is never open without a token or a session again. */
  private anyAgents = false;

  constructor(
    readonly store: AgentStore,
    private readonly clock: () => number,
  ) {}

  async hasAgents(): Promise<boolean> {
    if (!this.anyAgents) this.anyAgents = (await this.store.countAgents()) > 0;
    return this.anyAgents;
  }

  /** Creates the agent; false when the username is taken. */
  async createAgent(
    a: NewAgent,
    by: Principal,
  ): Promise<{ created: boolean; agent: Omit<StoredAgent, 'passwordHash'> }> {
    const stored: StoredAgent = {
      username: a.username,
      role: a.role,
      passwordHash: await hashPassword(a.password),
      createdAt: this.clock(),
      createdBy: by.username,
    };
    const { created } = await this.store.createAgent(stored);
    if (created) {
      this.anyAgents = true;
      await this.record(by, 'agent_created', null, { username: a.username, role: a.role });
    }
    const { passwordHash: _, ...agent } = stored;
    return { created, agent };
  }

  /**
   * Check a username and password. A username with too many recent failures is refused before its
   * password is even looked at (so guessing gains nothing while it waits); an unknown username
   * costs the same hash as a wrong password.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const now = this.clock();
    const failures = await this.store.loginFailures(username, now - LOGIN_WINDOW_MS);
    const wait = loginRetryAfterSeconds(failures, now);
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    const agent = await this.store.getAgent(username);
    const good = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash()));
    if (!agent || !good) {
      await this.store.recordLoginFailure(username, now);
      return { ok: false, retryAfterSeconds: 0 };
    }
    await this.store.clearLoginFailures(username);
    await this.store.deleteSessionsBefore(now - SESSION_IDLE_MS, now - SESSION_ABSOLUTE_MS);
    const token = randomBytes(32).toString('base64url');
    await this.store.createSession({
      tokenHash: tokenHash(token),
      username,
      createdAt: now,
      lastSeenAt: now,
    });
    const principal: Principal = { kind: 'agent', username, role: agent.role };
    await this.record(principal, 'login', null, {});
    return { ok: true, token, agent: principal };
  }

  /** The agent a session token belongs to, if the session is alive (and it is kept alive). */
  async authenticate(token: string): Promise<Principal | null> {
    const hash = tokenHash(token);
    const s = await this.store.getSession(hash);
    if (!s) return null;
    const now = this.clock();
    if (!sessionAlive(s, now)) {
      await this.store.deleteSession(hash);
      return null;
    }
    const agent = await this.store.getAgent(s.username);
    if (!agent) return null;
    await this.store.touchSession(hash, now);
    return { kind: 'agent', username: agent.username, role: agent.role };
  }

  async logout(token: string, who: Principal): Promise<void> {
    await this.store.deleteSession(tokenHash(token));
    await this.record(who, 'logout', null, {});
  }

  /** One line of the audit trail, at the clock's now. */
  async record(
    who: Principal,
    action: AuditAction,
    conversationId: string | null,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.store.audit({ at: this.clock(), agent: who.username, action, conversationId, detail });
  }
}
