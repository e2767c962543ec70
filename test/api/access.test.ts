/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Access labels on every read path. A restricted document (test/support/restricted.ts) is planted next to the
 * test corpus; every read operation the OpenAPI document lists is walked anonymously and with a public-only scoped
 * key: no answer may hold its words, ids, dates or values, and every answer must equal the one given before the
 * document existed (counts, facet values, evidence, related weights, path hops). A key that may read `restricted`
 * sees it wherever it belongs. Writes: a key writes only labels it may read and cannot take over their ids.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillAccessLabels } from '../../graph/access-backfill.js';
import { hashKey } from '../../src/keys.js';
import {
  LEAK_MARKERS,
  RESTRICTED_DATE,
  RESTRICTED_ID,
  RESTRICTED_LANGUAGE,
  RESTRICTED_TYPE,
  restrictedUpload,
} from '../support/restricted.js';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

const ADMIN = 'admin-key-0123456789';
const KEY = {
  public: 'reader-public-0123456789',
  restricted: 'reader-restricted-012345',
  writer: 'writer-public-0123456',
};
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const dir = mkdtempSync(join(tmpdir(), 'iwg-access-'));
const enc = encodeURIComponent;

let api: Api;
/** A public practice the restricted document repeats, so it merges across both. */
let shared: { id: string; text: string };
let restrictedPractice: string;

interface Read {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Search over approximate indexes: unreadable candidates take candidate slots, so only leaks are checked. */
  leaksOnly?: boolean;
}

/** Every read operation (by operationId) with the requests that walk it; the first test checks none is missing. */
function reads(): Record<string, Read[]> {
  const search = (body: object): Read => ({ method: 'POST', path: '/api/search', body, leaksOnly: true });
  const types = ['passage', 'practice', 'topic', 'trend', 'document'];
  return {
    searchGraph: [
      ...['hybrid', 'semantic', 'keyword'].map((mode) =>
        search({ query: 'Quillbrook zephyrine ledger Marrowgate Thailand', mode, types, limit: 50 }),
      ),
      search({ query: 'rotate ledger keys every fortnight', types, filters: { countries: ['country:TH'] } }),
      search({ query: 'insider', types: ['topic', 'trend'], filters: { countries: ['country:MY'] } }),
      search({
        query: 'memorandum',
        mode: 'keyword',
        types: ['document'],
        filters: { documentTypes: [RESTRICTED_TYPE] },
      }),
      { method: 'POST', path: '/api/search', body: { query: 'Quillbrook zephyrine', mode: 'keyword', types } },
    ],
    listFacets: [{ method: 'GET', path: '/api/facets' }],
    listDocumentTypes: [{ method: 'GET', path: '/api/document-types' }],
    countFacets: [
      { method: 'POST', path: '/api/facets', body: {} },
      { method: 'POST', path: '/api/facets', body: { filters: { countries: ['country:TH', 'country:MY'] } } },
      { method: 'POST', path: '/api/facets', body: { filters: { documentTypes: [RESTRICTED_TYPE] } } },
      ...['hybrid', 'semantic', 'keyword'].map((mode): Read => ({
        method: 'POST',
        path: '/api/facets',
        body: { query: 'Quillbrook zephyrine ledger Marrowgate Thailand', mode, limit: 50 },
        leaksOnly: true,
      })),
    ],
    relatePracticesToText: [
      {
        method: 'POST',
        path: '/api/practices/related',
        body: { text: 'rotate the Quillbrook zephyrine ledger keys every fortnight' },
        leaksOnly: true,
      },
    ],
    getPractice: [shared.id, restrictedPractice].map((id) => ({ method: 'GET', path: `/api/practices/${enc(id)}` })),
    relatePractices: [shared.id, restrictedPractice].map((id) => ({
      method: 'GET',
      path: `/api/practices/${enc(id)}/related?limit=50`,
    })),
    listEmergingTrends: ['year', 'quarter'].map((i) => ({ method: 'GET', path: `/api/trends?interval=${i}` })),
    listEmergingThemes: ['year', 'quarter'].map((i) => ({ method: 'GET', path: `/api/themes?interval=${i}` })),
    listEntities: [
      { method: 'GET', path: '/api/entities?type=country&limit=100' },
      { method: 'GET', path: '/api/entities?type=organisation&limit=100' },
      { method: 'GET', path: '/api/entities?q=thai' },
    ],
    getEntity: [
      ['country', 'country:TH'],
      ['country', 'country:MY'],
      ['organisation', 'organisation:inmm'],
      ['country', 'country:BE'],
      ['organisation', 'organisation:iaea'],
      ['organisation', 'organisation:iwg-steering-committee'],
      ['instrument', 'instrument:infcirc-908'],
      ['trend', 'trend:remote-work'],
    ].map(([type, id]) => ({ method: 'GET', path: `/api/entities/${type}/${enc(id)}` })),
    getNeighbourhood: [
      ['country', 'country:TH', 2],
      ['country', 'country:BE', 2],
      ['organisation', 'organisation:iwg-steering-committee', 1],
      ['country', 'country:BE', 1, '&limit=5'],
      ['country', 'country:BE', 2, '&factsOnly=true'],
      ['organisation', 'organisation:iaea', 2, '&minWeight=0.02&limit=10'],
    ].map(([type, id, depth, extra = '&practices=true&limit=100']) => ({
      method: 'GET',
      path: `/api/graph/neighborhood?type=${type}&id=${enc(String(id))}&depth=${depth}${extra}`,
    })),
    findLinkagePaths: [
      ['country:TH', 'organisation:iwg-steering-committee'],
      ['country:TH', 'instrument:infcirc-908'],
      ['country:BE', 'organisation:iaea'],
      ['country:MY', 'country:BE'],
      ['country:TH', 'organisation:iwg', '&factsOnly=true'],
    ].map(([from, to, extra = '']) => ({
      method: 'GET',
      path: `/api/graph/paths?from=${enc(from)}&to=${enc(to)}&maxHops=4${extra}`,
    })),
    // Communities are computed per access view, so a public reader's answer is exactly the one before the plant.
    listCommunities: [
      { method: 'GET', path: '/api/communities?limit=100&members=200&connectors=10' },
      { method: 'GET', path: '/api/communities?limit=1&members=3&connectors=1' },
    ],
    getDocument: [RESTRICTED_ID, 'corpus/documents/infcirc-908-iwg-brochure.txt'].map((id) => ({
      method: 'GET',
      path: `/api/documents/${enc(id)}`,
    })),
  };
}

