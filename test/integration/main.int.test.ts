import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;
let child: ChildProcess | undefined;
let base: string;
let stdout = '';
let stderr = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  rt = await openTestRuntime(); // a fresh database; the main job below ingests the bundled corpus into it
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // `node --import tsx`, not tsx's CLI: killing the CLI leaves its child (the server) running.
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info' },
  });
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 240_000;
  while (!stdout.includes('iwg-graph is ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`main job did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});
afterAll(async () => {
  // When a test failed before the SIGTERM test: stop the server cleanly, or for good after 15 s.
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child!.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await rt?.close();
});

describe('the main job (npm start)', () => {
  it('when started, then it prints where it serves and /health and /ready answer as JSON', async () => {
    expect(stdout).toContain(`iwg-graph is ready: ${base}/`);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { neo4j: true, schema: true, model: true, corpus: true },
    });
  });

  it('when started, then the bundled corpus is ingested and the page is served', async () => {
    const docs = await rt.graph.read<{ id: string }>({ cypher: 'MATCH (d:Document) RETURN d.id AS id', params: {} });
    expect(docs.map((d) => d.id).sort(), `main job log:\n${stderr.slice(-3000)}`).toEqual([
      'corpus/documents/infcirc-908-iwg-brochure.txt',
      'corpus/documents/iwg-website-front-page.txt',
    ]);
    const page = await fetch(`${base}/`);
    expect(page.status, await page.clone().text()).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<script type="module"');
  });

  it('when sent SIGTERM, then it closes the server and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down');
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
