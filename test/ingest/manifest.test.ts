import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { IngestError } from '../../ingest/errors.js';
import { parseManifest } from '../../ingest/manifest.js';

/** The document types of the bundled taxonomy. */
const TYPES = ['web-page', 'brochure', 'newsletter', 'meeting-summary', 'guide', 'other'];

const failureOf = (text: string, file: string): IngestError => {
  try {
    parseManifest(text, file, TYPES);
  } catch (err) {
    return err as IngestError;
  }
  throw new Error('expected parseManifest to throw');
};

describe('parseManifest', () => {
  it('when the bundled corpus manifest is read, then both sample documents are listed', async () => {
    const text = await readFile(new URL('../../corpus/manifest.yaml', import.meta.url), 'utf8');
    const sut = parseManifest(text, 'corpus/manifest.yaml');
    expect(sut.documents.map((d) => [d.path, d.type])).toEqual([
      ['documents/iwg-website-front-page.txt', 'web-page'],
      ['documents/infcirc-908-iwg-brochure.txt', 'brochure'],
    ]);
    expect(sut.documents[0].date).toBeUndefined();
    // Both are about the IWG as a whole: they declare no focus group (a sentence naming one attributes itself).
    expect(sut.documents.map((d) => d.focusGroups)).toEqual([[], []]);
  });

  it('when the manifest is JSON, then it is read the same way', () => {
    const sut = parseManifest('{"documents":[{"path":"a.md","date":"2023-09-15","access":"public"}]}', 'm.json');
    expect(sut.documents).toEqual([{ path: 'a.md', date: '2023-09-15', access: 'public' }]);
  });

  it('when several fields are bad, then BAD_MANIFEST lists every one with its path', () => {
    const yaml = [
      'documents:',
      '  - path: ok.txt',
      '  - path: /etc/passwd',
      '    date: 2023-9-1',
      '    type: memo',
      '    titel: Typo',
      '  - path: ok.txt',
      '    access: secret',
      '    date: 2023-02-30',
    ].join('\n');
    const sut = failureOf(yaml, 'corpus/manifest.yaml');
    expect(sut.code).toBe('BAD_MANIFEST');
    expect(sut.path).toBe('corpus/manifest.yaml');
    for (const line of [
      'documents[1].path: expected a path relative to the manifest',
      'documents[1].date: expected a date as YYYY-MM-DD',
      'documents[1].type: unknown document type "memo"; allowed: web-page, brochure',
      'documents[1].titel: unknown field',
      'documents[2].access:',
      'documents[2].date: expected a calendar date as YYYY-MM-DD',
      'documents[2].path: duplicates documents[0].path',
    ]) {
      expect(sut.message).toContain(line);
    }
  });

  it("when entries declare focus groups, then they are read and checked against the taxonomy's", () => {
    const groups = ['focus-group:cybersecurity', 'focus-group:security-culture'];
    const ok = parseManifest(
      'documents:\n  - path: a.txt\n    focusGroups: [focus-group:security-culture]\n',
      'm.yaml',
      TYPES,
      groups,
    );
    expect(ok.documents[0].focusGroups).toEqual(['focus-group:security-culture']);
    let err: IngestError | undefined;
    try {
      parseManifest(
        'documents:\n  - path: a.txt\n    focusGroups: [focus-group:nope, Cyber]\n',
        'm.yaml',
        TYPES,
        groups,
      );
    } catch (e) {
      err = e as IngestError;
    }
    expect(err?.code).toBe('BAD_MANIFEST');
    expect(err?.message).toContain(
      'documents[0].focusGroups[0]: unknown focus group "focus-group:nope"; allowed: focus-group:cybersecurity, ' +
        'focus-group:security-culture',
    );
    expect(err?.message).toContain('documents[0].focusGroups[1]: expected a focus group id');
    // A malformed id is reported once, not also as unknown.
    expect(err?.message.match(/focusGroups\[1\]/g)).toHaveLength(1);
  });

  it('when the text is not YAML, then BAD_MANIFEST names the file', () => {
    const sut = failureOf('documents: [unclosed', 'corpus/manifest.yaml');
    expect(sut).toMatchObject({
      code: 'BAD_MANIFEST',
      message: expect.stringMatching(/^corpus\/manifest\.yaml: not valid YAML/),
    });
  });

  it('when documents is missing, then BAD_MANIFEST says so', () => {
    expect(failureOf('', 'empty.yaml').message).toContain('documents:');
  });
});
