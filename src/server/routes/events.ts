import { Router } from 'express';
import type { ApiDeps } from './deps.ts';

/** Comments on an idle stream keep proxies and browsers from closing it. */
const KEEP_ALIVE_MS = 15_000;

/**
 * GET /api/events: server-sent events, one `change` per conversation that changed (its id and
 * new state), so the panel refreshes what it shows without polling.
 */
export function eventRoutes({ service }: Pick<ApiDeps, 'service'>): Router {
  const router = Router();
  router.get('/api/events', (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const off = service.onChange(({ conversationId }) => {
      const state = service.stateOf(conversationId);
      res.write(`event: change\ndata: ${JSON.stringify({ conversationId, state })}\n\n`);
    });
    const beat = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(beat);
      off();
    });
  });
  return router;
}
