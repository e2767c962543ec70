/** Renders bench/reliability.md from the figures bench/kill-trials.ts measured. */
import { loadavg } from 'node:os';
import type { Environment } from './env.js';
import type { Comparison, GraphPrint } from './reliability-probe.js';

export interface KillTrial extends Comparison {
  kind: 'ingester' | 'neo4j';
  /** The kill came once this many documents were written (plus `jitterMs`). */
  target: number;
  jitterMs: number;
  atKill: number;
  /** The ingest ended before the kill point was reached (nothing was killed mid-run). */
  finishedFirst: boolean;
  /** Neo4j kills: how `iwg ingest` ended on its own. */
  cliExit?: { code: number | null; ms: number; namedNotWritten: boolean };
  rerunCode: number | null;
  /** Why documents of the re-run failed, if any did. */
  rerunFailures: string[];
}

type Timed = { ms: number; status: number; retryAfter: string | null };

export interface OutageRound {
  first: { ready: Timed; search: Timed; trends: Timed };
  later: Timed[];
  boltMs: number;
  readyAfterBoltMs: number;
  load: Timed[];
}

export interface ReliabilityFigures {
  environment: Environment;
  documents: number;
  cleanMs: number;
  clean: GraphPrint;
  trials: KillTrial[];
  outages: { rounds: OutageRound[]; sigtermMs: number; code: number | null };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const t = (x: Timed) => `${x.status} in ${Math.round(x.ms)} ms${x.retryAfter ? ` (Retry-After ${x.retryAfter})` : ''}`;

function trialTable(trials: KillTrial[], clean: GraphPrint): string[] {
  const neo4j = trials[0]?.kind === 'neo4j';
  const own = neo4j ? ' `iwg ingest` on its own |' : '';
  const lines = [
    `| # | kill after | docs at kill |${own} re-run exit | lost | half-written | RELATED_TO | practices (merged) | derived whole |`,
    `|---|---|---|${neo4j ? '---|' : ''}---|---|---|---|---|---|`,
  ];
  trials.forEach((x, i) => {
    const own = x.cliExit
      ? `${exitText(x.cliExit.code)} after ${s(x.cliExit.ms)}${x.cliExit.namedNotWritten ? ', named the unwritten' : ''} | `
      : '';
    lines.push(
      `| ${i + 1} | ${x.finishedFirst ? 'end of run' : `${x.target} docs + ${x.jitterMs} ms`} | ${x.atKill} | ${own}${x.rerunCode} | ` +
        `${x.lost.length} | ${x.halfWritten.length} | ${x.relatedTo} / ${clean.relatedTo} | ` +
        `${x.practices} (${x.merged}) / ${clean.practices} (${clean.merged}) | ${x.derivedWhole ? 'yes' : '**no**'} |`,
    );
  });
  const lost = trials.reduce((n, x) => n + x.lost.length, 0);
  const half = trials.reduce((n, x) => n + x.halfWritten.length, 0);
  const whole = trials.filter((x) => x.derivedWhole).length;
  for (const [i, x] of trials.entries())
    if (x.rerunFailures.length > 0) lines.push('', `Trial ${i + 1}, re-run failures: ${x.rerunFailures.join('; ')}`);
  lines.push(
    '',
    `**${trials.length} kills: ${lost} documents lost, ${half} half-written after the re-run; derived data whole in ${whole} of ${trials.length}.**`,
  );
  if (neo4j) {
    const exits = trials.flatMap((x) => (x.cliExit ? [x.cliExit] : []));
    const max = Math.max(...exits.map((e) => e.ms));
    lines.push(
      `\`iwg ingest\` after Neo4j was killed: ${[...new Set(exits.map((e) => exitText(e.code)))].join(', ')}, ` +
        `slowest exit ${s(max)} after the kill, ${exits.filter((e) => e.namedNotWritten).length} of ${exits.length} named the documents not written ` +
        '(runs that had already written every document stop in the co-occurrence update and have none to name).',
    );
  }
  return lines;
}

function outageTable(o: ReliabilityFigures['outages']): string[] {
  const lines = [
    '| round | first /ready | first search | first trends | slowest of 15 later | Neo4j start (Bolt open) | ready after Bolt open | requests under load from restart to 30 s after ready: 200 / 503 within 2 s / other; at the 10 s query timeout |',
    '|---|---|---|---|---|---|---|---|',
  ];
  o.rounds.forEach((r, i) => {
    const slowest = r.later.reduce((a, b) => (b.ms > a.ms ? b : a));
    const ok = r.load.filter((x) => x.status === 200).length;
    const fast503 = r.load.filter((x) => x.status === 503 && x.ms < 2000).length;
    const timedOut = r.load.filter((x) => x.ms >= 9_500).length;
    const other = r.load.length - ok - fast503;
    const max = Math.max(...r.load.map((x) => x.ms));
    lines.push(
      `| ${i + 1} | ${t(r.first.ready)} | ${t(r.first.search)} | ${t(r.first.trends)} | ${t(slowest)} | ${s(r.boltMs)} | ` +
        `${s(r.readyAfterBoltMs)} | ${r.load.length}: ${ok} / ${fast503} / ${other}; ${timedOut} took ≥ 9.5 s (slowest ${s(max)}) |`,
    );
  });
  lines.push(
    '',
    `SIGTERM to the service with Neo4j down: exited ${o.code === null ? 'not at all (killed)' : `with ${o.code}`} after ${s(o.sigtermMs)}.`,
  );
  return lines;
}

/** The report as Markdown. */
export function renderReliability(f: ReliabilityFigures): string {
  const e = f.environment;
  const byKind = (k: KillTrial['kind']) => f.trials.filter((x) => x.kind === k);
  return [
    '# Reliability: kills and outages',
    '',
    `Measured by \`bench/kill-trials.ts\` on ${e.date.slice(0, 10)}: ${e.cores} cores (${e.cpu}), ${e.memoryGiB} GiB, ` +
      `Node ${e.versions.node}, Neo4j ${e.versions.neo4j}, neo4j-driver ${e.versions['neo4j-driver']}; ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} at the end (the machine was shared with other jobs: absolute times are pessimistic).`,
    '',
    `Corpus: ${f.documents} generated documents (\`bench/generate.ts\`, seed 908). A clean ingest into an empty graph ` +
      `took ${s(f.cleanMs)} and gave ${f.clean.documents.size} documents, ${f.clean.practices} practices ` +
      `(${f.clean.merged} quoted by more than one document) and ${f.clean.relatedTo} RELATED_TO. Every trial starts ` +
      'from an empty graph, kills at a random point (once a random number of documents 1…N is written, plus 0–1.5 s), ' +
      're-runs `iwg ingest` to its end and compares each document (passages, sentences, mentions, practice sources) ' +
      'and the derived data with the clean ingest. "Half-written" = a document whose content differs from the clean ' +
      'ingest\'s; "derived whole" = the same RELATED_TO count, practices and merged practices.',
    '',
    '## (a) `iwg ingest` killed (SIGKILL), then re-run',
    '',
    ...trialTable(byKind('ingester'), f.clean),
    '',
    '## (b) Neo4j killed (SIGKILL) during an ingest, restarted, the ingest re-run',
    '',
    ...trialTable(byKind('neo4j'), f.clean),
    '',
    '## (c) Outages under the service',
    '',
    'The service (`src/main.ts`) runs against the same Neo4j; each round kills Neo4j, times the first and 15 later ' +
      'answers of `/ready`, `POST /api/search` and `GET /api/trends`, restarts Neo4j while 4 clients keep asking ' +
      'search and trends, and keeps them asking for 30 s after `/ready` says ready again.',
    '',
    ...outageTable(f.outages),
    '',
  ].join('\n');
}

/** An exit status as said in the report: a process ended by a signal has none. */
function exitText(code: number | null): string {
  return code === null ? 'ended by a signal (no exit status)' : `exit ${code}`;
}
