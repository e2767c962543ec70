import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IngestError } from '../../ingest/errors.js';
import { parseManifest } from '../../ingest/manifest.js';
import { acceptedDocumentType } from '../../ingest/records.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';

const BUNDLED = readFileSync(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8');
const SEEDED = ['web-page', 'brochure', 'newsletter', 'meeting-summary', 'guide', 'other'];

/** The bundled taxonomy with one more document type, as an analyst would add it. */
const withReport = BUNDLED.replace(
  /^documentTypes:\n/m,
  'documentTypes:\n  - id: report\n    name: Report\n    description: A report on a study or an exercise.\n',
);

const failureOf = (run: () => unknown): IngestError => {
  try {
    run();
  } catch (err) {
    return err as IngestError;
  }
  throw new Error('expected a failure');
};

describe('document types from the taxonomy', () => {
  it('when the bundled taxonomy is parsed, then it lists the six seeded document types with names', () => {
    const sut = parseTaxonomy(BUNDLED);

    expect(sut.documentTypes.map((t) => t.id)).toEqual(SEEDED);
    for (const t of sut.documentTypes) expect(t.name.length).toBeGreaterThan(0);
  });

  it('when an analyst adds "report", then a manifest and an upload of that type are accepted', () => {
    const types = parseTaxonomy(withReport).documentTypes.map((t) => t.id);
    expect(types).toContain('report');

    const manifest = parseManifest('documents:\n  - path: a.pdf\n    type: report\n', 'manifest.yaml', types);
    expect(manifest.documents[0].type).toBe('report');
    // What the upload route checks a declared type with (src/routes/documents.ts, checkDocumentType).
    const upload = acceptedDocumentType(types).safeParse('report');
    expect(upload.success).toBe(true);
  });

  it('when a type is not in the taxonomy, then the manifest is refused naming the allowed types', () => {
    const types = parseTaxonomy(BUNDLED).documentTypes.map((t) => t.id);

    const sut = failureOf(() => parseManifest('documents:\n  - path: a.pdf\n    type: report\n', 'm.yaml', types));

    expect(sut.code).toBe('BAD_MANIFEST');
    expect(sut.message).toContain(`documents[0].type: unknown document type "report"; allowed: ${SEEDED.join(', ')}`);
  });

  it('when an upload declares a type not in the taxonomy, then its metadata is refused naming the allowed types', () => {
    const sut = acceptedDocumentType(['guide', 'report']).safeParse('glossary');

    expect(sut.success).toBe(false);
    expect(sut.error?.issues[0]).toMatchObject({
      message: 'unknown document type "glossary"; allowed: guide, report',
    });
  });

  it('when the documentTypes section is malformed, then BAD_TAXONOMY lists every problem with its path', () => {
    const yaml = [
      'version: 1',
      'documentTypes:',
      '  - id: Report',
      '    name: Report',
      '    description: d',
      '  - id: guide',
      '    description: d',
      '  - id: guide',
      '    name: Guide',
      '    description: d',
      '    colour: blue',
      '  - id: other',
      '    name: Other',
      '    description: d',
      '  - id: other',
      '    name: Other again',
      '    description: d',
    ].join('\n');

    const sut = failureOf(() => parseTaxonomy(yaml, 'taxonomy.yaml'));

    expect(sut.code).toBe('BAD_TAXONOMY');
    for (const line of [
      'documentTypes[0].id: expected a document type id such as "meeting-summary"',
      'documentTypes[1].name:',
      'documentTypes[2]: unknown field(s) colour',
      'documentTypes[4].id: duplicate id "other" (first at [3])',
    ]) {
      expect(sut.message).toContain(line);
    }
  });

  it('when documentTypes is not a list, then BAD_TAXONOMY says what it expects', () => {
    const sut = failureOf(() => parseTaxonomy('version: 1\ndocumentTypes: report\n'));

    expect(sut.message).toContain('documentTypes: expected a list of entries with id, name, description');
  });
});
