/**
 * Reliability trials (issue 15 §3), on a managed Neo4j of their own that they wipe, kill and restart:
 *   (a) `iwg ingest` killed with SIGKILL at a random point of an ingest of generated documents, then re-run;
 *   (b) Neo4j killed with SIGKILL at a random point of an ingest, restarted, the ingest re-run;
 *   both compared with a clean ingest: documents lost, documents half-written, derived data whole;
 *   (c) outages under the service: time to 503 for /ready, search and trends with Neo4j down, time to recover
 *   after a restart (with 4 clients asking meanwhile), time to exit on SIGTERM with Neo4j down.
 *
 *   nice -n 10 npx tsx bench/kill-trials.ts --bolt-port 7714 --http-port 7494 --data-dir /tmp/neo4j-trials \
 *     --port 3104 [--trials 10] [--documents 40] [--out bench/reliability.md]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createGraph, type Graph } from '../graph/driver.js';
import { startKillableNeo4j, type KillableNeo4j } from '../test/support/killable-neo4j.js';
import { describeEnvironment } from './env.js';
import { writeGeneratedCorpus } from './generate.js';
import { renderReliability, type KillTrial, type OutageRound } from './reliability-report.js';
import {
  clearTrialGraph,
  compare,
  fingerprint,
  sleep,
  spawnProject,
  waitFor,
  type GraphPrint,
} from './reliability-probe.js';

const opts = new Command()
  .requiredOption('--bolt-port <n>', 'Bolt port of the trials’ own Neo4j')
  .requiredOption('--http-port <n>', 'HTTP port of the trials’ own Neo4j')
  .requiredOption('--data-dir <dir>', 'data dir of the trials’ own Neo4j (wiped)')
  .requiredOption('--port <n>', 'port of the service in the outage rounds')
  .option('--trials <n>', 'kills of each kind', '10')
  .option('--outages <n>', 'outage rounds', '3')
  .option('--documents <n>', 'generated documents per ingest', '40')
  .option('--out <file>', 'report', 'bench/reliability.md')
  .option('--done <jsonl>', 'trials already measured (one JSON line each, as this script logs them): not re-run')
  .parse()
  .opts<Record<string, string>>();

const N = Number(opts.documents);
let neo4j: KillableNeo4j;
let graph: Graph;
let corpus: string;

const childEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  NEO4J_URI: neo4j.uri,
  LOG_LEVEL: 'warn',
  ...extra,
});
const documentCount = async () =>
  (await graph.read<{ n: number }>({ cypher: 'MATCH (d:Document) RETURN count(d) AS n', params: {} }))[0].n;

// Ingests run with a long query timeout: on a busy machine a cold server's first queries exceed the default 10 s,
// and these trials are about kills, not speed (the outage rounds keep the service's default).
const ingestEnv = () => childEnv({ IWG_QUERY_TIMEOUT_MS: '60000' });
const ingestArgs = () => ['src/cli.ts', 'ingest', corpus, '--json'];

/** Ingests the corpus to the end; returns how long it took, its exit code and the reasons of failed documents. */
async function ingestAll(): Promise<{ ms: number; code: number | null; failures: string[] }> {
  const t0 = Date.now();
  const cli = spawnProject(ingestArgs(), ingestEnv());
  const code = await cli.exited;
  let failures: string[];
  try {
    const summary = JSON.parse(cli.stdout()) as { documents: { outcome: string; error?: { message: string } }[] };
    failures = summary.documents.flatMap((d) => (d.outcome === 'failed' ? [d.error?.message ?? '?'] : []));
  } catch {
    failures = [cli.stderr().slice(-500)];
  }
  if (code !== 0) process.stderr.write(`ingest exited ${code}: ${failures.join('; ').slice(0, 2000)}\n`);
  return { ms: Date.now() - t0, code, failures };
}

/** One trial: an ingest from an empty graph, `kill` at a random point, then (after `recover`) a re-run. */
async function killTrial(kind: 'ingester' | 'neo4j', clean: GraphPrint): Promise<KillTrial> {
  await clearTrialGraph(graph);
  const target = 1 + Math.floor(Math.random() * N);
  const jitterMs = Math.floor(Math.random() * 1500);
  const cli = spawnProject(ingestArgs(), ingestEnv());
  let finishedFirst = false;
  await waitFor(
    `${target} documents written`,
    async () => (finishedFirst = cli.process.exitCode !== null) || (await documentCount().catch(() => 0)) >= target,
    900_000,
  );
  await sleep(jitterMs);
  const atKill = await documentCount();
  const killedAt = Date.now();
  let cliExit: KillTrial['cliExit'];
  if (kind === 'ingester') {
    if (cli.process.exitCode === null) cli.process.kill('SIGKILL');
    await cli.exited;
  } else {
    await neo4j.kill();
    const code = await Promise.race([cli.exited, sleep(60_000).then(() => 'hung' as const)]);
    if (code === 'hung') cli.process.kill('SIGKILL');
    cliExit = {
      code: code === 'hung' ? null : code,
      ms: Date.now() - killedAt,
      namedNotWritten: /not written \(\d+\)/.test(cli.stderr()),
    };
    await neo4j.start();
    await graph.waitUntilReady();
  }
  const rerun = await ingestAll();
  const result = compare(clean, await fingerprint(graph));
  const trial = {
    kind,
    target,
    jitterMs,
    atKill,
    finishedFirst,
    cliExit,
    rerunCode: rerun.code,
    rerunFailures: rerun.failures,
    ...result,
  };
  process.stderr.write(`${JSON.stringify(trial)}\n`);
  return trial;
}

