/**
 * Related practices: other similarity signals than the stored prescription vector, scored like the shipped blend
 * on the graph an earlier `bench/relatedness.ts` run left (labels v2), to see whether any is worth building. Each
 * variant replaces the similarity term of the blend on the family's candidate rows ("rows": what
 * GET /api/practices/:id/related would rank if it used that similarity) and ranks every practice by it alone
 * ("exact"). Top-10 entries neither planted nor judged count 0 (strict); their number is shown. Writes
 * bench/relatedness-variants.md.
 *
 *   IWG_BENCH_BOLT_PORT=… IWG_BENCH_DATA_DIR=… npx tsx bench/relatedness-variants.ts --documents 1000
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { query } from '../graph/cypher.js';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { DEFAULT_MODEL_ID, MODEL_IDS, type ModelId } from '../ingest/models.js';
import { mergeCosine } from '../ingest/practice-merge.js';
import { prescriptionOf } from '../ingest/prescription.js';
import { readableParam, readablePracticeText } from '../queries/access.js';
import { rankRelated } from '../queries/practices.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph } from '../src/runtime.js';
import { benchConfig } from './env.js';
import type { GroundTruth } from './generate.js';
import { readFamilies, withJudgments, type FamilyRows } from './relatedness.js';
import { meanScores, scoreFamily } from './relatedness-score.js';

type Vector = Float64Array;
type Similarity = (a: string, b: string) => number;

const unit = (v: ArrayLike<number>): Vector => {
  const out = Float64Array.from(v);
  const n = Math.hypot(...out);
  return out.map((x) => x / n);
};
const cos = (a: Vector, b: Vector) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const mean = (vs: Vector[]) => unit(vs.reduce((c, v) => c.map((x, i) => x + v[i]!), new Float64Array(vs[0]!.length)));

/** nDCG@10 (all, dev, held-out), MRR and unjudged top-10 entries of one ranking function. */
function score(families: FamilyRows[], rank: (f: FamilyRows) => string[]) {
  const rows = families
    .filter((f) => f.queryNode !== null)
    .map((f) => {
      const ranked = rank(f);
      return {
        split: f.split,
        unjudged: ranked.slice(0, 10).filter((id) => !f.grades.has(id)).length,
        ...scoreFamily(ranked, f.grades),
      };
    });
  const of = (split?: string) => meanScores(rows.filter((r) => split === undefined || r.split === split));
  return {
    all: of().ndcgAt10,
    dev: of('dev').ndcgAt10,
    heldOut: of('held-out').ndcgAt10,
    mrr: of().mrr,
    unjudged: rows.reduce((n, r) => n + r.unjudged, 0),
  };
}

/** Rocchio expansion: the query vector plus beta × the mean of its m nearest practices, renormalised. */
function rocchio(vectors: Map<string, Vector>, q: string, m: number, beta: number): Vector {
  const qv = vectors.get(q)!;
  const near = [...vectors]
    .filter(([id]) => id !== q)
    .sort((a, b) => cos(qv, b[1]) - cos(qv, a[1]))
    .slice(0, m);
  return unit(qv.map((x, d) => x + (beta / m) * near.reduce((s, [, v]) => s + v[d]!, 0)));
}

