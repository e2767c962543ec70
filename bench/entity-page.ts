/**
 * How fast is an entity page? `GET /api/entities/:type/:id` for every entity of a graph of the bundled corpus plus
 * 150 generated documents (seed 908), served in-process over HTTP like `npm start`, anonymously (public documents):
 * a warm-up pass, then `--passes` timed passes (default 3); p50/p95 over every request, the statement alone, and
 * the slowest entities. `--profile` adds Neo4j's PROFILE of the entity statement for the slowest entity (db hits
 * and rows per operator). Results are kept per `--label` in bench/results/entity-page.json and rendered into the
 * measured part of bench/entity-page.md (the prose around it is the study's own).
 *
 *   IWG_BENCH_BOLT_PORT=7713 IWG_BENCH_HTTP_PORT=7714 IWG_BENCH_DATA_DIR=/tmp/neo-bench \
 *     npx tsx bench/entity-page.ts [--ingest] [--label after] [--passes 3] [--profile]
 *
 * `--ingest` first writes the generated corpus to the bench cache and ingests it with the bundled corpus into the
 * bench's Neo4j (unchanged documents are skipped, so it is cheap when they are already there).
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { buildEntityDetail } from '../queries/entities.js';
import { PROJECT_ROOT } from '../src/config.js';
import { ingestPaths } from '../src/ingest-service.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/runtime.js';
import { startServer, stopServer } from '../src/server.js';
import { benchConfig, cpuMsOf } from './env.js';
import { writeGeneratedCorpus } from './generate.js';
import { median, percentile } from './measure.js';

const opts = new Command()
  .option('--ingest', 'generate and ingest the corpus first')
  .option('--label <label>', 'name of this run in the results', 'after')
  .option('--passes <n>', 'timed passes over every entity', '3')
  .option('--documents <n>', 'generated documents', '150')
  .option('--profile', 'PROFILE the entity statement of the slowest entity')
  .parse()
  .opts<{ ingest?: boolean; label: string; passes: string; documents: string; profile?: boolean }>();

interface Run {
  label: string;
  date: string;
  commit: string;
  load: { start: number[]; end: number[] };
  graph: { documents: number; passages: number; sentences: number; entities: number; relationships: number };
  requests: number;
  http: { p50: number; p95: number; max: number };
  statement: { p50: number; p95: number; max: number };
  neo4jCpuMsPerRequest: number | null;
  /** This process's CPU (the API: routing, validation, mapping, JSON) per request. */
  apiCpuMsPerRequest: number;
  /** The first request after Neo4j's query caches were cleared (planning included), three times: what a page costs
   * after a restart, or after an ingest moved the statistics enough for Neo4j to plan again. */
  cold: number[];
  slowest: { id: string; p50: number }[];
  profile?: { id: string; dbHits: number; operators: { operator: string; rows: number; dbHits: number }[] };
}

