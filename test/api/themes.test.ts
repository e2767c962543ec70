/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * GET /api/themes over the test corpus plus a few uploaded dated documents: a public theme the taxonomy does not
 * know (additively manufactured spare parts) rising over three years is found, labelled, counted, scored and cited
 * with its key phrases marked; restricted documents whose sentences form a theme of their own (Quillbrook
 * beehives) shape nothing a public reader gets — the answer equals the one before they existed — while a reader
 * of `restricted` gets that theme (so the test could fail). Bad parameters are problem+json 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../graph/cypher.js';
import { DOCUMENT_WRITES, settleThemeRefresh } from '../../graph/themes-store.js';
import { recomputeDerived } from '../../src/ingest-service.js';
import { ingestTestCorpus, startApi, type Api } from './helpers.js';

const ADMIN = 'admin-key-themes-0123456789';
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const enc = encodeURIComponent;
let api: Api;

const PRINTED = [
  'Build files for additively manufactured spare parts were copied by a technician before the printer job ran.',
  'A 3D printer in the workshop produced spare parts from build files that no engineer had reviewed.',
  'Additively manufactured valve parts can hide a flaw placed in the build file by a technician with a grudge.',
  'The plant now signs every build file for additively manufactured spare parts before it reaches the printer.',
];
const BEES = [
  'The Quillbrook beekeepers tended honeybee hives along the perimeter fence every morning.',
  'Quillbrook honeybee hives near the fence were moved after a swarm blocked the camera.',
  'A Quillbrook beekeeper asked for night access to the hives to harvest honey from the colonies.',
  'Honey from the Quillbrook hives was sold to staff, and the beekeepers kept the hive keys.',
];

/** A dated document of `sentences` with filler that names nothing new. */
function upload(name: string, date: string, access: 'public' | 'restricted', sentences: readonly string[]) {
  return {
    text: [`# ${name}`, '', ...sentences.flatMap((s) => [s, ''])].join('\n'),
    filename: `${name}.md`,
    metadata: { title: name, access, date, type: 'newsletter', language: 'en' },
  };
}

const PUBLIC_DOCS = [
  upload('themes-public-2022', '2022-05-01', 'public', PRINTED.slice(0, 2)),
  upload('themes-public-2023', '2023-05-01', 'public', PRINTED.slice(1, 4)),
  upload('themes-public-2024a', '2024-03-01', 'public', PRINTED),
  upload('themes-public-2024b', '2024-09-01', 'public', [...PRINTED].reverse()),
];
const RESTRICTED_DOCS = [
  upload('themes-restricted-2023', '2023-06-01', 'restricted', BEES),
  upload('themes-restricted-2024a', '2024-04-01', 'restricted', BEES),
  upload('themes-restricted-2024b', '2024-10-01', 'restricted', [...BEES].reverse()),
];

async function put(doc: ReturnType<typeof upload>) {
  const res = await api.post('/api/documents', doc, as(ADMIN));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const themeText = (body: any) =>
  JSON.stringify(body.themes.map((t: any) => [t.keyPhrases, t.evidence.map((e: any) => [e.sentence, e.document])]));

let before: any;

const storedSets = () =>
  api.runtime.graph.read<{ view: string; writes: number; answer: string }>(
    query('MATCH (t:ThemeSet) RETURN t.view AS view, t.writes AS writes, t.answer AS answer ORDER BY view'),
  );

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: ADMIN, IWG_RATE_LIMIT_PER_MINUTE: '100000' });
  await ingestTestCorpus(api.runtime);
  for (const d of PUBLIC_DOCS) await put(d);
  before = (await api.get('/api/themes?limit=50')).body;
  for (const d of RESTRICTED_DOCS) await put(d);
}, 600_000);

afterAll(async () => {
  for (const d of [...PUBLIC_DOCS, ...RESTRICTED_DOCS])
    await fetch(`${api.url}/api/documents/${enc(`upload:${d.filename}`)}`, { method: 'DELETE', headers: as(ADMIN) });
  await api?.close();
});

