/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Every read endpoint's happy path and 400/404 over the real pipeline's graph, hostile inputs that must change
 * nothing, and document upload/delete through the ingest service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSize, ingestTestCorpus, startApi, type Api } from './helpers.js';

const KEY = 'test-key-0123456789';
let api: Api;
const auth = { authorization: `Bearer ${KEY}` };

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: KEY, IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestTestCorpus(api.runtime);
});
afterAll(() => api?.close());

async function documentText(id: string): Promise<string> {
  const [doc] = await api.runtime.graph.read<{ text: string }>({
    cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text',
    params: { id },
  });
  return doc.text;
}

describe('when trends are asked for', () => {
  it('then the planted rising trend (remote work) ranks first, with evidence from the latest period', async () => {
    const res = await api.get('/api/trends?interval=year');
    expect(res.status).toBe(200);
    expect(res.body.periods).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    const [first, second] = res.body.trends;
    console.log(
      'trends:',
      res.body.trends.slice(0, 4).map((t: any) => `${t.entity.id} ${t.counts} z=${t.zScore} g=${t.growth}`),
    );
    expect(first.entity.id).toBe('trend:remote-work');
    expect(first.zScore).toBeGreaterThan(second.zScore);
    expect(first.evidence[0].document.date.startsWith('2024')).toBe(true);
    expect(first.evidence[0].text).toMatch(/remote|telework|home/i);
    expect(res.body.topics.length).toBeGreaterThan(0);
  });

  it("then a trend's evidence is the sentence naming it, with the name's offsets inside the sentence", async () => {
    const res = await api.get('/api/trends?interval=year');
    const remote = res.body.trends.find((t: any) => t.entity.id === 'trend:remote-work');
    expect(remote.evidence.length).toBeGreaterThan(0);
    for (const ev of remote.evidence) {
      const text = await documentText(ev.document.id);
      expect(text.slice(ev.span.start, ev.span.end)).toBe(ev.sentence);
      const [sentence] = await api.runtime.graph.read<{ n: number }>({
        cypher: 'MATCH (s:Sentence {documentId: $id}) WHERE s.start = $start AND s.end = $end RETURN count(s) AS n',
        params: { id: ev.document.id, start: ev.span.start, end: ev.span.end },
      });
      expect(sentence.n).toBe(1); // one sentence of the document, not a passage
      expect(ev.basis).toBe('mention');
      expect(ev.mentions.length).toBeGreaterThan(0);
      for (const m of ev.mentions) {
        expect(m.start).toBeGreaterThanOrEqual(ev.span.start);
        expect(m.end).toBeLessThanOrEqual(ev.span.end);
        expect(text.slice(m.start, m.end)).toMatch(/remote|telework|home/i);
      }
    }
  });

  it('then quarters and date bounds narrow the periods', async () => {
    const res = await api.get('/api/trends?interval=quarter&from=2022-01-01&to=2023-12-31');
    expect(res.status).toBe(200);
    expect(res.body.periods[0]).toBe('2022-Q1');
    expect(res.body.periods.at(-1)).toBe('2023-Q2');
  });

  it('then bad parameters are 400 naming the field', async () => {
    const res = await api.get('/api/trends?interval=decade&colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['query.interval', 'query']));
  });
});

describe('when entities are browsed', () => {
  it('then autocomplete matches names and aliases by prefix', async () => {
    const res = await api.get('/api/entities?q=belg&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ id: 'country:BE', type: 'country', name: 'Belgium' });
    const byType = await api.get('/api/entities?type=trend&limit=100');
    expect(byType.body.results.every((e: any) => e.type === 'trend')).toBe(true);
  });

  it('then Belgium co-chairs the IWG, with the evidence sentence and document offsets', async () => {
    const res = await api.get('/api/entities/country/country%3ABE');
    expect(res.status).toBe(200);
    const coChairs = res.body.relations.find((r: any) => r.type === 'CO_CHAIRS' && r.other.id === 'organisation:iwg');
    expect(coChairs.direction).toBe('out');
    const ev = coChairs.evidence[0];
    expect(ev.sentence).toMatch(/Co-chaired by the United States and Belgium/i);
    const [doc] = await api.runtime.graph.read<{ text: string }>({
      cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text',
      params: { id: ev.document.id },
    });
    expect(doc.text.slice(ev.span.start, ev.span.end)).toBe(ev.sentence);
    expect(ev.mentions.map((m: any) => doc.text.slice(m.start, m.end))).toEqual(['Belgium', 'IWG']);
    expect(res.body.passages.length).toBeGreaterThan(0);
    const [top] = res.body.passages;
    expect(top.text).toContain(top.evidence.sentence);
    expect(top.evidence.mentions.length).toBeGreaterThan(0);
    const topText = await documentText(top.evidence.document.id);
    for (const m of top.evidence.mentions) expect(topText.slice(m.start, m.end)).toMatch(/Belgi/);
    expect(res.body.related.length).toBeGreaterThan(0);
  });

  it('then an unknown entity or a kind mismatch is 404, a bad id 400', async () => {
    expect((await api.get('/api/entities/country/country%3AZZ')).status).toBe(404);
    expect((await api.get('/api/entities/topic/country%3ABE')).status).toBe(404);
    expect((await api.get('/api/entities/planet/country%3ABE')).status).toBe(400);
  });
});

describe('when the graph is explored', () => {
  it('then a path links Belgium to INFCIRC/908 with evidence on every hop', async () => {
    const res = await api.get('/api/graph/paths?from=country:BE&to=instrument:infcirc-908&maxHops=3&limit=4');
    expect(res.status).toBe(200);
    expect(res.body.paths.length).toBeGreaterThan(0);
    for (const p of res.body.paths) {
      expect(p.nodes[0].id).toBe('country:BE');
      expect(p.nodes.at(-1).id).toBe('instrument:infcirc-908');
      expect(p.hops).toHaveLength(p.length);
      for (const h of p.hops) expect(h.evidence.length).toBeGreaterThan(0);
    }
    expect(res.body.paths.some((p: any) => p.kind === 'strongest')).toBe(true);
  });

  it('then a co-occurrence hop cites the sentence naming both entities, with both names marked', async () => {
    const res = await api.get('/api/graph/paths?from=country:US&to=country:BE&maxHops=2&limit=10');
    expect(res.status).toBe(200);
    const [hop] = res.body.paths.find((p: any) => p.length === 1).hops;
    expect(hop.type).toBe('RELATED_TO');
    const [ev] = hop.evidence;
    expect(ev.sentence).toMatch(/United States[\s\S]*Belgium/);
    const text = await documentText(ev.document.id);
    expect(text.slice(ev.span.start, ev.span.end)).toBe(ev.sentence);
    expect(ev.mentions.map((m: any) => text.slice(m.start, m.end))).toEqual(['United States', 'Belgium']);
  });

  it('then a fact hop cites its sentence with both names marked', async () => {
    const res = await api.get('/api/graph/paths?from=country:BE&to=organisation:iwg&maxHops=1&limit=1');
    const [hop] = res.body.paths[0].hops;
    expect(hop.type).toBe('CO_CHAIRS');
    const text = await documentText(hop.evidence[0].document.id);
    expect(hop.evidence[0].mentions.map((m: any) => text.slice(m.start, m.end))).toEqual(['Belgium', 'IWG']);
  });

  it('then entities that share no passage are linked through the entities between them', async () => {
    const res = await api.get('/api/graph/paths?from=trend:remote-work&to=country:BE&maxHops=4&limit=3');
    expect(res.status).toBe(200);
    expect(res.body.paths.length).toBeGreaterThan(0);
    expect(res.body.paths[0].length).toBeGreaterThan(1);
  });

  it('then a path from an entity to itself is 400 on the field to', async () => {
    const res = await api.get('/api/graph/paths?from=country:BE&to=country:BE');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.to', message: 'from and to must differ' }]);
  });

  it('then the neighbourhood is bounded by limit and includes practices on request', async () => {
    const res = await api.get('/api/graph/neighborhood?type=country&id=country%3ABE&depth=2&limit=12&practices=true');
    expect(res.status).toBe(200);
    // The focus, then at most `limit` neighbours (practices included), stated-fact neighbours besides.
    const facts = res.body.nodes.filter((n: any) => n.score === 1).length - 1;
    expect(res.body.nodes.length).toBeLessThanOrEqual(1 + Math.max(12, facts));
    const wide = await api.get('/api/graph/neighborhood?type=country&id=country%3ABE&depth=2&limit=200&practices=true');
    expect(wide.body.nodes.some((n: any) => n.type === 'practice')).toBe(true);
    expect(res.body.nodes[0].id).toBe('country:BE');
    const ids = new Set(res.body.nodes.map((n: any) => n.id));
    for (const e of res.body.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect((await api.get('/api/graph/neighborhood?type=country&id=country:BE&depth=4')).status).toBe(400);
    expect((await api.get('/api/graph/neighborhood?type=country&id=country:ZZ')).status).toBe(404);
  });
});

describe('when practices are read', () => {
  it('then a practice has sources, and related practices carry a reason', async () => {
    const search = await api.post('/api/search', {
      query: 'remote access critical systems',
      types: ['practice'],
      limit: 1,
    });
    const id = search.body.results[0].id;
    const practice = await api.get(`/api/practices/${encodeURIComponent(id)}`);
    expect(practice.status).toBe(200);
    expect(practice.body.sources.length).toBeGreaterThan(0);
    const related = await api.get(`/api/practices/${encodeURIComponent(id)}/related?limit=3`);
    expect(related.status).toBe(200);
    expect(related.body.practice.id).toBe(id);
    expect(related.body.results.length).toBeLessThanOrEqual(3);
    for (const r of related.body.results) expect(r.reason).toMatch(/similar/);
    const byText = await api.post('/api/practices/related', {
      text: 'limit remote connections to plant networks',
      limit: 2,
    });
    expect(byText.status).toBe(200);
    expect(byText.body.results.length).toBeGreaterThan(0);
    const nonsense = await api.post('/api/practices/related', { text: 'xyzzyqwertyplugh', limit: 3 });
    expect(nonsense.status).toBe(200);
    expect(nonsense.body.confidence.level).toBe('low');
    for (const r of nonsense.body.results) expect(r.reason).toMatch(/^closest wording found, not similar/);
    const remote = await api.post('/api/practices/related', {
      text: 'Operators should forbid remote access to computer systems important to safety.',
      limit: 3,
    });
    const top = remote.body.results[0];
    expect(top.text).toMatch(/remote access to critical systems/);
    expect(top.sharedTopics.length).toBeGreaterThan(0);
    expect(top.reason).toMatch(/^similar wording \(cosine 0\.\d\d\); shares topics/);
    expect(remote.body.confidence.level).toBe('high');
    expect(remote.body.confidence.bestSimilarity).toBeGreaterThanOrEqual(2 * top.similarity - 1 - 1e-9);
    expect((await api.get('/api/practices/practice%3A000000000000')).status).toBe(404);
    expect((await api.get(`/api/practices/${encodeURIComponent(id)}/related?limit=0`)).status).toBe(400);
  });
});

describe('when a search is answered', () => {
  it('then it says how long embedding and Neo4j took, and a repeated query reuses its embedding', async () => {
    const query = 'timing split for background checks of contractors';
    const first = await api.post('/api/search', { query, mode: 'hybrid' });
    expect(first.status).toBe(200);
    const { embed_ms, graph_ms } = first.body.timings;
    expect(embed_ms).toBeGreaterThan(0);
    expect(graph_ms).toBeGreaterThan(0);
    expect(Math.abs(first.body.took_ms - (embed_ms + graph_ms))).toBeLessThanOrEqual(1);
    const again = await api.post('/api/search', { query, mode: 'hybrid' });
    expect(again.body.timings.embed_ms).toBeLessThan(embed_ms);
    const keyword = await api.post('/api/search', { query, mode: 'keyword' });
    expect(keyword.body.timings.embed_ms).toBeLessThan(1);
  });

  it('then every passage hit cites its best-matching sentence inside the passage, with exact offsets', async () => {
    const res = await api.post('/api/search', { query: 'remote access to safety systems', types: ['passage'] });
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const hit of res.body.results) {
      const [doc] = await api.runtime.graph.read<{ text: string }>({
        cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text',
        params: { id: hit.document.id },
      });
      expect(doc.text.slice(hit.match.span.start, hit.match.span.end)).toBe(hit.match.text);
      expect(hit.match.span.start).toBeGreaterThanOrEqual(hit.span.start);
      expect(hit.match.span.end).toBeLessThanOrEqual(hit.span.end);
    }
    expect(res.body.results[0].match.text.toLowerCase()).toContain('remote access');
  });

  it('then a real question is answered with high confidence and nonsense with "low" (no good match), in every mode', async () => {
    for (const mode of ['hybrid', 'semantic', 'keyword']) {
      const real = await api.post('/api/search', { query: 'remote access to safety systems', mode });
      expect(real.body.confidence.level, mode).toBe('high');
      const nonsense = await api.post('/api/search', { query: 'xyzzyqwertyplugh', mode });
      expect(nonsense.status).toBe(200);
      expect(nonsense.body.confidence.level, mode).toBe('low');
    }
  });
});

describe('when facets, documents and the reference are read', () => {
  it('then facets list only values present in the graph', async () => {
    const res = await api.get('/api/facets');
    expect(res.status).toBe(200);
    expect(res.body.documentTypes).toEqual(expect.arrayContaining(['brochure', 'newsletter', 'web-page']));
    expect(res.body.dateRange).toEqual({ from: '2019-06-15', to: '2024-09-30' });
    expect(res.body.countries.map((c: any) => c.id)).toContain('country:BE');
  });

  it('then a document is returned with its passages; an unknown one is 404', async () => {
    const res = await api.get(`/api/documents/${encodeURIComponent('corpus/documents/iwg-website-front-page.txt')}`);
    expect(res.status).toBe(200);
    expect(res.body.passages.length).toBeGreaterThan(1);
    expect((await api.get('/api/documents/nope')).status).toBe(404);
  });

  it('then the OpenAPI document and the rendered reference describe every route', async () => {
    const doc = await api.get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/search',
        '/api/trends',
        '/api/graph/paths',
        '/api/entities/{type}/{id}',
        '/api/documents',
      ]),
    );
    const html = await fetch(`${api.url}/docs`).then((r) => r.text());
    expect(html).toContain('/api/search');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
  });
});

