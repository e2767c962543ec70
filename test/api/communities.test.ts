/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Communities over the bundled corpus: the shape of GET /api/communities (disjoint members, connectors with
 * evidence sentences that are exact slices of their documents), the same answer after recomputing, the entity
 * page's community line, 400s, and no leak of a restricted document to callers who may not read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCommunities } from '../../src/ingest-service.js';
import { LEAK_MARKERS, RESTRICTED_ENTITIES, RESTRICTED_ID, restrictedUpload } from '../support/restricted.js';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

const ADMIN = 'admin-key-communities-0123';
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const enc = encodeURIComponent;
const ALL = '/api/communities?limit=100&members=200&connectors=10';

let api: Api;

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: ADMIN, IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestTestCorpus(api.runtime);
  // Another file may have left the restricted document behind: start without it.
  await fetch(`${api.url}/api/documents/${enc(RESTRICTED_ID)}`, { method: 'DELETE', headers: as(ADMIN) });
});
afterAll(async () => {
  if (api) await fetch(`${api.url}/api/documents/${enc(RESTRICTED_ID)}`, { method: 'DELETE', headers: as(ADMIN) });
  await api?.close();
});

/** An answer without the time it was computed. */
const withoutTime = (body: any) => ({ ...body, computedAt: null });

async function documentText(id: string): Promise<string> {
  const [doc] = await api.runtime.graph.read<{ text: string }>({
    cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text',
    params: { id },
  });
  return doc.text;
}

describe('when the communities are asked for', () => {
  it('then each entity is in at most one community, largest first, members by PageRank', async () => {
    const res = await api.get(ALL);
    expect(res.status).toBe(200);
    const { communities, total, seed } = res.body;
    expect(communities.length).toBeGreaterThan(1);
    expect(total).toBe(communities.length);
    expect(seed).toBe(908);
    const seen = new Set<string>();
    communities.forEach((c: any, i: number) => {
      expect(c.ordinal).toBe(i + 1);
      expect(c.size).toBeGreaterThanOrEqual(2);
      expect(c.members).toHaveLength(c.size);
      if (i > 0) expect(c.size).toBeLessThanOrEqual(communities[i - 1].size);
      expect(c.name).toContain(c.members[0].name);
      for (const m of c.members) {
        expect(seen.has(m.id), m.id).toBe(false);
        seen.add(m.id);
      }
      const byRank = c.connectors.filter((k: any) => k.by.includes('pagerank')).map((k: any) => k.entity.id);
      expect(byRank).toEqual(c.members.slice(0, byRank.length).map((m: any) => m.id));
    });
    const few = await api.get('/api/communities?limit=1&members=2&connectors=1');
    expect(few.body.communities).toHaveLength(1);
    expect(few.body.communities[0].members).toHaveLength(2);
    expect(few.body.total).toBe(total);
  });

  it("then every connector's link lies inside its community and its evidence is an exact sentence of a document", async () => {
    const { communities } = (await api.get(ALL)).body;
    let evidenced = 0;
    for (const c of communities) {
      const ids = new Set(c.members.map((m: any) => m.id));
      for (const k of c.connectors) {
        expect(ids.has(k.entity.id)).toBe(true);
        if (!k.link) continue;
        expect(ids.has(k.link.other.id)).toBe(true);
        expect(k.link.strength).toBeGreaterThan(0);
        expect(k.link.strength).toBeLessThanOrEqual(1);
        for (const e of k.evidence) {
          const text = await documentText(e.document.id);
          expect(text.slice(e.span.start, e.span.end)).toBe(e.sentence);
          for (const m of e.mentions) {
            expect(m.start).toBeGreaterThanOrEqual(e.span.start);
            expect(m.end).toBeLessThanOrEqual(e.span.end);
          }
          evidenced++;
        }
      }
    }
    expect(evidenced).toBeGreaterThan(0);
  });

  it('then recomputing twice gives the same communities, members, scores and connectors', async () => {
    const before = (await api.get(ALL)).body;
    const first = await recomputeCommunities(api.runtime.graph);
    const once = (await api.get(ALL)).body;
    await recomputeCommunities(api.runtime.graph);
    const twice = (await api.get(ALL)).body;
    expect(first.views.map((v) => v.view)).toEqual(['public', 'restricted', 'public|restricted']);
    expect(withoutTime(once)).toEqual(withoutTime(before));
    expect(withoutTime(twice)).toEqual(withoutTime(once));
    expect(twice.computedAt >= before.computedAt).toBe(true);
  });

  it("then an entity's page names its community and the other members", async () => {
    const [community] = (await api.get(ALL)).body.communities;
    const [first, second] = community.members;
    const page = await api.get(`/api/entities/${first.type}/${enc(first.id)}`);
    expect(page.status).toBe(200);
    expect(page.body.community).toMatchObject({ id: community.id, size: community.size, name: community.name });
    expect(page.body.community.members[0]).toEqual(second);
    expect(page.body.community.members.map((m: any) => m.id)).not.toContain(first.id);
  });

  it('then bad parameters are a 400 problem naming the field', async () => {
    for (const q of ['limit=0', 'members=abc', 'connectors=11', 'view=restricted']) {
      const res = await api.get(`/api/communities?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const res = await api.get('/api/communities?limit=0');
    expect(JSON.stringify(res.body.errors)).toMatch(/limit/);
  });
});

describe('when a restricted document is planted', () => {
  it('then callers who may not read it get the same communities as before, and none of its entities or words', async () => {
    const before = (await api.get(ALL)).body;
    const thailandBefore = (await api.get(`/api/entities/country/${enc('country:TH')}`)).body;
    const planted = await api.post('/api/documents', restrictedUpload(), as(ADMIN));
    expect(planted.status).toBe(201);

    const after = await api.get(ALL);
    expect(JSON.stringify(after.body)).not.toMatch(LEAK_MARKERS);
    expect(withoutTime(after.body)).toEqual(withoutTime(before));
    const members = after.body.communities.flatMap((c: any) => c.members.map((m: any) => m.id));
    for (const id of RESTRICTED_ENTITIES) expect(members).not.toContain(id);
    const evidence = after.body.communities.flatMap((c: any) => c.connectors.flatMap((k: any) => k.evidence));
    expect(evidence.every((e: any) => e.document.id !== RESTRICTED_ID)).toBe(true);

    const thailand = await api.get(`/api/entities/country/${enc('country:TH')}`);
    expect(thailand.body.community).toBeNull();
    expect(thailand.body).toEqual(thailandBefore);
    const belgium = (await api.get(`/api/entities/country/${enc('country:BE')}`)).body.community;
    expect(JSON.stringify(belgium)).not.toMatch(/country:TH|country:MY|organisation:inmm/);
  });

  it('then a key that may read it sees its entities in a community of its own view', async () => {
    const all = (await api.get(ALL, as(ADMIN))).body;
    expect(all.communities[0].id).toMatch(/^community:public\|restricted:/);
    const members = all.communities.flatMap((c: any) => c.members.map((m: any) => m.id));
    expect(members).toEqual(expect.arrayContaining(['country:TH', 'country:MY']));
    const thailand = await api.get(`/api/entities/country/${enc('country:TH')}`, as(ADMIN));
    expect(thailand.body.community).not.toBeNull();
  });
});
