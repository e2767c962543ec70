import { describe, expect, it } from 'vitest';
import { compareSchema, type FoundIndex, type FoundSchema } from '../../graph/schema-drift.js';
import { createStatement, expectedSchema, type SchemaSpec, type VectorIndexSpec } from '../../graph/schema.js';

const vector = {
  kind: 'vector',
  name: 'v',
  label: 'Probe',
  property: 'embedding',
  dimensions: 4,
  similarity: 'COSINE',
};
const fulltext = { kind: 'fulltext', name: 'f', labels: ['Probe'], properties: ['a', 'b'], analyzer: 'english' };
const spec: SchemaSpec = {
  constraints: [{ kind: 'unique', name: 'probe_id', label: 'Probe', property: 'id' }],
  indexes: [vector, fulltext, { kind: 'range', name: 'r', label: 'Probe', property: 'x' }],
} as SchemaSpec;

/** An index row as SHOW INDEXES returns it. */
function index(fields: Partial<FoundIndex> & Pick<FoundIndex, 'name' | 'type'>): FoundIndex {
  return {
    labelsOrTypes: ['Probe'],
    properties: [],
    options: null,
    state: 'ONLINE',
    owningConstraint: null,
    ...fields,
  };
}
const matching: FoundSchema = {
  constraints: [{ name: 'probe_id', type: 'UNIQUENESS', labelsOrTypes: ['Probe'], properties: ['id'] }],
  indexes: [
    index({ name: 'probe_id', type: 'RANGE', properties: ['id'], owningConstraint: 'probe_id' }),
    index({
      name: 'v',
      type: 'VECTOR',
      properties: ['embedding'],
      options: { indexConfig: { 'vector.dimensions': 4, 'vector.similarity_function': 'COSINE', 'vector.hnsw.m': 16 } },
    }),
    index({
      name: 'f',
      type: 'FULLTEXT',
      properties: ['b', 'a'],
      options: { indexConfig: { 'fulltext.analyzer': 'english' } },
    }),
    index({ name: 'r', type: 'RANGE', properties: ['x'] }),
  ],
};
const replace = (found: FoundSchema, name: string, fields: Partial<FoundIndex>): FoundSchema => ({
  ...found,
  indexes: found.indexes.map((i) => (i.name === name ? { ...i, ...fields } : i)),
});

describe('compareSchema', () => {
  it('when the database holds the expected objects (properties in any order), then there is no drift', () => {
    expect(compareSchema(spec, matching)).toEqual([]);
  });

  it('when objects are missing and nothing stands in their place, then there is no drift: CREATE makes them', () => {
    expect(compareSchema(spec, { indexes: [], constraints: [] })).toEqual([]);
  });

  it('when a vector index has another dimension and similarity, then both differences are named with expected and found', () => {
    const found = replace(matching, 'v', {
      options: { indexConfig: { 'vector.dimensions': 8, 'vector.similarity_function': 'EUCLIDEAN' } },
    });
    expect(compareSchema(spec, found).map((d) => [d.expected.name, d.differences, d.foreign])).toEqual([
      [
        'v',
        ['vector.dimensions: expected 4, found 8', 'vector.similarity_function: expected COSINE, found EUCLIDEAN'],
        false,
      ],
    ]);
  });

  it('when a vector index states HNSW settings and the database holds others, then each difference is named', () => {
    const tuned: SchemaSpec = {
      ...spec,
      indexes: spec.indexes.map((i) =>
        i.kind === 'vector' ? { ...i, hnsw: { m: 8, efConstruction: 50, quantization: false } } : i,
      ),
    };
    const found = replace(matching, 'v', {
      options: {
        indexConfig: {
          'vector.dimensions': 4,
          'vector.similarity_function': 'COSINE',
          'vector.hnsw.m': 16,
          'vector.hnsw.ef_construction': 100,
          'vector.quantization.enabled': true,
        },
      },
    });
    expect(compareSchema(tuned, found)[0].differences).toEqual([
      'vector.hnsw.m: expected 8, found 16',
      'vector.hnsw.ef_construction: expected 50, found 100',
      'vector.quantization.enabled: expected false, found true',
    ]);
    expect(compareSchema(spec, found)).toEqual([]);
  });

  it('when a full-text index was edited, then its labels, properties and analyzer differences are all named', () => {
    const found = replace(matching, 'f', {
      labelsOrTypes: ['Probe', 'Other'],
      properties: ['a'],
      options: { indexConfig: { 'fulltext.analyzer': 'standard-no-stop-words' } },
    });
    expect(compareSchema(spec, found)[0].differences).toEqual([
      'labels: expected [Probe], found [Probe, Other]',
      'properties: expected [a, b], found [a]',
      'fulltext.analyzer: expected english, found standard-no-stop-words',
    ]);
  });

  it('when an index of another type holds the expected name, then the type difference is named', () => {
    const found = replace(matching, 'r', { type: 'TEXT' });
    expect(compareSchema(spec, found)[0].differences).toEqual(['type: expected RANGE, found TEXT']);
  });

  it('when an index of another name covers the expected labels and properties, then it is reported as foreign', () => {
    const found: FoundSchema = {
      ...matching,
      indexes: matching.indexes.map((i) => (i.name === 'r' ? { ...i, name: 'someone_elses' } : i)),
    };
    const [sut] = compareSchema(spec, found);
    expect(sut).toMatchObject({ foreign: true, found: { name: 'someone_elses' }, expected: { name: 'r' } });
    expect(sut.differences[0]).toMatch(/missing; RANGE someone_elses covers the same labels and properties/);
  });

  it('when a uniqueness constraint is on another property, then it drifts as a constraint, not as its owned index', () => {
    const found: FoundSchema = { ...matching, constraints: [{ ...matching.constraints[0], properties: ['slug'] }] };
    expect(compareSchema(spec, found).map((d) => [d.expected.kind, d.differences])).toEqual([
      ['unique', ['properties: expected [id], found [slug]']],
    ]);
  });
});

