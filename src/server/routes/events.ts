import { Router, type Response } from 'express';
import type { ApiDeps } from './deps.ts';

/** Comments on an idle stream keep proxies and browsers from closing it. */
const KEEP_ALIVE_MS = 15_000;
/** Changes are gathered this long, then sent: one event per conversation per flush. */
export const FLUSH_MS = 150;
/** Streams one client (one remote address) may hold open; more is 429. */
export const MAX_STREAMS_PER_CLIENT = 5;

/**
 * GET /api/events: server-sent events, one `change` per conversation that changed (its id and
 * new state), so the panel refreshes what it shows without polling.
 *
 * One import of 10 000 accounts is 20 000 changes or more (created, then sent): so changes are
 * coalesced, per conversation, and flushed every FLUSH_MS; each conversation's state is read
 * once per flush and the same event is written to every stream (not one read per stream); and
 * one client holds at most MAX_STREAMS_PER_CLIENT streams.
 */
export function eventRoutes({ service }: Pick<ApiDeps, 'service'>): Router {
  const router = Router();
  const streams = new Set<Response>();
  const perClient = new Map<string, number>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let off: (() => void) | null = null;

  const flush = async (): Promise<void> => {
    const ids = [...pending];
    pending.clear();
    let chunk = '';
    for (const conversationId of ids) {
      const state = await service.stateOf(conversationId);
      chunk += `event: change\ndata: ${JSON.stringify({ conversationId, state })}\n\n`;
    }
    for (const res of streams) res.write(chunk);
  };
  const flushSoon = (): void => {
    timer = null;
    void flush().catch(() => {});
  };
  // Subscribed while a stream is open: with none, a change costs nothing.
  const subscribe = (): void => {
    off ??= service.onChange(({ conversationId }) => {
      pending.add(conversationId);
      timer ??= setTimeout(flushSoon, FLUSH_MS);
    });
  };
  const unsubscribe = (): void => {
    off?.();
    off = null;
    if (timer) clearTimeout(timer);
    timer = null;
    pending.clear();
  };

  router.get('/api/events', (req, res) => {
    const client = req.socket.remoteAddress ?? '';
    const open = perClient.get(client) ?? 0;
    if (open >= MAX_STREAMS_PER_CLIENT)
      return void res.status(429).json({
        error: `too many event streams: at most ${MAX_STREAMS_PER_CLIENT} per client; close one first`,
      });
    perClient.set(client, open + 1);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    streams.add(res);
    subscribe();
    const beat = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    // The response's close: the client went away (or the server is closing).
    res.on('close', () => {
      clearInterval(beat);
      streams.delete(res);
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
      if (streams.size === 0) unsubscribe();
    });
  });
  return router;
}
