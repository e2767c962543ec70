/**
 * Every input the hostile probe found slowing or upsetting the parsers (test/fixtures/reliability, gzipped) goes
 * through ingest's parse path — the parse worker, then chunkText — and ends parsed or refused with a typed error,
 * within seconds. Before the fixes they took 5 s to over 60 s each, or overflowed the stack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkText } from '../../ingest/chunk.js';
import { isIngestError } from '../../ingest/errors.js';
import { detectFormat } from '../../ingest/parse.js';
import { createParsePool } from '../../ingest/parse-pool.js';

const DIR = new URL('../fixtures/reliability/', import.meta.url);
// Far above the production deadline (20 s), for a machine under load: every reproducer parses or is refused in about
// 0.1 to 16 s here. pdf-hang-nested.pdf parses in 8 to 16 s on this 2-core machine but in under 5 s on a faster one
// (a 5 s deadline failed CI there), so its refusal is tested at a deadline no machine parses it within.
const DEADLINE_MS = 60_000;
const NESTED_PDF_DEADLINE_MS = 1_000;
const REFUSED: Record<string, RegExp> = {
  'html-hang-nested.html': /refused, elements nested deeper than 512 levels$/,
  'pdf-hang-hugeLine.pdf': /refused, page 2 has more than 200,000 characters of text$/,
  'pdf-hang-nested.pdf': /refused, parsing took longer than the 1000 ms time limit$/,
};
const parser = createParsePool({ timeoutMs: DEADLINE_MS });
const nestedPdfParser = createParsePool({ timeoutMs: NESTED_PDF_DEADLINE_MS });
afterAll(() => Promise.all([parser.close(), nestedPdfParser.close()]));

describe('the probe reproducers', { timeout: 240_000 }, () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.gz'));

  it('when the folder is read, then it holds every reproducer of the probe', () => {
    expect(files).toHaveLength(14);
  });

  it.each(files.map((f) => f.replace(/\.gz$/, '')))('when %s is ingested, then it ends in seconds', async (name) => {
    const bytes = gunzipSync(readFileSync(new URL(`${name}.gz`, DIR)));
    const nestedPdf = name === 'pdf-hang-nested.pdf';
    const sut = nestedPdf ? nestedPdfParser : parser;
    // The parse worker's start-up is not the parse.
    await sut.parse(new TextEncoder().encode('Warm-up.'), { id: 'warm-up', format: 'text' });
    const t0 = Date.now();
    const outcome = await sut
      .parse(bytes, { id: name, format: detectFormat(name), path: name })
      .then((doc) => ({ passages: chunkText(doc).length, error: null }))
      .catch((error: unknown) => ({ passages: 0, error }));
    const ms = Date.now() - t0;
    if (REFUSED[name]) {
      expect(isIngestError(outcome.error, 'PARSE_LIMIT')).toBe(true);
      expect((outcome.error as Error).message).toMatch(REFUSED[name]);
    } else {
      expect(outcome.error).toBeNull();
      expect(outcome.passages).toBeGreaterThan(0);
    }
    // A refusal at the deadline comes at the deadline: the stuck worker is ended, not waited for.
    expect(ms).toBeLessThan((nestedPdf ? NESTED_PDF_DEADLINE_MS : DEADLINE_MS) + 5_000);
  });

  it('when pdf-hang-nested.pdf is given time, then it is parsed, not lost', async () => {
    const bytes = gunzipSync(readFileSync(new URL('pdf-hang-nested.pdf.gz', DIR)));
    const doc = await parser.parse(bytes, { id: 'nested', format: 'pdf', path: 'pdf-hang-nested.pdf' });
    expect(chunkText(doc).length).toBeGreaterThan(0);
  });
});
