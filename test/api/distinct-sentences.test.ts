/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * The sentence index holds each distinct text once (graph/schema.ts): a sentence said in three documents takes one
 * place in the index and is one search hit, shown from a passage the caller may read; deleting the document that
 * holds the index entry passes it to another document's copy; deleting every copy removes it; an older graph
 * without the entries gets them at start (graph/sentence-backfill.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../graph/cypher.js';
import { backfillDistinctSentences } from '../../graph/sentence-backfill.js';
import { hashKey } from '../../src/keys.js';
import { startApi, type Api } from './helpers.js';

const ADMIN = 'admin-key-distinct-0123456789';
const PUBLIC = 'reader-public-distinct-0123';
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const dir = mkdtempSync(join(tmpdir(), 'iwg-distinct-'));

const SHARED = 'Couriers of the Velmoran archive should sign the tamper register before every transfer.';
const QUERY = 'Velmoran archive couriers signing the tamper register before transfers';
const DOCS = [
  {
    name: 'velmoran-a.txt',
    access: 'restricted',
    type: 'guide',
    own: 'The Ostrander depot reviewed its night shifts.',
  },
  { name: 'velmoran-b.txt', access: 'public', type: 'guide', own: 'The Brightwater site trained its guards in March.' },
  {
    name: 'velmoran-c.txt',
    access: 'public',
    type: 'newsletter',
    own: 'The Calloway plant audited its badge readers.',
  },
];
const idOf = (name: string) => `upload:${name}`;

let api: Api;

async function upload(d: (typeof DOCS)[number]) {
  const text = `${d.own} ${SHARED} Nothing else was decided on that day.\n`;
  const body = { text, filename: d.name, metadata: { title: d.name, access: d.access, type: d.type } };
  const res = await api.post('/api/documents', body, as(ADMIN));
  expect(res.status).toBe(201);
}

async function copies(): Promise<{ documentId: string; holds: boolean }[]> {
  return api.runtime.graph.read(
    query(
      `MATCH (s:Sentence {text: $text})
       RETURN s.documentId AS documentId, s.distinctHash IS NOT NULL AND s.distinctEmbedding IS NOT NULL AS holds
       ORDER BY documentId`,
      { text: SHARED },
    ),
  );
}

const search = (key: string, body: object = {}) =>
  api.post('/api/search', { query: QUERY, mode: 'semantic', types: ['passage'], limit: 10, ...body }, as(key));
const sharedHits = (res: any) => res.body.results.filter((h: any) => h.match?.text === SHARED);

beforeAll(async () => {
  const keysFile = join(dir, 'keys.yaml');
  writeFileSync(
    keysFile,
    `keys:\n  - name: public-reader\n    sha256: ${hashKey(PUBLIC)}\n    read: [public]\n    write: false\n`,
  );
  api = await startApi({ IWG_API_KEYS: ADMIN, IWG_KEYS_FILE: keysFile });
  for (const d of DOCS) await upload(d);
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('when three documents say the same sentence, the first of them restricted', () => {
  it('then each keeps its sentence and exactly one of them, the first ingested, holds the index entry', async () => {
    const found = await copies();

    expect(found.map((c) => c.documentId)).toEqual(DOCS.map((d) => idOf(d.name)));
    expect(found.filter((c) => c.holds).map((c) => c.documentId)).toEqual([idOf('velmoran-a.txt')]);
  });

  it('then a public reader finds the sentence once, in a public document, and nothing of the restricted one', async () => {
    const res = await search(PUBLIC);

    expect(res.status).toBe(200);
    const hits = sharedHits(res);
    expect(hits).toHaveLength(1);
    expect([idOf('velmoran-b.txt'), idOf('velmoran-c.txt')]).toContain(hits[0].document.id);
    expect(hits[0].text).toContain(SHARED);
    expect(JSON.stringify(res.body)).not.toMatch(/velmoran-a|Ostrander/);
  });

  it('then a reader of every label also finds it once, not once per document', async () => {
    const res = await search(ADMIN);

    expect(sharedHits(res)).toHaveLength(1);
  });

  it('then a filter that only one copy meets shows that copy', async () => {
    const hits = sharedHits(await search(ADMIN, { filters: { documentTypes: ['newsletter'] } }));

    expect(hits.map((h: any) => h.document.id)).toEqual([idOf('velmoran-c.txt')]);
  });

  it('then a document search shows it as one public document, never the restricted one', async () => {
    const res = await search(PUBLIC, { types: ['document'] });

    const hits = sharedHits(res);
    expect(hits).toHaveLength(1);
    expect([idOf('velmoran-b.txt'), idOf('velmoran-c.txt')]).toContain(hits[0].id);
    expect(res.body.results.map((h: any) => h.id)).not.toContain(idOf('velmoran-a.txt'));
  });
});

describe('when the document holding the index entry is deleted', () => {
  beforeAll(async () => {
    const res = await fetch(`${api.url}/api/documents/${encodeURIComponent(idOf('velmoran-a.txt'))}`, {
      method: 'DELETE',
      headers: as(ADMIN),
    });
    expect(res.status).toBe(204);
  });

  it('then the entry passes to one of the remaining copies', async () => {
    const found = await copies();

    expect(found.map((c) => c.documentId)).toEqual([idOf('velmoran-b.txt'), idOf('velmoran-c.txt')]);
    expect(found.filter((c) => c.holds)).toHaveLength(1);
  });

  it('then search still finds the sentence, once', async () => {
    expect(sharedHits(await search(PUBLIC))).toHaveLength(1);
  });
});

describe('when an older graph has sentences without index entries', () => {
  let given: number;
  let distinct: number;
  beforeAll(async () => {
    await api.runtime.graph.write([
      query('MATCH (s:Sentence) REMOVE s.distinctHash, s.distinctEmbedding'),
      query('MATCH (i:SchemaInfo) REMOVE i.distinctSentences'),
    ]);
    const [row] = await api.runtime.graph.read<{ n: number }>(
      query('MATCH (s:Sentence) RETURN count(DISTINCT s.textHash) AS n'),
    );
    distinct = Number(row.n);
    given = await backfillDistinctSentences(api.runtime.graph);
  });

  it('then the start-up backfill gives each distinct text exactly one entry', async () => {
    const [row] = await api.runtime.graph.read<{ holders: number; texts: number }>(
      query(
        `MATCH (s:Sentence) WHERE s.distinctHash IS NOT NULL
         RETURN count(s) AS holders, count(DISTINCT s.distinctHash) AS texts`,
      ),
    );

    expect(distinct).toBeGreaterThan(2);
    expect(given).toBe(distinct);
    expect(Number(row.holders)).toBe(distinct);
    expect(Number(row.texts)).toBe(distinct);
    expect(sharedHits(await search(PUBLIC))).toHaveLength(1);
  });

  it('then the next start finds it done and gives none', async () => {
    expect(await backfillDistinctSentences(api.runtime.graph)).toBe(0);
  });
});

describe('when every copy is deleted', () => {
  it('then no sentence holds the text and search no longer finds it', async () => {
    for (const name of ['velmoran-b.txt', 'velmoran-c.txt']) {
      const res = await fetch(`${api.url}/api/documents/${encodeURIComponent(idOf(name))}`, {
        method: 'DELETE',
        headers: as(ADMIN),
      });
      expect(res.status).toBe(204);
    }

    expect(await copies()).toEqual([]);
    expect(sharedHits(await search(ADMIN))).toHaveLength(0);
  });
});
