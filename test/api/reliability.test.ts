/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * The service stays responsive and answers in problem+json whatever it is sent: a slow parse runs off the event
 * loop, a parser limit is a typed 422, Node's own parser errors and non-UTF-8 JSON get problems, and uploaded file
 * names are UTF-8 without folders, the same for multipart and JSON.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParsePool, type DocumentParser } from '../../ingest/parse-pool.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';
import { startApi, type Api } from './helpers.js';

const KEY = 'reliability-test-key';
const auth = { authorization: `Bearer ${KEY}` };
const reproducer = async (name: string): Promise<Buffer> =>
  gunzipSync(await readFile(new URL(`../fixtures/reliability/${name}.gz`, import.meta.url)));

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
});
afterAll(() => runtime?.close());

async function withApi(work: (api: Api) => Promise<void>, rt: Runtime = runtime): Promise<void> {
  const api = await startApi({ IWG_API_KEYS: KEY }, rt);
  try {
    await work(api);
  } finally {
    await api.close();
  }
}

/** Sends raw bytes and returns the raw response: Node's parser errors never reach fetch's well-formed requests. */
function sendRaw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('when an upload takes long to parse', () => {
  it(
    'then /health answers within 500 ms while it parses and the document is ingested',
    { timeout: 300_000 },
    async () => {
      // The 16,000-line text that took 20 s to parse on the event loop, parsed by a worker busy for 1.5 s first.
      const pool = createParsePool({ workerScript: new URL('../support/slow-parse-worker.js', import.meta.url) });
      // Started before the upload: a worker's start-up (loading the parsers) is not the parse being measured.
      await pool.parse(new TextEncoder().encode('Warm-up.'), { id: 'warm-up', format: 'text' });
      let parsing = false;
      const parser: DocumentParser = {
        parse: (...args) => ((parsing = true), pool.parse(...args).finally(() => (parsing = false))),
        close: () => pool.close(),
      };
      await withApi(
        async (api) => {
          const text = (await reproducer('text-quadratic-plain-16000-lines.txt')).toString('utf8');
          const upload = api.post('/api/documents', { text, filename: 'long-lines.txt' }, auth);
          let done = false;
          void upload.finally(() => (done = true));
          const duringParse: number[] = [];
          while (!done) {
            const t0 = Date.now();
            const wasParsing = parsing;
            expect((await fetch(`${api.url}/health`)).status).toBe(200);
            if (wasParsing && parsing) duringParse.push(Date.now() - t0);
            await new Promise((r) => setTimeout(r, 50));
          }
          expect((await upload).status).toBe(201);
          expect(duringParse.length).toBeGreaterThan(5);
          expect(Math.max(...duringParse)).toBeLessThan(500);
        },
        { ...runtime, parser },
      ).finally(() => parser.close());
    },
  );
});

describe('when an upload is over a parser limit', () => {
  it('then it is refused with 422 naming the limit and the file', async () => {
    await withApi(async (api) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await reproducer('html-hang-nested.html'))]), 'nested.html');
      const res = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await res.json()) as any).detail).toBe('nested.html: refused, elements nested deeper than 512 levels');
    });
  });
});

describe("when Node's HTTP parser refuses a request", () => {
  it('then a header over the size limit is 431 and a malformed Content-Length 400, both problem+json', async () => {
    await withApi(async (api) => {
      const big = await sendRaw(api.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      expect(big).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431 });
      const length = await sendRaw(api.url, 'POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}');
      expect(length).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(length.slice(length.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 400,
        detail: 'The Content-Length header is malformed or contradicts the body framing',
      });
    });
  });

  it('then JSON declared in another charset than UTF-8 is 415 naming the charset', async () => {
    await withApi(async (api) => {
      const res = await api.post('/api/documents', JSON.stringify({ text: 'Marten patrols.' }), {
        ...auth,
        'content-type': 'application/json; charset=utf-16',
      });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toBe('JSON bodies must be UTF-8; charset "utf-16" is not supported');
      const utf8 = await api.post('/api/documents', JSON.stringify({ text: 'Marten patrols.' }), {
        ...auth,
        'content-type': 'application/json; charset=UTF-8',
      });
      expect(utf8.status).toBe(201);
    });
  });
});

describe('when an uploaded file name has non-ASCII characters and folders', () => {
  it('then multipart and JSON uploads keep the UTF-8 name and drop the folders alike', async () => {
    await withApi(async (api) => {
      const form = new FormData();
      form.append('file', new Blob(['Ibex patrols guard the upper gate every night.']), 'dir/évil 🙂.md');
      const multipart = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
      expect(multipart.status).toBe(201);
      expect(((await multipart.json()) as any).id).toBe('upload:évil 🙂.md');
      const json = await api.post(
        '/api/documents',
        { text: 'Lynx patrols guard the lower gate every night.', filename: '../../../évil 🙂 2.md' },
        auth,
      );
      expect(json.status).toBe(201);
      expect(json.body.id).toBe('upload:évil 🙂 2.md');
      const windows = await api.post('/api/documents', { text: 'Owl patrols.', filename: 'C:\\docs\\owl.txt' }, auth);
      expect(windows.body.id).toBe('upload:owl.txt');
    });
  });
});
