/**
 * Documents: read one (open like other reads), add one (multipart `file` + `metadata` JSON, or JSON
 * `{ text | url, metadata }`) and delete one. Writes need an API key; auth runs before the upload is read.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { acceptedDocumentType, acceptedFocusGroups, type DocumentMetadata as Metadata } from '../../ingest/records.js';
import { DocumentDetail } from '../../queries/answers.js';
import { getDocument } from '../../queries/documents.js';
import type { Config } from '../config.js';
import { deleteDocument, ingestOneDocument, loadTaxonomy } from '../ingest-service.js';
import { ApiError, HttpProblem, fieldErrors } from '../problems.js';
import { fetchDocument } from './fetch-document.js';
import { defineRoute, notFoundProblem, type RouteSpec } from './route.js';
import {
  DocumentJsonRequest,
  DocumentMetadata,
  DocumentPageQuery,
  DocumentParams,
  DocumentUploadRequest,
  IngestResponse,
} from './schemas.js';

/**
 * Multipart parsing (memory storage, one file, the configured size limit → 413) only for multipart requests.
 * Multer's own errors keep their name (mapped in problems.ts); anything else it passes on is the multipart
 * parser's ("Unexpected end of form", "Multipart: Boundary not found"): a malformed body, BAD_MULTIPART (400).
 */
function uploadMiddleware(config: Config): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.http.uploadLimitBytes, files: 1, fields: 5, fieldSize: 64 * 1024 },
    // File names are UTF-8 (busboy's default reads them as latin1: "évil" became "Ã©vil"), and their folders are
    // dropped by uploadName, as in JSON bodies.
    defParamCharset: 'utf8',
    preservePath: true,
  }).single('file');
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    upload(req, res, (err?: unknown) => {
      if (!err || (err as Error).name === 'MulterError') return next(err);
      const why = err instanceof Error ? err.message : String(err);
      next(new ApiError('BAD_MULTIPART', `The multipart body is malformed: ${why}`, { cause: err }));
    });
  };
}

/**
 * The name an upload is stored under: the last part of the path the client sent (`../../x.md` and `C:\x.md`
 * are `x.md`), the same for multipart and JSON; `fallback` when nothing is left.
 */
