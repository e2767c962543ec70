/**
 * PROFILE of the search statement on the graph the last `npm run bench` size left behind: the operators with the
 * most database hits and rows, summed over the labelled queries, for one search system. Prints a table; a tool for
 * finding where a search's Neo4j work goes (bench/search-anatomy.ts times the parts).
 * Usage: npx tsx bench/profile-search.ts [--docs 1000] [--types passage,practice] [--mode hybrid] [--k 100]
 */
import neo4j from 'neo4j-driver';
import { buildSearch, candidateCount, type HitType, type SearchMode } from '../queries/search.js';
import { keywordQuery } from '../queries/lucene.js';
import { AccessLabel } from '../ingest/records.js';
import { benchConfig } from './env.js';
import { openLeftBehind } from './left-behind.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const types = arg('types', 'passage,practice').split(',') as HitType[];
const mode = arg('mode', 'hybrid') as SearchMode;
const k = Number(arg('k', String(candidateCount(0, 10))));

const { truth, embedder, close } = await openLeftBehind(1000);
const config = benchConfig();
const driver = neo4j.driver(
  `bolt://127.0.0.1:${config.neo4j.managed.boltPort}`,
  neo4j.auth.basic(config.neo4j.user, config.neo4j.password),
);
interface Op {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: Op[];
}
const totals = new Map<string, { dbHits: number; rows: number; calls: number }>();
let all = 0;
function walk(op: Op, path: string) {
  const details = String(op.arguments.Details ?? '').slice(0, 110);
  const key = `${op.operatorType} | ${details}`;
  const t = totals.get(key) ?? { dbHits: 0, rows: 0, calls: 0 };
  t.dbHits += op.dbHits;
  t.rows += op.rows;
  t.calls++;
  totals.set(key, t);
  all += op.dbHits;
  for (const c of op.children) walk(c, path);
}
const session = driver.session({ defaultAccessMode: neo4j.session.READ });
for (const q of truth.queries) {
  const vector = Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]);
  const built = buildSearch(
    { query: q.text, limit: 10, offset: 0, mode, types, filters: { readable: AccessLabel.options }, candidates: k },
    vector,
    keywordQuery(q.text),
  );
  const result = await session.run(`PROFILE ${built.cypher}`, built.params);
  walk(result.summary.profile as unknown as Op, '');
}
await session.close();
await driver.close();
await close();
const n = truth.queries.length;
console.log(`${mode} ${types.join('+')} k=${k}: db hits per search ${(all / n).toFixed(0)}`);
for (const [key, t] of [...totals].sort((a, b) => b[1].dbHits - a[1].dbHits).slice(0, 30))
  console.log(`${(t.dbHits / n).toFixed(0).padStart(8)} hits ${(t.rows / n).toFixed(0).padStart(7)} rows  ${key}`);
