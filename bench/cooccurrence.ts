/**
 * Should co-occurrence (RELATED_TO) be counted per sentence or per passage? Reads an ingested graph and compares
 * the two counts — pairs, weight distributions — and how well each weight ranks pairs known to be related above
 * the others: pairs a document states a fact about (CO_CHAIRS, SPONSORS, AFFECTS, …), also "held out" (the
 * sentences and passages stating the fact not counted, so the fact's own sentence cannot decide), and pairs the
 * taxonomy curates as related. Figures: AUC (ties count half) and precision at k = number of positives.
 *
 *   IWG_NEO4J_BOLT_PORT=7763 npx tsx bench/cooccurrence.ts [--include PREFIX] [--exclude PREFIX]
 *
 * Each count is also scored as PMI, NPMI and smoothed Jaccard over the units mentioning each entity (`ones` =
 * pairs scored ≥ 1, i.e. saturated).
 *
 * Counts: `passage` = passages mentioning both (alias or meaning; overlapping passages share a sentence, so one
 * sentence can count twice); `sentence` = distinct sentences naming both; `hybrid` = sentences naming both, plus
 * passages where one side is linked by meaning only (a sentence cannot hold a link by meaning).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { createGraph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { FACT_TYPES } from '../graph/schema.js';
import { parseTaxonomy } from '../ingest/taxonomy.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';

const SCOPE = (v: string) =>
  `($include IS NULL OR ${v}.documentId STARTS WITH $include) AND ($exclude IS NULL OR NOT ${v}.documentId STARTS WITH $exclude)`;

const STATED = FACT_TYPES.filter((t) => t !== 'ADDRESSES' && t !== 'MITIGATES');

type Counts = Map<string, number>;
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** AUC of `score` for positives against negatives (Mann–Whitney, ties half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  if (!pos.length || !neg.length) return NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Share of positives among the k highest-scored pairs (ties broken against the positives: a pessimistic figure). */
export function precisionAtK(scored: readonly { score: number; positive: boolean }[], k: number): number {
  const top = [...scored].sort((a, b) => b.score - a.score || Number(a.positive) - Number(b.positive)).slice(0, k);
  return top.length ? top.filter((x) => x.positive).length / top.length : NaN;
}

function distribution(weights: readonly number[]) {
  const w = [...weights].sort((a, b) => a - b);
  const at = (q: number) => w[Math.min(w.length - 1, Math.floor(q * w.length))] ?? 0;
  const mean = w.reduce((s, x) => s + x, 0) / Math.max(w.length, 1);
  return {
    pairs: w.length,
    mean: +mean.toFixed(2),
    median: at(0.5),
    p90: at(0.9),
    max: w.at(-1) ?? 0,
    ones: +(w.filter((x) => x === 1).length / Math.max(w.length, 1)).toFixed(2),
  };
}

