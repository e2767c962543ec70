/**
 * Adding documents: URL ingest only from allowed hosts (a local web server stands in for the web), and uploads
 * the API must refuse with a 4xx rather than fail with a 500.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';
import { startApi, type Api } from './helpers.js';

const KEY = 'documents-test-key';
const auth = { authorization: `Bearer ${KEY}` };
const PAGE =
  '<!doctype html><html><head><title>Walrus gate drill</title></head><body><h1>Walrus gate drill</h1>' +
  '<p>Guards at the walrus gate rehearse the two-person rule for vault access every month.</p></body></html>';

let runtime: Runtime;
let web: Server;
let origin: string;
let port: number;

beforeAll(async () => {
  runtime = await openTestRuntime();
  web = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/page.html' || path === '/news/item.aspx') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (path === '/elsewhere') {
      res.writeHead(302, { location: `http://localhost:${port}/page.html` });
      res.end();
    } else if (path === '/hop') {
      res.writeHead(301, { location: '/page.html' });
      res.end();
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (path === '/declared-big.txt') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
      res.end('b'.repeat(5000));
    } else if (path === '/streamed-big.txt') {
      // No Content-Length and no end: only counting the streamed bytes stops it before the fetch timeout.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('s'.repeat(1000)), 5);
      res.on('close', () => clearInterval(drip));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  port = (web.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise((resolve) => web?.close(resolve));
  await runtime?.close();
});

async function withApi(overrides: Record<string, string>, body: (api: Api) => Promise<void>) {
  const api = await startApi({ IWG_API_KEYS: KEY, ...overrides }, runtime);
  try {
    await body(api);
  } finally {
    await api.close();
  }
}

describe('when a document is added by URL', () => {
  it('then without IWG_FETCH_HOSTS URL ingest is refused with 403', async () => {
    await withApi({}, async (api) => {
      const res = await api.post('/api/documents', { url: `${origin}/page.html` }, auth);
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe('URL ingest is disabled: no hosts allowed (IWG_FETCH_HOSTS)');
    });
  });

  it('then a page on an allowed host is ingested and searchable, also through a redirect', async () => {
    await withApi({ IWG_FETCH_HOSTS: `example.org, 127.0.0.1:${port}` }, async (api) => {
      const res = await api.post('/api/documents', { url: `${origin}/page.html` }, auth);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ id: `${origin}/page.html`, status: 'added' });
      const found = await api.post('/api/search', { query: 'walrus gate', mode: 'keyword', types: ['passage'] });
      expect(found.body.results[0].document.id).toBe(`${origin}/page.html`);
      const hop = await api.post('/api/documents', { url: `${origin}/hop` }, auth);
      expect(hop.status, JSON.stringify(hop.body)).toBe(201);
    });
  });

  it('then the format comes from the Content-Type when the extension is not one the parser reads', async () => {
    await withApi({ IWG_FETCH_HOSTS: `127.0.0.1:${port}` }, async (api) => {
      const res = await api.post('/api/documents', { url: `${origin}/news/item.aspx` }, auth);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const doc = await api.get(`/api/documents/${encodeURIComponent(res.body.id)}`);
      expect(doc.body.passages.map((p: { text: string }) => p.text).join(' ')).toMatch(/two-person rule/);
      expect(doc.body.passages.map((p: { text: string }) => p.text).join(' ')).not.toMatch(/<p>/);
    });
  });

  it('then a host not on the list, or a redirect to one, is 403 naming the host', async () => {
    await withApi({ IWG_FETCH_HOSTS: `127.0.0.1:${port}` }, async (api) => {
      const other = await api.post('/api/documents', { url: `http://localhost:${port}/page.html` }, auth);
      expect(other.status).toBe(403);
      expect(other.body.detail).toContain(`localhost:${port}`);
      const redirected = await api.post('/api/documents', { url: `${origin}/elsewhere` }, auth);
      expect(redirected.status).toBe(403);
      expect(redirected.body.detail).toContain(`localhost:${port}`);
      const loop = await api.post('/api/documents', { url: `${origin}/loop` }, auth);
      expect(loop.status).toBe(422);
      expect(loop.body.detail).toMatch(/redirects/);
    });
  });

  it('then a body over the upload limit is 413, whether declared or streamed', { timeout: 15_000 }, async () => {
    await withApi({ IWG_FETCH_HOSTS: `127.0.0.1:${port}`, IWG_UPLOAD_LIMIT_BYTES: '1000' }, async (api) => {
      expect((await api.post('/api/documents', { url: `${origin}/declared-big.txt` }, auth)).status).toBe(413);
      expect((await api.post('/api/documents', { url: `${origin}/streamed-big.txt` }, auth)).status).toBe(413);
    });
  });
});

describe('when a multipart upload is malformed', () => {
  it('then a file under another field name is 400 saying to use the field file', async () => {
    await withApi({}, async (api) => {
      const form = new FormData();
      form.append('document', new Blob(['A note about otter patrols.']), 'note.txt');
      const res = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { detail: string; errors: { field: string }[] };
      expect(body.detail).toBe("unexpected file field document; send the document as field 'file'");
      expect(body.errors[0].field).toBe('document');
    });
  });

  it('then a truncated body or one without a boundary is 400', async () => {
    await withApi({}, async (api) => {
      const truncated =
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n' +
        'Content-Type: text/plain\r\n\r\nhalf a docu';
      const post = (contentType: string, body: string) =>
        fetch(`${api.url}/api/documents`, {
          method: 'POST',
          body,
          headers: { ...auth, 'content-type': contentType },
        });
      const cut = await post('multipart/form-data; boundary=XyZ', truncated);
      expect(cut.status).toBe(400);
      expect(((await cut.json()) as { detail: string }).detail).toMatch(/Unexpected end of form/);
      expect((await post('multipart/form-data', truncated)).status).toBe(400);
    });
  });
});

describe('when dates are not calendar dates', () => {
  it('then metadata, search filters and trend bounds with them are 400 naming the field', async () => {
    await withApi({}, async (api) => {
      const upload = await api.post(
        '/api/documents',
        { text: 'A note about heron patrols.', metadata: { date: '2023-13-01' } },
        auth,
      );
      expect(upload.status).toBe(400);
      expect(upload.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.metadata.date']);
      const form = new FormData();
      form.append('file', new Blob(['A note about heron patrols.']), 'heron.txt');
      form.append('metadata', JSON.stringify({ date: '2023-02-30' }));
      const multipart = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
      expect(multipart.status).toBe(400);
      expect(((await multipart.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
        'metadata.date',
      ]);
      const search = await api.post('/api/search', { query: 'heron', filters: { from: '2023-02-30' } });
      expect(search.status).toBe(400);
      expect(search.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.filters.from']);
      const trends = await api.get('/api/trends?to=2024-00-10');
      expect(trends.status).toBe(400);
      expect(trends.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.to']);
      expect((await api.get('/api/trends?from=2024-02-29')).status).toBe(200);
    });
  });
});

describe('when texts are added without a file name or source', () => {
  it('then each gets its own id from its content and neither replaces the other', async () => {
    await withApi({}, async (api) => {
      const first = await api.post('/api/documents', { text: 'Kestrel tower guards log every badge swipe.' }, auth);
      const second = await api.post('/api/documents', { text: 'Pelican dock crews escort all visitors.' }, auth);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect([first.body.status, second.body.status]).toEqual(['added', 'added']);
      expect(first.body.id).toMatch(/^upload:[0-9a-f]{16}$/);
      expect(second.body.id).not.toBe(first.body.id);
      for (const id of [first.body.id, second.body.id])
        expect((await api.get(`/api/documents/${encodeURIComponent(id)}`)).status).toBe(200);
      const again = await api.post('/api/documents', { text: 'Kestrel tower guards log every badge swipe.' }, auth);
      expect(again.body).toMatchObject({ id: first.body.id, status: 'unchanged' });
    });
  });
});

describe('when a JSON upload has an empty text', () => {
  it('then it is 400 naming body.text and saying the text is empty, not that a file is', async () => {
    await withApi({}, async (api) => {
      for (const text of ['   \n\t ', '']) {
        const res = await api.post('/api/documents', { text, metadata: { title: 'Blank' } }, auth);
        expect(res.status, JSON.stringify(text)).toBe(400);
        expect(res.body.errors, JSON.stringify(text)).toEqual([
          { field: 'body.text', message: expect.stringMatching(/^the text is empty/) },
        ]);
        expect(JSON.stringify(res.body)).not.toMatch(/file/);
      }
    });
  });
});
