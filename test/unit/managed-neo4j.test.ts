import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { managedNeo4jConf, managedNeo4jStatus, stopManagedNeo4j } from '../../graph/managed-neo4j.js';

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

describe('managed Neo4j conf', () => {
  const settings = (conf: string) =>
    Object.fromEntries(
      conf
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );

  it('when written for non-default ports, then it advertises the Bolt and HTTP addresses it listens on', () => {
    const sut = settings(managedNeo4jConf({ dataDir: '/tmp/x', boltPort: 7721, httpPort: 7722, heap: '512m' }));
    expect(sut['server.bolt.listen_address']).toBe('127.0.0.1:7721');
    expect(sut['server.bolt.advertised_address']).toBe(sut['server.bolt.listen_address']);
    expect(sut['server.http.listen_address']).toBe('127.0.0.1:7722');
    expect(sut['server.http.advertised_address']).toBe(sut['server.http.listen_address']);
  });

  it('when written, then the server listens on loopback only with auth disabled', () => {
    const sut = settings(managedNeo4jConf({ dataDir: '/tmp/x', boltPort: 7688, httpPort: 7475, heap: '1g' }));
    expect(sut['server.default_listen_address']).toBe('127.0.0.1');
    expect(sut['dbms.security.auth_enabled']).toBe('false');
    expect(sut['server.https.enabled']).toBe('false');
  });
});
