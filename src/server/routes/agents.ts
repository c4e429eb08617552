import express, { Router } from 'express';
import type { Config } from '../../config.ts';
import { LoginSchema, NewAgentSchema, type Team } from '../../team/team.ts';
import { body, contentType } from '../body.ts';
import {
  cookieOptions,
  hasAdminToken,
  principalOf,
  requireRole,
  SESSION_COOKIE,
  sessionToken,
} from '../team-auth.ts';

/**
 * The team's accounts (CONTRACTS §10): sign in and out, who is signed in, and creating agents.
 * `publicTeamRoutes` are mounted before the authentication of /api (a login has no session yet);
 * `agentRoutes` after it.
 */

export function publicTeamRoutes(config: Config, team: Team): Router {
  const router = Router();
  const json = [contentType(['application/json']), express.json({ limit: '4kb' })];

  /** Whether sign-in is needed and who this request is (the panel asks first). */
  router.get('/api/session', (req, res, next) => {
    void (async () => {
      const token = config.HUIKUAN_ADMIN_TOKEN;
      const cookie = sessionToken(req);
      const agent = cookie ? await team.authenticate(cookie) : null;
      const authRequired = Boolean(token) || (await team.hasAgents());
      const admin = token ? hasAdminToken(req, config) : !authRequired;
      res.json({
        authRequired,
        /** Agents exist: the panel offers their sign-in first. */
        agents: await team.hasAgents(),
        authenticated: admin || agent !== null,
        user: agent
          ? { username: agent.username, role: agent.role }
          : admin
            ? { username: 'admin', role: 'supervisor' }
            : null,
      });
    })().catch(next);
  });

  router.post('/api/login', ...json, body(LoginSchema), (req, res, next) => {
    void (async () => {
      const r = await team.login(req.body.username, req.body.password);
      if (r.ok) {
        res.cookie(SESSION_COOKIE, r.token, cookieOptions(config));
        return void res.json({ username: r.agent.username, role: r.agent.role });
      }
      if (r.retryAfterSeconds > 0)
        return void res
          .status(429)
          .set('retry-after', String(r.retryAfterSeconds))
          .json({
            error: `too many failed logins for ${req.body.username}: try again in ${r.retryAfterSeconds} s`,
          });
      res.status(401).json({ error: 'wrong username or password' });
    })().catch(next);
  });

  router.post('/api/logout', contentType(['application/json']), (req, res, next) => {
    void (async () => {
      const cookie = sessionToken(req);
      const agent = cookie ? await team.authenticate(cookie) : null;
      if (cookie && agent) await team.logout(cookie, agent);
      const { maxAge: _, ...clear } = cookieOptions(config);
      res.clearCookie(SESSION_COOKIE, clear).json({ signedOut: agent !== null });
    })().catch(next);
  });
  return router;
}

export function agentRoutes(team: Team): Router {
  const router = Router();
  router.get('/api/me', (_req, res) => {
    const p = principalOf(res);
    res.json({ username: p.username, role: p.role, admin: p.kind === 'admin' });
  });
  router.get('/api/agents', requireRole('supervisor'), (_req, res, next) => {
    void team.store
      .listAgents()
      .then((agents) =>
        res.json(
          agents.map(({ passwordHash: _, ...a }) => ({
            ...a,
            createdAt: new Date(a.createdAt).toISOString(),
          })),
        ),
      )
      .catch(next);
  });
  router.post(
    '/api/agents',
    requireRole('supervisor'),
    express.json({ limit: '4kb' }),
    body(NewAgentSchema),
    (req, res, next) => {
      void (async () => {
        const r = await team.createAgent(req.body, principalOf(res));
        if (!r.created) return void res.status(409).json({ error: `username ${req.body.username} is taken` });
        res.status(201).json({
          username: r.agent.username,
          role: r.agent.role,
          createdAt: new Date(r.agent.createdAt).toISOString(),
        });
      })().catch(next);
    },
  );
  return router;
}
