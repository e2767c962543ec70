/**
 * Search filters as Cypher predicates. Every filter is about passages: a passage matches when its document
 * has one of the given types/languages and falls in [from, to], and, for each entity filter kind given, it
 * MENTIONS at least one of the listed entities (AND across kinds, OR within a kind). Practices, topics, trends
 * and documents match through a passage that matches. Values always travel as parameters.
 *
 * The caller's readable access labels (`readable`, queries/access.ts) always apply: a passage or document hit is
 * one the caller may read, a practice matches through its readable sources and wording, and a topic or trend that
 * matches through a filter does so through a readable passage.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readablePracticeWording, type Readable } from './access.js';

export interface SearchFilters {
  /** The access labels the caller may read: not a choice of the caller, set from its key. */
  readable: Readable;
  countries?: readonly string[];
  focusGroups?: readonly string[];
  topics?: readonly string[];
  trends?: readonly string[];
  documentTypes?: readonly string[];
  languages?: readonly string[];
  from?: string;
  to?: string;
}

export interface Predicate {
  /** A boolean Cypher expression ('true' when no filter is set). */
  where: string;
  params: Record<string, unknown>;
}

/** The entity kind each entity filter's ids must be of. */
export const FILTER_KINDS = {
  countries: 'country',
  focusGroups: 'focusGroup',
  topics: 'topic',
  trends: 'trend',
} as const;

const ENTITY_FILTERS = Object.keys(FILTER_KINDS) as (keyof typeof FILTER_KINDS)[];

/** Whether a filter other than access narrows the passages. */
function narrows(f: SearchFilters): boolean {
  return (
    [...ENTITY_FILTERS, 'documentTypes', 'languages'].some((k) => f[k as keyof SearchFilters]?.length) ||
    Boolean(f.from || f.to)
  );
}

/** The conditions on document `d` (bound): readable, and its type, language and date within the filters. */
function documentConditions(f: SearchFilters, d: string): string[] {
  const docConds: string[] = [readableDocument(d)];
  if (f.documentTypes?.length) docConds.push(`${d}.type IN $f_documentTypes`);
  if (f.languages?.length) docConds.push(`${d}.language IN $f_languages`);
  if (f.from) docConds.push(`${d}.date >= $f_from`);
  if (f.to) docConds.push(`${d}.date <= $f_to`);
  return docConds;
}

/** The entity filters' conditions on passage `v`: it mentions one of each kind's listed entities. */
function mentionConditions(f: SearchFilters, v: string): string[] {
  return ENTITY_FILTERS.filter((kind) => f[kind]?.length).map(
    (kind) => `EXISTS { MATCH (${v})-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_${kind} }`,
  );
}

/**
 * The passage's document is found by the passage's `documentId` (a unique-index seek) rather than through
 * HAS_PASSAGE, which walks the passage's ~25 relationships (bench/profile-search.ts).
 */
function passageCondition(f: SearchFilters, v: string): string[] {
  return [
    `EXISTS { MATCH (fd:Document {id: ${v}.documentId}) WHERE ${documentConditions(f, 'fd').join(' AND ')} }`,
    ...mentionConditions(f, v),
  ];
}

function filterParams(f: SearchFilters): Record<string, unknown> {
  const params: Record<string, unknown> = { readable: [...f.readable] };
  for (const key of [...ENTITY_FILTERS, 'documentTypes', 'languages'] as const) {
    if (f[key]?.length) params[`f_${key}`] = [...f[key]!];
  }
  if (f.from) params.f_from = f.from;
  if (f.to) params.f_to = f.to;
  return params;
}

/** The predicate for a passage bound to `v`. */
export function passagePredicate(f: SearchFilters, v: string): Predicate {
  return { where: passageCondition(f, v).join('\n  AND '), params: filterParams(f) };
}

/** The predicate for a passage bound to `v` whose document is already bound to `d`. */
export function passageOfDocumentPredicate(f: SearchFilters, v: string, d: string): Predicate {
  return { where: [...documentConditions(f, d), ...mentionConditions(f, v)].join('\n  AND '), params: filterParams(f) };
}

/** What a hit of each kind must satisfy: a matching passage it is sourced from, mentioned in, or contains. */
export function hitPredicate(
  kind: 'passage' | 'practice' | 'entity' | 'document',
  f: SearchFilters,
  v: string,
): Predicate {
  if (kind === 'passage') return passagePredicate(f, v);
  const params = filterParams(f);
  const own = { practice: readablePracticeWording(v), entity: null, document: readableDocument(v) }[kind];
  if (!narrows(f)) return { where: own ?? 'true', params };
  const inner = passageCondition(f, 'fp').join(' AND ');
  const pattern = {
    practice: `(${v})-[:SOURCED_FROM]->(fp:Passage)`,
    entity: `(fp:Passage)-[:MENTIONS]->(${v})`,
    document: `(${v})-[:HAS_PASSAGE]->(fp:Passage)`,
  }[kind];
  const through = `EXISTS { MATCH ${pattern} WHERE ${inner} }`;
  return { where: own ? `${own} AND ${through}` : through, params };
}

/**
 * UNKNOWN_FILTER_IDS: the entity filters' ids that name no entity of the filter's kind, as rows { field, id }.
 * Entities come from the taxonomy, which is not access-labelled (every entity is listed to every caller), so
 * saying an id is unknown reveals nothing a document holds.
 */
export function buildUnknownFilterIds(f: Omit<SearchFilters, 'readable'>): CypherQuery {
  const wanted = ENTITY_FILTERS.flatMap((field) =>
    (f[field] ?? []).map((id) => ({ field, kind: FILTER_KINDS[field], id })),
  );
  return query(
    `
    UNWIND $wanted AS w
    WITH w WHERE NOT EXISTS { MATCH (e:Entity {id: w.id}) WHERE e.kind = w.kind }
    RETURN w.field AS field, w.id AS id
    `,
    { wanted },
  );
}

/** The entity filters' unknown ids by field (no round trip when no entity filter is set). */
export async function findUnknownFilterIds(
  graph: Graph,
  f: Omit<SearchFilters, 'readable'>,
): Promise<Map<string, string[]>> {
  const unknown = new Map<string, string[]>();
  if (!ENTITY_FILTERS.some((field) => f[field]?.length)) return unknown;
  for (const row of await graph.read<{ field: string; id: string }>(buildUnknownFilterIds(f))) {
    unknown.set(row.field, [...(unknown.get(row.field) ?? []), row.id]);
  }
  return unknown;
}
