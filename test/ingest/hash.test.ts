/** What decides that a document, a passage or a sentence is embedded again. */
import { describe, expect, it } from 'vitest';
import { embeddingKey, hashContent, hashRules } from '../../ingest/hash.js';

const minilm = 'all-minilm-l6-v2@1.20.0-beta30:q8:mean:transformers.js@4/onnxruntime-node@1.30';
const e5 = 'e5-small-v2@1.20.0-beta30:q8:mean:transformers.js@4/onnxruntime-node@1.30';

describe('when the embedder changes', () => {
  it('then every document hashes differently, so an unchanged file is ingested again', () => {
    const bytes = new TextEncoder().encode('Vetting is repeated every five years.');
    const sut = (id: string) => hashContent(bytes, {}, hashRules([], id));
    expect(sut(minilm)).toBe(sut(minilm));
    expect(sut(minilm)).not.toBe(sut(e5));
  });
  it('then a stored vector of the same text is not reused', () => {
    const text = 'Vetting is repeated every five years.';
    expect(embeddingKey(minilm, text)).toBe(embeddingKey(minilm, text));
    expect(embeddingKey(minilm, text)).not.toBe(embeddingKey(e5, text));
    expect(embeddingKey(minilm, text)).not.toBe(embeddingKey(minilm, `${text} `));
  });
});
