/**
 * Calibrates the search answer's confidence on the graph the last `npm run bench` size left behind: the labelled
 * queries (each has relevant sentences in the corpus: a good answer exists) against off-topic and nonsense queries
 * (none does). For each query, iwg-graph's default hybrid search reports the best sentence's cosine and the share
 * of query words in the top hit; this sweeps the cosine threshold, shows both distributions and the accuracy of
 * the rule `high ⇔ cosine ≥ t or word share ≥ 0.6` at each t. Writes bench/confidence.md.
 * Usage: npx tsx bench/calibrate-confidence.ts [--docs 100]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchGraph, type SearchInput } from '../queries/search.js';
import { HIGH_CONFIDENCE_COSINE, HIGH_CONFIDENCE_TERM_COVERAGE } from '../queries/search-hits.js';
import { PROJECT_ROOT } from '../src/config.js';
import { openLeftBehind } from './left-behind.js';
import { median } from './measure.js';

/** Questions an analyst might type that this corpus cannot answer, and strings that mean nothing. */
const OFF_TOPIC = [
  'recipe for banana bread with walnuts',
  'who won the football world cup final',
  'best hiking trails in the alps in summer',
  'how to change a flat bicycle tyre',
  'symptoms of seasonal flu in children',
  'stock market forecast for technology shares',
  'how do I train my puppy to sit',
  'cheap flights from london to new york',
  'history of the roman empire decline',
  'how to grow tomatoes on a balcony',
  'latest smartphone camera comparison',
  'jazz concerts in paris this weekend',
  'how to knit a wool scarf for beginners',
  'mortgage interest rates for first-time buyers',
  'photosynthesis in desert plants',
  'learn spanish verbs quickly',
  'marathon training plan for sixteen weeks',
  'volcanic eruptions in iceland',
  'wedding dress trends this season',
  'how to fix a leaking kitchen tap',
  'xyzzyqwertyplugh',
  'asdf jkl qwer uiop',
  'lorem ipsum dolor sit amet',
  'zzzz kkkk vvvv',
  'blorptastic frumious bandersnatch',
  'qqqq wwww eeee rrrr tttt',
  '12345 67890',
  'foo bar baz qux',
  'the of and to in',
  'glorp zindle frabjous',
];

const { docs, truth, graph, embedder, close } = await openLeftBehind(100);

interface Probe {
  kind: 'labelled' | 'off-topic';
  query: string;
  cosine: number;
  coverage: number;
}
const probes: Probe[] = [];
const ask = async (kind: Probe['kind'], text: string) => {
  const input: SearchInput = {
    query: text,
    limit: 10,
    offset: 0,
    mode: 'hybrid',
    types: ['passage', 'practice'],
    filters: { readable: ['public', 'restricted'] },
  };
  const vector = Array.from((await embedder.embed([text], { kind: 'query' }))[0]);
  const answer = await searchGraph(graph, input, vector);
  probes.push({
    kind,
    query: text,
    cosine: answer.confidence.bestSimilarity ?? 0,
    coverage: answer.confidence.termCoverage,
  });
};
for (const q of truth.queries) await ask('labelled', q.text);
for (const q of OFF_TOPIC) await ask('off-topic', q);
await close();

const labelled = probes.filter((p) => p.kind === 'labelled');
const off = probes.filter((p) => p.kind === 'off-topic');
const high = (p: Probe, t: number) => p.cosine >= t || p.coverage >= HIGH_CONFIDENCE_TERM_COVERAGE;
const row = (t: number) => {
  const tp = labelled.filter((p) => high(p, t)).length;
  const fp = off.filter((p) => high(p, t)).length;
  const acc = (tp + off.length - fp) / probes.length;
  return { t, tp, fp, acc };
};
const sweep = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65].map(row);
const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.floor(f * (xs.length - 1))];
const dist = (ps: Probe[]) => {
  const c = ps.map((p) => p.cosine);
  return `min ${q(c, 0).toFixed(2)} · p10 ${q(c, 0.1).toFixed(2)} · median ${median(c).toFixed(2)} · p90 ${q(c, 0.9).toFixed(2)} · max ${q(c, 1).toFixed(2)}`;
};
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/calibrate-confidence.ts --docs ${docs}\` on the ` +
    `${docs}-document graph: iwg-graph's default hybrid search (passages + practices) for the ${labelled.length} ` +
    `labelled queries (a relevant sentence exists) and ${off.length} off-topic or nonsense queries (none does).`,
  '',
  `Best sentence cosine — labelled: ${dist(labelled)}; off-topic: ${dist(off)}.`,
  '',
  `Rule: high ⇔ best cosine ≥ t, or the top hit holds ≥ ${HIGH_CONFIDENCE_TERM_COVERAGE} of the query's words.`,
  '',
  '| t | labelled called high | off-topic called high | accuracy |',
  '| --- | --- | --- | --- |',
  ...sweep.map(
    (r) =>
      `| ${r.t}${r.t === HIGH_CONFIDENCE_COSINE ? ' (in use)' : ''} | ${r.tp} / ${labelled.length} | ${r.fp} / ${off.length} | ${r.acc.toFixed(3)} |`,
  ),
  '',
  'Off-topic queries called high at the threshold in use: ' +
    (off
      .filter((p) => high(p, HIGH_CONFIDENCE_COSINE))
      .map((p) => `“${p.query}” (cosine ${p.cosine.toFixed(2)}, words ${p.coverage.toFixed(2)})`)
      .join('; ') || 'none') +
    '.',
  '',
  'Labelled queries called low at the threshold in use: ' +
    (labelled
      .filter((p) => !high(p, HIGH_CONFIDENCE_COSINE))
      .map((p) => `“${p.query}” (cosine ${p.cosine.toFixed(2)})`)
      .join('; ') || 'none') +
    '.',
  '',
];
await writeFile(join(PROJECT_ROOT, 'bench', 'confidence.md'), lines.join('\n'));
console.log(lines.join('\n'));
