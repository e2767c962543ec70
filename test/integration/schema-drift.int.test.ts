/**
 * ensureSchema against drifted indexes in the real Neo4j. Isolated: the drifted schema lives on a label of its
 * own (`SchemaDriftProbe`, names `drift_probe_*`) and is dropped afterwards; the one check on the real schema
 * only asks for a change that must be refused, and afterAll applies the real schema again regardless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraph, type Graph } from '../../graph/driver.js';
import { ensureSchema, readSchema } from '../../graph/ensure-schema.js';
import { compareSchema } from '../../graph/schema-drift.js';
import { createStatement, expectedSchema, type SchemaSpec, type VectorIndexSpec } from '../../graph/schema.js';
import { testConfig } from '../support/runtime.js';

const PROBE = 'SchemaDriftProbe';
const vector: VectorIndexSpec = {
  kind: 'vector',
  name: 'drift_probe_vector',
  label: PROBE,
  property: 'embedding',
  dimensions: 4,
  similarity: 'COSINE',
};
const probe: SchemaSpec = {
  constraints: [{ kind: 'unique', name: 'drift_probe_id', label: PROBE, property: 'id' }],
  indexes: [
    vector,
    { ...vector, name: 'drift_probe_vector_b', property: 'embeddingB' },
    { kind: 'fulltext', name: 'drift_probe_text', labels: [PROBE], properties: ['title', 'body'], analyzer: 'english' },
    { kind: 'range', name: 'drift_probe_code', label: PROBE, property: 'code' },
  ],
};
const [, vectorB, fulltext, range] = probe.indexes;

let graph: Graph;

async function dropProbeSchema(): Promise<void> {
  const found = await readSchema(graph);
  for (const c of found.constraints.filter((x) => x.name.startsWith('drift_probe'))) {
    await graph.write([{ cypher: `DROP CONSTRAINT \`${c.name}\``, params: {} }]);
  }
  for (const i of found.indexes.filter((x) => x.name.startsWith('drift_probe') && !x.owningConstraint)) {
    await graph.write([{ cypher: `DROP INDEX \`${i.name}\``, params: {} }]);
  }
  await graph.write([{ cypher: `MATCH (n:${PROBE}) DETACH DELETE n`, params: {} }]);
}

/** Creates `spec`'s objects as they are given, drifted or not. */
async function createAsGiven(spec: SchemaSpec): Promise<void> {
  for (const s of [...spec.constraints, ...spec.indexes]) await graph.write([createStatement(s)]);
}

beforeAll(async () => {
  const config = testConfig();
  graph = createGraph({ ...config.neo4j, uri: config.neo4j.uri! });
  await graph.waitUntilReady();
  await dropProbeSchema();
});
afterAll(async () => {
  await dropProbeSchema();
  await graph.write([{ cypher: 'MATCH (p:Passage {id: $id}) DETACH DELETE p', params: { id: 'drift-probe:p1' } }]);
  await ensureSchema(graph);
  await graph.close();
});

