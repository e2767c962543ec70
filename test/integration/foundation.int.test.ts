import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerEmbedder } from '../../ingest/embed.js';
import { dot as cosine } from '../../ingest/link.js';
import { indexStates, schemaVersion } from '../../graph/ensure-schema.js';
import { SCHEMA_VERSION, VECTOR_INDEXES, FULLTEXT_INDEXES } from '../../graph/schema.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await openTestRuntime();
});
afterAll(async () => {
  await rt?.close();
});

describe('Neo4j', () => {
  it('when asked RETURN 1 over Bolt, then it answers 1', async () => {
    const rows = await rt.graph.read<{ one: number }>({ cypher: 'RETURN 1 AS one', params: {} });
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('when the schema is applied, then every vector and full-text index is ONLINE and the version recorded', async () => {
    const states = await indexStates(rt.graph);
    for (const v of Object.values(VECTOR_INDEXES)) {
      expect(states.find((s) => s.name === v.name)).toMatchObject({ type: 'VECTOR', state: 'ONLINE' });
    }
    for (const f of Object.values(FULLTEXT_INDEXES)) {
      expect(states.find((s) => s.name === f.name)).toMatchObject({ type: 'FULLTEXT', state: 'ONLINE' });
    }
    expect(await schemaVersion(rt.graph)).toBe(SCHEMA_VERSION);
  });

  it('when a read runs past its timeout, then the server stops it and the error is GRAPH_TIMEOUT', async () => {
    const started = Date.now();
    await expect(
      rt.graph.read(
        { cypher: 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n', params: {} },
        { timeoutMs: 300 },
      ),
    ).rejects.toMatchObject({ code: 'GRAPH_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('when a read is asked to write, then the server refuses it and nothing is written', async () => {
    await expect(
      rt.graph.read({ cypher: 'CREATE (:Document {id: $id}) RETURN 1 AS one', params: { id: 'doc:read-write' } }),
    ).rejects.toMatchObject({ code: 'GRAPH_QUERY' });
    const rows = await rt.graph.read<{ n: number }>({
      cypher: 'MATCH (d:Document {id: $id}) RETURN count(d) AS n',
      params: { id: 'doc:read-write' },
    });
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('when two documents share an id, then the uniqueness constraint refuses the second', async () => {
    await rt.graph.write([{ cypher: 'CREATE (:Document {id: $id})', params: { id: 'doc:dup' } }]);
    await expect(
      rt.graph.write([{ cypher: 'CREATE (:Document {id: $id})', params: { id: 'doc:dup' } }]),
    ).rejects.toMatchObject({ code: 'GRAPH_CONSTRAINT' });
  });
});

describe('embeddings (real all-MiniLM-L6-v2)', () => {
  it('when embedding the reference sentences, then the leading values match the published ones within 0.02', async () => {
    const [a, b] = await rt.embedder.embed(['This is an example sentence', 'Each sentence is converted']);
    const expectA = [0.0459, 0.0733, 0.054];
    const expectB = [0.0819, 0.1076, -0.0132];
    expectA.forEach((v, i) => expect(Math.abs(a[i] - v)).toBeLessThan(0.02));
    expectB.forEach((v, i) => expect(Math.abs(b[i] - v)).toBeLessThan(0.02));
  });

  it('when embedding any text, then the vector is 384 long and unit-norm', async () => {
    const [v] = await rt.embedder.embed(['Insiders possess access, authority and knowledge.']);
    expect(v).toHaveLength(384);
    expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 4);
  });

  it('when comparing a paraphrase pair and an unrelated pair, then the paraphrase is closer', async () => {
    const [p1, p2, u] = await rt.embedder.embed([
      'The operator should not permit remote access to critical systems.',
      'Remote connections to safety-critical computer systems must be forbidden.',
      'The symposium dinner was held in a restaurant in Brussels.',
    ]);
    expect(cosine(p1, p2)).toBeGreaterThan(cosine(p1, u) + 0.2);
  });

  it('when opened by the runtime, then the embedder names model, release and runtime and runs one worker per core', () => {
    expect(rt.embedder.id).toMatch(/^all-minilm-l6-v2@[\w.-]+:q8:mean:transformers\.js@4\/onnxruntime-node@/);
    expect(rt.embedder.workers).toBe(availableParallelism());
  });

  it('when embedding more texts than one batch, then order is kept', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `sentence number ${i} about insider threats`);
    const all = await rt.embedder.embed(texts);
    const [single] = await rt.embedder.embed([texts[53]]);
    expect(all).toHaveLength(70);
    expect(cosine(all[53], single)).toBeGreaterThan(0.999);
  });
});

describe('embedding pool failures', () => {
  it('when the model folder holds no model, then start-up fails with MODEL_UNAVAILABLE naming the folder', async () => {
    await expect(createWorkerEmbedder({ modelDir: '/nonexistent/models', workers: 2 })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining('/nonexistent/models'),
    });
  });

  it('when the pool is closed, then a later call fails fast instead of hanging', async () => {
    const sut = await createWorkerEmbedder({ modelDir: rt.config.model.dir, workers: 1 });
    await sut.close();
    await expect(sut.embed(['too late'])).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });

  it('when a pool is closed while it embeds, then the process ends normally (no native abort)', async () => {
    // Before the workers were quiesced first, 7 of 8 such runs ended in SIGABRT (status 134).
    for (const delayMs of [60, 150, 300]) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'test/support/close-mid-embed.ts', rt.config.model.dir, String(delayMs)],
        { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 },
      );
      expect({ status: child.status, signal: child.signal }, child.stderr).toEqual({ status: 3, signal: null });
      expect(child.stdout.trim()).toMatch(/^(embedder closed|finished)$/);
    }
  }, 400_000);

  it('when a pool is opened again after one was closed in this process, then it loads and embeds', async () => {
    // onnxruntime-node 1.14 failed here with "Module did not self-register"; 1.30 registers in every worker.
    const first = await createWorkerEmbedder({ modelDir: rt.config.model.dir, workers: 1 });
    await first.close();
    const sut = await createWorkerEmbedder({ modelDir: rt.config.model.dir, workers: 1 });
    try {
      const [a] = await sut.embed(['Insiders possess access, authority and knowledge.']);
      const [b] = await rt.embedder.embed(['Insiders possess access, authority and knowledge.']);
      expect(cosine(a, b)).toBeGreaterThan(0.9999);
    } finally {
      await sut.close();
    }
  });
});
