/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Trends by focus group over the real pipeline: a mention counts for a group through its document's declared
 * `focusGroups` or a sentence naming the group with it, never a co-mention elsewhere in the passage; one document
 * is not ranked; a restricted document declaring the group changes nothing for a public caller. The fixtures
 * (test/fixtures/attribution) are dated 2041–2044, a range no other fixture uses, so the counts are exact.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestPaths } from '../../src/ingest-service.js';
import { LEAK_MARKERS } from '../support/restricted.js';
import { startApi, type Api } from './helpers.js';

const ADMIN = 'admin-key-0123456789';
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const RANGE = 'interval=year&from=2041-01-01&to=2044-12-31';
const CYBER = 'focus-group:cybersecurity';
const CULTURE = 'focus-group:security-culture';
const RESTRICTED = {
  text: [
    '# Marrowgate cyber memo (synthetic)',
    '',
    'Remote work at the Quillbrook zephyrine site was reviewed by the group in 2044.',
    '',
  ].join('\n'),
  filename: 'marrowgate-cyber-memo.md',
  metadata: { title: 'Marrowgate cyber memo', access: 'restricted', date: '2044-09-09', focusGroups: [CYBER] },
};

let api: Api;
const remoteWork = (body: any) => body.trends.find((t: any) => t.entity.id === 'trend:remote-work');

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: ADMIN, IWG_RATE_LIMIT_PER_MINUTE: '100000', IWG_QUERY_TIMEOUT_MS: '60000' });
  const summary = await ingestPaths(api.runtime, [join(PROJECT_ROOT, 'test/fixtures/attribution')], {
    root: PROJECT_ROOT,
  });
  expect(summary.documents.filter((d) => d.outcome === 'failed')).toEqual([]);
});
afterAll(async () => {
  await fetch(`${api.url}/api/documents/${encodeURIComponent(`upload:${RESTRICTED.filename}`)}`, {
    method: 'DELETE',
    headers: as(ADMIN),
  });
  await api?.close();
});

describe('when trends are asked for one focus group', () => {
  it('then a meeting of another group that names it in another sentence does not count for it', async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=${encodeURIComponent(CYBER)}`);
    expect(res.status).toBe(200);
    expect(res.body.periods).toEqual(['2041', '2042', '2043', '2044']);
    // 2041: the Security Culture meeting names the Cybersecurity group (its apologies), so it is one of the group's
    // documents, but its remote-work sentence does not name the group: no count. 2042 names no cyber group at all.
    expect(res.body.exposure).toEqual([1, 0, 1, 1]);
    const remote = remoteWork(res.body);
    expect(remote.counts).toEqual([0, 0, 1, 1]);
    expect(remote.support).toBe(2);
  });

  it('then the evidence is the sentence naming the trend, with the group marked when the document does not declare it', async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=${encodeURIComponent(CYBER)}`);
    const evidence = remoteWork(res.body).evidence;
    expect(evidence.map((e: any) => e.document.date)).toEqual(['2044-03-02', '2043-06-01']);
    const [declared, named] = evidence;
    expect(declared.sentence).toMatch(/^Remote work remained on the agenda/);
    expect(named.sentence).toBe('The Cybersecurity focus group reviewed telework incidents at two research reactors.');
    const marked = named.mentions.map((m: any) =>
      named.sentence.slice(m.start - named.span.start, m.end - named.span.start),
    );
    expect(marked).toEqual(['Cybersecurity focus group', 'telework']);
  });

  it("then the group's own meetings count through their declared focusGroups", async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=${encodeURIComponent(CULTURE)}`);
    expect(res.body.periods).toEqual(['2041', '2042']);
    expect(res.body.exposure).toEqual([1, 1]);
    expect(remoteWork(res.body).counts).toEqual([1, 1]);
  });

  it('then a trend in one document only is counted but not ranked', async () => {
    const res = await api.get(
      `/api/trends?interval=year&from=2044-01-01&to=2044-12-31&focusGroup=${encodeURIComponent(CYBER)}`,
    );
    expect(res.body.trends.map((t: any) => t.entity.id)).not.toContain('trend:remote-work');
    expect(res.body.unranked).toContainEqual(expect.objectContaining({ total: 1, counts: [1] }));
    expect(res.body.unranked.map((t: any) => t.entity.id)).toContain('trend:remote-work');
  });

  it('then an unknown focus group is refused naming it', async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=focus-group:nope`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.focusGroup', message: 'unknown id: focus-group:nope' }]);
  });
});

describe('when a restricted document declares the group', () => {
  beforeAll(async () => {
    const res = await api.post('/api/documents', RESTRICTED, as(ADMIN));
    expect(res.status).toBe(201);
  });

  it('then a public caller sees the same counts, exposure and evidence as before, and no trace of it', async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=${encodeURIComponent(CYBER)}`);
    expect(res.body.exposure).toEqual([1, 0, 1, 1]);
    expect(remoteWork(res.body).counts).toEqual([0, 0, 1, 1]);
    expect(JSON.stringify(res.body)).not.toMatch(LEAK_MARKERS);
    expect(JSON.stringify(res.body)).not.toMatch(/marrowgate/i);
  });

  it('then a caller who may read it counts it, with its sentence as the latest evidence', async () => {
    const res = await api.get(`/api/trends?${RANGE}&focusGroup=${encodeURIComponent(CYBER)}`, as(ADMIN));
    expect(res.body.exposure).toEqual([1, 0, 1, 2]);
    const remote = remoteWork(res.body);
    expect(remote.counts).toEqual([0, 0, 1, 2]);
    expect(remote.evidence[0].document.id).toBe(`upload:${RESTRICTED.filename}`);
  });
});
