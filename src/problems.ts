/**
 * Errors as application/problem+json (RFC 9457) with a stable shape: { type, title, status, detail, errors? }.
 * Lower layers throw errors with a `code` and no HTTP status; one table, PROBLEMS, maps every code to a status.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { GraphErrorCode } from '../graph/driver.js';
import type { ProvisionError } from '../graph/maven.js';
import type { EmbedderError } from '../ingest/embed.js';
import type { IngestErrorCode } from '../ingest/errors.js';
import type { ConfigError } from './config.js';

export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/**
 * Codes of the HTTP layer's own failures: URL ingest's fetch, malformed multipart bodies, and an upload whose id
 * is a document the key may not replace.
 */
export type ApiErrorCode = 'FETCH_FAILED' | 'TOO_LARGE' | 'BAD_MULTIPART' | 'ID_TAKEN';

/** A failure of the HTTP layer with a stable `code`; PROBLEMS gives its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every code an error of any layer can carry. */
export type ErrorCode =
  | GraphErrorCode
  | ProvisionError['code']
  | IngestErrorCode
  | EmbedderError['code']
  | ConfigError['code']
  | ApiErrorCode;

/** How a code is answered: its status and title, and for 503 how long to wait. */
export interface CodeProblem {
  status: number;
  title: string;
  retryAfter?: number;
}

/** The table every code must be in: `satisfies` makes a code without a status a type error. */
export type ProblemTable = Record<ErrorCode, CodeProblem>;

/**
 * Every error code's answer. 4xx show the error's message; 503 says only that a backing service is down; 500
 * (a bug or a broken installation, not the client's doing) shows nothing of the error, which is logged.
 */
export const PROBLEMS = {
  GRAPH_UNAVAILABLE: { status: 503, title: 'Graph database unavailable', retryAfter: 5 },
  GRAPH_TIMEOUT: { status: 503, title: 'Graph query timed out', retryAfter: 5 },
  // Indexes still populating, or a schema that does not match the code: the graph cannot answer yet.
  GRAPH_SCHEMA: { status: 503, title: 'Graph schema not ready', retryAfter: 10 },
  GRAPH_CONSTRAINT: { status: 500, title: 'Internal error' },
  GRAPH_QUERY: { status: 500, title: 'Internal error' },
  PROVISION_FAILED: { status: 500, title: 'Internal error' },
  MODEL_UNAVAILABLE: { status: 503, title: 'Embedding model unavailable', retryAfter: 10 },
  EMPTY_DOCUMENT: { status: 422, title: 'Document rejected' },
  BINARY_CONTENT: { status: 422, title: 'Document rejected' },
  BAD_ENCODING: { status: 422, title: 'Document rejected' },
  CORRUPT_PDF: { status: 422, title: 'Document rejected' },
  UNREADABLE: { status: 422, title: 'Document rejected' },
  // A document over the parser's time or memory limit: the detail names the limit and the file.
  PARSE_LIMIT: { status: 422, title: 'Document rejected' },
  UNSUPPORTED_FORMAT: { status: 415, title: 'Unsupported document format' },
  TOO_LARGE: { status: 413, title: 'Payload too large' },
  BAD_MANIFEST: { status: 400, title: 'Invalid metadata' },
  BAD_TAXONOMY: { status: 500, title: 'Internal error' },
  BAD_CONFIG: { status: 500, title: 'Internal error' },
  FETCH_FAILED: { status: 422, title: 'Document could not be fetched' },
  BAD_MULTIPART: { status: 400, title: 'Invalid request' },
  ID_TAKEN: { status: 409, title: 'Conflict' },
} as const satisfies ProblemTable;

/** The table's answer for an error's `code`, if it is one of ours. */
export function problemForCode(code: unknown): CodeProblem | undefined {
  return typeof code === 'string' && Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code as ErrorCode] : undefined;
}

/** Multer's limit codes that mean "too much" (413); its other codes are malformed uploads (400). */
const MULTER_TOO_LARGE = new Set([
  'LIMIT_FILE_SIZE',
  'LIMIT_FILE_COUNT',
  'LIMIT_FIELD_KEY',
  'LIMIT_FIELD_VALUE',
  'LIMIT_FIELD_COUNT',
  'LIMIT_PART_COUNT',
]);

