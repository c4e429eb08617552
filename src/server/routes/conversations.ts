import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { body, query } from '../body.ts';
import { InboxFilterSchema } from '../../service/read-models.ts';
import { TeamInboxFilterSchema } from '../../team/team-inbox.ts';
import { teamConversation, teamInbox } from '../../team/team-views.ts';
import { principalOf } from '../team-auth.ts';
import { handle, type ApiDeps } from './deps.ts';

/** GET /api/inbox: which conversations, and an optional search (text, or the digits of a phone). */
export const InboxQuerySchema = z.object({
  filter: z.union([InboxFilterSchema, TeamInboxFilterSchema]).default('all'),
  q: z.string().max(64).optional(),
});

/** POST /api/conversations/:id/messages: an agent's own message, checked by the guard like the bot's. */
export const AgentMessageSchema = z.strictObject({
  text: z.string().trim().min(1, 'expected a message').max(1000, 'at most 1000 characters'),
});

/** POST /api/conversations/:id/resolve: how a person closed a handoff. */
export const ResolveSchema = z.strictObject({
  resolution: z.enum(['dispute_settled', 'payment_confirmed', 'other']),
  note: z.string().max(500).optional(),
});

/** POST /api/conversations/:id/confirm-number: a person's recorded reason to reopen a wrong-party number. */
export const ConfirmNumberSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .min(10, 'expected a note of at least 10 characters saying how the debtor confirmed the number')
    .max(500),
});

const noConversation = (id: string | undefined) => ({ error: `no conversation ${id}` });

/**
 * The conversations: list, inbox, one in full, its export, and what an agent does with one.
 * Every action is recorded in the audit under the caller's name. Taking over makes the caller
 * the conversation's owner; while someone holds it, only they (or a supervisor) may write to it,
 * hand it back or resolve it (409 naming the owner otherwise).
 */
export function conversationRoutes({ service, team, afterCommit }: ApiDeps): Router {
  const router = Router();
  /** False (and 409 answered) when another agent holds the conversation and the caller is no supervisor. */
  const mayAct = async (id: string, res: Response): Promise<boolean> => {
    const me = principalOf(res);
    const owner = await team.store.assignment(id);
    if (!owner || owner.agent === me.username || me.role === 'supervisor') return true;
    res.status(409).json({ error: `${owner.agent} holds this conversation`, owner: owner.agent });
    return false;
  };

  router.get(
    '/api/conversations',
    handle(async (_req, res) => void res.json(await service.listConversations())),
  );
  router.get(
    '/api/inbox',
    query(InboxQuerySchema),
    handle(async (req, res) => {
      res.json(await teamInbox(service, team, req.query.filter, req.query.q ?? null, principalOf(res)));
    }),
  );

  router.post(
    '/api/conversations/:id/messages',
    express.json({ limit: '8kb' }),
    body(AgentMessageSchema),
    handle(async (req, res) => {
      const id = req.params.id!;
      if ((await service.stateOf(id)) === null) return void res.status(404).json(noConversation(id));
      if (!(await mayAct(id, res))) return;
      const r = await service.agentSend(id, req.body.text);
      if (!r) return void res.status(404).json(noConversation(id));
      const m = r.message;
      await team.record(principalOf(res), 'send', id, {
        seq: m.seq,
        status: m.status,
        ...(m.violations?.length ? { violations: m.violations } : {}),
      });
      if (m.status === 'blocked')
        return void res.status(422).json({
          error: 'blocked',
          violations: m.violations ?? [],
          ...(m.reason ? { reason: m.reason } : {}),
        });
      const message = (await service.conversation(id))?.messages.find((x) => x.seq === m.seq);
      res.json({
        status: m.status === 'sent' ? 'queued' : m.status,
        ...(message?.until ? { until: message.until } : {}),
        message: message ? { ...message, agent: principalOf(res).username } : message,
      });
      afterCommit();
    }),
  );
  router.post(
    '/api/conversations/:id/takeover',
    handle(async (req, res) => {
      const id = req.params.id!;
      if ((await service.stateOf(id)) === null) return void res.status(404).json(noConversation(id));
      if (!(await mayAct(id, res))) return;
      if (!(await service.takeover(id))) return void res.status(404).json(noConversation(id));
      const me = principalOf(res);
      await team.store.assign(id, me.username, service.now());
      await team.record(me, 'takeover', id, {});
      res.json({ paused: true });
    }),
  );
  router.post(
    '/api/conversations/:id/handback',
    handle(async (req, res) => {
      const id = req.params.id!;
      if ((await service.stateOf(id)) === null) return void res.status(404).json(noConversation(id));
      if (!(await mayAct(id, res))) return;
      const state = await service.handback(id);
      if (state === null) return void res.status(404).json(noConversation(id));
      await team.store.assign(id, null, service.now());
      await team.record(principalOf(res), 'handback', id, { state });
      res.json({ paused: false, state });
    }),
  );
  router.post(
    '/api/conversations/:id/resolve',
    express.json({ limit: '4kb' }),
    body(ResolveSchema),
    handle(async (req, res) => {
      const id = req.params.id!;
      if ((await service.stateOf(id)) === null) return void res.status(404).json(noConversation(id));
      if (!(await mayAct(id, res))) return;
      const r = await service.resolve(id, req.body.resolution, req.body.note ?? null);
      if (!r) return void res.status(404).json(noConversation(id));
      if (!r.ok)
        return void res
          .status(409)
          .json({ error: `the conversation is in ${r.state}, not handoff`, state: r.state });
      await team.store.assign(id, null, service.now());
      await team.record(principalOf(res), 'resolve', id, { resolution: req.body.resolution, state: r.state });
      res.json({ state: r.state });
    }),
  );

  router.post(
    '/api/conversations/:id/confirm-number',
    express.json({ limit: '4kb' }),
    body(ConfirmNumberSchema),
    handle(async (req, res) => {
      const id = req.params.id!;
      const r = await service.confirmNumber(id, req.body.note);
      if (!r) return void res.status(404).json(noConversation(id));
      if (!r.ok)
        return void res
          .status(409)
          .json({ error: `the conversation is in ${r.state}, not wrong_party`, state: r.state });
      // The decision that lets people write to the number again is on the record, with its reason.
      await team.record(principalOf(res), 'confirm_number', id, { note: req.body.note, state: r.state });
      res.json({ state: r.state, numberConfirmed: true });
    }),
  );

  router.get(
    '/api/conversations/:id/export',
    handle(async (req, res) => {
      const file = await service.exportConversation(req.params.id!);
      if (!file) return void res.status(404).json(noConversation(req.params.id));
      res
        .set('content-disposition', `attachment; filename="${req.params.id!.replace(/[^\w.-]/g, '_')}.json"`)
        .json(file);
    }),
  );
  router.get(
    '/api/conversations/:id',
    handle(async (req, res) => {
      const view = await teamConversation(service, team, req.params.id!);
      if (!view) return void res.status(404).json(noConversation(req.params.id));
      res.json(view);
    }),
  );

  return router;
}
