import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.ts';

/**
 * Who may drive the server from a browser. A page on another site cannot read our answers (we
 * send no CORS headers), but it can still send "simple" requests (a form post, a no-cors fetch)
 * that need no preflight, and through DNS rebinding (its own name re-resolved to 127.0.0.1) it
 * can even read them. With no admin token (the `npm start` default) nothing else stands in the
 * way. So:
 *
 * - the Host header must name this server: a loopback name (127.0.0.1, localhost, [::1]) with the
 *   port the request came in on, PUBLIC_URL's host, or the address HOST binds; anything else is
 *   421. A rebinding page's requests carry its own name, so they stop here;
 * - a state-changing request (POST, PUT, PATCH, DELETE) that a browser sent (it carries Origin,
 *   or a Referer when a browser left Origin out) must come from one of those origins; anything
 *   else is 403. Providers' webhooks and scripts carry neither and pass: they are checked by
 *   their signature or the admin token;
 * - OPTIONS is 405: no CORS preflight succeeds, so a browser sends no cross-origin request that
 *   needs one (JSON bodies, an Authorization header).
 *
 * /healthz answers every Host: it says nothing, and container probes call it by IP.
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Addresses that mean "every interface": no client calls us by them. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export interface Allowed {
  /** Host header values, lower case, as `host` or `host:port`. */
  hosts: Set<string>;
  /** Origins (`scheme://host[:port]`), lower case, as browsers send them. */
  origins: Set<string>;
}

/** What a request arriving on `port` may name as its Host and Origin, under `config`. */
export function allowedFor(config: Pick<Config, 'HOST' | 'PUBLIC_URL'>, port: number): Allowed {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const local = (name: string): void => {
    hosts.add(`${name}:${port}`);
    origins.add(`http://${name}:${port}`);
    // Port 80 is left out of a Host header and an Origin.
    if (port === 80) {
      hosts.add(name);
      origins.add(`http://${name}`);
    }
  };
  for (const name of LOOPBACK_NAMES) local(name);
  const bound = config.HOST.toLowerCase();
  if (!WILDCARDS.has(bound)) local(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  if (config.PUBLIC_URL) {
    const url = new URL(config.PUBLIC_URL);
    hosts.add(url.host.toLowerCase());
    // URL drops a default port; a proxy may still send it.
    if (url.port === '') hosts.add(`${url.hostname.toLowerCase()}:${url.protocol === 'https:' ? 443 : 80}`);
    origins.add(url.origin.toLowerCase());
  }
  return { hosts, origins };
}

/** Header values are echoed in refusals (as JSON data); keep them short. */
const shown = (s: string): string => JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);

/** The Host and Origin checks, in that order, for every request. */
export function sameOrigin(config: Pick<Config, 'HOST' | 'PUBLIC_URL'>): RequestHandler {
  const byPort = new Map<number, Allowed>();
  const allowed = (req: Request): Allowed => {
    const port = req.socket.localPort ?? 0;
    let a = byPort.get(port);
    if (!a) byPort.set(port, (a = allowedFor(config, port)));
    return a;
  };
  return (req, res, next) => {
    if (req.path === '/healthz' && req.method === 'GET') return next();
    const a = allowed(req);
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !a.hosts.has(host)) {
      return void res.status(421).json({
        error: `misdirected request: Host ${host === undefined ? 'missing' : shown(host)} is not this server (call it as ${[...a.hosts][0]} or by PUBLIC_URL)`,
      });
    }
    // No CORS: a preflight (or any OPTIONS) is refused, so a browser never sends the request
    // it asks about. Express would answer it itself, with an HTML "GET,HEAD".
    if (req.method === 'OPTIONS')
      return void res
        .status(405)
        .set('allow', 'GET, HEAD, POST')
        .json({ error: 'method not allowed: OPTIONS (this server answers no cross-origin preflight)' });
    if (!STATE_CHANGING.has(req.method)) return next();
    const origin = req.get('origin');
    const referer = origin === undefined ? req.get('referer') : undefined;
    const from = origin ?? (referer === undefined ? undefined : originOf(referer));
    if (from === undefined || a.origins.has(from.toLowerCase())) return next();
    res.status(403).json({
      error: `cross-origin request refused: ${origin !== undefined ? `Origin ${shown(origin)}` : `Referer ${shown(referer!)}`} is not this server`,
    });
  };
}

/** The origin of a Referer, or "" (never allowed) when it is not a URL. */
function originOf(referer: string): string {
  try {
    return new URL(referer).origin;
  } catch {
    return '';
  }
}
