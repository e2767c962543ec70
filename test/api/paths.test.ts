/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Linkage paths over the bundled corpus: stated facts rank before co-occurrence, co-occurrence strengths are a
 * normalised association below 1, `factsOnly` keeps stated facts alone, and every hop's evidence marks both ends;
 * a hop says which way its stored fact points, a path's kind says what it is, and an unknown endpoint is named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

let api: Api;

beforeAll(async () => {
  api = await startApi({ IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestTestCorpus(api.runtime);
});
afterAll(() => api?.close());

const enc = encodeURIComponent;
const pathsBetween = (from: string, to: string, extra = '') =>
  api.get(`/api/graph/paths?from=${enc(from)}&to=${enc(to)}${extra}`);

/** Each entity's name and aliases, lower-cased: what a marked mention of it may read. */
async function namesOf(ids: string[]): Promise<Map<string, string[]>> {
  const rows = await api.runtime.graph.read<{ id: string; names: string[] }>({
    cypher:
      'UNWIND $ids AS eid MATCH (e:Entity {id: eid}) RETURN e.id AS id, [e.name] + coalesce(e.aliases, []) AS names',
    params: { ids },
  });
  return new Map(rows.map((r) => [r.id, r.names.map((n) => n.toLowerCase())]));
}

async function documentText(id: string): Promise<string> {
  const [doc] = await api.runtime.graph.read<{ text: string }>({
    cypher: 'MATCH (d:Document {id: $id}) RETURN d.text AS text',
    params: { id },
  });
  return doc.text;
}

describe('when the paths from the United States to Belgium are asked for', () => {
  it('then the stated co-chair path comes first, with strength 1 and a CO_CHAIRS fact on each hop', async () => {
    const res = await pathsBetween('country:US', 'country:BE', '&maxHops=2&limit=10');
    expect(res.status).toBe(200);
    const [first] = res.body.paths;
    expect(first.nodes.map((n: any) => n.id)).toEqual(['country:US', 'organisation:iwg', 'country:BE']);
    expect(first.hops.map((h: any) => h.type)).toEqual(['CO_CHAIRS', 'CO_CHAIRS']);
    expect(first.strength).toBe(1);
  });

  it('then strengths never rise down the list and co-occurrence paths differ in strength, each below 1', async () => {
    const res = await pathsBetween('country:US', 'country:BE', '&maxHops=2&limit=10');
    const strengths: number[] = res.body.paths.map((p: any) => p.strength);
    console.log(
      'US→BE paths:',
      res.body.paths.map((p: any) => `${p.nodes.map((n: any) => n.id).join('>')} ${p.strength}`),
    );
    expect(strengths.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < strengths.length; i++) expect(strengths[i]).toBeLessThanOrEqual(strengths[i - 1]);
    const cooccurrence = res.body.paths.filter((p: any) => p.hops.some((h: any) => h.type === 'RELATED_TO'));
    expect(cooccurrence.length).toBeGreaterThanOrEqual(2);
    for (const p of cooccurrence) {
      expect(p.strength).toBeGreaterThan(0);
      expect(p.strength).toBeLessThan(1);
      for (const h of p.hops.filter((x: any) => x.type === 'RELATED_TO')) expect(h.strength).toBeLessThan(1);
    }
    expect(new Set(cooccurrence.map((p: any) => p.strength)).size).toBeGreaterThan(1);
  });

  it('then factsOnly returns only stated-fact hops', async () => {
    const res = await pathsBetween('country:US', 'country:BE', '&maxHops=3&limit=10&factsOnly=true');
    expect(res.status).toBe(200);
    expect(res.body.paths.length).toBeGreaterThan(0);
    for (const p of res.body.paths) {
      expect(p.strength).toBe(1);
      for (const h of p.hops) expect(h.type).not.toBe('RELATED_TO');
    }
    expect((await pathsBetween('country:US', 'country:BE', '&factsOnly=yes')).status).toBe(400);
  });

  it("then every hop's evidence is document text marking a name of each end inside it", async () => {
    const res = await pathsBetween('country:US', 'country:BE', '&maxHops=2&limit=10');
    const hops = res.body.paths.flatMap((p: any) => p.hops);
    const names = await namesOf([...new Set<string>(hops.flatMap((h: any) => [h.from.id, h.to.id]))]);
    for (const h of hops) {
      expect(h.evidence.length).toBeGreaterThan(0);
      for (const ev of h.evidence) {
        const text = await documentText(ev.document.id);
        expect(text.slice(ev.span.start, ev.span.end)).toBe(ev.sentence);
        if (ev.basis === 'meaning') continue; // an entity linked by meaning has no name to mark
        const marked = ev.mentions.map((m: any) => text.slice(m.start, m.end).toLowerCase());
        for (const m of ev.mentions) {
          expect(m.start).toBeGreaterThanOrEqual(ev.span.start);
          expect(m.end).toBeLessThanOrEqual(ev.span.end);
        }
        const names_ = (id: string) => names.get(id) ?? [];
        expect(
          marked.some((t: string) => names_(h.from.id).includes(t)),
          `${h.from.id} in ${ev.sentence}`,
        ).toBe(true);
        expect(
          marked.some((t: string) => names_(h.to.id).includes(t)),
          `${h.to.id} in ${ev.sentence}`,
        ).toBe(true);
      }
    }
  });
});

/** How many `type` relationships the graph stores from `source` to `target`: the truth a hop's direction states. */
async function storedFacts(source: string, type: string, target: string): Promise<number> {
  const [row] = await api.runtime.graph.read<{ n: number }>({
    cypher: 'MATCH (:Entity {id: $source})-[r]->(:Entity {id: $target}) WHERE type(r) = $type RETURN count(r) AS n',
    params: { source, type, target },
  });
  return Number(row.n);
}

describe('when a path walks a stated fact against the way it is stored', () => {
  it('then the hop keeps the walking order and says the fact points backward, as the graph stores it', async () => {
    // The graph states (United States)-[:CO_CHAIRS]->(IWG), not the reverse: walking IWG → US goes against it.
    expect(await storedFacts('country:US', 'CO_CHAIRS', 'organisation:iwg')).toBeGreaterThan(0);
    expect(await storedFacts('organisation:iwg', 'CO_CHAIRS', 'country:US')).toBe(0);
    const against = await pathsBetween('organisation:iwg', 'country:US', '&maxHops=1&factsOnly=true');
    expect(against.status).toBe(200);
    const [hop] = against.body.paths[0].hops;
    expect([hop.from.id, hop.to.id, hop.type]).toEqual(['organisation:iwg', 'country:US', 'CO_CHAIRS']);
    expect(hop.direction).toBe('backward');
    const along = await pathsBetween('country:US', 'organisation:iwg', '&maxHops=1&factsOnly=true');
    expect(along.body.paths[0].hops[0].direction).toBe('forward');
  });

  it('then every hop from Belgium to the United States states its fact the way it is stored, co-occurrence none', async () => {
    const res = await pathsBetween('country:BE', 'country:US', '&maxHops=3&limit=5');
    expect(res.status).toBe(200);
    const hops = res.body.paths.flatMap((p: any) => p.hops);
    expect(hops.some((h: any) => h.direction === 'backward')).toBe(true);
    for (const h of hops) {
      if (h.type === 'RELATED_TO') {
        expect(h.direction).toBe('undirected');
        continue;
      }
      expect(['forward', 'backward']).toContain(h.direction);
      const [source, target] = h.direction === 'forward' ? [h.from.id, h.to.id] : [h.to.id, h.from.id];
      expect(await storedFacts(source, h.type, target), `${source} ${h.type} ${target}`).toBeGreaterThan(0);
    }
  });
});

describe('when the paths from Belgium to the United States are labelled', () => {
  it('then a path is strongest only when it beats every shortest path, and longer paths weaker than one are longer', async () => {
    const res = await pathsBetween('country:BE', 'country:US', '&maxHops=3&limit=5');
    const paths: any[] = res.body.paths;
    console.log(
      'BE→US kinds:',
      paths.map((p) => `${p.kind} ${p.length} ${p.strength}`),
    );
    const fewest = Math.min(...paths.map((p) => p.length));
    const shortestBest = Math.max(...paths.filter((p) => p.length === fewest).map((p) => p.strength));
    const best = Math.max(...paths.map((p) => p.strength));
    expect(paths.some((p) => p.length > fewest && p.strength < shortestBest)).toBe(true);
    for (const p of paths) {
      if (p.length === fewest) expect(p.kind).toBe('shortest');
      else if (p.strength > shortestBest && p.strength === best) expect(p.kind).toBe('strongest');
      else expect(p.kind).toBe('longer');
    }
  });
});

describe('when an endpoint names no entity', () => {
  it('then the answer is 404 naming the parameter that holds it', async () => {
    const res = await pathsBetween('country:BE', 'country:XX');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('Entity country:XX not found');
    expect(res.body.errors).toEqual([{ field: 'query.to', message: 'no entity country:XX' }]);
    expect((await pathsBetween('country:XX', 'country:BE')).body.errors).toEqual([
      { field: 'query.from', message: 'no entity country:XX' },
    ]);
    expect((await pathsBetween('country:XX', 'country:YY')).body.errors).toEqual([
      { field: 'query.from', message: 'no entity country:XX' },
      { field: 'query.to', message: 'no entity country:YY' },
    ]);
  });
});
