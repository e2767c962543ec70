/**
 * Compares the expected schema (a value, graph/schema.ts) with what SHOW INDEXES and SHOW CONSTRAINTS report.
 * Pure: no I/O, so every kind of drift is checked without a database.
 */
import type { SchemaObjectSpec, SchemaSpec } from './schema.js';

/** An index as `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, state, owningConstraint` has it. */
export interface FoundIndex {
  readonly name: string;
  readonly type: string;
  readonly labelsOrTypes: readonly string[] | null;
  readonly properties: readonly string[] | null;
  readonly options: { readonly indexConfig?: Readonly<Record<string, unknown>> } | null;
  readonly state: string;
  readonly owningConstraint: string | null;
}

/** A constraint as `SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties` has it. */
export interface FoundConstraint {
  readonly name: string;
  readonly type: string;
  readonly labelsOrTypes: readonly string[] | null;
  readonly properties: readonly string[] | null;
}

export interface FoundSchema {
  readonly indexes: readonly FoundIndex[];
  readonly constraints: readonly FoundConstraint[];
}

/** An expected object that the database holds differently. */
export interface SchemaDrift {
  readonly expected: SchemaObjectSpec;
  /** The object under the expected name, or (when `foreign`) one under another name that takes its place. */
  readonly found: FoundIndex | FoundConstraint;
  /** One line per difference: `vector.dimensions: expected 384, found 512`. */
  readonly differences: readonly string[];
  /** True when `found` has another name: Neo4j then skips `CREATE … IF NOT EXISTS`, and it is not ours to drop. */
  readonly foreign: boolean;
}

/** SHOW INDEXES / SHOW CONSTRAINTS type names by spec kind. */
const NEO4J_TYPES: { readonly [K in SchemaObjectSpec['kind']]: string } = {
  unique: 'UNIQUENESS',
  range: 'RANGE',
  vector: 'VECTOR',
  fulltext: 'FULLTEXT',
};

/** Labels and properties of a spec, as SHOW lists them. */
function schemaOf(spec: SchemaObjectSpec): { labels: readonly string[]; properties: readonly string[] } {
  return spec.kind === 'fulltext'
    ? { labels: spec.labels, properties: spec.properties }
    : { labels: [spec.label], properties: [spec.property] };
}

/** `vector index passage_embedding on :Passage(embedding)`: how messages name an expected object. */
export function describeSpec(spec: SchemaObjectSpec): string {
  const { labels, properties } = schemaOf(spec);
  const what =
    spec.kind === 'unique' ? 'uniqueness constraint' : `${spec.kind === 'fulltext' ? 'full-text' : spec.kind} index`;
  return `${what} ${spec.name} on :${labels.join('|')}(${properties.join(', ')})`;
}

const list = (xs: readonly string[] | null): string => `[${(xs ?? []).join(', ')}]`;
const sameSet = (a: readonly string[], b: readonly string[] | null): boolean =>
  b !== null && a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** What differs between an expected object and the one found under its name; empty when they match. */
export function differencesOf(spec: SchemaObjectSpec, found: FoundIndex | FoundConstraint): string[] {
  if (found.type !== NEO4J_TYPES[spec.kind]) return [`type: expected ${NEO4J_TYPES[spec.kind]}, found ${found.type}`];
  const { labels, properties } = schemaOf(spec);
  const out: string[] = [];
  if (!sameSet(labels, found.labelsOrTypes))
    out.push(`labels: expected ${list(labels)}, found ${list(found.labelsOrTypes)}`);
  if (!sameSet(properties, found.properties)) {
    out.push(`properties: expected ${list(properties)}, found ${list(found.properties)}`);
  }
  const config = 'options' in found ? (found.options?.indexConfig ?? {}) : {};
  const compare = (key: string, expected: string | number, normalise = (v: unknown) => v) => {
    const value = config[key];
    if (normalise(value) !== normalise(expected)) out.push(`${key}: expected ${expected}, found ${String(value)}`);
  };
  if (spec.kind === 'vector') {
    compare('vector.dimensions', spec.dimensions, Number);
    compare('vector.similarity_function', spec.similarity, (v) => String(v).toUpperCase());
    const { m, efConstruction, quantization } = spec.hnsw ?? {};
    if (m !== undefined) compare('vector.hnsw.m', m, Number);
    if (efConstruction !== undefined) compare('vector.hnsw.ef_construction', efConstruction, Number);
    if (quantization !== undefined) compare('vector.quantization.enabled', String(quantization), String);
  }
  if (spec.kind === 'fulltext') compare('fulltext.analyzer', spec.analyzer);
  return out;
}

/** An object of another name with the same type, labels and properties: it stands where `spec` should. */
function findForeign(spec: SchemaObjectSpec, candidates: readonly (FoundIndex | FoundConstraint)[]) {
  const { labels, properties } = schemaOf(spec);
  return candidates.find(
    (c) =>
      c.name !== spec.name &&
      c.type === NEO4J_TYPES[spec.kind] &&
      sameSet(labels, c.labelsOrTypes) &&
      sameSet(properties, c.properties),
  );
}

/**
 * Every expected object that the database holds differently: under its name with other settings, or missing
 * while another object of the same type covers its labels and properties. Missing objects with nothing in the
 * way are not drift: `CREATE … IF NOT EXISTS` makes them.
 */
export function compareSchema(expected: SchemaSpec, found: FoundSchema): SchemaDrift[] {
  // A uniqueness constraint owns a range index of its name; it is compared as the constraint.
  const indexes = found.indexes.filter((i) => i.owningConstraint === null);
  const drifts: SchemaDrift[] = [];
  const check = (spec: SchemaObjectSpec, pool: readonly (FoundIndex | FoundConstraint)[]) => {
    const same = pool.find((f) => f.name === spec.name);
    if (same) {
      const differences = differencesOf(spec, same);
      if (differences.length > 0) drifts.push({ expected: spec, found: same, differences, foreign: false });
      return;
    }
    const other = findForeign(spec, pool);
    if (other) {
      const differences = [`missing; ${NEO4J_TYPES[spec.kind]} ${other.name} covers the same labels and properties`];
      drifts.push({ expected: spec, found: other, differences, foreign: true });
    }
  };
  for (const c of expected.constraints) check(c, found.constraints);
  for (const i of expected.indexes) check(i, indexes);
  return drifts;
}
