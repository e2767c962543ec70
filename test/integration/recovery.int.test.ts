/**
 * Derived data and merges survive what the hostile probe did to them (issue 15, part 3): a writer killed between
 * its last document write and its co-occurrence recompute (defect 2), and a practice vector index that is not
 * there or not ONLINE while documents are written (defect 7).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchema, indexStates } from '../../graph/ensure-schema.js';
import { createDocumentStore } from '../../graph/neo4j-document-store.js';
import { VECTOR_INDEXES } from '../../graph/schema.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { collectSources } from '../../ingest/sources.js';
import { ingestPaths, loadTaxonomy } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;
let dir: string;
const SOUTH = 'South site note\n\nExperts from Belgium and Canada met at the south site with colleagues from Chile.\n';

const read = <T>(cypher: string) => rt.graph.read<T>({ cypher, params: {} });
const relatedTo = () =>
  read<{ pair: string }>(
    `MATCH (a:Entity)-[r:RELATED_TO]->(b:Entity) RETURN a.id + ' ~ ' + b.id + ' ' + r.weight AS pair ORDER BY pair`,
  );

beforeAll(async () => {
  rt = await openTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'iwg-recovery-'));
  await writeFile(
    join(dir, 'north.txt'),
    'North site note\n\nInspectors from Belgium and Canada visited the north site. Finland and Japan sent observers.\n',
  );
  await writeFile(join(dir, 'south.txt'), SOUTH);
});
afterAll(async () => {
  await rt?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('when an ingest is killed after its last document write, before the co-occurrence update', () => {
  it(
    'then the next run recomputes co-occurrence although every document is unchanged',
    { timeout: 600_000 },
    async () => {
      const whole = await ingestPaths(rt, [dir], { root: dir });
      expect(whole.totals).toMatchObject({ added: 2, failed: 0 });
      const before = (await relatedTo()).map((r) => r.pair);
      expect(before).toContain('country:BE ~ country:CA 2');
      expect(before).not.toContain('country:DE ~ country:IT 1');

      // The killed run: south.txt changed and written, the recompute never reached (the process died before it).
      await writeFile(join(dir, 'south.txt'), `${SOUTH}Germany and Italy sent inspectors a week later.\n`);
      const taxonomy = await loadTaxonomy(rt.config.corpus.dir);
      const store = createDocumentStore(rt.graph);
      const killed = await ingestSources(await collectSources([dir], undefined, dir), {
        store: { ...store, refreshDerived: async () => ({ cooccurrence: false, communities: null, themes: null }) },
        embedder: rt.embedder,
        taxonomy,
      });
      expect(killed.totals).toMatchObject({ updated: 1, unchanged: 1, failed: 0 });
      expect((await relatedTo()).map((r) => r.pair)).toEqual(before);

      const rerun = await ingestPaths(rt, [dir], { root: dir });
      expect(rerun.totals).toMatchObject({ added: 0, updated: 0, unchanged: 2, failed: 0 });
      const after = (await relatedTo()).map((r) => r.pair);
      expect(after).toEqual([...before, 'country:DE ~ country:IT 1'].sort());
      // recomputed once: the next refresh finds it up to date
      expect((await store.refreshDerived()).cooccurrence).toBe(false);
    },
  );
});

describe('when the practice vector index is missing or not ONLINE while a document is written', () => {
  it('then its practice still merges with the same practice of another document', { timeout: 600_000 }, async () => {
    const practiceDir = await mkdtemp(join(tmpdir(), 'iwg-recovery-practice-'));
    try {
      await writeFile(
        join(practiceDir, 'gate.txt'),
        'Gate note\n\nGuards should inspect every vehicle leaving the protected area.\n',
      );
      await writeFile(
        join(practiceDir, 'yard.txt'),
        'Yard note\n\nSecurity officers must search all vehicles that exit the protected area.\n',
      );
      expect((await ingestPaths(rt, [join(practiceDir, 'gate.txt')], { root: practiceDir })).totals.added).toBe(1);
      await rt.graph.write([{ cypher: `DROP INDEX ${VECTOR_INDEXES.practice.name}`, params: {} }]);

      const later = await ingestPaths(rt, [join(practiceDir, 'yard.txt')], { root: practiceDir });
      expect(later.documents.map((d) => d.error)).toEqual([undefined]);
      expect(later.totals.added).toBe(1);
      const practices = await read<{ documents: string[] }>(
        `MATCH (x:Practice)-[s:SOURCED_FROM]->()
         WITH x, s ORDER BY s.documentId RETURN collect(s.documentId) AS documents`,
      );
      expect(practices).toEqual([{ documents: ['gate.txt', 'yard.txt'] }]);
    } finally {
      await rm(practiceDir, { recursive: true, force: true });
      // Recreated by the start-up's schema check, which returns only once every index is ONLINE.
      await ensureSchema(rt.graph);
    }
    const states = await indexStates(rt.graph);
    expect(states.find((s) => s.name === VECTOR_INDEXES.practice.name)?.state).toBe('ONLINE');
    expect(states.filter((s) => s.state !== 'ONLINE')).toEqual([]);
  });
});
