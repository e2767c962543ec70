import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';
import { PROJECT_ROOT } from '../../src/config.js';

/** Each project's include globs, by name; every glob here has the form `test/<folder>/**\/*.test.ts`. */
function tierFolders(): Record<string, string[]> {
  const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
  return Object.fromEntries(
    projects.map((p) => [p.test.name, p.test.include.map((g) => g.replace(/\/\*\*\/\*\.test\.ts$/, '/'))]),
  );
}

describe('the test tiers', () => {
  it('when the test folder is listed, then every test file belongs to exactly one tier, so none is silently left out', async () => {
    const tiers = tierFolders();
    expect(Object.keys(tiers).sort()).toEqual(['db', 'unit']);
    const files = (await readdir(join(PROJECT_ROOT, 'test'), { recursive: true }))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => relative(PROJECT_ROOT, join(PROJECT_ROOT, 'test', f)));
    expect(files.length).toBeGreaterThan(20);
    const unplaced = files.filter(
      (f) => Object.values(tiers).filter((folders) => folders.some((dir) => f.startsWith(dir))).length !== 1,
    );
    expect(unplaced).toEqual([]);
  });
});
