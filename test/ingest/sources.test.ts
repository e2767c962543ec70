/** Document ids of CLI paths: relative to the root below it, named by the folder or file given outside it. */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSources, sourceId } from '../../ingest/sources.js';

const tag = (path: string, name: string) => `${name}-${createHash('sha256').update(path).digest('hex').slice(0, 8)}`;

describe('sourceId', () => {
  it('when the file lies below the root, then the id is its path relative to the root', () => {
    expect(sourceId('/srv/project', '/srv/project/corpus', '/srv/project/corpus/documents/a.html')).toBe(
      'corpus/documents/a.html',
    );
    expect(sourceId('/srv/project', '/srv/project', '/srv/project')).toBe('');
  });
  it('when the file lies outside the root, then the id is the given folder or file name, tagged by its place, and the path within it', () => {
    const newsletters = tag('/home/ana/docs/newsletters', 'newsletters');
    expect(sourceId('/srv/project', '/home/ana/docs/newsletters', '/home/ana/docs/newsletters/2021/a.html')).toBe(
      `${newsletters}/2021/a.html`,
    );
    expect(sourceId('/srv/project', '/tmp/x/telework.txt', '/tmp/x/telework.txt')).toBe(
      tag('/tmp/x/telework.txt', 'telework.txt'),
    );
    expect(sourceId('/srv/project', '/home/ana/docs/newsletters', '/home/ana/docs/newsletters')).toBe(newsletters);
    // Two folders of one name in different places are different documents.
    expect(sourceId('/srv/project', '/home/bo/newsletters', '/home/bo/newsletters/2021/a.html')).not.toBe(
      `${newsletters}/2021/a.html`,
    );
  });
});

describe('collectSources outside the root', () => {
  it('when a folder elsewhere is ingested, then no id carries ".." or the machine’s directories', async () => {
    const root = await mkdtemp(join(tmpdir(), 'iwg-root-'));
    const elsewhere = await mkdtemp(join(tmpdir(), 'iwg-elsewhere-'));
    const docs = join(elsewhere, 'cli-docs');
    await mkdir(join(docs, 'sub'), { recursive: true });
    await writeFile(join(docs, 'telework.txt'), 'Remote work and insider risk.');
    await writeFile(join(docs, 'sub', 'b.md'), '# B');
    await writeFile(join(elsewhere, 'single.txt'), 'One file.');
    const sut = await collectSources([docs, join(elsewhere, 'single.txt')], undefined, root);
    const docsTag = tag(docs, 'cli-docs');
    const singleTag = tag(join(elsewhere, 'single.txt'), 'single.txt');
    expect(sut.map((s) => s.id).sort()).toEqual([`${docsTag}/sub/b.md`, `${docsTag}/telework.txt`, singleTag].sort());
    expect(sut.find((s) => s.id === singleTag)?.path).toBe(join(elsewhere, 'single.txt'));
    for (const s of sut) expect(s.id).not.toContain('..');
  });
  it('when a folder elsewhere has a manifest, then its documents are named by that folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'iwg-root-'));
    const docs = join(await mkdtemp(join(tmpdir(), 'iwg-elsewhere-')), 'notes');
    await mkdir(docs, { recursive: true });
    await writeFile(join(docs, 'a.txt'), 'A note.');
    await writeFile(join(docs, 'manifest.yaml'), 'documents:\n  - path: a.txt\n    title: A note\n');
    const sut = await collectSources([docs], undefined, root);
    expect(sut.map((s) => [s.id, s.metadata.title])).toEqual([[`${tag(docs, 'notes')}/a.txt`, 'A note']]);
  });
});