// A cold request plans the statement: seconds on a loaded machine, past the service's default 10 s query timeout.
const config = benchConfig({ IWG_QUERY_TIMEOUT_MS: '120000', ...process.env });
const log = createLogger('warn', 'bench');
const rt = await openRuntime(config, log);
const passes = Number(opts.passes);
const ms = (xs: number[]) => ({
  p50: +median(xs).toFixed(1),
  p95: +percentile(xs, 95).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
});
try {
  if (opts.ingest) {
    const dir = join(config.neo4j.managed.cacheDir, '..', 'bench', `entity-page-908-${opts.documents}`);
    await writeGeneratedCorpus(dir, { documents: Number(opts.documents) });
    await ingestPaths(rt, [join(PROJECT_ROOT, 'corpus')], { root: PROJECT_ROOT });
    await ingestPaths(rt, [dir], { root: dir });
  }
  const [graph] = await rt.graph.read<Run['graph']>({
    cypher: `CALL () { MATCH (d:Document) RETURN count(d) AS documents }
      CALL () { MATCH (p:Passage) RETURN count(p) AS passages }
      CALL () { MATCH (s:Sentence) RETURN count(s) AS sentences }
      CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
      CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
      RETURN documents, passages, sentences, entities, relationships`,
    params: {},
  });
  const entities = await rt.graph.read<{ type: string; id: string }>({
    cypher: 'MATCH (e:Entity) RETURN e.kind AS type, e.id AS id ORDER BY e.id',
    params: {},
  });
  const running = await startServer({ config, runtime: rt, log, state: { ingested: true, schemaApplied: true } });
  const readable = ['public'];
  const get = async (e: { type: string; id: string }) => {
    const res = await fetch(`${running.url}/api/entities/${e.type}/${encodeURIComponent(e.id)}`);
    if (res.status !== 200) throw new Error(`${e.id}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const loadStart = loadavg().map((x) => +x.toFixed(2));
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    await withDriver((d) => d.executeQuery('CALL db.clearQueryCaches()', {}, { database: config.neo4j.database }));
    const t0 = performance.now();
    await get(entities[i % entities.length]);
    cold.push(Math.round(performance.now() - t0));
  }
  for (const e of entities) await get(e); // warm-up: plans cached, pages in memory
  const http: number[] = [];
  const perEntity = new Map<string, number[]>();
  const neo4jPid = rt.managed?.pid ?? null;
  const cpu0 = neo4jPid === null ? null : cpuMsOf(neo4jPid);
  const api0 = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++)
    for (const e of entities) {
      const t0 = performance.now();
      await get(e);
      const t = performance.now() - t0;
      http.push(t);
      (perEntity.get(e.id) ?? perEntity.set(e.id, []).get(e.id)!).push(t);
    }
  const cpu1 = neo4jPid === null ? null : cpuMsOf(neo4jPid);
  const api1 = process.cpuUsage(api0);
  const statement: number[] = [];
  for (let pass = 0; pass < passes; pass++)
    for (const e of entities) {
      const t0 = performance.now();
      await rt.graph.read(buildEntityDetail(e.type, e.id, readable));
      statement.push(performance.now() - t0);
    }
  await stopServer(running);
  const slowest = [...perEntity]
    .map(([id, xs]) => ({ id, p50: +median(xs).toFixed(1) }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 5);
  const run: Run = {
    label: opts.label,
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim(),
    load: { start: loadStart, end: loadavg().map((x) => +x.toFixed(2)) },
    graph,
    requests: http.length,
    http: ms(http),
    statement: ms(statement),
    neo4jCpuMsPerRequest: cpu0 === null || cpu1 === null ? null : +((cpu1 - cpu0) / http.length).toFixed(1),
    apiCpuMsPerRequest: +((api1.user + api1.system) / 1000 / http.length).toFixed(1),
    cold,
    slowest,
  };
  if (opts.profile)
    run.profile = await profile(
      entities.find((e) => e.id === slowest[0].id)!,
      readable,
    );
  console.log(JSON.stringify(run, null, 2));
  await save(run);
} finally {
  await rt.close();
  if (rt.managed?.started) await stopManagedNeo4j(config.neo4j.managed);
}

/** PROFILE of the entity statement for one entity: db hits and rows per operator, most hits first. */
async function profile(e: { type: string; id: string }, readable: string[]): Promise<Run['profile']> {
  const q = buildEntityDetail(e.type, e.id, readable);
  return withDriver(async (driver) => {
    const result = await driver.executeQuery(`PROFILE ${q.cypher}`, q.params, { database: config.neo4j.database });
    const operators: { operator: string; rows: number; dbHits: number }[] = [];
    const walk = (p: { operatorType: string; rows: number; dbHits: number; children: unknown[] }) => {
      operators.push({ operator: p.operatorType, rows: Number(p.rows), dbHits: Number(p.dbHits) });
      for (const c of p.children) walk(c as typeof p);
    };
    const plan = result.summary.profile;
    if (plan) walk(plan as unknown as Parameters<typeof walk>[0]);
    return {
      id: e.id,
      dbHits: operators.reduce((s, o) => s + o.dbHits, 0),
      operators: operators.sort((a, b) => b.dbHits - a.dbHits).slice(0, 12),
    };
  });
}

/** A plain driver on the bench's Neo4j, for what Graph does not offer (PROFILE, clearing the query caches). */
async function withDriver<T>(work: (driver: neo4j.Driver) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(
    `bolt://127.0.0.1:${config.neo4j.managed.boltPort}`,
    config.neo4j.password ? neo4j.auth.basic(config.neo4j.user, config.neo4j.password) : undefined,
  );
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}

/** Keeps this run under its label and re-renders the measured part of bench/entity-page.md. */
async function save(run: Run) {
  const file = join(PROJECT_ROOT, 'bench', 'results', 'entity-page.json');
  const runs = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, Run>;
  runs[run.label] = run;
  await writeFile(file, JSON.stringify(runs, null, 2) + '\n');
  const md = join(PROJECT_ROOT, 'bench', 'entity-page.md');
  const text = await readFile(md, 'utf8').catch(() => '# Entity pages\n\n<!-- measured -->\n<!-- /measured -->\n');
  const table = [
    '| run | load avg (1, 5, 15 min) at start → end | graph | requests | HTTP p50 / p95 / max ms | statement alone p50 / p95 ms | Neo4j / API CPU ms per request | cold: first request after clearing the plan cache, ms | slowest (p50 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...Object.values(runs).map(
      (r) =>
        `| ${r.label} (${r.date.slice(0, 16)}Z) | ${r.load.start.join(', ')} → ${r.load.end.join(', ')} | ` +
        `${r.graph.documents} documents, ${r.graph.passages.toLocaleString('en')} passages, ${r.graph.sentences.toLocaleString('en')} sentences, ${r.graph.entities} entities | ` +
        `${r.requests} | **${r.http.p50} / ${r.http.p95}** / ${r.http.max} | ${r.statement.p50} / ${r.statement.p95} | ` +
        `${r.neo4jCpuMsPerRequest ?? 'n/a'} / ${r.apiCpuMsPerRequest ?? 'n/a'} | ${r.cold.join(', ')} | ${r.slowest.map((s) => `${s.id} ${s.p50}`).join(', ')} |`,
    ),
    '',
    ...Object.values(runs)
      .filter((r) => r.profile)
      .flatMap((r) => [
        `PROFILE of the entity statement, ${r.label}, ${r.profile!.id}: ${r.profile!.dbHits.toLocaleString('en')} db hits; operators with the most:`,
        '',
        '| operator | rows | db hits |',
        '| --- | --- | --- |',
        ...r.profile!.operators.map((o) => `| ${o.operator} | ${o.rows} | ${o.dbHits} |`),
        '',
      ]),
  ].join('\n');
  await writeFile(
    md,
    text.replace(/<!-- measured -->[\s\S]*<!-- \/measured -->/, `<!-- measured -->\n${table}\n<!-- /measured -->`),
  );
}