/** A multer error (`name` MulterError, a `code`, maybe the `field`) as a problem's status, detail and errors. */
function multerProblem(e: { code?: string; field?: string; message?: string }) {
  const field = e.field ?? 'body';
  if (e.code && MULTER_TOO_LARGE.has(e.code))
    return { status: 413, title: 'Payload too large', detail: e.message ?? 'The upload is too large', field };
  const detail =
    e.code === 'LIMIT_UNEXPECTED_FILE'
      ? `unexpected file field ${e.field ?? '(unnamed)'}; send the document as field 'file'`
      : `Invalid upload: ${e.message ?? e.code}`;
  return { status: 400, title: 'Invalid request', detail, field };
}

/** The problem document's own fields (RFC 9457); a response adds where and for which request. */
export function problemBody(status: number, title: string, detail: string, errors: FieldError[] = []) {
  return {
    type: `https://iwg-graph.local/problems/${status}`,
    title,
    status,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

/** Sends a problem document. */
export function sendProblem(res: Response, status: number, title: string, detail: string, errors: FieldError[] = []) {
  res
    .status(status)
    .type('application/problem+json')
    .json({ ...problemBody(status, title, detail, errors), instance: res.req.originalUrl, requestId: res.req.id });
}

/**
 * Zod issues as field errors: "body.limit: Too big: expected number to be <=100". Two of zod's issues say nothing
 * the caller can act on and are reworded or dropped: a number that is not one (a coerced "abc" is NaN), and the
 * safe-integer bound `.int()` adds (1e300 is over it), which repeats the field's own bound beside it.
 */
export function fieldErrors(err: ZodError, prefix: string): FieldError[] {
  const field = (i: ZodError['issues'][number]) => [prefix, ...i.path.map(String)].filter(Boolean).join('.');
  const fields = err.issues.map(field);
  return err.issues
    .filter((i, n) => !(isSafeIntegerBound(i) && fields.some((f, m) => m !== n && f === fields[n])))
    .map((i) => ({ field: field(i), message: isNotANumber(i) ? 'expected a number' : i.message }));
}

const isSafeIntegerBound = (i: ZodError['issues'][number]) =>
  (i.code === 'too_big' && Number(i.maximum) === Number.MAX_SAFE_INTEGER) ||
  (i.code === 'too_small' && Number(i.minimum) === Number.MIN_SAFE_INTEGER);

// Whatever was sent instead of a number (a string, NaN from a coerced "abc", Infinity), the caller's fix is the same.
const isNotANumber = (i: ZodError['issues'][number]) => i.code === 'invalid_type' && i.expected === 'number';

export const notFound: RequestHandler = (req, res) =>
  sendProblem(res, 404, 'Not found', `No route for ${req.method} ${req.path}`);

/** The last middleware: maps every error to a problem document; never leaks a stack trace. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof HttpProblem) {
    for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
    return sendProblem(res, err.status, err.title, err.message, err.errors);
  }
  if (err instanceof ZodError)
    return sendProblem(res, 400, 'Invalid request', 'The request is invalid', fieldErrors(err, ''));
  const e = err as {
    name?: string;
    code?: string;
    field?: string;
    type?: string;
    status?: number;
    statusCode?: number;
    message?: string;
  };
  if (e.name === 'MulterError') {
    const p = multerProblem(e);
    return sendProblem(res, p.status, p.title, p.detail, [{ field: p.field, message: p.detail }]);
  }
  // body-parser errors carry their own status and type.
  if (e.type === 'entity.too.large')
    return sendProblem(res, 413, 'Payload too large', e.message ?? 'The request body is too large');
  if (e.type === 'entity.parse.failed')
    return sendProblem(res, 400, 'Invalid request', 'The request body is not valid JSON', [
      { field: 'body', message: 'malformed JSON' },
    ]);
  const status = e.status ?? e.statusCode;
  if (status && status >= 400 && status < 500)
    return sendProblem(res, status, 'Invalid request', e.message ?? 'Bad request');
  const mapped = problemForCode(e.code);
  if (mapped && mapped.status !== 500) {
    if (mapped.retryAfter) res.setHeader('Retry-After', String(mapped.retryAfter));
    const detail =
      mapped.status === 503 ? 'A backing service is unavailable; retry later' : (e.message ?? mapped.title);
    if (mapped.status >= 500) req.log?.warn({ err }, 'backing service unavailable');
    return sendProblem(res, mapped.status, mapped.title, detail);
  }
  req.log?.error({ err }, 'unhandled error');
  sendProblem(res, 500, 'Internal error', 'An unexpected error occurred; it has been logged');
};
