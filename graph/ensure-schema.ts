/**
 * Applies the expected schema (`expectedSchema`, graph/schema.ts) and never lets a drifted one stand silently.
 *
 * Safe to migrate (dropped and recreated, then logged): every object Neo4j rebuilds from the nodes' own
 * properties without leaving a node out — range and full-text indexes, uniqueness constraints (one the data
 * breaks fails to be created and is reported), and vector indexes whose every vector has the expected
 * dimension (so a changed similarity function, or a changed dimension over a graph without vectors).
 * Not safe (one GRAPH_SCHEMA error listing every problem, nothing changed): a vector index to be built while
 * nodes hold vectors of another dimension, which Neo4j would silently leave out of every search; and an
 * object of another name standing where ours should be, which `CREATE … IF NOT EXISTS` skips and which is
 * not ours to drop.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EMBEDDING_DIMENSIONS } from '../ingest/records.js';
import { query } from './cypher.js';
import { GraphError, type CypherQuery, type Graph } from './driver.js';
import {
  compareSchema,
  describeSpec,
  type FoundConstraint,
  type FoundIndex,
  type FoundSchema,
  type SchemaDrift,
} from './schema-drift.js';
import {
  createStatement,
  expectedSchema,
  quoteName as quote,
  SCHEMA_VERSION,
  type SchemaObjectSpec,
  type SchemaSpec,
  type VectorIndexSpec,
} from './schema.js';

export interface IndexState {
  name: string;
  type: string;
  state: string;
}

export interface EnsureSchemaOptions {
  /** The embedding model's dimension, for the vector indexes (default: ingest/records.ts). */
  readonly embeddingDimensions?: number;
  /** The whole expected schema; default `expectedSchema(embeddingDimensions)`. */
  readonly schema?: SchemaSpec;
  /** Told, at most every `progressEveryMs`, which indexes are still being built and how far. */
  readonly onPopulating?: (populating: readonly PopulatingIndex[]) => void;
  /** How long to wait for indexes to come ONLINE (default one hour: a migrated vector index over a large graph). */
  readonly indexWaitMs?: number;
  readonly progressEveryMs?: number;
}

export interface PopulatingIndex {
  name: string;
  percent: number;
}

/**
 * Waits until no index is POPULATING or `waitMs` has passed, telling `onPopulating` how far each one is at most
 * every `everyMs` (what is still not ONLINE afterwards, `verify` reports).
 */
export async function awaitPopulation(
  graph: Pick<Graph, 'read'>,
  {
    waitMs,
    everyMs,
    onPopulating,
  }: { waitMs: number; everyMs: number; onPopulating?: EnsureSchemaOptions['onPopulating'] },
): Promise<void> {
  const deadline = Date.now() + waitMs;
  let told = 0;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    const populating = await graph.read<PopulatingIndex>(
      query(
        "SHOW INDEXES YIELD name, state, populationPercent WHERE state = 'POPULATING' " +
          'RETURN name, populationPercent AS percent ORDER BY name',
      ),
    );
    if (populating.length === 0 || Date.now() >= deadline) return;
    if (Date.now() - told >= everyMs) {
      onPopulating?.(populating.map((p) => ({ name: p.name, percent: Number(p.percent) })));
      told = Date.now();
    }
    await sleep(Math.min(pause, Math.max(deadline - Date.now(), 0)));
  }
}

export interface SchemaReport {
  /** One line per object that was dropped and recreated because it had drifted. */
  readonly migrated: readonly string[];
  readonly indexes: readonly IndexState[];
}

/** `DROP INDEX` or `DROP CONSTRAINT` for an object SHOW found. */
function dropStatement(found: FoundIndex | FoundConstraint): CypherQuery {
  const what = 'state' in found ? 'INDEX' : 'CONSTRAINT';
  return query(`DROP ${what} ${quote(found.name)} IF EXISTS`);
}

/** The indexes and constraints the database holds. */
export async function readSchema(graph: Graph): Promise<FoundSchema> {
  const indexes = await graph.read<FoundIndex>(
    query('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, state, owningConstraint'),
  );
  const constraints = await graph.read<FoundConstraint>(
    query('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties'),
  );
  return { indexes, constraints };
}

/** Vector sizes other than the index's among the nodes it would cover, most common first. */
async function strayVectors(graph: Graph, spec: VectorIndexSpec): Promise<{ dimensions: number; nodes: number }[]> {
  return graph.read(
    query(
      `MATCH (n:${quote(spec.label)}) WHERE n.${quote(spec.property)} IS NOT NULL ` +
        `WITH size(n.${quote(spec.property)}) AS dimensions WHERE dimensions <> $dimensions ` +
        'RETURN dimensions, count(*) AS nodes ORDER BY nodes DESC',
      { dimensions: spec.dimensions },
    ),
  );
}

const FIX_VECTORS =
  'Fix: go back to the embedding model of that dimension, or empty the graph and ingest again ' +
  '(managed server: `npx iwg neo4j stop`, then delete its data directory; elsewhere: MATCH (n) DETACH DELETE n).';