describe('expectedSchema', () => {
  it('when the schema is expected, then the sentence index states its HNSW build settings and the others take Neo4j defaults', () => {
    const vectors = expectedSchema().indexes.filter((i): i is VectorIndexSpec => i.kind === 'vector');
    expect(vectors.find((v) => v.name === 'sentence_embedding')?.hnsw).toEqual({ m: 32, efConstruction: 200 });
    expect(vectors.filter((v) => v.hnsw !== undefined).map((v) => v.name)).toEqual(['sentence_embedding']);
    expect(createStatement(vectors.find((v) => v.name === 'sentence_embedding')!).cypher).toContain(
      '`vector.hnsw.m`: $m, `vector.hnsw.ef_construction`: $efConstruction',
    );
  });

  it('when given another embedding dimension, then every vector index takes it and nothing else changes', () => {
    const base = expectedSchema();
    const sut = expectedSchema(768);
    const vectors = sut.indexes.filter((i) => i.kind === 'vector');
    expect(vectors.length).toBeGreaterThanOrEqual(4);
    expect(vectors.every((v) => v.kind === 'vector' && v.dimensions === 768)).toBe(true);
    expect(
      base.indexes.filter((i) => i.kind === 'vector').every((v) => v.kind === 'vector' && v.dimensions === 384),
    ).toBe(true);
    expect(sut.indexes.filter((i) => i.kind !== 'vector')).toEqual(base.indexes.filter((i) => i.kind !== 'vector'));
  });

  it('when a vector and a full-text index are created, then names are quoted and settings are parameters', () => {
    const [v, f] = spec.indexes.map(createStatement);
    expect(v.cypher).toMatchInlineSnapshot(
      `"CREATE VECTOR INDEX \`v\` IF NOT EXISTS FOR (n:\`Probe\`) ON (n.\`embedding\`) OPTIONS { indexConfig: { \`vector.dimensions\`: $dimensions, \`vector.similarity_function\`: $similarity } }"`,
    );
    expect(Number(v.params.dimensions)).toBe(4);
    const tuned = createStatement({
      ...(vector as VectorIndexSpec),
      hnsw: { m: 8, efConstruction: 50, quantization: false },
    });
    expect(tuned.cypher).toContain(
      '`vector.similarity_function`: $similarity, `vector.hnsw.m`: $m, `vector.hnsw.ef_construction`: $efConstruction, `vector.quantization.enabled`: $quantization } }',
    );
    expect([Number(tuned.params.m), Number(tuned.params.efConstruction), tuned.params.quantization]).toEqual([
      8,
      50,
      false,
    ]);
    expect(f).toMatchInlineSnapshot(`
      {
        "cypher": "CREATE FULLTEXT INDEX \`f\` IF NOT EXISTS FOR (n:\`Probe\`) ON EACH [n.\`a\`, n.\`b\`] OPTIONS { indexConfig: { \`fulltext.analyzer\`: $analyzer } }",
        "params": {
          "analyzer": "english",
        },
      }
    `);
  });
});
