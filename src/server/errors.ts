import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * The answers to requests that go wrong before or outside a route: ones Node's HTTP parser
 * refuses, bodies a body parser refuses, and paths no route serves. Every one says why, as JSON.
 */

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over 16 KB, a malformed
 * request line or header): Node's own answer is a bare status line without a word of why, and a
 * client still sending its body sees its connection reset. Answer with the reason as JSON, then
 * read and drop whatever the client still sends until it closes (bounded by a second), so the
 * answer reaches it.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const error =
    status === 431
      ? 'request header fields too large: at most 16 KB of headers'
      : status === 408
        ? 'request timeout: the request did not arrive in time'
        : `bad request: not a valid HTTP/1.1 request (${err.code ?? 'parse error'})`;
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.on('error', () => socket.destroy());
  socket.on('end', () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Malformed bodies (bad JSON, too large, bad encoding) are the client's fault: say why. Anything else is ours. */
export function errorAnswer(log: Logger): ErrorRequestHandler {
  return (err: Error & { status?: number; type?: string }, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'request failed');
    res
      .status(status)
      .json({ error: status === 500 ? 'internal error' : `${err.type ?? 'bad request'}: ${err.message}` });
  };
}

/** Whatever no route serves. */
export const notFound: RequestHandler = (_req, res) => void res.status(404).json({ error: 'not found' });