/** Splits drift into what is recreated and what refuses the start (one line each: what, expected, found). */
async function reviewDrift(graph: Graph, schema: SchemaSpec, found: FoundSchema) {
  const drifts = compareSchema(schema, found);
  const line = (d: SchemaDrift) => `${describeSpec(d.expected)}: ${d.differences.join('; ')}`;
  const refusals = drifts
    .filter((d) => d.foreign)
    .map((d) => `${line(d)}. Fix: ${dropStatement(d.found).cypher} if nothing else needs it, then start again.`);
  const owned = drifts.filter((d) => !d.foreign);
  const blocked = new Set<SchemaObjectSpec>();
  for (const spec of schema.indexes) {
    const drift = owned.find((d) => d.expected === spec);
    const built = drift !== undefined || !found.indexes.some((i) => i.name === spec.name);
    if (spec.kind !== 'vector' || !built) continue;
    const stray = await strayVectors(graph, spec);
    if (stray.length === 0) continue;
    blocked.add(spec);
    const held = stray.map((s) => `${s.nodes} ${spec.label} nodes hold ${s.dimensions}-dimension vectors`).join(', ');
    refusals.push(
      `${drift ? line(drift) : `${describeSpec(spec)}: missing`}; ${held}, which a ${spec.dimensions}-dimension ` +
        `index would silently leave out of every search. ${FIX_VECTORS}`,
    );
  }
  const recreate = owned.filter((d) => !blocked.has(d.expected));
  return { recreate, refusals, lines: recreate.map(line) };
}

/** What is still wrong after creating: drift, missing objects, indexes not ONLINE. */
function verify(schema: SchemaSpec, found: FoundSchema, failed: ReadonlySet<string>): string[] {
  const problems = compareSchema(schema, found).map((d) => `${describeSpec(d.expected)}: ${d.differences.join('; ')}`);
  for (const spec of schema.constraints) {
    if (!failed.has(spec.name) && !found.constraints.some((c) => c.name === spec.name)) {
      problems.push(`${describeSpec(spec)}: missing after CREATE`);
    }
  }
  for (const spec of schema.indexes) {
    const index = found.indexes.find((i) => i.name === spec.name);
    if (!index && !failed.has(spec.name)) problems.push(`${describeSpec(spec)}: missing after CREATE`);
    else if (index && index.state !== 'ONLINE') problems.push(`${describeSpec(spec)}: ${index.state}, not ONLINE`);
  }
  return [...new Set(problems)];
}

const bullets = (lines: readonly string[]): string => lines.map((l) => `\n- ${l}`).join('');

/**
 * Compares the database's indexes and constraints with the expected schema, recreates what drifted safely
 * (see the module comment), creates what is missing (each statement in its own transaction, as Neo4j requires
 * for schema changes), waits until every index is ONLINE and records the schema version. Every problem is
 * reported at once, in one GraphError coded GRAPH_SCHEMA.
 */
export async function ensureSchema(graph: Graph, options: EnsureSchemaOptions = {}): Promise<SchemaReport> {
  const schema = options.schema ?? expectedSchema(options.embeddingDimensions ?? EMBEDDING_DIMENSIONS);
  const review = await reviewDrift(graph, schema, await readSchema(graph));
  if (review.refusals.length > 0) {
    const safe = review.lines.map((l) => `${l} (safe to recreate)`);
    throw new GraphError(
      'GRAPH_SCHEMA',
      `The graph's schema does not match this version's; nothing was changed:${bullets([...review.refusals, ...safe])}`,
    );
  }
  for (const d of review.recreate) await graph.write([dropStatement(d.found)]);
  const problems: string[] = [];
  const failed = new Set<string>();
  for (const spec of [...schema.constraints, ...schema.indexes]) {
    try {
      await graph.write([createStatement(spec)]);
    } catch (err) {
      failed.add(spec.name);
      problems.push(`${describeSpec(spec)}: ${(err as Error).message}`);
    }
  }
  await awaitPopulation(graph, {
    waitMs: options.indexWaitMs ?? 3_600_000,
    everyMs: options.progressEveryMs ?? 10_000,
    onPopulating: options.onPopulating,
  });
  const after = await readSchema(graph);
  problems.push(...verify(schema, after, failed));
  if (problems.length > 0) throw new GraphError('GRAPH_SCHEMA', `Schema could not be applied:${bullets(problems)}`);
  await graph.write([
    query('MERGE (s:SchemaInfo {id: "schema"}) SET s.version = $version, s.appliedAt = datetime()', {
      version: SCHEMA_VERSION,
    }),
  ]);
  const indexes = after.indexes.map(({ name, type, state }) => ({ name, type, state }));
  return { migrated: review.lines, indexes };
}

/** SHOW INDEXES, reduced to name/type/state. */
export async function indexStates(graph: Graph): Promise<IndexState[]> {
  return graph.read<IndexState>(query('SHOW INDEXES YIELD name, type, state RETURN name, type, state'));
}

/** The schema version recorded in the graph, or null before ensureSchema ran. */
export async function schemaVersion(graph: Graph): Promise<number | null> {
  const rows = await graph.read<{ version: number }>(
    query('MATCH (s:SchemaInfo {id: "schema"}) RETURN s.version AS version'),
  );
  return rows[0]?.version ?? null;
}
