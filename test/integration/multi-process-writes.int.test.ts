/**
 * Writes are safe with more than one process: two API processes (the main job, spawned twice) on one Neo4j take
 * concurrent uploads, updates and deletions — the same practice quoted by documents sent to different processes,
 * two wordings of one practice sent one to each at the same moment — and the graph they leave equals the one a
 * single process builds from the same final documents: counts per label and type, co-occurrence weights, merged
 * practices and their sources (issue 15, part 2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samePractice } from '../../ingest/practice-merge.js';
import { prescriptionOf } from '../../ingest/prescription.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestOneDocument } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { clearGraph, openTestRuntime } from '../support/runtime.js';

const KEY = 'multi-process-writes-key';
/** Quoted in the same words by many documents, sent to both processes. */
const SHARED = [
  'Operators should require two-person control for every entry into vital areas.',
  'Licensees should run a security culture self-assessment every year.',
  'Staff must report any suspicious request for sensitive information to the security officer.',
];
/** One practice in two wordings each: round r sends the first to one process and the second to the other. */
const PAIRS = [
  [
    'Managers should review the access rights of staff who change jobs.',
    'Supervisors ought to re-examine the access rights of employees who move to a new role.',
  ],
  [
    'Guards should inspect every vehicle leaving the protected area.',
    'Security officers must search all vehicles that exit the protected area.',
  ],
  [
    'Operators should encrypt backup tapes before they leave the site.',
    'Backup media must be encrypted before being taken off site.',
  ],
  [
    'Visitors should be escorted at all times inside the facility.',
    'Every visitor must be accompanied by an escort while inside the facility.',
  ],
  [
    'Cybersecurity teams should patch critical digital assets within thirty days.',
    'Security patches for critical digital assets should be applied within thirty days.',
  ],
  [
    'Sites should test their intrusion alarms monthly with unannounced drills.',
    'Intrusion alarms must be tested every month through unannounced drills.',
  ],
  [
    'Transport teams must verify the seals on every shipment container on arrival.',
    'On arrival, the seals of each shipment container should be checked by the transport team.',
  ],
  [
    'Human resources should keep the records of every background check for ten years.',
    'Records of background checks must be kept by human resources for ten years.',
  ],
];
const COUNTRIES = ['Belgium', 'Canada', 'Chile', 'Finland', 'Germany', 'Hungary', 'Italy', 'Japan', 'Norway', 'Spain'];
/** Documents 0 and 1 warm each process up; round r sends documents 2 + 2r and 3 + 2r at once. */
const DOCS = 2 + 2 * PAIRS.length;
/** Round → the document deleted (through either process) while that round's documents are uploaded. */
const DELETIONS = new Map([
  [2, 2],
  [5, 8],
]);
/** Round → the document updated (to version 2) while that round's documents are uploaded. */
const UPDATES = new Map([[4, 9]]);
const FINAL = [...Array(DOCS).keys()].filter((k) => ![...DELETIONS.values()].includes(k));

/** The practices document k quotes. */
function practicesOf(k: number): string[] {
  if (k < 2) return [];
  const round = Math.floor((k - 2) / 2);
  const side = (k - 2) % 2;
  return [PAIRS[round][side], SHARED[(round + side) % SHARED.length]];
}

/** Document k's text; version 2 adds a sentence naming two more countries. */
function noteText(k: number, version = 1): string {
  const c = (i: number) => COUNTRIES[(k + i) % COUNTRIES.length];
  const lines = [
    `Multi-writer site note ${k}`,
    '',
    `The site of note ${k} hosted experts from ${c(0)} and ${c(3)} to discuss insider threats.`,
    ...practicesOf(k),
  ];
  if (version === 2) lines.push(`A later visit brought inspectors from ${c(5)} and ${c(7)} to the same site.`);
  return lines.join('\n') + '\n';
}
const filename = (k: number) => `multi-writer-note-${k}.txt`;
const docId = (k: number) => `upload:${filename(k)}`;
const metadata = (k: number) => ({ title: `Multi-writer site note ${k}` });

