/**
 * The pipeline's scheduling over a fake store and embedder: the next document is embedded while the previous one
 * is written, yet practice merging only ever runs after every earlier document is written.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { vectorScoreFromCosine } from '../../ingest/practice-merge.js';
import { collectSources } from '../../ingest/sources.js';
import type { DocumentRecord, DocumentStore, PracticeLookup } from '../../ingest/document-store.js';
import { IngestInterrupted } from '../../ingest/errors.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Texts that differ only in their unit name get the same vector (and different practice ids). */
function vectorOf(text: string): Float32Array {
  const bytes = createHash('sha256')
    .update(text.replace(/unit \w+/g, 'unit'))
    .digest();
  const v = Float32Array.from({ length: 384 }, (_, i) => bytes[i % 32] - 128 + (i % 7));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function fakes(events: string[]) {
  const written: DocumentRecord[] = [];
  const docOf = (text: string) => /Note (\w+)/.exec(text)?.[1];
  const lookup: PracticeLookup = {
    nearestPractices: async (embeddings, excludeDocumentId) => {
      events.push(`merge:${excludeDocumentId}`);
      return embeddings.map((embedding) => {
        let best: { id: string; score: number; embedding: number[] } | null = null;
        for (const r of written.filter((d) => d.document.id !== excludeDocumentId))
          for (const p of r.practices) {
            const cosine = p.embedding.reduce((s, x, i) => s + x * embedding[i], 0);
            const score = vectorScoreFromCosine(cosine); // the index's scale, as Neo4j reports it
            if (!best || score > best.score) best = { id: p.id, score, embedding: p.embedding };
          }
        return best;
      });
    },
  };
  let writing: Promise<unknown> = Promise.resolve();
  const store: DocumentStore = {
    documentHashes: async () => new Map(),
    documentHash: async () => undefined,
    documentContribution: async () => ({ passages: 0, practices: 0 }),
    embeddingsByHash: async () => new Map(),
    entityEmbeddings: async () => new Map(),
    upsertEntities: async () => {},
    // Like the graph's: one write at a time, the merge's look-up inside it.
    writeDocument: (build) => {
      const write = writing.then(async () => {
        const record = await build(lookup);
        events.push(`write-start:${record.document.id}`);
        await sleep(60);
        written.push(record);
        events.push(`write-end:${record.document.id}`);
        return { record, previousHash: undefined };
      });
      writing = write.catch(() => undefined);
      return write;
    },
    deleteDocument: async () => false,
    refreshDerived: async () => {
      events.push('refresh');
      return { cooccurrence: false, communities: null, themes: null };
    },
    counts: async () => ({ nodes: {}, relationships: {} }),
  };
  const embedder = {
    dimensions: 384,
    close: async () => {},
    embed: async (texts: readonly string[]) => {
      const doc = texts.map(docOf).find(Boolean);
      if (doc) events.push(`embed:${doc}.txt`);
      await sleep(5);
      return texts.map(vectorOf);
    },
  };
  return { store, embedder, written };
}

describe('ingestSources scheduling', () => {
  it('when documents follow each other, then the next is embedded during the write and merges see earlier writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-pipeline-'));
    const practice = (unit: string) =>
      `Operators of unit ${unit} should re-check the background of staff returning from long leave.`;
    for (const name of ['a', 'b', 'c', 'd'])
      await writeFile(join(dir, `${name}.txt`), `Note ${name}\n\nNote ${name} is synthetic. ${practice(name)}\n`);
    await writeFile(join(dir, 'c.txt'), ''); // fails: no text
    const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus', 'taxonomy.yaml'), 'utf8'));
    const events: string[] = [];
    const { store, embedder, written } = fakes(events);
    const sut = await ingestSources(await collectSources([dir], undefined, dir), { store, embedder, taxonomy });

    expect(sut.totals).toMatchObject({ added: 3, failed: 1 });
    expect(sut.documents.map((d) => `${d.id}:${d.outcome}`)).toEqual([
      'a.txt:added',
      'b.txt:added',
      'c.txt:failed',
      'd.txt:added',
    ]);
    // overlap: b is embedded before a's write has finished
    expect(events.indexOf('embed:b.txt')).toBeLessThan(events.indexOf('write-end:a.txt'));
    // ordering: each merge runs after the previous document's write ended
    expect(events.indexOf('merge:b.txt')).toBeGreaterThan(events.indexOf('write-end:a.txt'));
    expect(events.indexOf('merge:d.txt')).toBeGreaterThan(events.indexOf('write-end:b.txt'));
    // so the same practice, worded for units a, b and d, is one practice (a's) with three sources
    const ids = written.map((r) => r.practices.map((p) => p.id));
    expect(ids.map((x) => x.length)).toEqual([1, 1, 1]);
    expect(new Set(ids.flat()).size).toBe(1);
    // co-occurrence is refreshed once, after the last write
    expect(events.filter((e) => e === 'refresh')).toHaveLength(1);
    expect(events.at(-1)).toBe('refresh');
  });

  it('when no document is written, then co-occurrence is still refreshed (a killed run may have left it stale)', async () => {
    const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus', 'taxonomy.yaml'), 'utf8'));
    const events: string[] = [];
    const { store, embedder } = fakes(events);
    const sut = await ingestSources([], { store, embedder, taxonomy });
    expect(sut.documents).toEqual([]);
    expect(events).toEqual(['refresh']);
  });
});

