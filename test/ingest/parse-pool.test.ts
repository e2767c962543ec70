import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { isIngestError } from '../../ingest/errors.js';
import { parseFile } from '../../ingest/parse.js';
import { createParsePool, type DocumentParser } from '../../ingest/parse-pool.js';

const fixture = (path: string): Promise<Buffer> => readFile(new URL(`../fixtures/${path}`, import.meta.url));
const pools: DocumentParser[] = [];
const open = (...args: Parameters<typeof createParsePool>): DocumentParser => {
  const pool = createParsePool(...args);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('createParsePool', { timeout: 90_000 }, () => {
  it('when a document is parsed in the worker, then it equals the in-process parse', async () => {
    const sut = open();
    const bytes = await fixture('pdf/iwg-brochure.pdf');
    const source = { id: 'brochure', format: 'pdf' as const, path: 'iwg-brochure.pdf' };
    expect(await sut.parse(bytes, source)).toEqual(await parseFile(bytes, source));
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('when the worker refuses a file, then the typed error crosses over with its code and file', async () => {
    const sut = open();
    const err = await sut
      .parse(await fixture('pdf/corrupt.pdf'), { id: 'c', format: 'pdf', path: 'corrupt.pdf' })
      .catch((e) => e);
    expect(isIngestError(err, 'CORRUPT_PDF')).toBe(true);
    expect(err.message).toMatch(/^corrupt\.pdf: /);
  });

  it('when a parse outlives the deadline, then it is refused with PARSE_LIMIT and the next one is parsed', async () => {
    const sut = open({ timeoutMs: 300, workerScript: new URL('../support/slow-parse-worker.js', import.meta.url) });
    const text = new TextEncoder().encode('The IWG met in Vienna.');
    const err = await sut.parse(text, { id: 'slow', format: 'text', path: 'slow.txt' }).catch((e) => e);
    expect(isIngestError(err, 'PARSE_LIMIT')).toBe(true);
    expect(err.message).toBe('slow.txt: refused, parsing took longer than the 300 ms time limit');
    const fast = open();
    expect((await fast.parse(text, { id: 'next', format: 'text' })).text).toBe('The IWG met in Vienna.');
  });

  it('when a parse needs more memory than the limit, then it is refused with PARSE_LIMIT naming the limit', async () => {
    const sut = open({ maxMemoryMb: 64, timeoutMs: 60_000 });
    // 4 MB of empty elements: a DOM of a million nodes does not fit in 64 MB.
    const html = new TextEncoder().encode(`<html><body>${'<b></b>'.repeat(600_000)}<p>text</p></body></html>`);
    const err = await sut.parse(html, { id: 'big', format: 'html', path: 'big.html' }).catch((e) => e);
    expect(isIngestError(err, 'PARSE_LIMIT')).toBe(true);
    expect(err.message).toBe('big.html: refused, parsing needs more than the 64 MB memory limit');
    expect((await sut.parse(new TextEncoder().encode('<p>after</p>'), { id: 'after', format: 'html' })).text).toBe(
      'after',
    );
  });

  it('when a parser leaves a promise rejection nobody handles, then the pool reports it and keeps parsing', async () => {
    const stray: string[] = [];
    const sut = open({
      workerScript: new URL('../support/stray-parse-worker.js', import.meta.url),
      onStrayError: (m) => stray.push(m),
    });
    const text = new TextEncoder().encode('The IWG met in Vienna.');
    for (const id of ['one', 'two']) expect((await sut.parse(text, { id, format: 'text' })).text).toContain('Vienna');
    await new Promise((r) => setTimeout(r, 50));
    expect(stray).toContain('FormatError: Invalid number: y (charCode 121)');
  });
});