async function main() {
  const opts = new Command()
    .option('--include <prefix>', 'only documents whose id starts with this')
    .option('--exclude <prefix>', 'leave out documents whose id starts with this')
    .parse()
    .opts<{ include?: string; exclude?: string }>();
  const config = loadConfig();
  const uri = config.neo4j.uri ?? `bolt://127.0.0.1:${config.neo4j.managed.boltPort}`;
  const graph = createGraph({ ...config.neo4j, uri });
  const scope = { include: opts.include ?? null, exclude: opts.exclude ?? null };
  const read = async (cypher: string, params: Record<string, unknown> = {}) =>
    graph.read<{ a: string; b: string; w: number }>(query(cypher, { ...scope, ...params }));
  const toCounts = (rows: { a: string; b: string; w: number }[]): Counts =>
    new Map(rows.map((r) => [key(r.a, r.b), Number(r.w)]));

  const passage = toCounts(
    await read(`MATCH (a:Entity)<-[:MENTIONS]-(p:Passage)-[:MENTIONS]->(b:Entity) WHERE a.id < b.id AND ${SCOPE('p')}
      RETURN a.id AS a, b.id AS b, count(DISTINCT p) AS w`),
  );
  const sentence = toCounts(
    await read(`MATCH (a:Entity)<-[:MENTIONS]-(s:Sentence)-[:MENTIONS]->(b:Entity) WHERE a.id < b.id AND ${SCOPE('s')}
      RETURN a.id AS a, b.id AS b, count(DISTINCT s) AS w`),
  );
  const byMeaning = toCounts(
    await read(`MATCH (a:Entity)<-[ma:MENTIONS]-(p:Passage)-[mb:MENTIONS]->(b:Entity)
      WHERE a.id < b.id AND ${SCOPE('p')} AND (ma.method = 'semantic' OR mb.method = 'semantic')
      RETURN a.id AS a, b.id AS b, count(DISTINCT p) AS w`),
  );
  const hybrid: Counts = new Map(sentence);
  for (const [k, w] of byMeaning) hybrid.set(k, (hybrid.get(k) ?? 0) + w);

  // Marginals for a frequency-free score (PMI): units mentioning each entity, and units in scope.
  const marginals = async (cypher: string) => {
    const rows = await graph.read<{ e: string; n: number }>(query(cypher, scope));
    return new Map(rows.map((r) => [r.e, Number(r.n)]));
  };
  const units = async (label: 'Passage' | 'Sentence') =>
    Number(
      (await graph.read<{ n: number }>(query(`MATCH (u:${label}) WHERE ${SCOPE('u')} RETURN count(u) AS n`, scope)))[0]
        .n,
    );
  const perPassage = await marginals(
    `MATCH (p:Passage)-[:MENTIONS]->(e:Entity) WHERE ${SCOPE('p')} RETURN e.id AS e, count(DISTINCT p) AS n`,
  );
  const perSentence = await marginals(
    `MATCH (s:Sentence)-[:MENTIONS]->(e:Entity) WHERE ${SCOPE('s')} RETURN e.id AS e, count(DISTINCT s) AS n`,
  );
  const perMeaning = await marginals(
    // The passages mentioning the entity that hold a link by meaning: the passage units a pair counts (graph/writes.ts).
    `MATCH (p:Passage)-[:MENTIONS]->(e:Entity)
     WHERE ${SCOPE('p')} AND EXISTS { (p)-[:MENTIONS {method: 'semantic'}]->(:Entity) }
     RETURN e.id AS e, count(DISTINCT p) AS n`,
  );
  const perHybrid = new Map(perSentence);
  for (const [e, n] of perMeaning) perHybrid.set(e, (perHybrid.get(e) ?? 0) + n);
  const [passageUnits, sentenceUnits] = [await units('Passage'), await units('Sentence')];
  const pmi = (counts: Counts, margin: Map<string, number>, total: number): Counts =>
    new Map(
      [...counts].map(([k, w]) => {
        const [a, b] = k.split('|');
        return [k, Math.log((w * total) / ((margin.get(a) ?? 1) * (margin.get(b) ?? 1)))];
      }),
    );

  // Normalised associations (docs/graph-model.md "Co-occurrence strength"): NPMI = PMI / −ln p(a,b), in [−1, 1];
  // smoothed Jaccard = w / (1 + n_a + n_b − w), in (0, 1) — the one RELATED_TO strength uses (queries/access.ts).
  const npmi = (counts: Counts, margin: Map<string, number>, total: number): Counts =>
    new Map(
      [...pmi(counts, margin, total)].map(([k, v]) => {
        const joint = (counts.get(k) ?? 0) / total;
        return [k, joint >= 1 ? 1 : v / -Math.log(joint)];
      }),
    );
  const jaccard = (counts: Counts, margin: Map<string, number>): Counts =>
    new Map(
      [...counts].map(([k, w]) => {
        const [a, b] = k.split('|');
        return [k, w / (1 + Math.max((margin.get(a) ?? 0) + (margin.get(b) ?? 0) - w, w))];
      }),
    );

  // Stated facts: the pair and the sentences stating it (document, start, end).
  const facts = await graph.read<{ a: string; b: string; stated: [string, number, number][] }>(
    query(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) IN $types AND ${SCOPE('r')}
       RETURN a.id AS a, b.id AS b, collect([r.documentId, r.start, r.end]) AS stated`,
      { ...scope, types: STATED },
    ),
  );
  const stated = new Map<string, [string, number, number][]>();
  for (const f of facts) stated.set(key(f.a, f.b), [...(stated.get(key(f.a, f.b)) ?? []), ...f.stated]);
  const heldOut = async (unit: 'Passage' | 'Sentence') =>
    toCounts(
      await read(
        `UNWIND $facts AS f
         MATCH (a:Entity {id: f.a})<-[:MENTIONS]-(u:${unit})-[:MENTIONS]->(b:Entity {id: f.b})
         WHERE ${SCOPE('u')} AND NOT any(x IN f.stated WHERE x[0] = u.documentId AND u.start <= x[1] AND x[2] <= u.end)
         RETURN f.a AS a, f.b AS b, count(DISTINCT u) AS w`,
        { facts: [...stated].map(([k, s]) => ({ a: k.split('|')[0], b: k.split('|')[1], stated: s })) },
      ),
    );
  const heldPassage = await heldOut('Passage');
  const heldSentence = await heldOut('Sentence');
  const heldHybrid: Counts = new Map(heldSentence);
  for (const [k, w] of byMeaning) if (stated.has(k)) heldHybrid.set(k, (heldHybrid.get(k) ?? 0) + w);

  const taxonomy = parseTaxonomy(await readFile(join(PROJECT_ROOT, 'corpus/taxonomy.yaml'), 'utf8'), 'taxonomy');
  const curated = new Set([...taxonomy.related].flatMap(([a, bs]) => bs.map((b) => key(a, b))));

  const candidates = [...new Set([...passage.keys(), ...sentence.keys()])];
  const score = (counts: Counts, positives: Set<string>, held?: Counts) => {
    const scored = candidates.map((k) => ({
      positive: positives.has(k),
      score: positives.has(k) && held ? (held.get(k) ?? -Infinity) : (counts.get(k) ?? -Infinity),
    }));
    const pos = scored.filter((s) => s.positive).map((s) => s.score);
    const neg = scored.filter((s) => !s.positive).map((s) => s.score);
    return {
      positives: pos.length,
      auc: +auc(pos, neg).toFixed(3),
      pAtK: +precisionAtK(scored, pos.length).toFixed(3),
    };
  };
  const factPairs = new Set(stated.keys());
  const hybridUnits = sentenceUnits + passageUnits;
  const report = Object.fromEntries(
    (
      [
        ['passage', passage, heldPassage, perPassage, passageUnits],
        ['sentence', sentence, heldSentence, perSentence, sentenceUnits],
        ['hybrid', hybrid, heldHybrid, perHybrid, hybridUnits],
      ] as const
    ).map(([name, counts, held, margin, total]) => [
      name,
      {
        weights: distribution([...counts.values()]),
        facts: score(counts, factPairs),
        factsHeldOut: score(counts, factPairs, held),
        curated: score(counts, curated),
        ...Object.fromEntries(
          (
            [
              ['pmi', (c: Counts) => pmi(c, margin, total)],
              ['npmi', (c: Counts) => npmi(c, margin, total)],
              ['jaccard', (c: Counts) => jaccard(c, margin)],
            ] as const
          ).map(([measure, of]) => {
            const [scored, heldScored] = [of(counts), of(held)];
            return [
              measure,
              {
                facts: score(scored, factPairs),
                factsHeldOut: score(scored, factPairs, heldScored),
                curated: score(scored, curated),
                // Saturation only means something for the bounded scores; PMI is unbounded.
                ...(measure === 'pmi' ? {} : { ones: [...scored.values()].filter((v) => v >= 1).length }),
              },
            ];
          }),
        ),
      },
    ]),
  );
  console.log(JSON.stringify({ scope, candidates: candidates.length, report }, null, 2));
  await graph.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
