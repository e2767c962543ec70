/** The README's configuration table names every variable src/config.ts reads, and no other. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';

/** The variables named in the first column of the README's "## Configuration" table. */
async function readmeVariables(): Promise<string[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Configuration');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

describe('the README configuration table', () => {
  it('when compared with src/config.ts, then it lists every variable read and none that is not', async () => {
    const documented = await readmeVariables();
    expect(documented).toContain('IWG_NEO4J_DATA_DIR');
    expect([...new Set(documented)].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
