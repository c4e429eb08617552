import express, { Router } from 'express';
import { parseAccountsCsv, parseAccountsJson } from '../../accounts/import.ts';
import type { ApiDeps } from './deps.ts';

/**
 * POST /api/accounts: an import, as a JSON array or as text/csv with a header row. Rows are
 * checked one by one: the good ones are imported, the bad ones reported with their line.
 */
export function accountRoutes({ service, afterCommit }: ApiDeps): Router {
  const router = Router();
  router.post(
    '/api/accounts',
    express.text({ type: ['text/csv', 'application/csv'], limit: '10mb' }),
    express.json({ limit: '10mb' }),
    (req, res) => {
      const isCsv = typeof req.body === 'string';
      if (!isCsv && !Array.isArray(req.body))
        return void res
          .status(400)
          .json({ error: 'expected a JSON array of accounts, or text/csv with a header row' });
      const parsed = isCsv
        ? parseAccountsCsv(req.body as string, service.now())
        : parseAccountsJson(req.body, service.now());
      const r = service.addAccounts(parsed.rows);
      const errors = [...parsed.errors, ...r.errors].sort((a, b) => a.line - b.line);
      res.json({ imported: r.created + r.updated, created: r.created, updated: r.updated, errors });
      afterCommit();
    },
  );
  return router;
}
