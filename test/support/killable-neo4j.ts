/**
 * A managed Neo4j of its own (own data dir, free ports) that a test or a reliability trial may kill -9 and start
 * again: the suite's shared server is never touched.
 */
import { connect, createServer } from 'node:net';
import { loadConfig } from '../../src/config.js';
import {
  managedNeo4jStatus,
  startManagedNeo4j,
  stopManagedNeo4j,
  type ManagedNeo4jOptions,
} from '../../graph/managed-neo4j.js';

export interface KillableNeo4j {
  readonly uri: string;
  readonly options: ManagedNeo4jOptions;
  /** The running server's pid (0 when killed). */
  pid(): number;
  /** kill -9, then waits until the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same data dir and ports; resolves when Bolt accepts connections. */
  start(): Promise<void>;
  /** Stops it cleanly (when running). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts the server; on a busy machine a restart after a kill (store recovery) can outlast the managed server's
 * own 180 s wait for Bolt, so a server still starting is waited for up to 10 minutes more.
 */
async function startSlowly(options: ManagedNeo4jOptions): Promise<number> {
  try {
    return (await startManagedNeo4j(options)).pid;
  } catch (err) {
    const starting = await managedNeo4jStatus(options);
    if (!starting || !/did not open Bolt/.test((err as Error).message)) throw err;
    const deadline = Date.now() + 600_000;
    while (Date.now() < deadline) {
      if (!alive(starting.pid)) break;
      if ((await managedNeo4jStatus(options)) && (await boltOpen(options.boltPort))) return starting.pid;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw err;
  }
}

function boltOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a managed Neo4j in `dataDir` (created when absent) on the given or free ports. */
export async function startKillableNeo4j(
  dataDir: string,
  ports: { bolt?: number; http?: number } = {},
  env: Record<string, string | undefined> = process.env,
): Promise<KillableNeo4j> {
  const managed = loadConfig({ ...env, NEO4J_URI: undefined }).neo4j.managed;
  const options: ManagedNeo4jOptions = {
    ...managed,
    dataDir,
    boltPort: ports.bolt ?? (await freePort()),
    httpPort: ports.http ?? (await freePort()),
    heap: '512m',
  };
  let pid = await startSlowly(options);
  return {
    uri: `bolt://127.0.0.1:${options.boltPort}`,
    options,
    pid: () => pid,
    async kill() {
      // The server of the data dir, even one a start still under way launched.
      const running = (await managedNeo4jStatus(options))?.pid ?? pid;
      if (running && alive(running)) process.kill(running, 'SIGKILL');
      while (running && alive(running)) await new Promise((r) => setTimeout(r, 50));
      pid = 0;
    },
    async start() {
      pid = await startSlowly(options);
    },
    async stop() {
      await stopManagedNeo4j(options);
      pid = 0;
    },
  };
}
