/** The `iwg` command line: manage the local Neo4j, ingest documents, serve. */
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { createLogger, logFn } from './logger.js';
import { managedNeo4jStatus, startManagedNeo4j, stopManagedNeo4j } from '../graph/managed-neo4j.js';
import type { Graph } from '../graph/driver.js';
import { openGraph, openRuntime } from './runtime.js';
import { ingestPaths, recomputeCommunities, recomputeDerived } from './ingest-service.js';
import { hashKey } from './keys.js';
import { promoteTheme } from './themes-promote.js';
import { emergingThemes } from '../queries/themes.js';
import { join } from 'node:path';
import { IngestInterrupted } from '../ingest/errors.js';
import { z } from 'zod';
import cliProgress from 'cli-progress';

const program = new Command('iwg').description('iwg-graph: knowledge graph over IWG insider-threat documents');

const neo4j = program.command('neo4j').description('manage the local Neo4j Community server');
neo4j
  .command('start')
  .description('provision (Maven) and start the managed Neo4j; apply the schema')
  .action(async () => {
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    if (config.neo4j.uri) {
      log.warn({ uri: config.neo4j.uri }, 'NEO4J_URI is set: nothing to start, the service uses that server');
      return;
    }
    const m = await startManagedNeo4j(config.neo4j.managed, logFn(log));
    const { graph } = await openGraph({ ...config, neo4j: { ...config.neo4j, uri: m.uri } }, log);
    await graph.close();
    process.stdout.write(
      `Neo4j ${m.version} running at ${m.uri} (pid ${m.pid}, data ${config.neo4j.managed.dataDir})\n`,
    );
  });
neo4j
  .command('stop')
  .description('stop the managed Neo4j')
  .action(async () => {
    const config = loadConfig();
    const stopped = await stopManagedNeo4j(config.neo4j.managed, logFn(createLogger(config.logLevel)));
    process.stdout.write(stopped ? 'managed Neo4j stopped\n' : 'managed Neo4j was not running\n');
  });
neo4j
  .command('status')
  .description('is the managed Neo4j running?')
  .action(async () => {
    const config = loadConfig();
    const s = await managedNeo4jStatus(config.neo4j.managed);
    process.stdout.write(
      s ? `running: Neo4j ${s.version}, pid ${s.pid}, bolt://127.0.0.1:${s.boltPort}\n` : 'not running\n',
    );
    process.exitCode = s ? 0 : 3;
  });

const IngestArgs = z.object({
  paths: z.array(z.string().min(1)).min(1, 'give at least one file or folder'),
  manifest: z.string().min(1).optional(),
  prune: z.boolean().default(false),
  json: z.boolean().default(false),
});

program
  .command('ingest')
  .description('ingest files or folders (a folder with manifest.yaml ingests its documents) into the graph')
  .argument('<paths...>', 'files or folders')
  .option('--manifest <file>', 'a manifest (YAML or JSON) giving per-document metadata')
  .option('--prune', 'delete documents of earlier ingests that are no longer among the given ones')
  .option('--json', 'print the summary as JSON')
  .action(async (paths: string[], options: Record<string, unknown>) => {
    const args = IngestArgs.parse({ paths, ...options });
    const config = loadConfig();
    // A progress bar shows on a terminal; with --json (scripts, CI) each document is a structured log line instead.
    const log = createLogger(config.logLevel === 'info' && !args.json ? 'warn' : config.logLevel);
    const runtime = await openRuntime(config, log);
    const bar = args.json
      ? null
      : new cliProgress.SingleBar(
          {
            format: 'ingest [{bar}] {value}/{total} documents | {passages} passages | {rate} embeddings/s | {current}',
          },
          cliProgress.Presets.shades_classic,
        );
    try {
      const summary = await ingestPaths(runtime, args.paths, {
        manifest: args.manifest,
        prune: args.prune,
        onProgress: (p) => {
          if (!bar) return;
          if (!bar.getTotal()) bar.start(p.total, 0, { passages: 0, rate: 0, current: '' });
          const rate = p.embedMs > 0 ? Math.round((p.embedded / p.embedMs) * 1000) : 0;
          bar.update(p.done, { passages: p.passages, rate, current: p.current });
        },
      });
      bar?.stop();
      if (args.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else printSummary(summary);
      if (summary.totals.failed > 0) process.exitCode = 2;
    } catch (err) {
      bar?.stop();
      if (!(err instanceof IngestInterrupted)) throw err;
      printInterrupted(err, args.json);
      process.exitCode = 3;
    } finally {
      await runtime.close();
    }
  });

/**
 * Runs `work` on the graph alone (no model), then closes it and stops a managed server this process started; logs
 * only warnings when the output is for people (`json` unset) and the level is the default.
 */
async function withGraph(json: boolean | undefined, work: (graph: Graph) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' && !json ? 'warn' : config.logLevel);
  const { graph, managed } = await openGraph(config, log);
  try {
    await work(graph);
  } finally {
    await graph.close();
    if (managed?.started) await stopManagedNeo4j(config.neo4j.managed, logFn(log));
  }
}

program
  .command('communities')
  .description('recompute the communities and connectors of the entity graph now (each ingest also does)')
  .option('--json', 'print the summary as JSON')
  .action((options: { json?: boolean }) =>
    // The graph alone: no model is needed to recompute communities.
    withGraph(options.json, async (graph) => {
      const summary = await recomputeCommunities(graph);
      if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        const lines = summary.views.map(
          (v) =>
            `  ${v.view}: ${v.communities} communities over ${v.linked} linked entities (${v.edges} links), modularity ${v.modularity}`,
        );
        process.stdout.write(
          [`communities computed in ${summary.ms} ms (seed ${summary.seed}), per access view:`, ...lines].join('\n') +
            '\n',
        );
      }
    }),
  );

