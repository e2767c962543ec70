import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphCounts } from '../../graph/lookups.js';
import type { IngestSummary } from '../../ingest/pipeline.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestPaths } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;
let dir: string;
let first: IngestSummary;
const FRONT = 'corpus/documents/iwg-website-front-page.txt';
const BROCHURE = 'corpus/documents/infcirc-908-iwg-brochure.txt';

beforeAll(async () => {
  rt = await openTestRuntime();
  // A private copy of the bundled corpus, so edits and deletions do not touch the repository.
  dir = await mkdtemp(join(tmpdir(), 'iwg-ingest-'));
  await cp(join(PROJECT_ROOT, 'corpus'), join(dir, 'corpus'), { recursive: true });
  first = await ingestPaths(rt, [join(dir, 'corpus')], { root: dir, prune: true });
});
afterAll(async () => {
  await rt?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const read = <T>(cypher: string, params: Record<string, unknown> = {}) => rt.graph.read<T>({ cypher, params });

describe('ingesting the bundled corpus', () => {
  it('when ingested, then both documents are added and nothing failed', () => {
    expect(first.totals).toMatchObject({ added: 2, failed: 0 });
    expect(first.documents.map((d) => d.id).sort()).toEqual([BROCHURE, FRONT]);
  });

  it('when stored, then every passage is the exact slice of its document text at its offsets', async () => {
    const rows = await read<{ text: string; doc: string; start: number; end: number }>(
      'MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage) RETURN p.text AS text, d.text AS doc, p.start AS start, p.end AS end',
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.doc.slice(r.start, r.end)).toBe(r.text);
  });

  it('when the graph is read, then the United States and Belgium co-chair the IWG with the sentence as evidence', async () => {
    const rows = await read<{ country: string; sentence: string; doc: string; start: number; end: number }>(
      `MATCH (c:Country)-[r:CO_CHAIRS]->(:Organisation {id: 'organisation:iwg'}) MATCH (d:Document {id: r.documentId})
       RETURN c.id AS country, r.sentence AS sentence, d.text AS doc, r.start AS start, r.end AS end`,
    );
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['country:US', 'country:BE']));
    for (const r of rows) {
      expect(r.sentence).toMatch(/Co-chaired by the United States and Belgium/i);
      expect(r.doc.slice(r.start, r.end)).toBe(r.sentence);
    }
  });

  it('when the graph is read, then INTERPOL is linked to INFCIRC/908 and the IWG was established in 2020', async () => {
    const interpol = await read<{ type: string }>(
      `MATCH (:Organisation {id: 'organisation:interpol'})-[r]-(:Instrument {id: 'instrument:infcirc-908'})
       RETURN type(r) AS type`,
    );
    expect(interpol.map((r) => r.type)).toContain('SUBSCRIBES_TO');
    const [iwg] = await read<{ year: string }>("MATCH (o {id: 'organisation:iwg'}) RETURN o.establishedIn AS year");
    expect(iwg.year).toBe('2020');
  });

  it('when the graph is read, then it holds the three insider attributes and at least two mentioned trends', async () => {
    const attrs = await read<{ id: string }>('MATCH (a:InsiderAttribute) RETURN a.id AS id ORDER BY id');
    expect(attrs.map((a) => a.id)).toEqual(['attribute:access', 'attribute:authority', 'attribute:knowledge']);
    const trends = await read<{ n: number }>('MATCH (:Passage)-[:MENTIONS]->(t:Trend) RETURN count(DISTINCT t) AS n');
    expect(trends[0].n).toBeGreaterThanOrEqual(2);
  });

  it('when practices are extracted, then each has an exact quote, no remote access is one and the subscription procedure is not', async () => {
    const rows = await read<{
      text: string;
      quote: string;
      doc: string;
      start: number;
      end: number;
      topics: string[];
      attrs: string[];
    }>(
      `MATCH (x:Practice)-[s:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
       OPTIONAL MATCH (x)-[:ADDRESSES]->(t:Topic)
       OPTIONAL MATCH (x)-[:MITIGATES]->(a:InsiderAttribute)
       RETURN x.text AS text, s.quote AS quote, d.text AS doc, s.start AS start, s.end AS end,
              collect(DISTINCT t.id) AS topics, collect(DISTINCT a.id) AS attrs`,
    );
    // The two real documents prescribe little: the operator's remote-access rule and the subscriber's commitments.
    // How to subscribe ("… in Vienna must 1) inform …") is a procedure, not a security practice (labelled negative
    // in test/fixtures/practices/labelled-sentences.yaml).
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => /Permanent Mission/.test(r.text))).toBe(false);
    for (const r of rows) expect(r.doc.slice(r.start, r.end)).toBe(r.quote);
    const remote = rows.find((r) => /should not permit remote access to critical systems/.test(r.text));
    expect(remote).toBeDefined();
    expect(remote!.topics).toContain('topic:access-control');
    expect(remote!.attrs).toContain('attribute:access');
  });

  it('when mentions are stored, then each keeps its method, score and exact spans', async () => {
    const rows = await read<{
      spans: number[];
      doc: string;
      method: string;
      score: number;
      name: string;
      aliases: string[];
    }>(
      `MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[m:MENTIONS]->(e:Entity)
       RETURN m.spans AS spans, d.text AS doc, m.method AS method, m.score AS score, e.name AS name, e.aliases AS aliases`,
    );
    const alias = rows.filter((r) => r.method === 'alias');
    expect(alias.length).toBeGreaterThan(10);
    for (const r of alias) {
      expect(r.spans.length % 2).toBe(0);
      expect(r.spans.length).toBeGreaterThan(0);
      expect(r.score).toBe(1);
    }
    for (const r of rows.filter((x) => x.method === 'semantic')) expect(r.score).toBeGreaterThan(0.3);
  });
});