describe('ensureSchema on a drifted schema', () => {
  it('when indexes drifted safely (similarity, dimension over no vectors, edited full-text), then it recreates them and says so', async () => {
    await createAsGiven({
      constraints: probe.constraints,
      indexes: [
        { ...vector, similarity: 'EUCLIDEAN' },
        { ...vectorB, dimensions: 8 } as VectorIndexSpec,
        { ...fulltext, properties: ['title'], analyzer: 'standard-no-stop-words' } as typeof fulltext,
        range,
      ],
    });

    const sut = await ensureSchema(graph, { schema: probe });

    expect(sut.migrated).toEqual([
      `vector index drift_probe_vector on :${PROBE}(embedding): vector.similarity_function: expected COSINE, found EUCLIDEAN`,
      `vector index drift_probe_vector_b on :${PROBE}(embeddingB): vector.dimensions: expected 4, found 8`,
      `full-text index drift_probe_text on :${PROBE}(title, body): properties: expected [title, body], found [title]; ` +
        'fulltext.analyzer: expected english, found standard-no-stop-words',
    ]);
    expect(compareSchema(probe, await readSchema(graph))).toEqual([]);
    expect(sut.indexes.filter((i) => i.name.startsWith('drift_probe')).every((i) => i.state === 'ONLINE')).toBe(true);
    expect((await ensureSchema(graph, { schema: probe })).migrated).toEqual([]);
    await dropProbeSchema();
  });

  it('when a vector index is asked for other HNSW and quantization settings, then it is recreated with them and SHOW INDEXES reports them', async () => {
    await createAsGiven({ constraints: [], indexes: [vector] });
    await graph.write([{ cypher: `CREATE (:${PROBE} {id: 'h', embedding: [0.5, 0.5, 0.5, 0.5]})`, params: {} }]);
    const tuned: SchemaSpec = {
      constraints: [],
      indexes: [{ ...vector, hnsw: { m: 8, efConstruction: 50, quantization: false } }],
    };

    const sut = await ensureSchema(graph, { schema: tuned });

    expect(sut.migrated).toEqual([
      `vector index drift_probe_vector on :${PROBE}(embedding): vector.hnsw.m: expected 8, found 16; ` +
        'vector.hnsw.ef_construction: expected 50, found 100; vector.quantization.enabled: expected false, found true',
    ]);
    const found = (await readSchema(graph)).indexes.find((i) => i.name === vector.name);
    expect(found?.options?.indexConfig).toMatchObject({
      'vector.hnsw.m': 8,
      'vector.hnsw.ef_construction': 50,
      'vector.quantization.enabled': false,
    });
    const hits = await graph.read<{ id: string }>({
      cypher: `CALL db.index.vector.queryNodes('${vector.name}', 1, [0.5, 0.5, 0.5, 0.5]) YIELD node RETURN node.id AS id`,
      params: {},
    });
    expect(hits.map((h) => h.id)).toEqual(['h']);
    await dropProbeSchema();
  });

  it('when a dimension changes over stored vectors and another index stands in place of ours, then one GRAPH_SCHEMA error names every mismatch and nothing changes', async () => {
    await createAsGiven({
      constraints: probe.constraints,
      indexes: [
        { ...vector, dimensions: 3 },
        vectorB,
        { ...fulltext, properties: ['body'] } as typeof fulltext,
        { ...range, name: 'drift_probe_someone_elses' } as typeof range,
      ],
    });
    await graph.write([
      {
        cypher: `CREATE (:${PROBE} {id: 'a', embedding: [0.1, 0.2, 0.3]}), (:${PROBE} {id: 'b', embedding: [0.3, 0.2, 0.1]})`,
        params: {},
      },
    ]);
    const before = await readSchema(graph);

    const error = await ensureSchema(graph, { schema: probe }).then(
      () => null,
      (err: { code: string; message: string }) => err,
    );

    expect(error?.code).toBe('GRAPH_SCHEMA');
    const lines = error!.message.split('\n');
    expect(lines[0]).toBe("The graph's schema does not match this version's; nothing was changed:");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^- range index drift_probe_code on :SchemaDriftProbe\(code\): missing; RANGE drift_probe_someone_elses covers the same labels and properties\. Fix: DROP INDEX `drift_probe_someone_elses`/,
      ),
      expect.stringMatching(
        /^- vector index drift_probe_vector on :SchemaDriftProbe\(embedding\): vector\.dimensions: expected 4, found 3; 2 SchemaDriftProbe nodes hold 3-dimension vectors, which a 4-dimension index would silently leave out of every search\. Fix: .*empty the graph and ingest again/,
      ),
      `- full-text index drift_probe_text on :${PROBE}(title, body): properties: expected [title, body], found [body] (safe to recreate)`,
    ]);
    expect(await readSchema(graph)).toEqual(before);
    await dropProbeSchema();
  });

  it('when the real schema is asked for another embedding dimension while passages hold 384-dimension vectors, then it refuses and names the passage index', async () => {
    await ensureSchema(graph);
    await graph.write([
      {
        cypher: 'CREATE (:Passage {id: $id, embedding: $embedding})',
        params: { id: 'drift-probe:p1', embedding: Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)) },
      },
    ]);

    await expect(ensureSchema(graph, { embeddingDimensions: 512 })).rejects.toMatchObject({
      code: 'GRAPH_SCHEMA',
      message: expect.stringMatching(
        /vector index passage_embedding on :Passage\(embedding\): vector\.dimensions: expected 512, found 384; \d+ Passage nodes hold 384-dimension vectors/,
      ),
    });
    expect(compareSchema(expectedSchema(), await readSchema(graph))).toEqual([]);
  });
});
