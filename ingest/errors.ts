/** Stable codes for everything that can go wrong while reading the corpus; callers switch on `code`, never on text. */
export const INGEST_ERROR_CODES = [
  'EMPTY_DOCUMENT',
  'BINARY_CONTENT',
  'BAD_ENCODING',
  'CORRUPT_PDF',
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'BAD_MANIFEST',
  'BAD_TAXONOMY',
  'UNREADABLE',
  'PARSE_LIMIT',
] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** An ingest failure with a stable `code` and, when known, the file it concerns. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly code: IngestErrorCode;
  readonly path?: string;

  constructor(code: IngestErrorCode, message: string, options?: { path?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.path !== undefined) this.path = options.path;
  }
}

/** Whether `err` is an IngestError, optionally with the given code. */
export function isIngestError(err: unknown, code?: IngestErrorCode): err is IngestError {
  return err instanceof IngestError && (code === undefined || err.code === code);
}

/**
 * A run stopped because the graph store could not be reached any more: the documents written before, and the
 * ones not written (the one in flight may or may not have been committed; a re-run tells, by its hash).
 */
export class IngestInterrupted extends Error {
  override readonly name = 'IngestInterrupted';
  readonly code = 'INGEST_INTERRUPTED';
  constructor(
    message: string,
    readonly written: string[],
    readonly notWritten: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
