/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Document types come from the taxonomy: an analyst adds one to taxonomy.yaml and the API lists it and accepts
 * uploads of it, while a type it does not list is refused naming the allowed ones.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { startApi, type Api } from './helpers.js';

const KEY = 'document-types-test-key';
const auth = { authorization: `Bearer ${KEY}` };
const TEXT = 'The vault exercise report recommends that operators should rehearse the two-person rule every quarter.';

let api: Api;
let corpusDir: string;

beforeAll(async () => {
  corpusDir = await mkdtemp(join(tmpdir(), 'iwg-doctypes-'));
  const bundled = await readFile(join(PROJECT_ROOT, 'corpus/taxonomy.yaml'), 'utf8');
  const added = 'documentTypes:\n  - id: report\n    name: Report\n    description: A report on a study or exercise.\n';
  await writeFile(join(corpusDir, 'taxonomy.yaml'), bundled.replace(/^documentTypes:\n/m, added));
  api = await startApi({ IWG_API_KEYS: KEY, IWG_CORPUS_DIR: corpusDir });
});
afterAll(async () => {
  await api?.close();
  await rm(corpusDir, { recursive: true, force: true });
});

describe('when an analyst adds "report" to the taxonomy', () => {
  it('then GET /api/document-types lists it with the seeded types, names and descriptions', async () => {
    const res = await api.get('/api/document-types');

    expect(res.status).toBe(200);
    const ids = res.body.documentTypes.map((t: any) => t.id);
    expect(ids).toEqual(['report', 'web-page', 'brochure', 'newsletter', 'meeting-summary', 'guide', 'other']);
    expect(res.body.documentTypes[0]).toEqual({
      id: 'report',
      name: 'Report',
      description: 'A report on a study or exercise.',
    });
  });

  it("then it lists the taxonomy's focus groups, the ids an upload's metadata.focusGroups accepts", async () => {
    const res = await api.get('/api/document-types');

    expect(res.body.focusGroups.map((g: any) => g.id)).toEqual([
      'focus-group:national-policy-regulatory',
      'focus-group:trustworthiness-reliability',
      'focus-group:cybersecurity',
      'focus-group:physical-protection-technical',
      'focus-group:security-culture',
    ]);
    expect(res.body.focusGroups[2]).toMatchObject({ name: 'Cybersecurity focus group' });
    expect(res.body.focusGroups[2].description.length).toBeGreaterThan(0);
  });

  it('then an upload of type report is ingested', async () => {
    const form = new FormData();
    form.append('file', new Blob([TEXT], { type: 'text/plain' }), 'vault-report.txt');
    form.append('metadata', JSON.stringify({ title: 'Vault exercise report', type: 'report' }));

    const res = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });

    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'upload:vault-report.txt', status: 'added' });
  });

  it('then an upload of a type the taxonomy lacks is refused with 400 naming the allowed types', async () => {
    const res = await api.post(
      '/api/documents',
      { text: TEXT, filename: 'glossary.txt', metadata: { type: 'glossary' } },
      auth,
    );

    expect(res.status).toBe(400);
    const allowed = 'report, web-page, brochure, newsletter, meeting-summary, guide, other';
    expect(res.body.detail).toBe(`unknown document type "glossary"; allowed: ${allowed}`);
    // Named where it was sent, as the upload's other field errors are (body.metadata.date).
    expect(res.body.errors).toEqual([{ field: 'body.metadata.type', message: res.body.detail }]);
  });

  it('then a multipart upload of an unknown type or focus group names its form field, metadata', async () => {
    const form = new FormData();
    form.append('file', new Blob([TEXT], { type: 'text/plain' }), 'glossary.txt');
    form.append('metadata', JSON.stringify({ type: 'glossary', focusGroups: ['focus-group:nope'] }));

    const res = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });

    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(['metadata.type', 'metadata.focusGroups.0']);
  });
});