describe('incremental ingest', () => {
  it('when the same corpus is ingested again, then nothing changes', async () => {
    const before = await graphCounts(rt.graph);
    const again = await ingestPaths(rt, [join(dir, 'corpus')], { root: dir, prune: true });
    expect(again.totals).toMatchObject({ unchanged: 2, added: 0, updated: 0, removed: 0 });
    expect(await graphCounts(rt.graph)).toEqual(before);
  });

  it('when a document is edited, then its passages are replaced and the other document is untouched', async () => {
    const file = join(dir, FRONT);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Did You Know?', 'Did You Know? Vetting is repeated every five years.'));
    const result = await ingestPaths(rt, [join(dir, 'corpus')], { root: dir, prune: true });
    expect(result.totals).toMatchObject({ updated: 1, unchanged: 1 });
    const rows = await read<{ text: string }>('MATCH (p:Passage {documentId: $id}) RETURN p.text AS text', {
      id: FRONT,
    });
    expect(rows.some((r) => r.text.includes('Vetting is repeated every five years.'))).toBe(true);
    const dupes = await read<{ n: number }>(
      'MATCH (p:Passage {documentId: $id}) WITH p.ordinal AS o, count(*) AS c WHERE c > 1 RETURN count(*) AS n',
      { id: FRONT },
    );
    expect(dupes[0].n).toBe(0);
  });

  it('when a document leaves the corpus and --prune is given, then it and its facts are deleted', async () => {
    const manifest = join(dir, 'corpus', 'manifest.yaml');
    const yaml = await readFile(manifest, 'utf8');
    await writeFile(manifest, yaml.replace(/ {2}- path: documents\/infcirc-908-iwg-brochure\.txt[\s\S]*$/, ''));
    const result = await ingestPaths(rt, [join(dir, 'corpus')], { root: dir, prune: true });
    expect(result.totals.removed).toBe(1);
    const left = await read<{ n: number }>(
      `MATCH (x) WHERE (x:Document AND x.id = $id) OR (x:Passage AND x.documentId = $id) RETURN count(x) AS n`,
      { id: BROCHURE },
    );
    expect(left[0].n).toBe(0);
    const facts = await read<{ n: number }>('MATCH ()-[r]->() WHERE r.documentId = $id RETURN count(r) AS n', {
      id: BROCHURE,
    });
    expect(facts[0].n).toBe(0);
    const orphans = await read<{ n: number }>(
      'MATCH (x:Practice) WHERE NOT (x)-[:SOURCED_FROM]->() RETURN count(x) AS n',
    );
    expect(orphans[0].n).toBe(0);
    const marked = await read<{ n: number }>('MATCH (x:Practice) WHERE x.affectedBy IS NOT NULL RETURN count(x) AS n');
    expect(marked[0].n).toBe(0);
  });

  it('when one file is corrupt, then it fails alone with its path and reason and the others are ingested', async () => {
    const bad = join(dir, 'mixed');
    await cp(join(PROJECT_ROOT, 'test/fixtures/pdf/corrupt.pdf'), join(bad, 'corrupt.pdf'));
    await cp(join(PROJECT_ROOT, 'test/fixtures/txt/newsletter-2023-09.md'), join(bad, 'newsletter.md'));
    await cp(join(PROJECT_ROOT, 'test/fixtures/pdf/iwg-brochure.pdf'), join(bad, 'brochure.pdf'));
    await cp(join(PROJECT_ROOT, 'test/fixtures/html/iwg-about.html'), join(bad, 'about.html'));
    const result = await ingestPaths(rt, [bad], { root: dir });
    const failed = result.documents.filter((d) => d.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].error?.code).toBe('CORRUPT_PDF');
    expect(failed[0].error?.message).toContain('corrupt.pdf');
    expect(result.totals.added).toBe(3);
    const docs = await read<{ id: string }>('MATCH (d:Document) RETURN d.id AS id');
    expect(docs.map((d) => d.id)).toContain('mixed/newsletter.md');
    expect(docs.map((d) => d.id)).not.toContain('mixed/corrupt.pdf');
  });

  it('when a PDF and an HTML page are ingested, then PDF passages carry pages and the page its metadata', async () => {
    const pages = await read<{ page: number | null }>(
      "MATCH (p:Passage {documentId: 'mixed/brochure.pdf'}) RETURN p.page AS page ORDER BY p.ordinal",
    );
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => typeof p.page === 'number' && p.page >= 1)).toBe(true);
    expect(new Set(pages.map((p) => p.page)).size).toBeGreaterThan(1);
    const [html] = await read<{ language: string; date: string | null; text: string }>(
      "MATCH (d:Document {id: 'mixed/about.html'}) RETURN d.language AS language, d.date AS date, d.text AS text",
    );
    expect(html.language).toBe('en');
    expect(html.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(html.text).toContain('Co-chaired by the United States and Belgium');
    expect(html.text).not.toMatch(/cookie/i);
  });
});