describe('GET /api/themes', () => {
  it('when public documents carry a rising theme the taxonomy lacks, then it is found with its phrases, counts and evidence', async () => {
    const res = await api.get('/api/themes?limit=50');
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.interval).toBe('year');
    expect(body.sampled).toBeGreaterThan(0);
    expect(body.sampled).toBeLessThanOrEqual(body.sentences);
    const printed = body.themes.find((t: any) => /additively|build file|spare parts|printer/.test(t.keyPhrases.join()));
    expect(printed, themeText(body)).toBeDefined();
    expect(printed.id).toMatch(/^theme:[a-z0-9-]+$/);
    expect(printed.counts).toHaveLength(body.periods.length);
    expect(printed.counts.reduce((a: number, b: number) => a + b, 0)).toBe(printed.total);
    const at = (year: string) => printed.counts[body.periods.indexOf(year)];
    expect(at('2024')).toBeGreaterThan(at('2022'));
    expect(printed.zScore).toBeGreaterThan(0);
    expect(printed.documents).toBeGreaterThanOrEqual(2);
    expect(printed.taxonomyDistance).toBeGreaterThan(0);
    expect(printed.rank).toBe(body.themes.indexOf(printed) + 1);
    expect(printed.evidence.length).toBeGreaterThan(0);
    for (const ev of printed.evidence) {
      const doc = await api.get(`/api/documents/${enc(ev.document.id)}?limit=100000`);
      const text: string = doc.body.page.text.padStart(doc.body.page.offset + doc.body.page.text.length);
      expect(text.slice(ev.span.start, ev.span.end)).toBe(ev.sentence);
      for (const m of ev.mentions) {
        const phrase = text.slice(m.start, m.end).toLowerCase();
        expect(printed.keyPhrases).toContain(phrase);
      }
    }
    // Ranked by score, highest first.
    const scores = body.themes.map((t: any) => t.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it('when restricted documents form a theme, then a public reader gets exactly the answer of before, a restricted reader gets it', async () => {
    const pub = await api.get('/api/themes?limit=50');
    expect(JSON.stringify(pub.body)).not.toMatch(/quillbrook|beekeep|honeybee|themes-restricted/i);
    expect(pub.body).toEqual(before);
    const all = await api.get('/api/themes?limit=50', as(ADMIN));
    const bees = all.body.themes.find((t: any) => /quillbrook|hive|beekeep|honey/.test(t.keyPhrases.join()));
    expect(bees, themeText(all.body)).toBeDefined();
    expect(bees.evidence.some((e: any) => e.document.id.startsWith('upload:themes-restricted'))).toBe(true);
  });

  it('when documents were uploaded, then the default answer of each access view is stored and served from the graph', async () => {
    // Uploads refresh the stored themes in the background; wait for it.
    await settleThemeRefresh(api.runtime.graph);
    const sets = await storedSets();
    expect(sets.map((t) => t.view)).toEqual(['public', 'public|restricted', 'restricted']);
    const [{ writes }] = await api.runtime.graph.read<{ writes: number }>(DOCUMENT_WRITES);
    for (const t of sets) expect(t.writes).toBe(writes);
    // The public view's stored answer was drawn from public documents only.
    const pub = sets.find((t) => t.view === 'public')!;
    expect(pub.answer).not.toMatch(/quillbrook|beekeep|honeybee|themes-restricted/i);
    expect(JSON.parse(pub.answer)).toEqual({ ...before, themes: JSON.parse(pub.answer).themes });
    // Served from the store: a marked stored answer is what the API returns, for the default request only.
    await api.runtime.graph.write([
      query(`MATCH (t:ThemeSet {view: 'public'}) SET t.answer = $answer`, {
        answer: JSON.stringify({ ...JSON.parse(pub.answer), sentences: 999_999 }),
      }),
    ]);
    expect((await api.get('/api/themes?limit=50')).body.sentences).toBe(999_999);
    expect((await api.get('/api/themes?limit=50&interval=quarter')).body.sentences).not.toBe(999_999);
    expect((await api.get('/api/themes?limit=50', as(ADMIN))).body.sentences).not.toBe(999_999);
    const forced = await recomputeDerived(api.runtime.graph);
    expect(forced.themes?.superseded).toBe(false);
    expect((await api.get('/api/themes?limit=50')).body).toEqual(before);
  });

  it('when a document is deleted, then the stored themes are recomputed without it', async () => {
    const [{ writes: was }] = await api.runtime.graph.read<{ writes: number }>(DOCUMENT_WRITES);
    const gone = `upload:${RESTRICTED_DOCS[2].filename}`;
    const del = await fetch(`${api.url}/api/documents/${enc(gone)}`, { method: 'DELETE', headers: as(ADMIN) });
    expect(del.status).toBe(204);
    // The deletion answers before the stored themes are refreshed (in the background): meanwhile the stale sets
    // are not served, the answer is computed without the deleted document.
    expect(JSON.stringify((await api.get('/api/themes?limit=50', as(ADMIN))).body)).not.toContain(gone);
    await settleThemeRefresh(api.runtime.graph);
    const sets = await storedSets();
    expect(sets.map((t) => t.writes)).toEqual([was + 1, was + 1, was + 1]);
    for (const t of sets) expect(t.answer).not.toContain(gone);
    expect((await api.get('/api/themes?limit=50')).body).toEqual(before);
    expect(JSON.stringify((await api.get('/api/themes?limit=50', as(ADMIN))).body)).not.toContain(gone);
  });

  it('when a parameter is bad, then 400 problem+json names it', async () => {
    const res = await api.get('/api/themes?limit=0&from=yesterday');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body.errors)).toMatch(/limit/);
    expect(JSON.stringify(res.body.errors)).toMatch(/from/);
  });
});
