import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics.js';
import { createQueryEmbedder } from '../../src/routes/embedding.js';

function countingEmbedder() {
  const calls: string[] = [];
  return {
    calls,
    embed: (texts: string[]) => {
      calls.push(...texts);
      return Promise.resolve(texts.map((t) => Float32Array.from([t.length, 1])));
    },
  };
}

describe('createQueryEmbedder', () => {
  it('when the cache holds queries, then a repeated query is embedded once', async () => {
    const embedder = countingEmbedder();
    const sut = createQueryEmbedder(embedder as never, createMetrics(), 10);
    expect(await sut('vetting')).toEqual([7, 1]);
    expect(await sut('vetting')).toEqual([7, 1]);
    expect(embedder.calls).toEqual(['vetting']);
  });

  it('when the cache size is 0, then every query is embedded', async () => {
    const embedder = countingEmbedder();
    const sut = createQueryEmbedder(embedder as never, createMetrics(), 0);
    await sut('vetting');
    await sut('vetting');
    expect(embedder.calls).toEqual(['vetting', 'vetting']);
  });
});
