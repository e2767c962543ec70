/**
 * Answers for requests Node's HTTP parser refuses before Express sees them (a URL or header over the size limit,
 * a malformed Content-Length), for JSON in another charset than UTF-8, and for a body a route does not take (its
 * media type, or JSON that is no object): problem+json like every other error.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { HttpProblem, problemBody, sendProblem } from './problems.js';

/** The status and detail of a parser error (`clientError` event), as Node itself would choose the status. */
export function describeClientError(err: Error & { code?: string }): { status: number; detail: string } {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, detail: 'The request line or headers are larger than the server accepts' };
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, detail: 'The request took too long to arrive' };
  if (err.code === 'HPE_INVALID_CONTENT_LENGTH' || err.code === 'HPE_UNEXPECTED_CONTENT_LENGTH')
    return { status: 400, detail: 'The Content-Length header is malformed or contradicts the body framing' };
  return { status: 400, detail: 'The request is not valid HTTP' };
}

/** The `clientError` listener: a problem+json response when the socket can still take one, then close. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, detail } = describeClientError(err);
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify(problemBody(status, title, detail));
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * JSON is UTF-8 (RFC 8259): a body declared in another charset is refused with 415 naming it, before the JSON
 * parser decodes it into garbage and answers 400.
 */
export const requireUtf8Json: RequestHandler = (req, res, next) => {
  const type = req.headers['content-type'];
  if (type === undefined || !req.is('json')) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  sendProblem(res, 415, 'Unsupported media type', `JSON bodies must be UTF-8; charset "${charset}" is not supported`, [
    { field: 'content-type', message: `unsupported charset ${charset}` },
  ]);
};

/**
 * A route's request body against the media types it takes (`types`), before anything reads it. A body of another
 * type (text/plain, a form) is 415 naming the types taken: the JSON parser leaves it unread, and validation would
 * only say "received undefined". A JSON body that is valid JSON but no object (`null`, `"x"`, `[]`) is 400 saying
 * so, and so is no body at all.
 */
export function requireBody(types: readonly string[]): RequestHandler {
  const taken = types.join(' or ');
  return (req, _res, next) => {
    const length = req.headers['content-length'];
    const sent = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
    if (sent && !req.is([...types])) {
      const type = req.headers['content-type']?.split(';')[0].trim() || 'none';
      return next(
        new HttpProblem(415, 'Unsupported media type', `The request body must be ${taken}; got ${type}`, [
          { field: 'content-type', message: `unsupported media type ${type}; expected ${taken}` },
        ]),
      );
    }
    if (!sent && req.body === undefined)
      return next(
        new HttpProblem(400, 'Invalid request', `The request needs a body (${taken})`, [
          { field: 'body', message: 'missing' },
        ]),
      );
    if (req.is('application/json') && !isJsonObject(req.body))
      return next(
        new HttpProblem(400, 'Invalid request', 'The request body must be a JSON object', [
          { field: 'body', message: `expected a JSON object, received ${jsonKind(req.body)}` },
        ]),
      );
    next();
  };
}

const isJsonObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
