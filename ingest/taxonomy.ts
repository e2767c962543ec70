/**
 * The taxonomy: canonical entities read from corpus/taxonomy.yaml (one section per kind) and the document types
 * the manifest and uploads accept (`documentTypes:`), validated once.
 */
import { isMap, parseDocument } from 'yaml';
import { IngestError } from './errors.js';
import { DocumentTypeEntry, Entity, type EntityKind } from './records.js';

/** The parsed taxonomy. `related` holds, per entity id, the ids a mention of it also brings in (for practices). */
export interface Taxonomy {
  version: number;
  entities: readonly Entity[];
  byId: ReadonlyMap<string, Entity>;
  related: ReadonlyMap<string, readonly string[]>;
  /** The document types a manifest entry or an upload may declare (none when the section is absent). */
  documentTypes: readonly DocumentTypeEntry[];
}

/** YAML section → kind and the id prefix its entries must carry. */
const SECTIONS: Record<string, { kind: EntityKind; prefix: string }> = {
  focusGroups: { kind: 'focusGroup', prefix: 'focus-group' },
  topics: { kind: 'topic', prefix: 'topic' },
  countries: { kind: 'country', prefix: 'country' },
  organisations: { kind: 'organisation', prefix: 'organisation' },
  instruments: { kind: 'instrument', prefix: 'instrument' },
  events: { kind: 'event', prefix: 'event' },
  attributes: { kind: 'attribute', prefix: 'attribute' },
  trends: { kind: 'trend', prefix: 'trend' },
};

const SEMANTIC_KINDS: ReadonlySet<EntityKind> = new Set(['topic', 'trend']);

type Problems = string[];

/**
 * Parses and validates taxonomy YAML. Throws IngestError('BAD_TAXONOMY') whose message lists every problem
 * with its path (e.g. `topics[2].id: …`), not just the first one.
 */
export function parseTaxonomy(yamlText: string, file = 'taxonomy.yaml'): Taxonomy {
  const problems: Problems = [];
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  for (const e of doc.errors) problems.push(`yaml: ${e.message.split('\n')[0]}`);
  if (problems.length === 0 && !isMap(doc.contents)) problems.push('(root): expected a mapping of sections');
  if (problems.length > 0) throw badTaxonomy(file, problems);

  const root = doc.toJS() as Record<string, unknown>;
  const version = root.version;
  if (!Number.isInteger(version) || (version as number) < 1) problems.push('version: expected a positive integer');
  for (const key of Object.keys(root)) {
    if (key !== 'version' && key !== 'documentTypes' && !(key in SECTIONS)) problems.push(`${key}: unknown section`);
  }

  const entities: Entity[] = [];
  const related = new Map<string, string[]>();
  const pathOf = new Map<string, string>();
  for (const [section, { kind, prefix }] of Object.entries(SECTIONS)) {
    const raw = root[section];
    if (raw === undefined || raw === null) continue;
    if (!Array.isArray(raw)) {
      problems.push(`${section}: expected a list of entries`);
      continue;
    }
    raw.forEach((item: unknown, i) => {
      const path = `${section}[${i}]`;
      const entity = parseEntry(item, kind, prefix, path, problems, related);
      if (!entity) return;
      const first = pathOf.get(entity.id);
      if (first) problems.push(`${path}.id: duplicate id "${entity.id}" (first at ${first})`);
      else pathOf.set(entity.id, path);
      entities.push(entity);
    });
  }
  for (const [id, targets] of related) {
    for (const target of targets) {
      if (!pathOf.has(target)) problems.push(`${pathOf.get(id) ?? id}.related: unknown id "${target}"`);
    }
  }
  const documentTypes = parseDocumentTypes(root.documentTypes, problems);
  if (problems.length > 0) throw badTaxonomy(file, problems);
  return Object.freeze({
    version: version as number,
    entities: Object.freeze(entities),
    byId: new Map(entities.map((e) => [e.id, e])),
    related,
    documentTypes: Object.freeze(documentTypes),
  });
}

function parseEntry(
  item: unknown,
  kind: EntityKind,
  prefix: string,
  path: string,
  problems: Problems,
  related: Map<string, string[]>,
): Entity | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${path}: expected a mapping with id, name, aliases, description`);
    return undefined;
  }
  const { related: rel, ...fields } = item as Record<string, unknown>;
  if ('kind' in fields) problems.push(`${path}.kind: remove it; the section decides the kind`);
  const parsed = Entity.safeParse({ ...fields, kind });
  const relatedIds = parseRelated(rel, path, problems);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] !== 'kind') problems.push(`${path}${describePath(issue)}`);
    }
    return undefined;
  }
  const entity = parsed.data;
  if (!entity.id.startsWith(`${prefix}:`)) problems.push(`${path}.id: "${entity.id}" must start with "${prefix}:"`);
  if (entity.semantic && !SEMANTIC_KINDS.has(kind)) problems.push(`${path}.semantic: only topics and trends`);
  if (relatedIds.length > 0) related.set(entity.id, relatedIds);
  return entity;
}

/** The `documentTypes:` section: entries with id, name and description, ids unique. */
function parseDocumentTypes(raw: unknown, problems: Problems): DocumentTypeEntry[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push('documentTypes: expected a list of entries with id, name, description');
    return [];
  }
  const types: DocumentTypeEntry[] = [];
  const firstAt = new Map<string, number>();
  raw.forEach((item: unknown, i) => {
    const parsed = DocumentTypeEntry.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`documentTypes[${i}]${describePath(issue)}`);
      return;
    }
    const first = firstAt.get(parsed.data.id);
    if (first !== undefined)
      problems.push(`documentTypes[${i}].id: duplicate id "${parsed.data.id}" (first at [${first}])`);
    else firstAt.set(parsed.data.id, i);
    types.push(parsed.data);
  });
  return types;
}

/** `.field: message` for a zod issue; unknown keys are named one by one. */
function describePath(issue: { path: PropertyKey[]; message: string; code: string; keys?: string[] }): string {
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field(s) ${(issue.keys ?? []).join(', ')}`;
  return `${where}: ${issue.message}`;
}

function parseRelated(rel: unknown, path: string, problems: Problems): string[] {
  if (rel === undefined) return [];
  if (!Array.isArray(rel) || rel.some((r) => typeof r !== 'string')) {
    problems.push(`${path}.related: expected a list of entity ids`);
    return [];
  }
  return rel as string[];
}

function badTaxonomy(file: string, problems: Problems): IngestError {
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return new IngestError('BAD_TAXONOMY', `${file}: ${problems.length} problem(s)\n${list}`, { path: file });
}

/** The text embedded for semantic linking of a topic or trend: its name and its description. */
export function semanticText(entity: Entity): string {
  return `${entity.name}. ${entity.description}`;
}
