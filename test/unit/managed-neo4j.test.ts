import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { managedNeo4jStatus, stopManagedNeo4j } from '../../graph/managed-neo4j.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('managed Neo4j pid file', () => {
  it('when the pid file names a live process that is not our server, then it is not running and nothing is killed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'iwg-pid-'));
    dirs.push(dataDir);
    const pidFile = join(dataDir, 'iwg-neo4j.json');
    // This test process is alive but is no Neo4j: a stale pid file after a reboot looks like this.
    await writeFile(pidFile, JSON.stringify({ pid: process.pid, boltPort: 7999, version: '5.26.30' }));
    expect(await managedNeo4jStatus({ dataDir })).toBeNull();
    expect(existsSync(pidFile)).toBe(false);
    expect(await stopManagedNeo4j({ dataDir })).toBe(false);
  });
});
