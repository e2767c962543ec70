/**
 * What the reliability trials (bench/kill-trials.ts) look at: the graph's per-document fingerprint and its derived
 * data, compared with a clean ingest's; `iwg ingest` and the service run as child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Graph } from '../graph/driver.js';
import { PROJECT_ROOT } from '../src/config.js';

/** What one document put in the graph. */
export interface DocumentPrint {
  passages: number;
  sentences: number;
  mentions: number;
  sources: number;
}

export interface GraphPrint {
  documents: Map<string, DocumentPrint>;
  practices: number;
  /** Practices quoted by more than one document. */
  merged: number;
  relatedTo: number;
}

/** Reads the fingerprint of the whole graph. */
export async function fingerprint(graph: Graph): Promise<GraphPrint> {
  const rows = await graph.read<DocumentPrint & { id: string }>({
    cypher: `MATCH (d:Document)
             RETURN d.id AS id,
                    COUNT { (p:Passage {documentId: d.id}) } AS passages,
                    COUNT { (s:Sentence {documentId: d.id}) } AS sentences,
                    COUNT { (p:Passage {documentId: d.id})-[:MENTIONS]->() } AS mentions,
                    COUNT { ()-[r:SOURCED_FROM]->(:Passage {documentId: d.id}) } AS sources`,
    params: {},
  });
  const [derived] = await graph.read<{ practices: number; merged: number; relatedTo: number }>({
    cypher: `RETURN COUNT { (x:Practice) } AS practices,
                    COUNT { (x:Practice) WHERE x.documentCount > 1 } AS merged,
                    COUNT { ()-[:RELATED_TO]->() } AS relatedTo`,
    params: {},
  });
  return { documents: new Map(rows.map(({ id, ...print }) => [id, print])), ...derived };
}

export interface Comparison {
  lost: string[];
  halfWritten: string[];
  practices: number;
  merged: number;
  relatedTo: number;
  /** RELATED_TO present and practices merged as in the clean ingest. */
  derivedWhole: boolean;
}

/** Compares a graph after a trial with the clean ingest's. */
export function compare(clean: GraphPrint, after: GraphPrint): Comparison {
  const lost = [...clean.documents.keys()].filter((id) => !after.documents.has(id));
  const halfWritten = [...after.documents].filter(([id, print]) => {
    const expected = clean.documents.get(id);
    return !expected || JSON.stringify(expected) !== JSON.stringify(print);
  });
  return {
    lost,
    halfWritten: halfWritten.map(([id]) => id),
    practices: after.practices,
    merged: after.merged,
    relatedTo: after.relatedTo,
    derivedWhole:
      after.relatedTo === clean.relatedTo && after.practices === clean.practices && after.merged === clean.merged,
  };
}

/** Deletes every node but the schema marker (this script's own database only). */
export async function clearTrialGraph(graph: Graph): Promise<void> {
  await graph.write([{ cypher: 'MATCH (n) WHERE NOT n:SchemaInfo DETACH DELETE n', params: {} }]);
}

export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry of the project with tsx as a loader (one process: kill -9 leaves nothing behind). */
export function spawnProject(args: string[], env: Record<string, string | undefined>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: PROJECT_ROOT, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` every 100 ms; returns the milliseconds it took, or throws after `timeoutMs`. */
export async function waitFor(what: string, ok: () => Promise<boolean> | boolean, timeoutMs: number) {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - t0;
}
