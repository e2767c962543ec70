/**
 * `npm run bench`: measures the real parts on this machine and writes bench/RESULTS.md.
 * - embedding: model load, single-text latency, throughput with 1 and 2 workers;
 * - ingest: a seeded SYNTHETIC corpus (bench/synthetic.ts), split into parse / embed / write; an unchanged re-run;
 * - search: /api/search latency per mode over HTTP, first (uncached query embedding) and repeated;
 * - memory: peak RSS of this process.
 * Uses its own managed Neo4j (ports 7692/7479, own data dir), cleared first. Flags: --docs N (default 100).
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph, type Runtime } from '../src/runtime.js';
import { startServer, stopServer } from '../src/server.js';
import { ingestPaths } from '../src/ingest-service.js';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { createWorkerEmbedder } from '../ingest/embed.js';
import { generateCorpus, writeCorpus } from './synthetic.js';

const docsArg = process.argv.indexOf('--docs');
const DOCS = docsArg > 0 ? Number(process.argv[docsArg + 1]) : 100;
const log = createLogger('info', 'bench');
const step = (msg: string, fields: Record<string, unknown> = {}) => log.info(fields, msg);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: '',
    IWG_NEO4J_BOLT_PORT: '7692',
    IWG_NEO4J_HTTP_PORT: '7479',
    IWG_NEO4J_DATA_DIR: join(loadConfig(process.env).neo4j.managed.cacheDir, '..', 'neo4j-bench-data'),
    IWG_INGEST_ON_START: 'false',
    IWG_RATE_LIMIT_PER_MINUTE: '1000000',
    PORT: '0',
    LOG_LEVEL: 'warn',
  });
  const quiet = createLogger('warn', 'bench');
  const r: Record<string, number | string> = {};

  step('starting Neo4j (cached jars)');
  let t = performance.now();
  const { graph, managed } = await openGraph(config, quiet);
  r.neo4jStartMs = round(performance.now() - t, 0);
  r.neo4jVersion = managed?.version ?? 'external';
  await graph.write([{ cypher: 'MATCH (n) WHERE NOT n:SchemaInfo DETACH DELETE n', params: {} }]);

  step('loading the model');
  t = performance.now();
  const embedder = await openEmbedder(config, quiet);
  r.modelLoadMs = round(performance.now() - t, 0);
  const runtime: Runtime = { config, graph, embedder, managed, log: quiet, close: async () => {} };

  step('embedding latency and throughput');
  const sentences = generateCorpus(20, 400, 7)
    .flatMap((d) => d.text.split(/(?<=\.)\s+/))
    .filter((s) => s.length > 40)
    .slice(0, 256);
  const single: number[] = [];
  for (const s of sentences.slice(0, 50)) {
    const t0 = performance.now();
    await embedder.embed([s]);
    single.push(performance.now() - t0);
  }
  r.embedSingleP50Ms = round(pct(single, 50));
  r.embedSingleP95Ms = round(pct(single, 95));
  t = performance.now();
  await embedder.embed(sentences);
  r.embedThroughput1 = round(sentences.length / ((performance.now() - t) / 1000));
  const two = await createWorkerEmbedder({ modelDir: config.model.dir, workers: 2, batchSize: 16 });
  t = performance.now();
  await two.embed(sentences);
  r.embedThroughput2 = round(sentences.length / ((performance.now() - t) / 1000));
  await two.close();

  step('ingesting the synthetic corpus', { docs: DOCS });
  const dir = await mkdtemp(join(tmpdir(), 'iwg-bench-'));
  await writeCorpus(join(dir, 'synthetic'), generateCorpus(DOCS));
  t = performance.now();
  const first = await ingestPaths(runtime, [join(dir, 'synthetic')], {
    root: dir,
    onProgress: (p) => {
      if (p.done % 10 === 0 || p.done === p.total)
        step('ingest progress', { done: p.done, total: p.total, passages: p.passages });
    },
  });
  r.ingestMs = round(performance.now() - t, 0);
  r.ingestDocs = first.totals.added;
  r.ingestFailed = first.totals.failed;
  r.ingestPassages = first.counts.nodes.Passage ?? 0;
  r.ingestPractices = first.counts.nodes.Practice ?? 0;
  r.ingestParseMs = first.timings.parse;
  r.ingestEmbedMs = first.timings.embed;
  r.ingestWriteMs = first.timings.write;
  t = performance.now();
  const again = await ingestPaths(runtime, [join(dir, 'synthetic')], { root: dir });
  r.reingestMs = round(performance.now() - t, 0);
  r.reingestUnchanged = again.totals.unchanged;
  await ingestPaths(runtime, [join(PROJECT_ROOT, 'corpus')]);

  step('search latency over HTTP');
  const server = await startServer({ config, runtime, log: quiet, state: { ingested: true, schemaApplied: true } });
  const queries = [
    'remote access to safety systems',
    'background checks for contractors',
    'two-person rule',
    'security culture self-assessment',
    'social media risks for staff',
    'who co-chairs the working group',
    'training and awareness for new employees',
    'cyber vulnerabilities in control systems',
    'nuclear material accounting',
    'unusual behaviour reporting',
  ];
  for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
    for (const pass of ['first', 'repeat'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        for (const q of queries) {
          const query = pass === 'first' ? `${q} ${mode} ${i}` : q;
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/search`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, mode, limit: 10 }),
          });
          if (!res.ok) throw new Error(`search ${mode} failed: ${res.status} ${await res.text()}`);
          await res.json();
          times.push(performance.now() - t0);
        }
      }
      r[`search_${mode}_${pass}_p50`] = round(pct(times, 50));
      r[`search_${mode}_${pass}_p95`] = round(pct(times, 95));
    }
  }
  await stopServer(server);
  r.peakRssMb = round(peakRss / 1024 / 1024, 0);

  await embedder.close();
  await graph.close();
  if (managed?.started) await stopManagedNeo4j(config.neo4j.managed);
  await rm(dir, { recursive: true, force: true });
  clearInterval(sampler);
  const cold = await readFile(join(PROJECT_ROOT, 'bench', 'cold-start.md'), 'utf8').catch(
    () => 'Not measured yet: run `bash bench/cold-start.sh`.\n',
  );
  await writeFile(
    join(PROJECT_ROOT, 'bench', 'RESULTS.md'),
    report(r) + '\n## First provisioning versus cached start\n' + cold,
  );
  step('done', r);
}

function report(r: Record<string, number | string>): string {
  const n = (k: string) => Number(r[k]);
  const ingestS = n('ingestMs') / 1000;
  return `# Benchmark results

Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores
(${cpus()[0]?.model ?? 'unknown CPU'}), ${round(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version},
Neo4j ${r.neo4jVersion} (managed, heap ${loadConfig(process.env).neo4j.managed.heap}). Corpus: ${DOCS} SYNTHETIC
newsletters from bench/synthetic.ts (seed 908, ~600 words each) plus the two bundled documents.

## Start-up
| what | value |
| --- | --- |
| managed Neo4j start (jars cached) + schema | ${r.neo4jStartMs} ms |
| model load (all-MiniLM-L6-v2 q8, 1 worker) | ${r.modelLoadMs} ms |

## Embedding
| what | value |
| --- | --- |
| one sentence, p50 / p95 | ${r.embedSingleP50Ms} / ${r.embedSingleP95Ms} ms |
| throughput, 1 worker | ${r.embedThroughput1} sentences/s |
| throughput, 2 workers | ${r.embedThroughput2} sentences/s (×${round(n('embedThroughput2') / n('embedThroughput1'), 2)}) |

## Ingest
| what | value |
| --- | --- |
| documents / passages / practices | ${r.ingestDocs} / ${r.ingestPassages} / ${r.ingestPractices} (failed: ${r.ingestFailed}) |
| total | ${r.ingestMs} ms (${round(n('ingestDocs') / ingestS)} documents/s, ${round(n('ingestPassages') / ingestS)} passages/s) |
| parse / embed / write | ${r.ingestParseMs} / ${r.ingestEmbedMs} / ${r.ingestWriteMs} ms |
| unchanged re-run (${r.reingestUnchanged} skipped) | ${r.reingestMs} ms (×${round(n('ingestMs') / n('reingestMs'), 1)} faster) |

## Search (POST /api/search over HTTP, limit 10, 30 queries per row)
| mode | first query p50 / p95 | repeated (cached embedding) p50 / p95 |
| --- | --- | --- |
${(['keyword', 'semantic', 'hybrid'] as const)
  .map(
    (m) =>
      `| ${m} | ${r[`search_${m}_first_p50`]} / ${r[`search_${m}_first_p95`]} ms | ${r[`search_${m}_repeat_p50`]} / ${r[`search_${m}_repeat_p95`]} ms |`,
  )
  .join('\n')}

## Memory
Peak RSS of the benchmark process (API, pipeline and embedding worker threads; Neo4j runs in its own JVM):
${r.peakRssMb} MB.
`;
}

main().catch((err) => {
  log.error({ err }, 'benchmark failed');
  process.exit(1);
});
