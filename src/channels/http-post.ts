import http from 'node:http';
import https from 'node:https';

/**
 * One POST (or, to look a message up, one GET) to a provider over node:http(s) with kept-alive
 * connections: what the senders use unless a test hands them its own `fetch`. The outbox sends one message after another, so a
 * connection per provider is reused for the next message; global fetch (undici) cost about
 * three times the CPU per send for the same request (docs/operations.md, "outbox sends").
 */

export interface PostResponse {
  status: number;
  statusText: string;
  /** The body as UTF-8 text. */
  text: string;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** Bodies larger than this are cut: a provider's answer is a small JSON object. */
const MAX_RESPONSE_BYTES = 1 << 20;

/**
 * Resolves with the status and body of any answer (2xx or not). Rejects on a network failure,
 * and with an error named `TimeoutError` when no complete answer came within `timeoutMs`.
 */
export function httpPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResponse> {
  return httpRequest('POST', url, headers, body, timeoutMs);
}

/** A GET with the same connections, answers and errors as `httpPost`. */
export function httpGet(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResponse> {
  return httpRequest('GET', url, headers, null, timeoutMs);
}

function httpRequest(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | null,
  timeoutMs: number,
): Promise<PostResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (err) {
      return reject(err);
    }
    const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!lib) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    const payload = body === null ? null : Buffer.from(body, 'utf8');
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const req = lib.request(
      target,
      {
        method,
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
        });
        res.on('end', () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          ),
        );
        res.on('error', (err) => finish(() => reject(err)));
      },
    );
    const timer = setTimeout(() => {
      const err = new Error(`no answer within ${timeoutMs} ms`);
      err.name = 'TimeoutError';
      finish(() => reject(err));
      req.destroy(err);
    }, timeoutMs);
    req.on('error', (err) => finish(() => reject(err)));
    if (payload) req.end(payload);
    else req.end();
  });
}
