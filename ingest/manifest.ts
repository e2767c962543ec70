import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IngestError } from './errors.js';
import { DocumentMetadata } from './records.js';

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

export const Manifest = z
  .object({ documents: z.array(ManifestEntry) })
  .strict()
  .superRefine((manifest, ctx) => {
    const seen = new Map<string, number>();
    manifest.documents.forEach((doc, i) => {
      const first = seen.get(doc.path);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['documents', i, 'path'],
          message: `duplicates documents[${first}].path`,
        });
      } else seen.set(doc.path, i);
    });
  });
export type Manifest = z.infer<typeof Manifest>;

/**
 * Parses a corpus manifest (YAML, or JSON by extension) and validates it. Invalid → IngestError BAD_MANIFEST whose
 * message lists every bad field with its path, e.g. `documents[1].date: expected a date as YYYY-MM-DD`.
 */
export function parseManifest(text: string, file: string): Manifest {
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
  const result = Manifest.safeParse(data ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(describeIssue);
  throw new IngestError('BAD_MANIFEST', `${file}: invalid manifest:\n  ${problems.join('\n  ')}`, {
    path: file,
    cause: result.error,
  });
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
