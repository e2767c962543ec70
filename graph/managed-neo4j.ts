/**
 * The managed local Neo4j Community server: jars resolved from Maven Central (graph/neo4j.pom.xml) into a cache
 * outside the repository, started on 127.0.0.1 with its data directory outside the repository, reused when
 * already running, stopped cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { copyDependencies, readPomProperty, requireTools, ProvisionError } from './maven.js';

export interface ManagedNeo4jOptions {
  cacheDir: string;
  dataDir: string;
  boltPort: number;
  httpPort: number;
  heap: string;
  pom: string;
}

export interface ManagedNeo4j {
  uri: string;
  version: string;
  pid: number;
  /** True when this call started the server (and so should stop it), false when it reused a running one. */
  started: boolean;
  provisionedMs: number;
  startMs: number;
}

type Log = (msg: string, fields?: Record<string, unknown>) => void;

interface PidFile {
  pid: number;
  boltPort: number;
  version: string;
}

// Outside Neo4j's own run/ folder, which the server manages itself.
const pidFileOf = (o: Pick<ManagedNeo4jOptions, 'dataDir'>) => join(o.dataDir, 'iwg-neo4j.json');

/** Resolves the jars (once), then starts the server or reuses the one already running on the same data dir. */
export async function startManagedNeo4j(o: ManagedNeo4jOptions, log: Log = () => {}): Promise<ManagedNeo4j> {
  const version = await readPomProperty(o.pom, 'neo4j.version');
  const uri = `bolt://127.0.0.1:${o.boltPort}`;
  const running = await readRunning(o);
  if (running && (await portOpen(o.boltPort))) {
    log('reusing running managed Neo4j', { pid: running.pid, uri });
    return { uri, version: running.version, pid: running.pid, started: false, provisionedMs: 0, startMs: 0 };
  }
  if (await portOpen(o.boltPort)) {
    throw new ProvisionError(
      `Port ${o.boltPort} is taken by another process; set IWG_NEO4J_BOLT_PORT to a free port or NEO4J_URI to use that server.`,
    );
  }
  await requireTools(['java']);
  const t0 = Date.now();
  const lib = join(o.cacheDir, version, 'lib');
  const downloaded = await copyDependencies(o.pom, lib, (line) => log(line));
  const provisionedMs = Date.now() - t0;
  if (downloaded) log('Neo4j jars provisioned', { version, lib, ms: provisionedMs });

  await writeHome(o);
  const t1 = Date.now();
  const out = openSync(join(o.dataDir, 'logs', 'console.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xmx${o.heap}`,
      '-XX:+UseG1GC',
      '-Dfile.encoding=UTF-8',
      '-cp',
      `${lib}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${o.dataDir}`,
      `--config-dir=${join(o.dataDir, 'conf')}`,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new ProvisionError('java could not be started');
  await writeFile(pidFileOf(o), JSON.stringify({ pid, boltPort: o.boltPort, version } satisfies PidFile));
  log('starting managed Neo4j', { version, pid, uri, dataDir: o.dataDir });
  await waitForBolt(o, pid);
  const startMs = Date.now() - t1;
  log('managed Neo4j ready', { version, pid, uri, ms: startMs });
  return { uri, version, pid, started: true, provisionedMs, startMs };
}

/** How long a stop waits for the server to exit after SIGTERM (a checkpoint may take a while) before SIGKILL. */
export const NEO4J_STOP_TIMEOUT_MS = 60_000;

/** Stops the managed server of this data dir, if running; waits for it to exit. Returns whether it was running. */
export async function stopManagedNeo4j(o: Pick<ManagedNeo4jOptions, 'dataDir'>, log: Log = () => {}): Promise<boolean> {
  const running = await readRunning(o);
  if (!running) return false;
  log('stopping managed Neo4j', { pid: running.pid });
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + NEO4J_STOP_TIMEOUT_MS;
  while (alive(running.pid) && Date.now() < deadline) await sleep(200);
  if (alive(running.pid)) process.kill(running.pid, 'SIGKILL');
  await rm(pidFileOf(o), { force: true });
  return true;
}

/** The running managed server of this data dir, if any. */
export async function managedNeo4jStatus(o: Pick<ManagedNeo4jOptions, 'dataDir'>): Promise<PidFile | null> {
  return readRunning(o);
}

async function readRunning(o: Pick<ManagedNeo4jOptions, 'dataDir'>): Promise<PidFile | null> {
  const file = pidFileOf(o);
  if (!existsSync(file)) return adoptOrphan(o);
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as PidFile;
    // A stale pid file (after a reboot) may name a pid now used by another process: check it is our server.
    if (alive(info.pid) && (await isManagedServer(info.pid, o.dataDir))) return info;
  } catch {
    // unreadable pid file: fall through
  }
  await rm(file, { force: true });
  return adoptOrphan(o);
}

/** A server of this data dir whose pid file was lost (e.g. a killed parent): found by its command line. */
async function adoptOrphan(o: Pick<ManagedNeo4jOptions, 'dataDir'>): Promise<PidFile | null> {
  const pids = await readdir('/proc').catch(() => [] as string[]);
  for (const p of pids.filter((x) => /^\d+$/.test(x))) {
    if (!(await isManagedServer(Number(p), o.dataDir))) continue;
    const cmd = await readFile(`/proc/${p}/cmdline`, 'utf8');
    const conf = await readFile(join(o.dataDir, 'conf', 'neo4j.conf'), 'utf8').catch(() => '');
    const boltPort = Number(/server\.bolt\.listen_address=[^:]+:(\d+)/.exec(conf)?.[1] ?? 0);
    const version = /neo4j\/([^/]+)\/lib/.exec(cmd)?.[1] ?? 'unknown';
    const info = { pid: Number(p), boltPort, version };
    await writeFile(pidFileOf(o), JSON.stringify(info));
    return info;
  }
  return null;
}

/** Whether `pid` is a Neo4j server started for `dataDir` (by its command line; true where /proc is absent). */
async function isManagedServer(pid: number, dataDir: string): Promise<boolean> {
  if (!existsSync('/proc')) return true;
  const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmd.includes('org.neo4j.server.CommunityEntryPoint') && cmd.split('\0').includes(`--home-dir=${dataDir}`);
}

async function writeHome(o: ManagedNeo4jOptions): Promise<void> {
  for (const d of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
    await mkdir(join(o.dataDir, d), { recursive: true });
  await writeFile(join(o.dataDir, 'conf', 'neo4j.conf'), managedNeo4jConf(o));
}

/**
 * The managed server's neo4j.conf. Bound to loopback only; auth is off because nothing but this machine can reach
 * it (use NEO4J_URI for a shared server with authentication). The advertised addresses are the ones it listens on:
 * Neo4j otherwise advertises its default Bolt port 7687 (in discovery, `curl <http port>/`, and routing tables).
 */
export function managedNeo4jConf(o: Pick<ManagedNeo4jOptions, 'dataDir' | 'boltPort' | 'httpPort' | 'heap'>): string {
  const conf = [
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${o.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${o.boltPort}`,
    `server.http.listen_address=127.0.0.1:${o.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${o.httpPort}`,
    'server.http.enabled=true',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    `server.directories.data=${join(o.dataDir, 'data')}`,
    `server.directories.logs=${join(o.dataDir, 'logs')}`,
    `server.directories.run=${join(o.dataDir, 'run')}`,
    `server.directories.import=${join(o.dataDir, 'import')}`,
    `server.directories.plugins=${join(o.dataDir, 'plugins')}`,
    `server.memory.heap.max_size=${o.heap}`,
    'server.memory.pagecache.size=256m',
    'dbms.usage_report.enabled=false',
    'db.tx_log.rotation.retention_policy=100M size',
  ];
  return conf.join('\n') + '\n';
}

async function waitForBolt(o: ManagedNeo4jOptions, pid: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      const tail = await readFile(join(o.dataDir, 'logs', 'neo4j.log'), 'utf8').catch(() => '');
      throw new ProvisionError(
        `managed Neo4j exited during start; last log lines:\n${tail.split('\n').slice(-20).join('\n')}`,
      );
    }
    if (await portOpen(o.boltPort)) return;
    await sleep(300);
  }
  throw new ProvisionError(`managed Neo4j did not open Bolt port ${o.boltPort} within 180 s (see ${o.dataDir}/logs)`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
