/**
 * Graph changes run one at a time: an upload that arrives while an ingest of paths (the path of `iwg ingest` and
 * of the start-up ingest) is running is written only after that ingest has finished. The ingest is held mid-run
 * by a named pipe among its files: reading it blocks until the test writes the document into it.
 */
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';
import { startApi } from './helpers.js';

const KEY = 'exclusive-writes-test-key';
const auth = { authorization: `Bearer ${KEY}` };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const note = (name: string) =>
  `The ${name} site note (synthetic test document)\n\nGuards at the ${name} gate check the badge of every contractor.\n`;

let runtime: Runtime;
let dir: string;
let released = false;

/** Writes birch.txt into the pipe, letting the held ingest go on; never blocks (fails when nobody reads it). */
async function releasePipe(): Promise<void> {
  if (released) return;
  released = true;
  const pipe = await open(join(dir, 'birch.txt'), constants.O_WRONLY | constants.O_NONBLOCK);
  await pipe.writeFile(note('birch'));
  await pipe.close();
}

beforeAll(async () => {
  runtime = await openTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'iwg-exclusive-'));
  await writeFile(join(dir, 'alder.txt'), note('alder'));
  execFileSync('mkfifo', [join(dir, 'birch.txt')]);
  await writeFile(join(dir, 'manifest.yaml'), 'documents:\n  - path: alder.txt\n  - path: birch.txt\n');
});
afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('when an upload arrives while an ingest of paths is running', () => {
  it('then the upload waits until the ingest has finished and is written after every ingested document', async () => {
    const api = await startApi({ IWG_API_KEYS: KEY }, runtime);
    try {
      // Two uploads on their own: the first makes the upload context (syncing the taxonomy), the second is timed.
      const first = await api.post('/api/documents', { text: 'Rowan gate guards sign every key out.' }, auth);
      const t0 = Date.now();
      const alone = await api.post('/api/documents', { text: 'Sorrel gate guards lock the key cabinet.' }, auth);
      const aloneMs = Date.now() - t0;
      expect([first.status, alone.status]).toEqual([201, 201]);

      let ingestFinished = false;
      let firstWritten!: () => void;
      const underWay = new Promise<void>((resolve) => (firstWritten = resolve));
      const ingest = ingestPaths(runtime, [dir], {
        root: dir,
        onProgress: (p) => p.done === 1 && firstWritten(),
      }).finally(() => (ingestFinished = true));
      // alder.txt is written; the ingest now waits for birch.txt, whose reader blocks until the pipe is written.
      await underWay;
      let answered = false;
      const upload = api
        .post('/api/documents', { text: 'Quince gate guards escort every visitor.' }, auth)
        .then((res) => ({ ...res, ingestFinished }))
        .finally(() => (answered = true));
      // Alone, this upload would be answered within this time; behind the held ingest it must not be.
      await sleep(Math.max(2000, 3 * aloneMs));
      expect(answered).toBe(false);

      await releasePipe();
      const summary = await ingest;
      expect(summary.totals).toMatchObject({ added: 2, failed: 0 });
      const answer = await upload;
      expect(answer.status).toBe(201);
      expect(answer.ingestFinished).toBe(true);
      const rows = await runtime.graph.read<{ id: string; at: number }>({
        cypher: 'MATCH (d:Document) RETURN d.id AS id, d.ingestedAt.epochMillis AS at ORDER BY at, id',
        params: {},
      });
      expect(rows.map((r) => r.id)).toEqual([first.body.id, alone.body.id, 'alder.txt', 'birch.txt', answer.body.id]);
      expect(rows[4].at).toBeGreaterThan(rows[3].at);
    } finally {
      await releasePipe().catch(() => undefined);
      await api.close();
    }
  });
});
