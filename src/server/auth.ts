import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.ts';

/**
 * The admin token (HUIKUAN_ADMIN_TOKEN): every panel API route and the simulator sit behind it.
 * With no token configured, everything is open (the local default of `npm start`).
 */

/** Compare digests, always 32 bytes: the time taken says nothing about where the strings differ, or their lengths. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** True when the request carries `Authorization: Bearer <token>` (any case of "Bearer"). */
function hasBearer(req: Request, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
  return Boolean(m && constantTimeEqual(m[1]!.trim(), token));
}

/** Lets a request through when no token is configured or it carries the token; else 401. */
export function requireToken(config: Pick<Config, 'HUIKUAN_ADMIN_TOKEN'>): RequestHandler {
  return (req, res, next) => {
    const token = config.HUIKUAN_ADMIN_TOKEN;
    if (!token || hasBearer(req, token)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({ error: 'unauthorized: send Authorization: Bearer <HUIKUAN_ADMIN_TOKEN>' });
  };
}

/**
 * GET /api/session, outside the guard: whether a token is needed and whether this request's
 * works, so the panel knows to ask for one before it calls anything else.
 */
export function sessionRoute(config: Pick<Config, 'HUIKUAN_ADMIN_TOKEN'>): RequestHandler {
  return (req, res) => {
    const token = config.HUIKUAN_ADMIN_TOKEN;
    res.json({ authRequired: Boolean(token), authenticated: !token || hasBearer(req, token) });
  };
}
