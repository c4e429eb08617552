import express, { Router } from 'express';
import { z } from 'zod';
import { toMajor, toMinor } from '../../money.ts';
import { parseInstant } from '../../time/calendar.ts';
import { body } from '../body.ts';
import { handle, type ApiDeps } from './deps.ts';

/** POST /api/payments: a payment received, amount in major units; `paidAt` defaults to now. */
export const PaymentSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  amount: z
    .number()
    .positive('expected a positive amount')
    .transform((a, ctx) => {
      try {
        return toMinor(a);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  paidAt: z
    .string()
    .refine((s) => parseInstant(s) !== null, 'expected an ISO 8601 instant with an offset')
    .transform((s) => parseInstant(s)!.epochMs)
    .optional(),
  reference: z.string().max(128).optional(),
});

export function paymentRoutes({ service }: Pick<ApiDeps, 'service'>): Router {
  const router = Router();
  router.post(
    '/api/payments',
    express.json({ limit: '4kb' }),
    body(PaymentSchema),
    handle(async (req, res) => {
      const b = req.body;
      const r = await service.recordPayment({
        accountId: b.accountId,
        amount: b.amount,
        paidAt: b.paidAt ?? service.now(),
        reference: b.reference ?? null,
      });
      if (!r) return void res.status(404).json({ error: `no account ${b.accountId}` });
      res.json({
        payment: {
          ...r.payment,
          amount: toMajor(r.payment.amount),
          paidAt: new Date(r.payment.paidAt).toISOString(),
        },
        promiseKept: r.promiseKept,
      });
    }),
  );
  return router;
}
