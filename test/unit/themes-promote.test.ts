/**
 * `iwg themes promote` on a temporary copy of corpus/taxonomy.yaml: the theme becomes a draft trend with aliases
 * from its key phrases, every other line of the file (comments included) stays as it was, the result parses as a
 * taxonomy, and a second promotion or an unknown theme is refused with a message that says why.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTaxonomy } from '../../ingest/taxonomy.js';
import type { ThemeAnswer } from '../../queries/answers.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { promoteTheme } from '../../src/themes-promote.js';

const answer: ThemeAnswer = {
  interval: 'year',
  periods: ['2022', '2023', '2024'],
  sentences: 120,
  sampled: 120,
  themes: [
    {
      id: 'theme:build-files',
      label: 'build files, additively manufactured',
      keyPhrases: ['build files', 'additively manufactured', 'spare parts', 'printer'],
      counts: [0, 3, 9],
      total: 12,
      documents: 7,
      growth: 1.5,
      zScore: 2.4,
      qValue: 0.04,
      emerging: true,
      novelty: 0.6,
      taxonomyDistance: 0.7,
      nearestEntry: { id: 'trend:next-gen-security-technology', name: 'Emerging security technology' },
      earlierDistance: 0.5,
      score: 1.44,
      rank: 1,
      evidence: [],
    },
  ],
};

let dir: string;
let file: string;
let original: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iwg-promote-'));
  file = join(dir, 'taxonomy.yaml');
  await copyFile(join(PROJECT_ROOT, 'corpus/taxonomy.yaml'), file);
  original = await readFile(file, 'utf8');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('iwg themes promote', () => {
  it('when a theme is promoted by a key phrase, then a draft trend with its phrases as aliases is appended and nothing else changes', async () => {
    const entry = await promoteTheme(answer, 'Spare Parts', file, '2026-12-02');
    expect(entry.id).toBe('trend:build-files');
    const edited = await readFile(file, 'utf8');
    // Every line of the file before is still there, in order: the entry is appended to the trends, at the end.
    expect(edited.startsWith(original.trimEnd() + '\n')).toBe(true);
    const added = edited.slice(original.trimEnd().length + 1);
    expect(added).toContain('# Promoted from theme:build-files by `iwg themes promote` on 2026-12-02');
    expect(added).toContain('aliases: [build files, additively manufactured, spare parts, printer]');
    const trend = parseTaxonomy(edited).entities.find((e) => e.id === 'trend:build-files');
    expect(trend).toMatchObject({
      kind: 'trend',
      name: 'Build files',
      aliases: ['build files', 'additively manufactured', 'spare parts', 'printer'],
    });
    expect(trend?.description).toMatch(/12 sentences in 7 documents since 2023/);
  });

  it('when it is promoted again or the theme is unknown, then it is refused and the file is left alone', async () => {
    const before = await readFile(file, 'utf8');
    await expect(promoteTheme(answer, 'theme:build-files', file)).rejects.toThrow(/already in the taxonomy/);
    await expect(promoteTheme(answer, 'theme:nothing', file)).rejects.toThrow(/theme:build-files/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
