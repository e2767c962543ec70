/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * The neighbourhood's bounds over the real pipeline's graph of the test corpus: the strongest `limit` neighbours by
 * normalised weight with every stated-fact neighbour besides, `minWeight` and `factsOnly`, edges among the kept
 * nodes only and thinned, a 400 naming each bad parameter, and a planted restricted document that changes nothing
 * for a caller who may not read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOCCURRENCE_EDGES_PER_NODE } from '../../queries/neighbourhood-select.js';
import { LEAK_MARKERS, RESTRICTED_ENTITIES, RESTRICTED_ID, restrictedUpload } from '../support/restricted.js';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

const KEY = 'admin-key-0123456789';
const enc = encodeURIComponent;
let api: Api;

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: KEY, IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestTestCorpus(api.runtime);
});
afterAll(() => api?.close());

const around = (id: string, extra = '', headers?: Record<string, string>) =>
  api.get(`/api/graph/neighborhood?type=${id.split(':')[0]}&id=${enc(id)}${extra}`, headers);

/** The answer's own checks: focus first, edges among the nodes, ranks non-increasing, strengths in range. */
function expectWellFormed(body: any, focus: string) {
  expect(body.nodes[0].id).toBe(focus);
  const ids = new Set(body.nodes.map((n: any) => n.id));
  expect(ids.size).toBe(body.nodes.length);
  for (const e of body.edges) expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
  const scores = body.nodes.slice(1).map((n: any) => n.score);
  const facts = scores.filter((s: number) => s === 1).length;
  // Stated-fact neighbours (score 1) first, then strongest first.
  expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  for (const e of body.edges.filter((x: any) => x.type === 'RELATED_TO')) {
    expect(e.strength).toBeGreaterThan(0);
    expect(e.strength).toBeLessThan(1);
  }
  return { neighbours: body.nodes.length - 1, facts };
}

describe('when a neighbourhood is asked for without bounds', () => {
  it('then it keeps at most 25 neighbours, and co-occurrence edges at most two per node', async () => {
    const res = await around('organisation:iwg', '&depth=2');
    expect(res.status).toBe(200);
    const { neighbours, facts } = expectWellFormed(res.body, 'organisation:iwg');
    console.log('iwg depth 2:', neighbours, 'neighbours,', facts, 'by facts,', res.body.edges.length, 'edges');
    expect(neighbours).toBeGreaterThan(5);
    expect(neighbours).toBeLessThanOrEqual(Math.max(25, facts));
    const cooccurrence = res.body.edges.filter((e: any) => e.type === 'RELATED_TO');
    expect(cooccurrence.length).toBeLessThanOrEqual(COOCCURRENCE_EDGES_PER_NODE * res.body.nodes.length);
    // Every neighbour stays attached to the drawing.
    const attached = new Set(res.body.edges.flatMap((e: any) => [e.source, e.target]));
    for (const n of res.body.nodes.slice(1)) expect(attached.has(n.id), n.id).toBe(true);
  });
});

describe('when the count is small', () => {
  it('then the strongest neighbours are kept, and every stated-fact neighbour besides', async () => {
    const facts = await around('organisation:iwg', '&factsOnly=true');
    const factIds = facts.body.nodes.slice(1).map((n: any) => n.id);
    expect(factIds.length).toBeGreaterThan(1);
    const one = await around('organisation:iwg', '&limit=1');
    expectWellFormed(one.body, 'organisation:iwg');
    expect(one.body.nodes.slice(1).map((n: any) => n.id)).toEqual(factIds);
    // The IWG, the hub of the test corpus (Belgium's few links there are mostly stated facts).
    const all = await around('organisation:iwg', '&limit=200');
    const five = await around('organisation:iwg', '&limit=5');
    const { neighbours, facts: iwgFacts } = expectWellFormed(five.body, 'organisation:iwg');
    expect(all.body.nodes.length - 1 - iwgFacts).toBeGreaterThan(5);
    expect(neighbours).toBe(Math.max(5, iwgFacts));
    // The five are the first five of the whole ranking.
    expect(five.body.nodes.map((n: any) => n.id)).toEqual(
      all.body.nodes.slice(0, 1 + neighbours).map((n: any) => n.id),
    );
  });
});

describe('when a minimum weight is given', () => {
  it('then no co-occurrence link under it is followed or drawn', async () => {
    const all = await around('organisation:iwg', '&limit=200');
    const scores = all.body.nodes.map((n: any) => n.score).filter((s: number) => s < 1);
    const median = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)];
    expect(scores.some((s: number) => s < median)).toBe(true);
    const strong = await around('organisation:iwg', `&limit=200&minWeight=${median}`);
    expectWellFormed(strong.body, 'organisation:iwg');
    expect(strong.body.nodes.length).toBeLessThan(all.body.nodes.length);
    for (const e of strong.body.edges.filter((x: any) => x.type === 'RELATED_TO'))
      expect(e.strength).toBeGreaterThanOrEqual(median);
    for (const n of strong.body.nodes.slice(1)) expect(n.score).toBeGreaterThanOrEqual(median);
  });
});

describe('when only stated facts are asked for', () => {
  it('then every edge is a stated fact with its evidence, and every neighbour is reached by facts', async () => {
    const res = await around('organisation:iwg', '&factsOnly=true&depth=2');
    expectWellFormed(res.body, 'organisation:iwg');
    expect(res.body.edges.length).toBeGreaterThan(0);
    for (const e of res.body.edges) {
      expect(e.type).not.toBe('RELATED_TO');
      expect(e.strength).toBe(1);
      expect(e.evidence.length).toBeGreaterThan(0);
    }
    for (const n of res.body.nodes) expect(n.score).toBe(1);
  });
});

describe('when a bound is malformed', () => {
  it.each([
    ['depth', '0'],
    ['depth', '4'],
    ['limit', '0'],
    ['limit', '201'],
    ['limit', 'many'],
    ['minWeight', '-0.1'],
    ['minWeight', '1.5'],
    ['minWeight', 'strong'],
    ['factsOnly', 'yes'],
  ])('then %s=%s is a 400 problem naming it', async (name, value) => {
    const res = await around('country:BE', `&${name}=${value}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: any) => e.field)).toEqual([`query.${name}`]);
  });
});

describe('when a restricted document is planted', () => {
  it('then a caller who may not read it gets the same neighbourhoods, and one who may sees its facts', async () => {
    const asked = [
      ['country:BE', '&depth=2'],
      ['organisation:iaea', '&limit=5'],
      ['organisation:iwg-steering-committee', '&factsOnly=true&depth=2'],
      ['country:TH', '&depth=2'],
    ] as const;
    const before = await Promise.all(asked.map(([id, extra]) => around(id, extra)));
    const planted = await api.post('/api/documents', restrictedUpload(), { authorization: `Bearer ${KEY}` });
    expect(planted.status, JSON.stringify(planted.body)).toBe(201);
    const after = await Promise.all(asked.map(([id, extra]) => around(id, extra)));
    for (const [i, res] of after.entries()) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(LEAK_MARKERS);
      for (const id of RESTRICTED_ENTITIES.filter((e) => e !== asked[i][0])) expect(text).not.toContain(id);
      expect(res.body, asked[i].join('')).toEqual(before[i].body);
    }
    const member = await around('country:TH', '&factsOnly=true', { authorization: `Bearer ${KEY}` });
    const edge = member.body.edges.find((e: any) => e.type === 'MEMBER_OF');
    expect(edge.target).toBe('organisation:iwg-steering-committee');
    expect(edge.evidence[0].document.id).toBe(RESTRICTED_ID);
  });
});