export function uploadName(raw: string | undefined, fallback: string): string {
  const name = (raw ?? '').split(/[\\/]/).pop()!.trim();
  return name === '' || name === '.' || name === '..' ? fallback : name;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Refuses a document type or a focus group the taxonomy does not list (400), naming the allowed ones; checked
 * before any fetch. `at` is where the metadata is in the request, as its other field errors name it: `body.metadata`
 * in a JSON body, `metadata` (the form field) in a multipart upload.
 */
async function checkDocumentType(metadata: Metadata, config: Config, at: 'body.metadata' | 'metadata'): Promise<void> {
  if (metadata.type === undefined && metadata.focusGroups === undefined) return;
  const taxonomy = await loadTaxonomy(config.corpus.dir);
  const type = acceptedDocumentType(taxonomy.documentTypes.map((t) => t.id))
    .optional()
    .safeParse(metadata.type);
  const groups = acceptedFocusGroups(taxonomy.entities.filter((e) => e.kind === 'focusGroup').map((e) => e.id))
    .optional()
    .safeParse(metadata.focusGroups);
  const errors = [
    ...(type.success ? [] : fieldErrors(type.error, `${at}.type`)),
    ...(groups.success ? [] : fieldErrors(groups.error, `${at}.focusGroups`)),
  ];
  if (errors.length) throw new HttpProblem(400, 'Invalid metadata', errors[0].message, errors);
}

/** The request's document as the ingest service wants it. */
async function documentFromRequest(req: Parameters<RequestHandler>[0], config: Config) {
  if (req.is('multipart/form-data')) {
    const file = req.file;
    if (!file)
      throw new HttpProblem(400, 'Invalid request', 'A file is required', [{ field: 'file', message: 'missing' }]);
    const extra = Object.keys(req.body ?? {}).filter((k) => k !== 'metadata');
    if (extra.length) {
      throw new HttpProblem(
        400,
        'Invalid request',
        'Unknown form fields',
        extra.map((f) => ({ field: f, message: 'unknown field' })),
      );
    }
    let raw: unknown;
    try {
      raw = req.body?.metadata ? JSON.parse(String(req.body.metadata)) : {};
    } catch {
      throw new HttpProblem(400, 'Invalid request', 'metadata is not JSON', [
        { field: 'metadata', message: 'malformed JSON' },
      ]);
    }
    const metadata = DocumentMetadata.safeParse(raw);
    if (!metadata.success)
      throw new HttpProblem(400, 'Invalid metadata', 'Invalid metadata', fieldErrors(metadata.error, 'metadata'));
    await checkDocumentType(metadata.data, config, 'metadata');
    return {
      bytes: new Uint8Array(file.buffer),
      filename: uploadName(file.originalname, 'upload.txt'),
      metadata: metadata.data,
    };
  }
  const parsed = DocumentJsonRequest.safeParse(req.body);
  if (!parsed.success) throw new HttpProblem(400, 'Invalid request', 'Invalid body', fieldErrors(parsed.error, 'body'));
  const b = parsed.data;
  await checkDocumentType(b.metadata, config, 'body.metadata');
  if (b.url) {
    const fetched = await fetchDocument(b.url, {
      allowedHosts: config.http.fetchHosts,
      limitBytes: config.http.uploadLimitBytes,
    });
    return {
      ...fetched,
      filename: uploadName(b.filename ?? fetched.filename, fetched.filename),
      metadata: { source: b.url, ...b.metadata },
      id: b.url,
    };
  }
  const bytes = new TextEncoder().encode(b.text!);
  if (bytes.byteLength > config.http.uploadLimitBytes)
    throw new HttpProblem(413, 'Payload too large', 'The document is too large');
  // Unnamed texts would all get the id upload:document.txt and replace each other: name them by their content.
  const id = b.filename || b.metadata.source ? undefined : `upload:${sha256Hex(bytes).slice(0, 16)}`;
  return { bytes, filename: uploadName(b.filename, 'document.txt'), metadata: b.metadata, ...(id ? { id } : {}) };
}

export function documentRoutes(config: Config): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/documents/:id',
      family: 'documents',
      operationId: 'getDocument',
      summary: "A document's metadata and a page of its text, with the passages and sentences on it",
      description:
        'The id is URL-encoded (documents%2Finfcirc-908-iwg-brochure.txt). The text is paged by character offsets ' +
        '(`offset`, `limit`; `page.next` is the next offset); a page boundary inside a sentence moves to its edge. ' +
        'Every passage and sentence carries absolute offsets: `page.text.slice(start - page.offset, end - page.offset)`.',
      access: 'read',
      params: DocumentParams,
      query: DocumentPageQuery,
      response: { status: 200, schema: DocumentDetail, description: 'The document' },
      errors: [400, 401, 404, 503],
      async handle({ params, query, scope }, ctx) {
        const doc = await getDocument(ctx.graph, { id: params.id, ...query }, scope.read);
        if (!doc) throw notFoundProblem(`Document ${params.id}`);
        if (query.offset > doc.length) {
          throw new HttpProblem(400, 'Invalid request', 'Invalid query', [
            { field: 'query.offset', message: `past the end of the text (${doc.length} characters)` },
          ]);
        }
        return doc;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/documents',
      family: 'documents',
      operationId: 'ingestDocument',
      summary: 'Ingest one document (multipart upload, or JSON text/url)',
      access: 'write',
      extraBodies: { 'application/json': DocumentJsonRequest, 'multipart/form-data': DocumentUploadRequest },
      middleware: [uploadMiddleware(config)],
      response: { status: 201, schema: IngestResponse, description: 'The document was ingested (or found unchanged)' },
      errors: [400, 401, 403, 409, 413, 415, 422, 503],
      async handle({ req, scope }, ctx) {
        const doc = await documentFromRequest(req, config);
        // A key writes only what it may read: the new document's label, and the document its id may replace.
        const label = doc.metadata.access ?? 'public';
        if (!scope.read.includes(label))
          throw new HttpProblem(403, 'Forbidden', `This API key may not write documents labelled ${label}`);
        const out = await ingestOneDocument(ctx.runtime, doc, (stored) => scope.read.includes(stored));
        ctx.metrics.ingestDocuments.inc({ outcome: out.status });
        return out;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/documents/:id',
      family: 'documents',
      operationId: 'deleteDocument',
      summary: 'Delete a document and what only it supported',
      access: 'write',
      params: DocumentParams,
      response: { status: 204, description: 'Deleted' },
      errors: [400, 401, 403, 404, 503],
      async handle({ params, scope }, ctx) {
        if (!(await deleteDocument(ctx.runtime, params.id, (stored) => scope.read.includes(stored))))
          throw notFoundProblem(`Document ${params.id}`);
        ctx.metrics.ingestDocuments.inc({ outcome: 'removed' });
      },
    }),
  ];
}
