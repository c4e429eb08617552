import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { UsernameSchema } from '../../store/agent-store.ts';
import { ExportQuerySchema, exportRecords, toCsv, toJsonl } from '../../team/archive-export.ts';
import { CannedReplyInputSchema } from '../../team/canned.ts';
import { cannedFor } from '../../team/team-views.ts';
import { body, query } from '../body.ts';
import { principalOf, requireRole } from '../team-auth.ts';
import type { ApiDeps } from './deps.ts';

/**
 * The team's own endpoints (CONTRACTS §10, docs/panel-api.md): internal notes, canned replies,
 * reassigning a conversation, the audit trail, the archive export and the team's figures.
 * Everything a supervisor may do and an agent may not is behind `requireRole('supervisor')`.
 */

export const NoteInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'expected a note').max(2000, 'at most 2000 characters'),
});
export const AssignSchema = z.strictObject({ agent: UsernameSchema.nullable() });
export const AuditQuerySchema = z.strictObject({
  conversationId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const iso = (ms: number) => new Date(ms).toISOString();
const noConversation = (res: Response, id: string) =>
  void res.status(404).json({ error: `no conversation ${id}` });

export function teamRoutes({ service, team }: ApiDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const run =
    (f: (req: express.Request, res: Response) => Promise<void>) =>
    (req: express.Request, res: Response, next: express.NextFunction) =>
      void f(req, res).catch(next);

  router.post(
    '/api/conversations/:id/notes',
    express.json({ limit: '8kb' }),
    body(NoteInputSchema),
    run(async (req, res) => {
      const id = req.params.id!;
      if (!(await service.stateOf(id))) return noConversation(res, id);
      const me = principalOf(res);
      const note = await team.store.addNote({
        conversationId: id,
        at: service.now(),
        agent: me.username,
        text: req.body.text,
      });
      await team.record(me, 'note', id, { noteId: note.id });
      res.status(201).json({ ...note, at: iso(note.at) });
    }),
  );

  router.post(
    '/api/conversations/:id/assign',
    supervisor,
    express.json({ limit: '4kb' }),
    body(AssignSchema),
    run(async (req, res) => {
      const id = req.params.id!;
      if (!(await service.stateOf(id))) return noConversation(res, id);
      const agent = req.body.agent as string | null;
      if (agent !== null && !(await team.store.getAgent(agent)))
        return void res.status(400).json({ error: `agent: no agent ${agent}` });
      const before = await team.store.assignment(id);
      await team.store.assign(id, agent, service.now());
      await team.record(principalOf(res), 'reassign', id, { from: before?.agent ?? null, to: agent });
      res.json({ owner: agent });
    }),
  );

  router.get(
    '/api/conversations/:id/canned-replies',
    run(async (req, res) => {
      const filled = await cannedFor(service, team, req.params.id!);
      if (!filled) return noConversation(res, req.params.id!);
      res.json(filled);
    }),
  );

  router.get(
    '/api/canned-replies',
    run(async (_req, res) => {
      res.json((await team.store.listCannedReplies()).map((r) => ({ ...r, updatedAt: iso(r.updatedAt) })));
    }),
  );
  const saveCanned = (id?: number) =>
    run(async (req, res) => {
      const me = principalOf(res);
      const saved = await team.store.saveCannedReply({
        ...req.body,
        id,
        updatedAt: service.now(),
        updatedBy: me.username,
      });
      if (!saved) return void res.status(404).json({ error: `no canned reply ${id}` });
      await team.record(me, 'canned_reply_saved', null, { id: saved.id, title: saved.title });
      res.status(id === undefined ? 201 : 200).json({ ...saved, updatedAt: iso(saved.updatedAt) });
    });
  router.post(
    '/api/canned-replies',
    supervisor,
    express.json({ limit: '8kb' }),
    body(CannedReplyInputSchema),
    (req, res, next) => saveCanned()(req, res, next),
  );
  router.put(
    '/api/canned-replies/:id',
    supervisor,
    express.json({ limit: '8kb' }),
    body(CannedReplyInputSchema),
    (req, res, next) => {
      const id = Number(req.params.id);
      if (!Number.isInteger(id)) return void res.status(400).json({ error: 'id: expected an integer' });
      saveCanned(id)(req, res, next);
    },
  );
  router.delete(
    '/api/canned-replies/:id',
    supervisor,
    run(async (req, res) => {
      const id = Number(req.params.id);
      if (!(await team.store.deleteCannedReply(id)))
        return void res.status(404).json({ error: `no canned reply ${req.params.id}` });
      await team.record(principalOf(res), 'canned_reply_deleted', null, { id });
      res.json({ deleted: id });
    }),
  );

  router.get(
    '/api/audit',
    supervisor,
    query(AuditQuerySchema) as unknown as express.RequestHandler,
    run(async (req, res) => {
      const q = req.query as unknown as z.infer<typeof AuditQuerySchema>;
      const entries = await team.store.listAudit({ conversationId: q.conversationId, limit: q.limit });
      res.json(entries.map(({ id: _, ...e }) => ({ ...e, at: iso(e.at) })));
    }),
  );

  router.get(
    '/api/audit/export',
    supervisor,
    query(ExportQuerySchema) as unknown as express.RequestHandler,
    run(async (req, res) => {
      const q = req.query as unknown as z.infer<typeof ExportQuerySchema>;
      const from = Date.parse(q.from);
      const to = Date.parse(q.to);
      if (!(from < to)) return void res.status(400).json({ error: 'to: expected an instant after from' });
      const full = q.phones === 'full';
      // Asking for the phones in full is itself on the record, before anything is read.
      await team.record(principalOf(res), 'export', null, {
        from: iso(from),
        to: iso(to),
        format: q.format,
        phones: q.phones,
      });
      const [messages, actions, notes] = await Promise.all([
        team.store.archiveBetween(from, to),
        team.store.listAudit({ from, to, limit: 1_000_000 }),
        team.store.notesBetween(from, to),
      ]);
      const records = exportRecords(messages, [...actions].reverse(), notes, full);
      const name = `huikuan-archive-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.${q.format}`.replace(
        /[^\w.-]/g,
        '_',
      );
      res
        .set(
          'content-type',
          q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        )
        .set('content-disposition', `attachment; filename="${name}"`)
        .send(q.format === 'csv' ? toCsv(records) : toJsonl(records));
    }),
  );

  /** Per agent: how many of each action, from the audit. */
  router.get(
    '/api/team/metrics',
    supervisor,
    run(async (_req, res) => {
      const [agents, entries, owners] = await Promise.all([
        team.store.listAgents(),
        team.store.listAudit({ limit: 1_000_000 }),
        team.store.listAssignments(),
      ]);
      const per = new Map(
        agents.map((a) => [
          a.username,
          { username: a.username, role: a.role, holding: 0, actions: {} as Record<string, number> },
        ]),
      );
      for (const e of entries) {
        const row = per.get(e.agent);
        if (row) row.actions[e.action] = (row.actions[e.action] ?? 0) + 1;
      }
      for (const o of owners) {
        const row = per.get(o.agent);
        if (row) row.holding++;
      }
      res.json({ agents: [...per.values()] });
    }),
  );
  return router;
}