describe('when clients send hostile input', () => {
  const hostile = [
    '"foo AND (bar',
    '*:*',
    '\\',
    "') DETACH DELETE n //",
    'title:x OR y~2 [a TO z] {b} ^3 /re/ && || !',
    'MATCH (n) DETACH DELETE n',
  ];

  it.each(hostile)('then %j is answered safely in every mode and changes nothing', async (query) => {
    const before = await graphSize(api.runtime);
    for (const mode of ['keyword', 'semantic', 'hybrid']) {
      const res = await api.post('/api/search', { query, mode });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.results)).toBe(true);
    }
    expect(await graphSize(api.runtime)).toEqual(before);
  });

  it('then huge strings, wrong types and unknown filters are 400 and change nothing', async () => {
    const before = await graphSize(api.runtime);
    const bad = [
      { query: 'x'.repeat(100_000) },
      { query: 42 },
      { query: 'ok', limit: '10' },
      { query: 'ok', limit: 1000 },
      { query: 'ok', mode: 'fuzzy' },
      { query: 'ok', filters: { planets: ['mars'] } },
      { query: 'ok', filters: { countries: ["x') DETACH DELETE n //"] } },
      { query: 'ok', extra: true },
      { query: '   ' },
    ];
    for (const body of bad) {
      const res = await api.post('/api/search', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await api.post('/api/search', '{"query": ')).status).toBe(400);
    expect((await api.get(`/api/entities?q=${'a'.repeat(5000)}`)).status).toBe(400);
    expect((await api.get(`/api/graph/paths?from=country:BE&to=x%27)%20DETACH%20DELETE%20n`)).status).toBe(400);
    expect(await graphSize(api.runtime)).toEqual(before);
  });
});