describe('ingestSources when the store becomes unreachable', () => {
  it('when the third write finds the store gone, then the run stops at once naming what was and was not written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-pipeline-lost-'));
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await writeFile(join(dir, `${name}.txt`), `Note ${name}\n\nNote ${name} is a synthetic note about access.\n`);
    const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus', 'taxonomy.yaml'), 'utf8'));
    const events: string[] = [];
    const { store, embedder } = fakes(events);
    const lost = Object.assign(new Error('Neo4j at bolt://x is unreachable'), { unavailable: true });
    let writes = 0;
    const storeCalls: string[] = [];
    const gone: DocumentStore = {
      ...store,
      writeDocument: async (build) => {
        if (++writes === 3) throw lost;
        return store.writeDocument(async (lookup) => {
          const record = await build({
            nearestPractices: async (embeddings, id) => {
              if (writes > 3) storeCalls.push(`merge:${id}`);
              return lookup.nearestPractices(embeddings, id);
            },
          });
          if (writes > 3) storeCalls.push(`write:${record.document.id}`);
          return record;
        });
      },
      refreshDerived: async () => {
        storeCalls.push('derived');
        return { cooccurrence: false, communities: null, themes: null };
      },
    };

    const sut = ingestSources(await collectSources([dir], undefined, dir), { store: gone, embedder, taxonomy });

    const err = await sut.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IngestInterrupted);
    const interrupted = err as IngestInterrupted;
    expect(interrupted.message).toMatch(/lost the graph store after 2 of 5 documents; 3 not written: .*unreachable/);
    expect(interrupted.written.map((p) => p.slice(dir.length + 1))).toEqual(['a.txt', 'b.txt']);
    expect(interrupted.notWritten.map((p) => p.slice(dir.length + 1))).toEqual(['c.txt', 'd.txt', 'e.txt']);
    expect(interrupted.cause).toBe(lost);
    // nothing was tried after the store was lost: no later write, merge or co-occurrence update
    expect(storeCalls).toEqual([]);
  });

  it('when the store is lost while a document is being embedded, then the run stops at once, not after the embedding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-pipeline-abort-'));
    for (const name of ['a', 'b', 'c'])
      await writeFile(join(dir, `${name}.txt`), `Note ${name}\n\nNote ${name} is a synthetic note about access.\n`);
    const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus', 'taxonomy.yaml'), 'utf8'));
    const { store, embedder, written } = fakes([]);
    const lost = new AbortController();
    const hung = {
      ...embedder,
      // b's embedding never finishes: only the abort can end the run
      embed: (texts: readonly string[]) =>
        texts.some((t) => t.includes('Note b')) ? new Promise<Float32Array[]>(() => {}) : embedder.embed(texts),
    };
    const sources = await collectSources([dir], undefined, dir);
    const sut = ingestSources(sources, { store, embedder: hung, taxonomy }, { signal: lost.signal });
    while (written.length === 0) await sleep(10);
    const t0 = Date.now();
    lost.abort(Object.assign(new Error('Neo4j unreachable'), { unavailable: true }));

    // b's embedding never ends: the run settles only because the abort ends it
    const err = (await sut.catch((e: unknown) => e)) as IngestInterrupted;
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(IngestInterrupted);
    expect(err.written.map((p) => p.slice(dir.length + 1))).toEqual(['a.txt']);
    expect(err.notWritten.map((p) => p.slice(dir.length + 1))).toEqual(['b.txt', 'c.txt']);
  });

  it('when another write fails (not a lost store), then that document fails and the others are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-pipeline-bad-'));
    for (const name of ['a', 'b', 'c'])
      await writeFile(join(dir, `${name}.txt`), `Note ${name}\n\nNote ${name} is a synthetic note about access.\n`);
    const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus', 'taxonomy.yaml'), 'utf8'));
    const { store, embedder } = fakes([]);
    const bad: DocumentStore = {
      ...store,
      writeDocument: async (build) =>
        store.writeDocument(async (lookup) => {
          const record = await build(lookup);
          if (record.document.id === 'b.txt')
            throw Object.assign(new Error('constraint'), { code: 'GRAPH_CONSTRAINT' });
          return record;
        }),
    };

    const sut = await ingestSources(await collectSources([dir], undefined, dir), { store: bad, embedder, taxonomy });

    expect(sut.documents.map((d) => `${d.id}:${d.outcome}`)).toEqual(['a.txt:added', 'b.txt:failed', 'c.txt:added']);
  });
});
