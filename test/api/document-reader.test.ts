/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * GET /api/documents/:id as the reader uses it: a page of the normalised text whose passages and sentences sit at
 * their offsets, pages that join into the whole text without cutting a sentence, and problems for bad requests.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestPaths } from '../../src/ingest-service.js';
import { startApi, type Api } from './helpers.js';

const KEY = 'reader-test-key';
const BROCHURE = 'corpus/documents/infcirc-908-iwg-brochure.txt';
// Characters outside the Basic Multilingual Plane count two UTF-16 code units: offsets after them must still hold.
const ASTRAL_TEXT =
  '# Badge audits 🔐\n\nGuards at the 𝔸-wing gate compare every badge with the roster each morning. ' +
  'Supervisors review the audit log 📋 weekly and report gaps to the security manager.\n\n' +
  '## Escorts\n\nVisitors to the vault are escorted at all times by two cleared staff members.';

let api: Api;
let astralId: string;

beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: KEY, IWG_RATE_LIMIT_PER_MINUTE: '100000' });
  await ingestPaths(api.runtime, [join(PROJECT_ROOT, 'corpus')], { root: PROJECT_ROOT });
  const added = await api.post(
    '/api/documents',
    {
      text: ASTRAL_TEXT,
      filename: 'badge-audits.md',
      metadata: { title: 'Badge audits', access: 'restricted', focusGroups: ['focus-group:security-culture'] },
    },
    { authorization: `Bearer ${KEY}` },
  );
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  astralId = added.body.id;
});
afterAll(() => api?.close());

const documentPath = (id: string, query = '') => `/api/documents/${encodeURIComponent(id)}${query}`;

/** Every passage and sentence of a page sits at its offsets in the page's text (passages as far as the page runs). */
function expectOffsetsHold(body: any): void {
  const { offset, end, text } = body.page;
  expect(text.length).toBe(end - offset);
  for (const s of body.sentences) {
    expect(s.span.start).toBeGreaterThanOrEqual(offset);
    expect(s.span.end).toBeLessThanOrEqual(end);
    expect(text.slice(s.span.start - offset, s.span.end - offset)).toBe(s.text);
  }
  for (const p of body.passages) {
    expect(p.span.start).toBeLessThan(end);
    expect(p.span.end).toBeGreaterThan(offset);
    const from = Math.max(p.span.start, offset);
    const to = Math.min(p.span.end, end);
    expect(text.slice(from - offset, to - offset)).toBe(p.text.slice(from - p.span.start, to - p.span.start));
  }
}

describe('when a document is read whole', () => {
  it('then one page holds its text, metadata, and every passage and sentence at their offsets', async () => {
    const res = await api.get(documentPath(BROCHURE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: BROCHURE, type: 'brochure', access: 'public', language: 'en' });
    expect(res.body.focusGroups).toEqual([]); // the bundled manifest declares none for it
    expect(res.body.page).toMatchObject({ offset: 0, end: res.body.length, previous: null, next: null });
    expect(res.body.length).toBeGreaterThan(3000);
    expect(res.body.passages.length).toBe(res.body.passageCount);
    expect(res.body.passages.map((p: any) => p.ordinal)).toEqual([...res.body.passages.keys()]);
    expect(res.body.sentences.length).toBeGreaterThan(res.body.passages.length);
    expect(res.body.sentences.map((s: any) => s.ordinal)).toEqual([...res.body.sentences.keys()]);
    expectOffsetsHold(res.body);
    // Passages of one section overlap by a sentence; the page's text holds each sentence once.
    const passages = res.body.passages;
    expect(passages.slice(1).some((p: any, i: number) => p.span.start < passages[i].span.end)).toBe(true);
  });

  it('then offsets after characters outside the Basic Multilingual Plane still hold, and the access label shows', async () => {
    // The document is restricted: without a key it is not there, with a key that reads every label it is.
    expect((await api.get(documentPath(astralId))).status).toBe(404);
    const res = await api.get(documentPath(astralId), { authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Badge audits', access: 'restricted', format: 'markdown' });
    // The focus groups it was uploaded with, named from the taxonomy.
    expect(res.body.focusGroups).toEqual([
      { type: 'focusGroup', id: 'focus-group:security-culture', name: 'Security Culture focus group' },
    ]);
    expect(res.body.page.text).toContain('📋');
    expectOffsetsHold(res.body);
    const escorted = res.body.sentences.find((s: any) => s.text.startsWith('Visitors to the vault'));
    expect(res.body.page.text.slice(escorted.span.start, escorted.span.end)).toBe(escorted.text);
  });
});

describe('when a document is read in pages', () => {
  it('then following next joins the pages into the whole text, each sentence on exactly one page', async () => {
    const whole = (await api.get(documentPath(BROCHURE))).body;
    const pages: any[] = [];
    for (let offset: number | null = 0; offset !== null && pages.length < 50;) {
      const res = await api.get(documentPath(BROCHURE, `?offset=${offset}&limit=500`));
      expect(res.status).toBe(200);
      expectOffsetsHold(res.body);
      pages.push(res.body);
      offset = res.body.page.next;
    }
    expect(pages.length).toBeGreaterThan(4);
    expect(pages.map((p) => p.page.text).join('')).toBe(whole.page.text);
    pages.slice(1).forEach((p, i) => expect(p.page.offset).toBe(pages[i].page.end));
    expect(pages.flatMap((p) => p.sentences.map((s: any) => s.id))).toEqual(whole.sentences.map((s: any) => s.id));
    const passageIds = new Set(pages.flatMap((p) => p.passages.map((x: any) => x.id)));
    expect([...passageIds].sort()).toEqual(whole.passages.map((p: any) => p.id).sort());
    expect(pages.at(-1).page.next).toBeNull();
  });

  it('then an offset inside a sentence starts the page at that sentence, and previous leads to the page before', async () => {
    const whole = (await api.get(documentPath(BROCHURE))).body;
    const cited = whole.sentences[Math.floor(whole.sentences.length / 2)];
    const res = await api.get(documentPath(BROCHURE, `?offset=${cited.span.start + 3}&limit=400`));
    expect(res.body.page.offset).toBe(cited.span.start);
    expect(res.body.sentences[0].id).toBe(cited.id);
    expect(res.body.page.end - res.body.page.offset).toBeGreaterThanOrEqual(400);
    const { previous, offset } = res.body.page;
    expect(previous).toBe(offset - 400);
    const before = await api.get(documentPath(BROCHURE, `?offset=${previous}&limit=${offset - previous}`));
    expect(before.body.page.end).toBe(offset);
    expect(before.body.page.text + res.body.page.text).toBe(
      whole.page.text.slice(before.body.page.offset, res.body.page.end),
    );
  });
});

describe('when the request is wrong', () => {
  it('then an unknown document is a 404 problem', async () => {
    const res = await api.get(documentPath('corpus/documents/no-such-document.txt'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toBe('Document corpus/documents/no-such-document.txt not found');
  });

  it.each([
    ['?offset=-1', 'query.offset'],
    ['?offset=ten', 'query.offset'],
    ['?offset=1.5', 'query.offset'],
    ['?limit=0', 'query.limit'],
    ['?limit=100001', 'query.limit'],
    ['?page=2', 'query'],
    ['?offset=999999', 'query.offset'],
  ])('then %s is a 400 problem naming %s', async (query, field) => {
    const res = await api.get(documentPath(BROCHURE, query));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
  });
});
