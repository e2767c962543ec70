/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Access and failure statuses: 401/403 for keys, 413 for large bodies and uploads, 429 from the rate limit (on the
 * API only, not on the web page's files), 503 with Retry-After when Neo4j cannot be reached — each as
 * problem+json, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraph } from '../../graph/driver.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';
import { startApi } from './helpers.js';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
});
afterAll(() => runtime?.close());

const isProblem = (res: { headers: Headers; body: any }, status: number) => {
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    requestId: expect.any(String),
  });
};

describe('when no API keys are configured', () => {
  it('then reads are open and writes are refused with 403', async () => {
    const api = await startApi({}, runtime);
    try {
      expect((await api.get('/api/facets')).status).toBe(200);
      const res = await api.post('/api/documents', { text: 'x' });
      expect(res.status).toBe(403);
      isProblem(res, 403);
      expect(res.body.detail).toBe('writes disabled: no API keys configured');
    } finally {
      await api.close();
    }
  });
});

describe('when reads require a key', () => {
  it('then a missing or wrong key is 401 and the right key passes', async () => {
    const api = await startApi({ IWG_API_KEYS: 'alpha-key,beta-key', IWG_READ_REQUIRES_KEY: 'true' }, runtime);
    try {
      const missing = await api.get('/api/facets');
      expect(missing.status).toBe(401);
      isProblem(missing, 401);
      expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect((await api.get('/api/facets', { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await api.get('/api/facets', { authorization: 'Basic YWxwaGEta2V5' })).status).toBe(401);
      expect((await api.get('/api/facets', { authorization: 'Bearer beta-key' })).status).toBe(200);
      expect((await api.get('/health')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('when bodies are too large', () => {
  it('then JSON over the body limit and uploads over the upload limit are 413', async () => {
    const api = await startApi({ IWG_API_KEYS: 'k', IWG_BODY_LIMIT: '10kb', IWG_UPLOAD_LIMIT_BYTES: '1000' }, runtime);
    try {
      const big = await api.post('/api/search', { query: 'x', pad: 'y'.repeat(20_000) });
      expect(big.status).toBe(413);
      isProblem(big, 413);
      const form = new FormData();
      form.append('file', new Blob(['z'.repeat(5000)]), 'big.txt');
      const res = await fetch(`${api.url}/api/documents`, {
        method: 'POST',
        body: form,
        headers: { authorization: 'Bearer k' },
      });
      expect(res.status).toBe(413);
      const text = await api.post('/api/documents', { text: 'w'.repeat(3000) }, { authorization: 'Bearer k' });
      expect(text.status).toBe(413);
    } finally {
      await api.close();
    }
  });
});

describe('when a client exceeds the rate limit', () => {
  it('then it gets 429 as problem+json', async () => {
    const api = await startApi({ IWG_RATE_LIMIT_PER_MINUTE: '3' }, runtime);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.get('/api/entities?limit=1')).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      const res = await api.get('/api/entities?limit=1');
      isProblem(res, 429);
    } finally {
      await api.close();
    }
  });
});

describe('when a browser loads the web page more often than the API limit', () => {
  it('then the page, its files, /docs and the probes are not limited while /api still is', async () => {
    const api = await startApi({ IWG_RATE_LIMIT_PER_MINUTE: '3' }, runtime);
    try {
      const page = ['/', '/app.js', '/routes.js', '/styles.css', '/views/search.js', '/docs', '/trends', '/health'];
      for (let load = 0; load < 5; load++) {
        for (const path of page) {
          const res = await fetch(api.url + path, { headers: { accept: 'text/html,*/*;q=0.8' } });
          expect(res.status, `${path}, load ${load + 1}`).toBe(200);
          expect(res.headers.get('ratelimit-policy'), path).toBeNull();
        }
      }
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/entities?limit=1')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await fetch(api.url + '/app.js')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('when Neo4j is unavailable', () => {
  it('then reads are 503 with Retry-After and no internals', async () => {
    const graph = createGraph({
      uri: 'bolt://127.0.0.1:9',
      user: 'neo4j',
      password: '',
      database: 'neo4j',
      queryTimeoutMs: 1000,
    });
    const down: Runtime = { ...runtime, graph };
    const api = await startApi({}, down);
    try {
      const res = await api.get('/api/entities?type=country');
      expect(res.status).toBe(503);
      isProblem(res, 503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|bolt:|stack/i);
    } finally {
      await api.close();
      await graph.close();
    }
  });
});
