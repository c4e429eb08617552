import { toMajor } from '../../money.ts';
import express, { Router } from 'express';
import { z } from 'zod';
import { body } from '../body.ts';
import { LocaleSchema } from '../../vocabulary.ts';
import { handle, type ApiDeps } from './deps.ts';

/** POST /api/demo-debtors: the panel's "new demo debtor" for the simulator, in either language. */
export const DemoDebtorSchema = z.strictObject({ locale: LocaleSchema.optional() });

export function simRoutes({ service, afterCommit }: ApiDeps): Router {
  const router = Router();
  // The simulator's phones come from here: the one source of demo debtors is the server's.
  router.get(
    '/api/demo-debtors',
    handle(async (_req, res) => void res.json(await service.demoDebtors())),
  );
  router.post(
    '/api/demo-debtors',
    express.json({ limit: '4kb' }),
    body(DemoDebtorSchema),
    handle(async (req, res) => {
      const account = await service.addDemoDebtor(req.body.locale ?? 'zh-CN');
      res
        .status(201)
        .json({ account: { ...account, balance: toMajor(account.balance) }, conversationId: account.id });
      afterCommit();
    }),
  );
  return router;
}