describe('when documents are added and deleted with the API key', () => {
  it('then a JSON text document is ingested, searchable, and deleted', async () => {
    const text =
      'Synthetic upload for the API test. The operator should rotate badge readers every quarter in the zebra wing.';
    const denied = await api.post('/api/documents', { text, metadata: { title: 'Upload' } });
    expect(denied.status).toBe(401);
    const added = await api.post(
      '/api/documents',
      { text, filename: 'upload.txt', metadata: { title: 'Upload', type: 'other' } },
      auth,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.status).toBe('added');
    const found = await api.post('/api/search', {
      query: 'zebra wing badge readers',
      mode: 'keyword',
      types: ['passage'],
    });
    expect(found.body.results[0].document.id).toBe(added.body.id);
    const again = await api.post(
      '/api/documents',
      { text, filename: 'upload.txt', metadata: { title: 'Upload', type: 'other' } },
      auth,
    );
    expect(again.body.status).toBe('unchanged');
    expect(again.body.passages).toBe(added.body.passages);
    expect(again.body.passages).toBeGreaterThan(0);
    const del = await fetch(`${api.url}/api/documents/${encodeURIComponent(added.body.id)}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(del.status).toBe(204);
    const gone = await fetch(`${api.url}/api/documents/${encodeURIComponent(added.body.id)}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(gone.status).toBe(404);
  });

  it('then a multipart upload works and bad metadata is 400', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# Synthetic note\n\nA synthetic multipart note about quokka patrols.']), 'note.md');
    form.append('metadata', JSON.stringify({ title: 'Multipart note', date: '2024-01-02' }));
    const res = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
    expect(res.status).toBe(201);
    const bad = new FormData();
    bad.append('file', new Blob(['text']), 'x.txt');
    bad.append('metadata', JSON.stringify({ colour: 'red' }));
    const badRes = await fetch(`${api.url}/api/documents`, { method: 'POST', body: bad, headers: auth });
    expect(badRes.status).toBe(400);
    const { id } = (await res.json()) as { id: string };
    expect(
      (await fetch(`${api.url}/api/documents/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(204);
  });
});
