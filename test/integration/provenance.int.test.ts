import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentStore } from '../../graph/neo4j-document-store.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { collectSources } from '../../ingest/sources.js';
import { deleteDocument, ingestPaths, loadTaxonomy } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;
let dir: string;
const read = <T>(cypher: string, params: Record<string, unknown> = {}) => rt.graph.read<T>({ cypher, params });

beforeAll(async () => {
  rt = await openTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'iwg-prov-'));
  await mkdir(join(dir, 'guides'));
  await mkdir(join(dir, 'notes'));
  // Synthetic test documents: the same practice in other words, in two documents.
  await writeFile(
    join(dir, 'guides', 'a-guide.md'),
    '# Computer security guide (synthetic)\n\nOperators must never allow remote access to computer systems that are critical for safety.\n',
  );
  await writeFile(
    join(dir, 'guides', 'b-summary.txt'),
    'Meeting summary (synthetic)\n\nThe operator should not permit remote access to critical systems, such as systems relevant to safety.\n',
  );
  await writeFile(join(dir, 'notes', 'note.txt'), 'A synthetic note about security culture self-assessment.\n');
  await ingestPaths(rt, [join(dir, 'guides')], { root: dir });
  await ingestPaths(rt, [join(dir, 'notes')], { root: dir });
});
afterAll(async () => {
  await rt?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('provenance of merged practices', () => {
  it('when a merged practice loses the source it was created from, then its text becomes a remaining quote', async () => {
    const before = await read<{ text: string; n: number }>(
      'MATCH (x:Practice)-[s:SOURCED_FROM]->() RETURN x.text AS text, count(s) AS n',
    );
    expect(before).toHaveLength(1);
    expect(before[0].n).toBe(2);
    expect(await deleteDocument(rt, 'guides/a-guide.md')).toBe(true);
    const [after] = await read<{ text: string; quote: string; doc: string; start: number; end: number }>(
      `MATCH (x:Practice)-[s:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
       RETURN x.text AS text, s.quote AS quote, d.text AS doc, s.start AS start, s.end AS end`,
    );
    expect(after.text).toBe(after.quote);
    expect(after.doc.slice(after.start, after.end)).toBe(after.text);
    expect(after.text).toMatch(/should not permit remote access/);
  });

  it('when a document is deleted, then the topic tags only it gave a shared practice are gone', async () => {
    const tags = await read<{ docs: string[] }>(
      'MATCH (:Practice)-[r:ADDRESSES|MITIGATES]->() RETURN r.documentIds AS docs',
    );
    expect(tags.length).toBeGreaterThan(0);
    for (const t of tags) expect(t.docs).toEqual(['guides/b-summary.txt']);
  });
});

describe('scoped pruning and taxonomy changes', () => {
  it('when one folder is ingested with --prune, then documents of another folder stay', async () => {
    const result = await ingestPaths(rt, [join(dir, 'guides')], { root: dir, prune: true });
    expect(result.totals.removed).toBe(0);
    const ids = await read<{ id: string }>('MATCH (d:Document) RETURN d.id AS id ORDER BY id');
    expect(ids.map((d) => d.id)).toEqual(['guides/a-guide.md', 'guides/b-summary.txt', 'notes/note.txt']);
  });

  it('when the taxonomy changes, then unchanged files are processed again', async () => {
    const taxonomy = await loadTaxonomy(rt.config.corpus.dir);
    const deps = { store: createDocumentStore(rt.graph), embedder: rt.embedder, taxonomy };
    const sources = await collectSources([join(dir, 'notes')], undefined, dir);
    expect((await ingestSources(sources, deps)).totals.unchanged).toBe(1);
    const culture = taxonomy.entities.find((e) => e.id === 'topic:security-culture')!;
    const edited = {
      ...taxonomy,
      entities: taxonomy.entities.map((e) =>
        e === culture ? { ...e, aliases: [...e.aliases, 'self-assessment'] } : e,
      ),
    };
    const again = await ingestSources(sources, { ...deps, taxonomy: edited });
    expect(again.totals.updated).toBe(1);
    await ingestSources(sources, deps); // restore the bundled taxonomy's entities
  });
});

describe('value facts stated by several documents', () => {
  it('when one of two documents stating "established in 2020" is deleted, then the fact keeps the other as evidence', async () => {
    await mkdir(join(dir, 'facts'));
    for (const name of ['one', 'two']) {
      await writeFile(
        join(dir, 'facts', `${name}.txt`),
        `Synthetic note ${name}\n\nThe International Working Group was established in 2020 to share good practices.\n`,
      );
    }
    await ingestPaths(rt, [join(dir, 'facts')], { root: dir });
    const iwg = () =>
      read<{ year: string | null; doc: string | null; sentence: string | null }>(
        `MATCH (e:Entity {id: 'organisation:iwg'})
         RETURN e.establishedIn AS year, e.establishedInDocumentId AS doc, e.establishedInSentence AS sentence`,
      );
    expect((await iwg())[0]).toMatchObject({ year: '2020', doc: 'facts/one.txt' });
    await deleteDocument(rt, 'facts/one.txt');
    expect((await iwg())[0]).toMatchObject({ year: '2020', doc: 'facts/two.txt' });
    expect((await iwg())[0].sentence).toMatch(/established in 2020/);
    await deleteDocument(rt, 'facts/two.txt');
    expect((await iwg())[0]).toMatchObject({ year: null, doc: null });
  });
});

describe('practices across a change of what is embedded', () => {
  it('when a document is written again, then its practice node takes the vector of its text anew', async () => {
    await mkdir(join(dir, 'vectors'));
    await writeFile(
      join(dir, 'vectors', 'rule.txt'),
      'Synthetic rule\n\nLicensees must escort every visitor to the vault area at all times.\n',
    );
    await ingestPaths(rt, [join(dir, 'vectors')], { root: dir });
    const vector = async () =>
      (
        await read<{ v: number[] }>(
          `MATCH (x:Practice)-[:SOURCED_FROM {documentId: 'vectors/rule.txt'}]->() RETURN x.embedding AS v`,
        )
      )[0].v;
    const fresh = await vector();
    // What an earlier pipeline left: another vector on the same practice node, and a hash that forces a rewrite.
    await rt.graph.write([
      {
        cypher: `MATCH (x:Practice)-[:SOURCED_FROM {documentId: 'vectors/rule.txt'}]->() SET x.embedding = $old
                 WITH 1 AS one MATCH (d:Document {id: 'vectors/rule.txt'}) SET d.contentHash = 'earlier pipeline'`,
        params: { old: fresh.map((_, i) => (i === 0 ? 1 : 0)) },
      },
    ]);
    expect((await vector())[0]).toBe(1);
    await ingestPaths(rt, [join(dir, 'vectors')], { root: dir });
    const after = await vector();
    expect(after.length).toBe(fresh.length);
    after.forEach((x, i) => expect(x).toBeCloseTo(fresh[i], 5));
  });
});
