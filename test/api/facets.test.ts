/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Facets count documents over the current result set (GET: every readable document; POST: a search's query, mode
 * and filters), an entity filter id that names no entity is a 400 naming it, and an unknown page path is the
 * page's own 404 while the API's stays a problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

let api: Api;

beforeAll(async () => {
  api = await startApi({ IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestTestCorpus(api.runtime);
});
afterAll(() => api?.close());

const countOf = (facets: any, field: string, id: string) => facets[field].find((e: any) => e.id === id)?.count ?? 0;
const sum = (values: { count: number }[]) => values.reduce((n, v) => n + v.count, 0);

describe('when facets are asked for', () => {
  it('then every value carries its document count, and types add up to the documents', async () => {
    const res = await api.get('/api/facets');
    expect(res.status).toBe(200);
    expect(res.body.documents).toBeGreaterThan(5);
    expect(sum(res.body.documentTypeCounts)).toBe(res.body.documents);
    expect(sum(res.body.languageCounts)).toBe(res.body.documents);
    expect(res.body.documentTypes).toEqual(res.body.documentTypeCounts.map((t: any) => t.value));
    const belgium = countOf(res.body, 'countries', 'country:BE');
    expect(belgium).toBeGreaterThan(0);
    expect(belgium).toBeLessThan(res.body.documents);
    expect((await api.post('/api/facets', {})).body).toEqual(res.body);
  });

  it('then a filter narrows the counts to the documents it keeps', async () => {
    const all = (await api.get('/api/facets')).body;
    const res = await api.post('/api/facets', { filters: { countries: ['country:BE'] } });
    expect(res.status).toBe(200);
    // Every kept passage mentions Belgium, so every kept document does.
    expect(res.body.documents).toBe(countOf(all, 'countries', 'country:BE'));
    expect(countOf(res.body, 'countries', 'country:BE')).toBe(res.body.documents);
    const newsletters = await api.post('/api/facets', { filters: { documentTypes: ['newsletter'] } });
    expect(newsletters.body.documentTypeCounts).toEqual([
      { value: 'newsletter', count: all.documentTypeCounts.find((t: any) => t.value === 'newsletter').count },
    ]);
    const dated = await api.post('/api/facets', { filters: { from: '2023-01-01' } });
    expect(dated.body.dateRange.from >= '2023-01-01').toBe(true);
    expect(dated.body.documents).toBeLessThan(all.documents);
  });

  it("then a query's counts are those of its result set, and change with the query and the mode", async () => {
    const all = (await api.get('/api/facets')).body;
    const remote = await api.post('/api/facets', { query: 'remote work from home', mode: 'keyword' });
    expect(remote.status).toBe(200);
    expect(remote.body.documents).toBeGreaterThan(0);
    expect(remote.body.documents).toBeLessThan(all.documents);
    expect(countOf(remote.body, 'trends', 'trend:remote-work')).toBeGreaterThan(0);
    const search = await api.post('/api/search', {
      query: 'remote work from home',
      mode: 'keyword',
      types: ['passage'],
      limit: 100,
    });
    // Every passage hit's document is counted, and nothing else.
    const hitDocuments = new Set(search.body.results.map((h: any) => h.document.id));
    const ranked = await api.post('/api/facets', { query: 'remote work from home', mode: 'keyword', limit: 100 });
    expect(ranked.body.documents).toBe(hitDocuments.size);
    const other = await api.post('/api/facets', { query: 'security culture assessment', mode: 'keyword' });
    expect(other.body).not.toEqual(remote.body);
    const semantic = await api.post('/api/facets', { query: 'remote work from home', mode: 'semantic' });
    expect(semantic.status).toBe(200);
    expect(semantic.body.documents).toBeGreaterThan(0);
    const filtered = await api.post('/api/facets', {
      query: 'remote work from home',
      mode: 'keyword',
      filters: { countries: ['country:BE'] },
    });
    expect(filtered.body.documents).toBeLessThanOrEqual(remote.body.documents);
    expect(countOf(filtered.body, 'countries', 'country:BE')).toBe(filtered.body.documents);
  });
});

describe('when a filter names an entity that does not exist', () => {
  for (const path of ['/api/search', '/api/facets']) {
    it(`then ${path} is a 400 naming the field and only the unknown ids`, async () => {
      const res = await api.post(path, {
        query: 'insider threat',
        mode: 'keyword',
        filters: { countries: ['country:BE', 'country:XX'], topics: ['topic:no-such-topic'] },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.title).toBe('Unknown filter id');
      expect(res.body.detail).toContain('country:XX');
      expect(res.body.detail).not.toContain('country:BE');
      expect(res.body.errors).toEqual([
        { field: 'body.filters.countries', message: 'unknown id: country:XX' },
        { field: 'body.filters.topics', message: 'unknown id: topic:no-such-topic' },
      ]);
    });
  }

  it('then an id of another kind is unknown to that filter, and known ids search as before', async () => {
    const wrongKind = await api.post('/api/search', { query: 'insider', filters: { trends: ['country:BE'] } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([{ field: 'body.filters.trends', message: 'unknown id: country:BE' }]);
    const known = await api.post('/api/search', {
      query: 'insider threat',
      mode: 'keyword',
      filters: { countries: ['country:BE'], focusGroups: [] },
    });
    expect(known.status).toBe(200);
    expect(known.body.total).toBeGreaterThan(0);
  });
});

describe('when a path is unknown', () => {
  const fetchAs = (path: string, accept: string) => fetch(api.url + path, { headers: { accept } });
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it('then a browser gets the page (its own not-found view) with status 404', async () => {
    for (const path of ['/no-such-page', '/practice/x/extra', '/docs/nope']) {
      const res = await fetchAs(path, BROWSER);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('<script type="module" src="/app.js">');
    }
  });

  it('then the API and non-browser callers still get a JSON problem 404', async () => {
    for (const [path, accept] of [
      ['/api/no-such-thing', BROWSER],
      ['/api', BROWSER],
      ['/no-such-page', '*/*'],
      ['/no-such-page', 'application/json'],
    ]) {
      const res = await fetchAs(path, accept);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/application\/problem\+json/);
      expect((await res.json()).status).toBe(404);
    }
  });
});
