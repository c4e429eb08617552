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
