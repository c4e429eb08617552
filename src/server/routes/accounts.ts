import express, { Router } from 'express';
import { addSliced, parseAccountsCsvSliced, parseAccountsJsonSliced } from '../../accounts/import-sliced.ts';
import { principalOf, requireRole } from '../team-auth.ts';
import type { ApiDeps } from './deps.ts';

/**
 * POST /api/accounts: an import, as a JSON array or as text/csv with a header row. Rows are
 * checked one by one: the good ones are imported, the bad ones reported with their line. Read
 * and stored in slices (src/accounts/import-sliced.ts), so a 10 000-row import leaves the event
 * loop free every few tens of milliseconds; each slice commits on its own. Supervisors only;
 * the import is recorded in the audit.
 */
export function accountRoutes({ service, team, afterCommit }: ApiDeps): Router {
  const router = Router();
  router.post(
    '/api/accounts',
    requireRole('supervisor'),
    express.text({ type: ['text/csv', 'application/csv'], limit: '10mb' }),
    express.json({ limit: '10mb' }),
    (req, res, next) => {
      const isCsv = typeof req.body === 'string';
      if (!isCsv && !Array.isArray(req.body))
        return void res
          .status(400)
          .json({ error: 'expected a JSON array of accounts, or text/csv with a header row' });
      void (async () => {
        const parsed = isCsv
          ? await parseAccountsCsvSliced(req.body as string, service.now())
          : await parseAccountsJsonSliced(req.body, service.now());
        const r = await addSliced(parsed.rows, (rows) => service.addAccounts(rows));
        const errors = [...parsed.errors, ...r.errors].sort((a, b) => a.line - b.line);
        await team.record(principalOf(res), 'import', null, {
          created: r.created,
          updated: r.updated,
          errors: errors.length,
        });
        res.json({ imported: r.created + r.updated, created: r.created, updated: r.updated, errors });
        afterCommit();
      })().catch(next);
    },
  );
  return router;
}
