import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { describeIssues } from '../channels/channel.ts';

/**
 * Request validation at the door: a middleware per route that checks the request's body (or
 * query) against its zod schema. A request that does not fit is answered 400 with the first
 * reason, `{"error": "field.path: message"}` ("body: …" when the body itself is wrong), and the
 * handler never runs; one that fits reaches the handler with the schema's output in its place
 * (defaults filled, transforms applied).
 */

/** Route parameters as Express types them by default (`:id` → `params.id`). */
type Params = Request['params'];

/** The first issue as `path: message`: the one line a 400 answer gives. */
export function issueText(error: z.ZodError): string {
  const first = describeIssues(error.issues)[0];
  return first ? `${first.path}: ${first.message}` : 'body: invalid';
}

/** Validates `req.body` (after a body parser) and hands the handler the parsed value as `req.body`. */
export function body<S extends z.ZodType>(schema: S): RequestHandler<Params, unknown, z.output<S>> {
  return (req, res, next) => {
    const r = schema.safeParse(req.body);
    if (!r.success) return void res.status(400).json({ error: issueText(r.error) });
    req.body = r.data;
    next();
  };
}

/** Validates `req.query` and hands the handler the parsed value as `req.query`. */
export function query<S extends z.ZodType>(schema: S): RequestHandler<Params, unknown, unknown, z.output<S>> {
  return (req, res, next) => {
    const r = schema.safeParse(req.query);
    if (!r.success) return void res.status(400).json({ error: issueText(r.error) });
    req.query = r.data;
    next();
  };
}

/** The methods that change something: the ones whose body type is checked. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the request says it has a body (a length above zero, or a chunked one). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * A state-changing request must say its body is one of `types` (JSON for the panel's API and the
 * simulator), or have no body and no type (take over, hand back): else 415 naming the types. A
 * page on another site can only send text/plain, form or multipart bodies without a preflight,
 * and we answer no preflight. `byPath` names other types for paths under the mount point
 * (`{'/accounts': [...]}`: an import may be CSV).
 */
export function contentType(
  types: readonly string[],
  byPath: Record<string, readonly string[]> = {},
): RequestHandler {
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const given = req.get('content-type');
    if (given === undefined && !hasBody(req)) return next();
    const wanted = byPath[req.path] ?? types;
    const media = given?.split(';')[0]!.trim().toLowerCase();
    if (media !== undefined && wanted.includes(media)) return next();
    res.status(415).json({
      error: `unsupported media type: expected content-type ${wanted.join(' or ')}${given === undefined ? '' : `, not ${JSON.stringify(given.slice(0, 100))}`}`,
    });
  };
}
