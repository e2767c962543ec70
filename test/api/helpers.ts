/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * API test helpers: the app in-process on port 0 over the suite's real Neo4j and model, every answer checked
 * against the OpenAPI document's schemas (./contract.ts), and the test corpus.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestPaths } from '../../src/ingest-service.js';
import { apiRoutes } from '../../src/routes/index.js';
import type { Runtime } from '../../src/runtime.js';
import { startServer, stopServer, type RunningServer } from '../../src/server.js';
import { openTestRuntime, testConfig } from '../support/runtime.js';
import { createContractCheck } from './contract.js';

export interface Api {
  runtime: Runtime;
  running: RunningServer;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Starts the app with `overrides` of the configuration; reuses `runtime` when given (it is not closed then). */
export async function startApi(overrides: Record<string, string> = {}, runtime?: Runtime): Promise<Api> {
  const own = !runtime;
  const rt = runtime ?? (await openTestRuntime(overrides));
  const config = testConfig(overrides);
  const running = await startServer({
    config,
    runtime: { ...rt, config },
    log: rt.log,
    state: { ingested: true, schemaApplied: true },
  });
  const checkAnswer = createContractCheck(apiRoutes(config));
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const answer = { status: res.status, body: parsed as any, headers: res.headers };
    checkAnswer(method, path, answer);
    return answer;
  };
  return {
    runtime: rt,
    running,
    url: running.url,
    get: (path, headers) => call('GET', path, undefined, headers),
    post: (path, body, headers) => call('POST', path, body, headers),
    async close() {
      await stopServer(running);
      if (own) await rt.close();
    },
  };
}

/** Ingests the bundled corpus and the dated synthetic trend newsletters with the real pipeline. */
export async function ingestTestCorpus(runtime: Runtime): Promise<void> {
  const summary = await ingestPaths(
    runtime,
    [join(PROJECT_ROOT, 'corpus'), join(PROJECT_ROOT, 'test/fixtures/trends')],
    {
      root: PROJECT_ROOT,
    },
  );
  const failed = summary.documents.filter((d) => d.outcome === 'failed');
  if (failed.length) throw new Error(`test corpus failed to ingest: ${JSON.stringify(failed)}`);
}

/** Total node and relationship count: hostile inputs must leave both unchanged. */
export async function graphSize(runtime: Runtime): Promise<{ nodes: number; rels: number }> {
  const [row] = await runtime.graph.read<{ nodes: number; rels: number }>({
    cypher:
      'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
    params: {},
  });
  return row;
}
