import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { prepareTestDatabase } from '../support/global-setup.js';
import { clearGraph } from '../support/runtime.js';
import { assertWipeAllowed, checkTestDatabase, WIPE_URI } from '../support/wipe-guard.js';

// Nothing listens on port 1: a refusal must come before any connection attempt.
const ANALYST_URI = 'bolt://127.0.0.1:1';
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the db tier global setup', () => {
  it('when NEO4J_URI is set without IWG_TEST_DISPOSABLE_DB, then it refuses, says why and what to do, and approves no wipe', async () => {
    const env: Record<string, string | undefined> = { NEO4J_URI: ANALYST_URI };
    await expect(prepareTestDatabase(env)).rejects.toThrow(
      /^Refusing to run the db tests: .*NEO4J_URI=bolt:\/\/127\.0\.0\.1:1.*empty the database.*IWG_TEST_DISPOSABLE_DB=1/,
    );
    expect(env[WIPE_URI]).toBeUndefined();
  });

  it('when the IWG_CONFIG file names a server, then it refuses as well', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-guard-'));
    dirs.push(dir);
    await writeFile(join(dir, 'analyst.yaml'), `NEO4J_URI: ${ANALYST_URI}\n`);
    await expect(prepareTestDatabase({ IWG_CONFIG: join(dir, 'analyst.yaml') })).rejects.toThrow(/Refusing to run/);
  });

  it('when the server is declared disposable, or none is named, then the check lets the db tier run', () => {
    expect(() => checkTestDatabase(ANALYST_URI, { IWG_TEST_DISPOSABLE_DB: '1' })).not.toThrow();
    expect(() => checkTestDatabase(undefined, {})).not.toThrow();
    expect(() => checkTestDatabase(ANALYST_URI, { IWG_TEST_DISPOSABLE_DB: 'true' })).toThrow(/Refusing/);
  });
});

describe('clearGraph', () => {
  const fakeRuntime = (uri: string) => {
    const writes: string[] = [];
    const graph = { write: async (qs: { cypher: string }[]) => (writes.push(...qs.map((q) => q.cypher)), []) };
    return { writes, runtime: { graph, config: { neo4j: { uri } } } as unknown as Runtime };
  };

  it('when the database is not the one the global setup approved, then nothing is deleted', async () => {
    const { writes, runtime } = fakeRuntime(ANALYST_URI);
    await expect(clearGraph(runtime, { [WIPE_URI]: 'bolt://127.0.0.1:7689' })).rejects.toThrow(
      /Refusing to empty the Neo4j database at bolt:\/\/127\.0\.0\.1:1/,
    );
    expect(writes).toEqual([]);
  });

  it('when the database is the approved one, then it is emptied', async () => {
    const { writes, runtime } = fakeRuntime(ANALYST_URI);
    await clearGraph(runtime, { [WIPE_URI]: ANALYST_URI });
    expect(writes.join('\n')).toMatch(/DETACH DELETE/);
  });

  it('when no database was approved, then the guard refuses any', () => {
    expect(() => assertWipeAllowed(ANALYST_URI, {})).toThrow(/none was/);
  });
});