/** An answer without what differs per call: timings, a problem's request id, when communities were computed. */
function comparable(body: any): any {
  const perCall = new Set(['took_ms', 'timings', 'requestId', 'computedAt']);
  return JSON.parse(JSON.stringify(body, (k, v) => (perCall.has(k) ? undefined : v)));
}

async function call(r: Read, headers: Record<string, string> = {}) {
  return r.method === 'GET' ? api.get(r.path, headers) : api.post(r.path, r.body, headers);
}

async function plant(headers = as(ADMIN)) {
  const res = await api.post('/api/documents', restrictedUpload(shared.text), headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

async function remove(id: string, key: string) {
  return fetch(`${api.url}/api/documents/${enc(id)}`, { method: 'DELETE', headers: as(key) });
}

const baseline = new Map<string, { status: number; body: any }>();
const keyOf = (r: Read) => `${r.method} ${r.path} ${JSON.stringify(r.body ?? null)}`;

beforeAll(async () => {
  const keysFile = join(dir, 'keys.yaml');
  const entry = (name: string, key: string, read: string[], write: boolean) =>
    `  - name: ${name}\n    sha256: ${hashKey(key)}\n    read: [${read.join(', ')}]\n    write: ${write}\n`;
  writeFileSync(
    keysFile,
    'keys:\n' +
      entry('public-reader', KEY.public, ['public'], false) +
      entry('restricted-reader', KEY.restricted, ['public', 'restricted'], false) +
      entry('public-writer', KEY.writer, ['public'], true),
  );
  api = await startApi({
    IWG_API_KEYS: ADMIN,
    IWG_KEYS_FILE: keysFile,
    IWG_RATE_LIMIT_PER_MINUTE: '100000',
    IWG_QUERY_TIMEOUT_MS: '60000',
  });
  await ingestTestCorpus(api.runtime);
  const found = await api.post('/api/search', { query: 'should', mode: 'keyword', types: ['practice'] });
  shared = { id: found.body.results[0].id, text: found.body.results[0].text };
  // Plant once to learn the restricted practice's id, then take the document away to record what every read
  // answered before it existed.
  await plant();
  const own = await api.post(
    '/api/search',
    { query: 'rotate Quillbrook ledger keys fortnight', mode: 'keyword', types: ['practice'] },
    as(ADMIN),
  );
  restrictedPractice = own.body.results[0].id;
  expect((await remove(RESTRICTED_ID, ADMIN)).status).toBe(204);
  for (const r of Object.values(reads()).flat()) {
    const res = await call(r);
    baseline.set(keyOf(r), { status: res.status, body: comparable(res.body) });
  }
  await plant();
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('when the restricted document is planted', () => {
  it('then the admin sees it merged into the shared practice and quoting its own one (the plant took)', async () => {
    const merged = await api.get(`/api/practices/${enc(shared.id)}`, as(ADMIN));
    expect(merged.body.sources.map((s: any) => s.document.id)).toContain(RESTRICTED_ID);
    expect(merged.body.sources.length).toBeGreaterThan(1);
    const own = await api.get(`/api/practices/${enc(restrictedPractice)}`, as(ADMIN));
    expect(own.body.text).toMatch(/Quillbrook/);
  });

  it('then every read operation of the OpenAPI document is walked', async () => {
    const doc = await api.get('/api/openapi.json');
    const operations = Object.values(doc.body.paths as Record<string, Record<string, any>>).flatMap((ops) =>
      Object.values(ops),
    );
    const readOps = operations
      .filter((op) => op.tags?.[0] !== 'service' && (op.security ?? []).some((s: any) => !('apiKey' in s)))
      .map((op) => op.operationId as string);
    expect(readOps.length).toBeGreaterThanOrEqual(11);
    expect(Object.keys(reads()).sort()).toEqual([...readOps].sort());
  });

  for (const [who, headers] of [
    ['an anonymous caller', {}],
    ['a public-only key', as(KEY.public)],
  ] as const) {
    it(`then ${who} finds none of it in any answer, and every answer is the one given before it existed`, async () => {
      let walked = 0;
      for (const [op, requests] of Object.entries(reads())) {
        for (const r of requests) {
          const res = await call(r, headers);
          // A 404 names the id the caller asked for (detail, instance): all else must hold nothing of the document.
          const { detail: _d, instance: _i, ...told } = res.status === 404 ? res.body : { ...res.body };
          const text = JSON.stringify(res.status === 404 ? told : res.body);
          expect(text, `${op} ${r.path}`).not.toMatch(LEAK_MARKERS);
          expect(text, `${op} ${r.path}`).not.toContain(restrictedPractice);
          const before = baseline.get(keyOf(r))!;
          expect(res.status, `${op} ${r.path}`).toBe(before.status);
          if (!r.leaksOnly) expect(comparable(res.body), `${op} ${r.path}`).toEqual(before.body);
          walked++;
        }
      }
      expect(walked).toBeGreaterThan(30);
    });
  }

  it('then searches for its words find nothing of it, and no total counts it', async () => {
    for (const mode of ['hybrid', 'semantic', 'keyword']) {
      const res = await api.post('/api/search', {
        query: 'Quillbrook zephyrine Marrowgate',
        mode,
        types: ['passage', 'practice', 'document'],
        limit: 50,
      });
      expect(res.body.results.every((h: any) => h.document?.id !== RESTRICTED_ID)).toBe(true);
    }
    const keyword = await api.post('/api/search', { query: 'Quillbrook zephyrine', mode: 'keyword' });
    expect(keyword.body.total).toBe(0);
  });

  it('then, anonymously, its entities, facts, links and practice are nowhere', async () => {
    const facets = await api.get('/api/facets');
    expect(facets.body.countries.map((c: any) => c.id)).not.toContain('country:TH');
    expect(facets.body.documentTypes).not.toContain(RESTRICTED_TYPE);
    expect(facets.body.languages).not.toContain(RESTRICTED_LANGUAGE);
    expect(facets.body.dateRange.to < RESTRICTED_DATE).toBe(true);
    const thailand = await api.get(`/api/entities/country/${enc('country:TH')}`);
    expect(thailand.body).toMatchObject({ relations: [], passages: [], practices: [], related: [] });
    const paths = await api.get(`/api/graph/paths?from=country%3ATH&to=${enc('organisation:iwg-steering-committee')}`);
    expect(paths.body.paths).toEqual([]);
    const around = await api.get('/api/graph/neighborhood?type=country&id=country%3ATH&depth=2');
    expect(around.body.nodes.map((n: any) => n.id)).toEqual(['country:TH']);
    expect((await api.get(`/api/practices/${enc(restrictedPractice)}`)).status).toBe(404);
    expect((await api.get(`/api/documents/${enc(RESTRICTED_ID)}`)).status).toBe(404);
    const merged = await api.get(`/api/practices/${enc(shared.id)}`);
    expect(merged.body.sources.map((s: any) => s.document.id)).not.toContain(RESTRICTED_ID);
    expect(merged.body.text).toBe(shared.text);
    const trends = await api.get('/api/trends?interval=year');
    expect(trends.body.periods).not.toContain('2031');
  });
});

describe('when a key may read restricted documents', () => {
  const get = (path: string) => api.get(path, as(KEY.restricted));

  it('then search, facets, documents and trends show the restricted document', async () => {
    const hits = await api.post(
      '/api/search',
      { query: 'Quillbrook zephyrine', mode: 'keyword', types: ['passage', 'practice', 'document'] },
      as(KEY.restricted),
    );
    const ids = hits.body.results.map((h: any) => `${h.type}|${h.type === 'practice' ? h.id : h.document?.id}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        `passage|${RESTRICTED_ID}`,
        `document|${RESTRICTED_ID}`,
        `practice|${restrictedPractice}`,
      ]),
    );
    const facets = await get('/api/facets');
    expect(facets.body.countries.map((c: any) => c.id)).toEqual(expect.arrayContaining(['country:TH', 'country:MY']));
    expect(facets.body.documentTypes).toContain(RESTRICTED_TYPE);
    expect(facets.body.languages).toContain(RESTRICTED_LANGUAGE);
    expect(facets.body.dateRange.to).toBe(RESTRICTED_DATE);
    expect((await get(`/api/documents/${enc(RESTRICTED_ID)}`)).body.access).toBe('restricted');
    const trends = await get('/api/trends?interval=year');
    expect(trends.body.periods.at(-1)).toBe('2031');
  });

  it('then entities, practices, neighbourhood and paths carry its evidence and weights', async () => {
    const thailand = await get(`/api/entities/country/${enc('country:TH')}`);
    const member = thailand.body.relations.find((r: any) => r.type === 'MEMBER_OF');
    expect(member.other.id).toBe('organisation:iwg-steering-committee');
    expect(member.evidence[0].document.id).toBe(RESTRICTED_ID);
    expect(thailand.body.passages.length).toBeGreaterThan(0);
    expect(thailand.body.related.map((r: any) => r.id)).toEqual(
      expect.arrayContaining(['country:MY', 'organisation:inmm']),
    );
    const restrictedBelgium = await get(`/api/entities/country/${enc('country:BE')}`);
    const publicBelgium = await api.get(`/api/entities/country/${enc('country:BE')}`);
    const iaea = (body: any) => body.related.find((r: any) => r.id === 'organisation:iaea')?.weight ?? 0;
    expect(iaea(restrictedBelgium.body)).toBe(iaea(publicBelgium.body) + 1);
    const merged = await get(`/api/practices/${enc(shared.id)}`);
    expect(merged.body.sources.map((s: any) => s.document.id)).toContain(RESTRICTED_ID);
    expect((await get(`/api/practices/${enc(restrictedPractice)}`)).status).toBe(200);
    const around = await get('/api/graph/neighborhood?type=country&id=country%3ATH&depth=1');
    expect(around.body.nodes.length).toBeGreaterThan(1);
    const paths = await get(`/api/graph/paths?from=country%3ATH&to=${enc('organisation:iwg-steering-committee')}`);
    expect(paths.body.paths[0].hops[0].evidence[0].document.id).toBe(RESTRICTED_ID);
  });
});

describe('when keys write', () => {
  it('then a key writes only labels it may read, and cannot take over or delete what it cannot read', async () => {
    const upload = restrictedUpload();
    const labelled = await api.post('/api/documents', upload, as(KEY.writer));
    expect(labelled.status).toBe(403);
    expect(labelled.headers.get('content-type')).toMatch(/problem\+json/);
    expect(labelled.body.detail).toMatch(/labelled restricted/);
    const takeover = { text: 'Harmless public text.', metadata: { source: RESTRICTED_ID, access: 'public' } };
    const taken = await api.post('/api/documents', takeover, as(KEY.writer));
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toMatch(/may not replace/);
    expect((await remove(RESTRICTED_ID, KEY.writer)).status).toBe(404);
    expect((await api.post('/api/documents', takeover, as(KEY.restricted))).status).toBe(403);
    const still = await api.get(`/api/documents/${enc(RESTRICTED_ID)}`, as(ADMIN));
    expect(still.body.passages.map((p: any) => p.text).join(' ')).toMatch(/Quillbrook/);
  });

  it('then an unknown key is refused even where reads are open', async () => {
    const res = await api.get('/api/facets', as('not-a-key-0123456789'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
  });
});

describe('when the graph was written before access labels were enforced', () => {
  it('then the start-up backfill restores fact labels and per-label co-occurrence', async () => {
    const graph = api.runtime.graph;
    const strip = {
      cypher: `MATCH (:Entity)-[r]->(:Entity) WHERE r.access IS NOT NULL OR r.accessLabels IS NOT NULL
               REMOVE r.access, r.accessLabels, r.accessWeights RETURN count(r) AS n`,
      params: {},
    };
    const [[stripped]] = await graph.write([strip]);
    expect(Number(stripped.n)).toBeGreaterThan(0);
    expect((await api.get(`/api/entities/country/${enc('country:TH')}`, as(KEY.restricted))).body.related).toEqual([]);
    const sut = await backfillAccessLabels(graph);
    expect(sut.facts).toBeGreaterThan(0);
    expect(sut.cooccurrence).toBe(true);
    const thailand = await api.get(`/api/entities/country/${enc('country:TH')}`, as(KEY.restricted));
    expect(thailand.body.related.length).toBeGreaterThan(0);
    const before = baseline.get(keyOf(reads().getEntity[3]))!;
    expect(comparable((await api.get(reads().getEntity[3].path)).body)).toEqual(before.body);
  });
});