async function main(argv: string[]): Promise<void> {
  const opts = new Command('relatedness-variants')
    .option('--documents <n>', 'corpus size of the earlier run', Number, 1000)
    .option('--seed <n>', 'generator seed', Number, 908)
    .option('--out <file>', 'the report', join(PROJECT_ROOT, 'bench', 'relatedness-variants.md'))
    .parse(argv)
    .opts<{ documents: number; seed: number; out: string }>();
  const config = benchConfig();
  const quiet = createLogger('warn', 'relatedness-variants');
  const corpusDir = `${config.neo4j.managed.dataDir}-corpus-${opts.seed}-${opts.documents}`;
  const truth = JSON.parse(await readFile(join(corpusDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const { graph } = await openGraph(config, quiet);
  const practices = await graph.read<{ id: string; text: string; embedding: number[]; quotes: string[] }>(
    query(
      `MATCH (n:Practice) RETURN n.id AS id, ${readablePracticeText('n')} AS text, n.embedding AS embedding,
         COLLECT { MATCH (n)-[s:SOURCED_FROM]->() RETURN DISTINCT s.quote } AS quotes`,
      readableParam(['public']),
    ),
  );
  const families = withJudgments(await readFamilies(graph, truth.families), practices);
  const stored = new Map(practices.map((p) => [p.id, unit(p.embedding)]));
  const ids = [...stored.keys()];

  // Each source's prescription under each model, embedded as ingest embeds practices (one text per call).
  const perModel = new Map<ModelId, { practice: Map<string, Vector>; sources: Map<string, Vector[]>; cpuMs: number }>();
  for (const model of MODEL_IDS) {
    const embedder = await openEmbedder(loadConfig({ ...process.env, IWG_MODEL: model, LOG_LEVEL: 'warn' }), quiet);
    const texts = [...new Set(practices.flatMap((p) => [prescriptionOf(p.text), ...p.quotes.map(prescriptionOf)]))];
    const cpu0 = process.cpuUsage();
    const vectors = await embedder.embed(texts, { kind: 'query' });
    const cpu = process.cpuUsage(cpu0);
    await embedder.close();
    const byText = new Map(texts.map((t, i) => [t, unit(vectors[i]!)]));
    perModel.set(model, {
      practice: new Map(practices.map((p) => [p.id, byText.get(prescriptionOf(p.text))!])),
      sources: new Map(
        practices.map((p) => [p.id, [...new Set(p.quotes.map(prescriptionOf))].map((t) => byText.get(t)!)]),
      ),
      cpuMs: (cpu.user + cpu.system) / 1000 / texts.length,
    });
  }
  const own = perModel.get(DEFAULT_MODEL_ID)!;
  const centroid = new Map(ids.map((id) => [id, mean(own.sources.get(id)!)]));
  const maxOverSources: Similarity = (a, b) =>
    Math.max(...own.sources.get(a)!.flatMap((x) => own.sources.get(b)!.map((y) => cos(x, y))));
  const storedSim: Similarity = (a, b) => cos(stored.get(a)!, stored.get(b)!);

  const variants: { name: string; sim: (queryNode: string) => Similarity }[] = [
    { name: 'stored prescription vector (shipped)', sim: () => storedSim },
    ...[1, 3, 5].map((m) => ({
      name: `Rocchio: query + 0.5 × mean of its ${m} nearest`,
      sim: (q: string) => {
        const v = rocchio(stored, q, m, 0.5);
        return (_: string, b: string) => cos(v, stored.get(b)!);
      },
    })),
    ...[0.25, 0.5, 1].map((w) => ({
      name: `${1 - w} × cosine + ${w} × centred cosine (the merge's)`,
      sim: () => (a: string, b: string) => (1 - w) * storedSim(a, b) + w * mergeCosine(stored.get(a)!, stored.get(b)!),
    })),
    { name: 'centroid of the sources’ prescriptions', sim: () => (a, b) => cos(centroid.get(a)!, centroid.get(b)!) },
    { name: 'best pair of sources (max-max)', sim: () => maxOverSources },
    { name: 'mean of stored and max-max', sim: () => (a, b) => (storedSim(a, b) + maxOverSources(a, b)) / 2 },
    ...MODEL_IDS.filter((m) => m !== DEFAULT_MODEL_ID).flatMap((model) => {
      const { practice } = perModel.get(model)!;
      return [false, true].map((centre) => ({
        name: `${model}${centre ? ', centred' : ''} (${perModel.get(model)!.cpuMs.toFixed(1)} CPU ms/text vs ${own.cpuMs.toFixed(1)})`,
        sim: () => (a: string, b: string) =>
          centre ? mergeCosine(practice.get(a)!, practice.get(b)!, model) : cos(practice.get(a)!, practice.get(b)!),
      }));
    }),
  ];
  const results: ({ name: string; kind: 'rows' | 'exact' } & ReturnType<typeof score>)[] = [];
  const shipped = score(families, (f) => rankRelated(f.rows, 10).map((r) => r.id));
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/relatedness-variants.ts --documents ${opts.documents}\` on the graph`,
    `of \`bench/relatedness.ts --documents ${opts.documents}\` (SYNTHETIC corpus, seed ${opts.seed}; ${practices.length} practices,`,
    `${families.filter((f) => f.queryNode).length} families, labels v2). "rows": the shipped blend (RELATED_WEIGHTS) with this similarity on the`,
    'candidate rows of GET /api/practices/:id/related; "exact": every practice ranked by the similarity alone.',
    'Unjudged: top-10 entries over all families that neither the plant nor the judgments grade (counted 0).',
    '',
    `The shipped ranking as relatedPractices() returns it: nDCG@10 ${shipped.all.toFixed(3)} (dev ${shipped.dev.toFixed(3)}, held-out ${shipped.heldOut.toFixed(3)}), MRR ${shipped.mrr.toFixed(3)} — the first row must repeat it.`,
    '',
    '| similarity | ranking | nDCG@10 all | dev | held-out | MRR | unjudged in top 10 |',
    '| --- | --- | --: | --: | --: | --: | --: |',
  ];
  for (const { name, sim } of variants) {
    const rows = score(families, (f) => {
      const s = sim(f.queryNode!);
      // On the scale the rows carry: Neo4j's vector.similarity.cosine is (1 + cos) / 2.
      const rows = f.rows.map((r) => ({ ...r, similarity: (1 + s(f.queryNode!, String(r.id))) / 2 }));
      return rankRelated(rows, 10).map((r) => r.id);
    });
    const exact = score(families, (f) => {
      const s = sim(f.queryNode!);
      return ids
        .filter((id) => id !== f.queryNode)
        .map((id) => [id, s(f.queryNode!, id)] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([id]) => id);
    });
    for (const [kind, r] of [
      ['rows', rows],
      ['exact', exact],
    ] as const) {
      results.push({ name, kind, ...r });
      lines.push(
        `| ${name} | ${kind} | ${[r.all, r.dev, r.heldOut, r.mrr].map((x) => x.toFixed(3)).join(' | ')} | ${r.unjudged} |`,
      );
    }
  }
  // The reading, computed: which variants beat the shipped ranking on both splits (one family moves a split's mean by
  // up to 1/8 of its nDCG@10).
  const better = results.filter(
    (r) =>
      r.kind === 'rows' && r.name !== variants[0]!.name && r.dev > shipped.dev + 0.01 && r.heldOut > shipped.heldOut,
  );
  const best = [...results].sort((a, b) => b.dev - a.dev || b.all - a.all)[0]!;
  const reaching = results.filter((r) => r.all >= 0.9).map((r) => `${r.name} (${r.kind})`);
  lines.push(
    '',
    `Best on dev: ${best.name} (${best.kind}): dev ${best.dev.toFixed(3)}, held-out ${best.heldOut.toFixed(3)}, ` +
      `all ${best.all.toFixed(3)}, ${best.unjudged} unjudged in the top 10s.`,
    better.length === 0
      ? 'No variant beats the shipped similarity by more than 0.01 on dev and also on held-out.'
      : `Beating the shipped similarity on dev (by more than 0.01) and on held-out: ${better.map((r) => r.name).join('; ')}.`,
    `Reaching nDCG@10 ≥ 0.90 over all families: ${reaching.join('; ') || 'none'}.`,
  );
  await writeFile(opts.out, lines.join('\n') + '\n');
  quiet.warn({ out: opts.out }, 'written');
  await graph.close();
  await stopManagedNeo4j(config.neo4j.managed);
}

main(process.argv).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
