import { describe, expect, it } from 'vitest';
import { createWorkerEmbedder } from '../../ingest/embed.js';
import { MODELS } from '../../ingest/models.js';

const echo = new URL('../support/echo-embed-worker.js', import.meta.url);
const textOf = (v: Float32Array) => String.fromCharCode(...v.slice(1, 1 + v[0]));

describe('embedding pool (echo worker)', () => {
  it('when embedding queries and passages for e5, then each text gets its own prefix', async () => {
    const sut = await createWorkerEmbedder({
      modelDir: '/unused',
      model: MODELS['e5-small-v2'],
      workers: 1,
      workerScript: echo,
    });
    try {
      const [q] = await sut.embed(['remote access'], { kind: 'query' });
      const [p, d] = [...(await sut.embed(['remote access'], { kind: 'passage' })), ...(await sut.embed(['x']))];
      expect([textOf(q), textOf(p), textOf(d)]).toEqual([
        'query: remote access',
        'passage: remote access',
        'passage: x',
      ]);
    } finally {
      await sut.close();
    }
  });

  it('when embedding many texts on two workers, then order is kept and both workers take a share', async () => {
    const sut = await createWorkerEmbedder({ modelDir: '/unused', workers: 2, batchSize: 32, workerScript: echo });
    try {
      const texts = Array.from({ length: 40 }, (_, i) => `t${i}`);
      const out = await sut.embed(texts);
      expect(out.map(textOf)).toEqual(texts);
      expect(sut.stats.batches).toBe(2); // 20 + 20, not 32 + 8
      expect(sut.workers).toBe(2);
    } finally {
      await sut.close();
    }
  });

  it('when a worker crashes, then its batch fails with MODEL_UNAVAILABLE and the other worker goes on', async () => {
    const sut = await createWorkerEmbedder({ modelDir: '/unused', workers: 2, workerScript: echo });
    try {
      await expect(sut.embed(['crash'])).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
      expect((await sut.embed(['still here'])).map(textOf)).toEqual(['still here']);
      await expect(sut.embed(['crash'])).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
      await expect(sut.embed(['nobody left'])).rejects.toMatchObject({ message: /no embedding worker/ });
    } finally {
      await sut.close();
    }
  });
});