program
  .command('derive')
  .description(
    'recompute the derived data now — co-occurrence (when stale), communities, stored emerging themes — as each ingest does when stale',
  )
  .option('--json', 'print the summary as JSON')
  .action((options: { json?: boolean }) =>
    // The graph alone: themes cluster the stored sentence embeddings, no model is needed.
    withGraph(options.json, async (graph) => {
      const summary = await recomputeDerived(graph);
      if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        const { communities: c, themes: t } = summary;
        const lines = [
          `co-occurrence ${summary.cooccurrence ? 'recomputed' : 'was current'}`,
          ...(c ? c.views.map((v) => `communities ${v.view}: ${v.communities} (modularity ${v.modularity})`) : []),
          ...(t ? t.views.map((v) => `themes ${v.view}: ${v.themes}`) : []),
          t?.superseded ? 'themes not stored: a document was written meanwhile (its writer recomputes)' : '',
        ];
        process.stdout.write(lines.filter(Boolean).join('\n') + '\n');
      }
    }),
  );

const keys = program.command('keys').description('API keys of the keys file (IWG_KEYS_FILE)');
keys
  .command('hash')
  .description('print the SHA-256 of a key, as the keys file stores it (the key from the argument, else stdin)')
  .argument('[key]', 'the key (prefer stdin: arguments land in shell history)')
  .action(async (key?: string) => {
    let text = key;
    if (text === undefined) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString('utf8').trim();
    }
    if (!text) throw new Error('no key given');
    process.stdout.write(`${hashKey(text)}\n`);
  });
const ThemeArgs = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
  interval: z.enum(['year', 'quarter']).default('year'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  json: z.boolean().default(false),
  taxonomy: z.string().min(1).optional(),
});
const themes = program
  .command('themes')
  .description('emerging themes not in the taxonomy (every access label: run it as an analyst)');
const themeOptions = (c: Command) =>
  c
    .option('--from <date>', 'first document date (YYYY-MM-DD)')
    .option('--to <date>', 'last document date (YYYY-MM-DD)')
    .option('--interval <interval>', 'year or quarter', 'year')
    .option('--limit <n>', 'themes to compute', '20');

/** The current themes over every document, as `GET /api/themes` computes them. */
async function currentThemes(args: z.infer<typeof ThemeArgs>) {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { graph } = await openGraph(config, log);
  try {
    const readable = ['public', 'restricted'];
    return { config, answer: await emergingThemes(graph, { ...args, readable }) };
  } finally {
    await graph.close();
  }
}

themeOptions(themes.command('list').description('list the current themes'))
  .option('--json', 'print the answer as JSON')
  .action(async (options: Record<string, unknown>) => {
    const args = ThemeArgs.parse(options);
    const { answer } = await currentThemes(args);
    if (args.json) process.stdout.write(JSON.stringify(answer, null, 2) + '\n');
    else
      for (const t of answer.themes)
        process.stdout.write(`#${t.rank} ${t.id}  ${t.keyPhrases.join(', ')}  (${t.total} sentences, z ${t.zScore})\n`);
  });
themeOptions(
  themes
    .command('promote')
    .description('write a theme into the taxonomy as a draft trend, for review')
    .argument('<theme>', 'its id (theme:…), label or a key phrase'),
)
  .option('--taxonomy <file>', "the taxonomy to edit (default: the corpus folder's taxonomy.yaml)")
  .action(async (ref: string, options: Record<string, unknown>) => {
    const args = ThemeArgs.parse(options);
    const { config, answer } = await currentThemes(args);
    const file = args.taxonomy ?? join(config.corpus.dir, 'taxonomy.yaml');
    const entry = await promoteTheme(answer, ref, file);
    process.stdout.write(`wrote ${entry.id} (${entry.name}) to ${file}: review it, then ingest again\n`);
  });

/** Says that Neo4j was lost, what was written and, by path, every document that was not. */
function printInterrupted(err: IngestInterrupted, json: boolean): void {
  if (json) {
    const out = { error: { code: err.code, message: err.message }, written: err.written, notWritten: err.notWritten };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  }
  const lines = [`iwg ingest: ${err.message}`];
  if (err.written.length > 0) lines.push(`written (${err.written.length}): ${err.written.join(', ')}`);
  lines.push(`not written (${err.notWritten.length}):`, ...err.notWritten.map((p) => `  ${p}`));
  lines.push(
    'Run the same command again once Neo4j is back: written documents are skipped as unchanged (also the one whose',
    'commit Neo4j may have made as the connection was cut, which this run could not confirm).',
  );
  process.stderr.write(lines.join('\n') + '\n');
}

function printSummary(s: Awaited<ReturnType<typeof ingestPaths>>): void {
  const out: string[] = [];
  const t = s.totals;
  out.push(
    `added ${t.added}, updated ${t.updated}, unchanged ${t.unchanged}, removed ${t.removed}, failed ${t.failed}`,
  );
  for (const d of s.documents.filter((x) => x.outcome === 'failed'))
    out.push(`  FAILED ${d.path}: ${d.error?.message}`);
  out.push(
    `time: ${s.timings.total} ms (summed per document, overlapping: parse ${s.timings.parse}, embed ${s.timings.embed}, merge ${s.timings.merge}, write ${s.timings.write})`,
  );
  out.push(
    `nodes: ${Object.entries(s.counts.nodes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out.push(
    `relationships: ${Object.entries(s.counts.relationships)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`iwg: ${err.message}\n`);
  process.exit(1);
});