type Timed = { ms: number; status: number; retryAfter: string | null };
async function timed(base: string, path: string, init?: RequestInit): Promise<Timed> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, init).catch(() => null);
  await res?.arrayBuffer();
  return { ms: performance.now() - t0, status: res?.status ?? 0, retryAfter: res?.headers.get('retry-after') ?? null };
}
const searchInit = (q: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: q }),
});

/** Four clients asking search and trends in turn until `until` is true: statuses and slow answers. */
async function loadUntil(base: string, until: () => boolean) {
  const answers: Timed[] = [];
  await Promise.all(
    [0, 1, 2, 3].map(async (c) => {
      for (let i = 0; !until(); i++) {
        const path = (c + i) % 2 === 0 ? '/api/search' : '/api/trends';
        answers.push(await timed(base, path, path === '/api/search' ? searchInit(`insider risk ${i}`) : undefined));
        await sleep(100);
      }
    }),
  );
  return answers;
}

/** Outage rounds against the service: returns one row per round, then the SIGTERM figure. */
async function outageRounds(
  rounds: number,
): Promise<{ rounds: OutageRound[]; sigtermMs: number; code: number | null }> {
  const base = `http://127.0.0.1:${opts.port}`;
  const service = spawnProject(
    ['src/main.ts'],
    childEnv({
      PORT: opts.port,
      IWG_INGEST_ON_START: 'false',
      IWG_RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
    }),
  );
  await waitFor('service ready', () => service.stdout().includes('iwg-graph is ready'), 600_000);
  const out: OutageRound[] = [];
  for (let r = 0; r < rounds; r++) {
    await waitFor('ready', async () => (await timed(base, '/ready')).status === 200, 120_000);
    await neo4j.kill();
    const first = {
      ready: await timed(base, '/ready'),
      search: await timed(base, '/api/search', searchInit('insider threat')),
      trends: await timed(base, '/api/trends'),
    };
    const later: Timed[] = [];
    for (let i = 0; i < 5; i++)
      later.push(
        await timed(base, '/ready'),
        await timed(base, '/api/search', searchInit('awareness')),
        await timed(base, '/api/trends'),
      );
    let ready = false;
    const load = loadUntil(base, () => ready);
    const t0 = Date.now();
    await neo4j.start();
    const boltMs = Date.now() - t0;
    const readyMs = await waitFor(
      'ready after restart',
      async () => (await timed(base, '/ready')).status === 200,
      300_000,
    );
    // Keep the load on 30 s after ready: the requests a cold server would time out.
    await sleep(30_000);
    ready = true;
    const answers = await load;
    out.push({ first, later, boltMs, readyAfterBoltMs: readyMs, load: answers });
    process.stderr.write(
      `outage round ${r + 1}: bolt ${boltMs} ms, ready +${readyMs} ms, ${answers.length} requests\n`,
    );
  }
  await neo4j.kill();
  await timed(base, '/api/search', searchInit('insider threat'));
  const t0 = Date.now();
  service.process.kill('SIGTERM');
  const code = await Promise.race([service.exited, sleep(60_000).then(() => null)]);
  const sigtermMs = Date.now() - t0;
  if (service.process.exitCode === null) service.process.kill('SIGKILL');
  await neo4j.start();
  return { rounds: out, sigtermMs, code };
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'iwg-trials-'));
  await rm(opts.dataDir, { recursive: true, force: true });
  neo4j = await startKillableNeo4j(opts.dataDir, { bolt: Number(opts.boltPort), http: Number(opts.httpPort) });
  graph = createGraph({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', queryTimeoutMs: 60_000 });
  try {
    corpus = join(work, 'corpus');
    await writeGeneratedCorpus(corpus, { documents: N });
    const clean = await ingestAll(); // into the empty database; applies the schema too
    const cleanPrint = await fingerprint(graph);
    process.stderr.write(`clean ingest: ${clean.ms} ms, ${cleanPrint.documents.size} documents\n`);
    const trials: KillTrial[] = opts.done
      ? (await readFile(opts.done, 'utf8'))
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as KillTrial)
      : [];
    for (const kind of ['ingester', 'neo4j'] as const)
      for (let i = trials.filter((x) => x.kind === kind).length; i < Number(opts.trials); i++)
        trials.push(await killTrial(kind, cleanPrint));
    const outages = await outageRounds(Number(opts.outages));
    const report = renderReliability({
      environment: describeEnvironment('5.26', '512m'),
      documents: N,
      cleanMs: clean.ms,
      clean: cleanPrint,
      trials,
      outages,
    });
    await writeFile(opts.out, report);
    process.stderr.write(`wrote ${opts.out}\n`);
  } finally {
    await graph.close();
    await neo4j.stop().catch(() => undefined);
    await neo4j.kill();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`kill-trials failed: ${err.stack}\n`);
  process.exit(1);
});
