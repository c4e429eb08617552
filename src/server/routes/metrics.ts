import { Router } from 'express';
import { handle, type ApiDeps } from './deps.ts';

/** GET /api/metrics: the panel's dashboard figures. */
export function metricsRoutes({ service }: Pick<ApiDeps, 'service'>): Router {
  const router = Router();
  router.get(
    '/api/metrics',
    handle(async (_req, res) => void res.json(await service.metrics())),
  );
  return router;
}
