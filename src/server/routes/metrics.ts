import { Router } from 'express';
import type { ApiDeps } from './deps.ts';

/** GET /api/metrics: the panel's dashboard figures. */
export function metricsRoutes({ service }: Pick<ApiDeps, 'service'>): Router {
  const router = Router();
  router.get('/api/metrics', (_req, res) => void res.json(service.metrics()));
  return router;
}