let rt: Runtime;
const children: { child: ChildProcess; url: string; stderr: string }[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts the main job (npm start) on its own port against the suite's Neo4j, without the corpus ingest. */
async function startProcess(): Promise<void> {
  const port = await freePort();
  // node itself with tsx's loader (not tsx's CLI, which runs the service in a child of its own that a kill of
  // the CLI would leave running).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      IWG_INGEST_ON_START: 'false',
      IWG_API_KEYS: KEY,
      IWG_EMBED_WORKERS: '1',
      LOG_LEVEL: 'warn',
    },
  });
  const proc = { child, url: `http://127.0.0.1:${port}`, stderr: '' };
  children.push(proc); // stopped in afterAll even when it fails to start
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (proc.stderr += d.toString()));
  const deadline = Date.now() + 240_000;
  while (!stdout.includes('iwg-graph is ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`main job did not start:\n${proc.stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Uploads document k to process p; its HTTP status and the status in the answer ('201 added'). */
async function upload(p: number, k: number, version = 1): Promise<string> {
  const res = await fetch(`${children[p].url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ text: noteText(k, version), filename: filename(k), metadata: metadata(k) }),
  });
  const body = (await res.json()) as { status?: string; detail?: string };
  return `${res.status} ${body.status ?? body.detail}`;
}

async function remove(p: number, k: number): Promise<string> {
  const res = await fetch(`${children[p].url}/api/documents/${encodeURIComponent(docId(k))}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${KEY}` },
  });
  return `${res.status} deleted`;
}

const read = <T>(cypher: string) => rt.graph.read<T>({ cypher, params: {} });

/** Everything the comparison covers, independent of the order documents were written in. */
async function snapshot() {
  const nodes = await read<{ label: string; n: number }>(
    'MATCH (n) WHERE NOT n:SchemaInfo UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const relationships = await read<{ type: string; n: number }>(
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type',
  );
  const documents = await read<{ id: string; hash: string }>(
    'MATCH (d:Document) RETURN d.id AS id, d.contentHash AS hash ORDER BY id',
  );
  const related = await read<{ pair: string }>(
    `MATCH (a:Entity)-[r:RELATED_TO]->(b:Entity)
     RETURN a.id + ' ~ ' + b.id + ': weight ' + r.weight + ', documents ' + r.documents AS pair ORDER BY pair`,
  );
  // A practice by its sources (its id and wording come from whichever document was written first).
  const practices = await read<{ practice: string; textIsAQuote: boolean }>(
    `MATCH (x:Practice)-[s:SOURCED_FROM]->()
     WITH x, s ORDER BY s.documentId, s.start
     WITH x, collect(s.documentId + '@' + s.start) AS sources, collect(s.quote) AS quotes
     RETURN reduce(t = '', y IN sources | t + y + ' ') + '| sources ' + x.sourceCount + ', documents ' +
            x.documentCount AS practice, x.text IN quotes AS textIsAQuote
     ORDER BY practice`,
  );
  const tags = await read<{ tag: string }>(
    `MATCH (x:Practice)-[r:ADDRESSES|MITIGATES]->(e:Entity)
     CALL (x) { MATCH (x)-[s:SOURCED_FROM]->() RETURN min(s.documentId + '@' + s.start) AS first }
     WITH first, r, e, COLLECT { UNWIND r.documentIds AS d RETURN d ORDER BY d } AS documentIds
     RETURN first + ' ' + type(r) + ' ' + e.id + ' ' + reduce(t = '', d IN documentIds | t + d + ' ') AS tag
     ORDER BY tag`,
  );
  return { nodes, relationships, documents, related, practices, tags };
}

beforeAll(async () => {
  rt = await openTestRuntime();
  await Promise.all([startProcess(), startProcess()]);
}, 600_000);
/** Stops a process: SIGTERM (it closes its embedder and driver), SIGKILL when it has not exited within 15 s. */
async function stopProcess({ child }: (typeof children)[number]): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

afterAll(async () => {
  await Promise.all(children.map(stopProcess));
  await rt?.close();
});

describe('when two API processes on one Neo4j take concurrent uploads and deletions', () => {
  it(
    'then the graph equals the one a single process builds from the same final documents',
    { timeout: 900_000 },
    async () => {
      // The premise: each pair's wordings merge, no other two practices do (merging compares prescriptions).
      const texts = [...SHARED, ...PAIRS.flat()];
      const vectors = await rt.embedder.embed(texts.map(prescriptionOf));
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const pair = PAIRS.some(([a, b]) => a === texts[i] && b === texts[j]);
          expect(samePractice(vectors[i], vectors[j]), `${texts[i]} / ${texts[j]}`).toBe(pair);
        }

      // Each process makes its upload context (the taxonomy sync) first, so the rounds start level.
      const statuses = [`0:${await upload(0, 0)}`, `1:${await upload(1, 1)}`];
      // Round r: the two wordings of pair r go to different processes at the same moment, each with a shared
      // practice; some rounds also delete or update an earlier document through one of the processes.
      for (let r = 0; r < PAIRS.length; r++) {
        const [a, b] = [2 + 2 * r, 3 + 2 * r];
        const deleted = DELETIONS.get(r);
        const updated = UPDATES.get(r);
        statuses.push(
          ...(await Promise.all([
            upload(r % 2, a).then((s) => `${a}:${s}`),
            upload(1 - (r % 2), b).then((s) => `${b}:${s}`),
            ...(deleted === undefined ? [] : [remove(r % 2, deleted).then((s) => `${deleted}:${s}`)]),
            ...(updated === undefined ? [] : [upload(1 - (r % 2), updated, 2).then((s) => `${updated}:${s}`)]),
          ])),
        );
      }
      const expected = [...Array(DOCS).keys()].flatMap((k) => [
        `${k}:201 added`,
        ...([...DELETIONS.values()].includes(k) ? [`${k}:204 deleted`] : []),
        ...([...UPDATES.values()].includes(k) ? [`${k}:201 updated`] : []),
      ]);
      expect(statuses.sort(), children.map((c) => c.stderr.slice(-2000)).join('\n')).toEqual(expected.sort());
      const concurrent = await snapshot();

      await clearGraph(rt);
      for (const k of FINAL) {
        const bytes = new TextEncoder().encode(noteText(k, [...UPDATES.values()].includes(k) ? 2 : 1));
        await ingestOneDocument(rt, { bytes, filename: filename(k), metadata: metadata(k) });
      }
      const single = await snapshot();

      // the single process merged each practice once, with a source per final document quoting it
      expect(single.documents).toHaveLength(FINAL.length);
      const quoting = (texts: string[]) => FINAL.filter((k) => practicesOf(k).some((t) => texts.includes(t))).length;
      const expectedCounts = [...SHARED.map((t) => quoting([t])), ...PAIRS.map((pair) => quoting(pair))];
      const documentCounts = single.practices.map((p) => Number(/documents (\d+)$/.exec(p.practice)?.[1]));
      expect(documentCounts.sort()).toEqual(expectedCounts.sort());
      expect(single.related.length).toBeGreaterThan(10);
      expect(concurrent.practices.every((p) => p.textIsAQuote)).toBe(true);
      expect(concurrent).toEqual(single);
    },
  );
});
