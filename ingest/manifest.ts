import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IngestError } from './errors.js';
import { DocumentMetadata, acceptedDocumentType, acceptedFocusGroups } from './records.js';

/** One manifest entry: a corpus file (path relative to the manifest) and the metadata the file does not carry. */
export const ManifestEntry = z
  .object({
    path: z
      .string()
      .min(1, 'expected a file path')
      .refine((p) => !/^(?:[A-Za-z]+:|\/|\\)/.test(p), 'expected a path relative to the manifest'),
    ...DocumentMetadata.shape,
  })
  .strict();
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({ documents: z.array(ManifestEntry) }).strict();
export type Manifest = z.infer<typeof Manifest>;

/** What the taxonomy allows a manifest entry to declare: its document types' and focus groups' ids. */
export interface ManifestVocabulary {
  documentTypes?: readonly string[];
  focusGroups?: readonly string[];
}

/** The manifest whose entries' `type` and `focusGroups` must be the taxonomy's, when given. */
function manifestFor({ documentTypes, focusGroups }: ManifestVocabulary) {
  if (!documentTypes && !focusGroups) return Manifest;
  const entry = ManifestEntry.extend({
    type: documentTypes ? acceptedDocumentType(documentTypes).optional() : ManifestEntry.shape.type,
    focusGroups: focusGroups ? acceptedFocusGroups(focusGroups).max(20).optional() : ManifestEntry.shape.focusGroups,
  });
  return z.object({ documents: z.array(entry) }).strict();
}

/**
 * Parses a corpus manifest (YAML, or JSON by extension) and validates it. Invalid → IngestError BAD_MANIFEST whose
 * message lists every bad field with its path, e.g. `documents[1].date: expected a date as YYYY-MM-DD`.
 * `documentTypes` (the taxonomy's ids) are the types an entry may declare; without them a type is only checked
 * to be a slug. `focusGroups` (the taxonomy's focus group ids) likewise for an entry's `focusGroups`.
 */
export function parseManifest(
  text: string,
  file: string,
  documentTypes?: readonly string[],
  focusGroups?: readonly string[],
): Manifest {
  let data: unknown;
  try {
    data = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new IngestError('BAD_MANIFEST', `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`, {
      path: file,
      cause: err,
    });
  }
  const result = manifestFor({ documentTypes, focusGroups }).safeParse(data ?? {});
  const problems = [...(result.success ? [] : result.error.issues.map(describeIssue)), ...duplicatePaths(data)];
  if (result.success && problems.length === 0) return result.data;
  throw new IngestError('BAD_MANIFEST', `${file}: invalid manifest:\n  ${problems.join('\n  ')}`, {
    path: file,
    cause: result.success ? undefined : result.error,
  });
}

/** Two entries for one file would ingest it twice under different metadata; reported even when other fields fail. */
function duplicatePaths(data: unknown): string[] {
  const documents = (data as { documents?: unknown } | null)?.documents;
  if (!Array.isArray(documents)) return [];
  const seen = new Map<string, number>();
  const problems: string[] = [];
  documents.forEach((doc: unknown, i) => {
    const path = (doc as { path?: unknown } | null)?.path;
    if (typeof path !== 'string') return;
    const first = seen.get(path);
    if (first === undefined) seen.set(path, i);
    else problems.push(`documents[${i}].path: duplicates documents[${first}].path`);
  });
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`).join('\n  ');
  }
  return `${where || '(root)'}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
