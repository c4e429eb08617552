import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.ts';
import type { AgentRole } from '../store/agent-store.ts';
import { ADMIN, type Principal, type Team } from '../team/team.ts';
import { SESSION_ABSOLUTE_MS } from '../team/session-policy.ts';

/**
 * Who is calling `/api/*` and the simulator (CONTRACTS §10): the admin token
 * (`Authorization: Bearer`, for automation), or an agent's session cookie. With no token
 * configured and no agent created yet, everything is open as before (the local default of
 * `npm start`); once an agent exists, a request needs one or the other.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it)
 * and Secure when PUBLIC_URL is https (the server behind a TLS proxy). A cookie-authenticated
 * request that changes something must also say where it comes from: src/server/same-origin.ts
 * refuses a foreign Origin or Referer, and here one with neither is refused, since every browser
 * sends Origin on a POST.
 */

export const SESSION_COOKIE = 'huikuan_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** True when the request carries `Authorization: Bearer <HUIKUAN_ADMIN_TOKEN>` (one is configured). */
export function hasAdminToken(req: Request, config: Pick<Config, 'HUIKUAN_ADMIN_TOKEN'>): boolean {
  const given = bearer(req);
  return Boolean(
    config.HUIKUAN_ADMIN_TOKEN && given !== null && constantTimeEqual(given, config.HUIKUAN_ADMIN_TOKEN),
  );
}

function bearer(req: Request): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
  return m ? m[1]!.trim() : null;
}

/** The session token in the Cookie header, if any. */
export function sessionToken(req: Request): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) {
      const v = part.slice(i + 1).trim();
      return /^[\w-]{20,100}$/.test(v) ? v : null;
    }
  }
  return null;
}

/** The principal `authenticate` left on the response. */
export function principalOf(res: Response): Principal {
  return (res.locals as { principal?: Principal }).principal ?? ADMIN;
}

const unauthorized = (res: Response): void =>
  void res.status(401).set('WWW-Authenticate', 'Bearer').json({
    error: 'unauthorized: sign in (POST /api/login) or send Authorization: Bearer <HUIKUAN_ADMIN_TOKEN>',
  });

/** Sets `res.locals.principal`, or answers 401 (or 403 for a cookie without an Origin). */
export function authenticate(config: Pick<Config, 'HUIKUAN_ADMIN_TOKEN'>, team: Team): RequestHandler {
  return (req, res, next) => {
    void (async () => {
      const token = config.HUIKUAN_ADMIN_TOKEN;
      const given = bearer(req);
      if (token && given !== null && constantTimeEqual(given, token)) {
        res.locals.principal = ADMIN;
        return next();
      }
      const cookie = sessionToken(req);
      const agent = cookie ? await team.authenticate(cookie) : null;
      if (agent) {
        if (
          STATE_CHANGING.has(req.method) &&
          req.get('origin') === undefined &&
          req.get('referer') === undefined
        )
          return void res.status(403).json({
            error:
              'cross-origin request refused: a signed-in request that changes something must carry Origin',
          });
        res.locals.principal = agent;
        return next();
      }
      if (!token && given === null && !(await team.hasAgents())) {
        res.locals.principal = ADMIN;
        return next();
      }
      unauthorized(res);
    })().catch(next);
  };
}

/** 403 unless the caller has `role` (the admin token has every role). */
export function requireRole(role: AgentRole): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (role === 'agent' || p.role === 'supervisor') return next();
    res
      .status(403)
      .json({ error: `forbidden: this needs the ${role} role (you are ${p.username}, ${p.role})` });
  };
}

/** The session cookie's attributes; Secure when the public address is https. */
export function cookieOptions(config: Pick<Config, 'PUBLIC_URL'>) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.PUBLIC_URL?.startsWith('https:') ?? false,
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS,
  };
}
