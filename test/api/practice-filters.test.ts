/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * A merged practice in a filtered search (issue 12): two documents of different types and years state one practice,
 * each beside different entities. A search filtered to one document shows that document's source and only that
 * source's entities; without filters the hit still shows one source with its own entities, and the practice lists
 * both sources with document, date and type.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest-service.js';
import { startApi, type Api } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'iwg-practice-filters-'));
const GUIDE = {
  path: 'vault-guide-2021.txt',
  text:
    'Vault guidance from Belgium on access control.\n\n' +
    'Operators should rotate the combination of the vault lock every month. Belgium applies this at every site ' +
    'under its access control rules.\n',
};
const SUMMARY = {
  path: 'vault-meeting-2024.txt',
  text:
    'Summary of the Japan meeting on security culture.\n\n' +
    'Licensees must change the vault lock combination every month. Japan presented this as part of its security ' +
    'culture programme.\n',
};
const QUERY = 'rotating the vault lock combination';

let api: Api;
let practiceId: string;

async function searchPractices(filters?: object): Promise<any[]> {
  const res = await api.post('/api/search', { query: QUERY, types: ['practice'], filters, limit: 10 });
  expect(res.status).toBe(200);
  return res.body.results;
}

const entityIds = (hit: any): string[] => hit.entities.map((e: any) => e.id);

beforeAll(async () => {
  writeFileSync(join(dir, GUIDE.path), GUIDE.text);
  writeFileSync(join(dir, SUMMARY.path), SUMMARY.text);
  writeFileSync(
    join(dir, 'manifest.yaml'),
    `documents:
  - { path: ${GUIDE.path}, title: Vault guide, type: guide, date: '2021-03-01', language: en, access: public }
  - { path: ${SUMMARY.path}, title: Vault meeting, type: meeting-summary, date: '2024-09-01', language: en, access: public }
`,
  );
  api = await startApi();
  const summary = await ingestPaths(api.runtime, [dir], { root: dir });
  expect(summary.documents.filter((d) => d.outcome === 'failed')).toEqual([]);
  const hits = await searchPractices();
  const merged = hits.find((h) => /vault lock/.test(h.text));
  expect(merged, 'the vault practice is found').toBeDefined();
  practiceId = merged.id;
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('when one practice is stated by a 2021 guide and a 2024 meeting summary', () => {
  it('then it is one practice listing both sources with document, date and type', async () => {
    const res = await api.get(`/api/practices/${encodeURIComponent(practiceId)}`);
    expect(res.status).toBe(200);
    const docs = res.body.sources.map((s: any) => [s.document.type, s.document.date]).sort();
    expect(docs).toEqual([
      ['guide', '2021-03-01'],
      ['meeting-summary', '2024-09-01'],
    ]);
  });

  it.each([
    ['documentTypes: guide', { documentTypes: ['guide'] }, 'guide', 'country:BE', 'country:JP'],
    ['from 2024', { from: '2024-01-01' }, 'meeting-summary', 'country:JP', 'country:BE'],
    [
      'documentTypes: meeting-summary, to 2024',
      { documentTypes: ['meeting-summary'], to: '2024-12-31' },
      'meeting-summary',
      'country:JP',
      'country:BE',
    ],
    ['to 2021', { to: '2021-12-31' }, 'guide', 'country:BE', 'country:JP'],
  ])(
    'when the search is filtered by %s, then the hit shows the source that meets the filter and only its entities',
    async (_name, filters, type, own, other) => {
      const hit = (await searchPractices(filters)).find((h) => h.id === practiceId);
      expect(hit, 'the merged practice matches through one source').toBeDefined();
      expect(hit.document.type).toBe(type);
      expect(hit.match.text).toBe(hit.text);
      expect(hit.text).toMatch(type === 'guide' ? /^Operators should rotate/ : /^Licensees must change/);
      expect(entityIds(hit)).toContain(own);
      expect(entityIds(hit)).not.toContain(other);
    },
  );

  it('when the filters match neither source, then the practice is not a hit', async () => {
    const hits = await searchPractices({ from: '2022-01-01', to: '2023-12-31' });
    expect(hits.map((h) => h.id)).not.toContain(practiceId);
  });

  it('when the search has no filters, then the hit shows one source and that source’s entities only', async () => {
    const hit = (await searchPractices()).find((h) => h.id === practiceId);
    const own = hit.document.type === 'guide' ? 'country:BE' : 'country:JP';
    const other = own === 'country:BE' ? 'country:JP' : 'country:BE';
    expect(entityIds(hit)).toContain(own);
    expect(entityIds(hit)).not.toContain(other);
  });
});
