import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDING_RUNTIME, embedderId, MODEL_IDS, MODELS, modelSpec } from '../../ingest/models.js';

const ROOT = join(import.meta.dirname, '..', '..');
const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

describe('embedding models', () => {
  it('when listing the models, then each has a pom, 384 cosine dimensions, 512 tokens and its own pooling', () => {
    for (const id of MODEL_IDS) {
      const sut = MODELS[id];
      expect(existsSync(join(ROOT, 'ingest', 'models', `${id}.pom.xml`))).toBe(true);
      expect(readFileSync(join(ROOT, 'ingest', 'models', `${id}.pom.xml`), 'utf8')).toContain(
        sut.artifact.split(':')[1],
      );
      expect(sut).toMatchObject({ dimensions: 384, similarity: 'cosine', maxTokens: 512, quantization: 'q8' });
    }
    expect(MODELS['bge-small-en-v1.5']).toMatchObject({ pooling: 'cls', passagePrefix: '' });
    expect(MODELS['bge-small-en-v1.5'].queryPrefix).toMatch(/^Represent this sentence/);
    expect(MODELS['all-minilm-l6-v2']).toMatchObject({ pooling: 'mean', queryPrefix: '', passagePrefix: '' });
  });

  it('when a model id is unknown, then modelSpec names the known ones', () => {
    expect(() => modelSpec('ada-002')).toThrow(/all-minilm-l6-v2, bge-small-en-v1.5, e5-small-v2/);
  });

  it('when the model, release or runtime differ, then the embedder id differs', () => {
    const a = embedderId(MODELS['all-minilm-l6-v2'], '1.20.0-beta30');
    expect(a).toContain('all-minilm-l6-v2@1.20.0-beta30');
    expect(a).toContain(EMBEDDING_RUNTIME);
    expect(embedderId(MODELS['all-minilm-l6-v2'], '1.21.0')).not.toBe(a);
    expect(embedderId(MODELS['e5-small-v2'], '1.20.0-beta30')).not.toBe(a);
  });

  it('when the installed runtime is read, then EMBEDDING_RUNTIME names its major.minor versions', () => {
    const transformers = join(ROOT, 'node_modules', '@huggingface', 'transformers');
    const nested = join(transformers, 'node_modules', 'onnxruntime-node');
    const ort = existsSync(nested) ? nested : join(ROOT, 'node_modules', 'onnxruntime-node');
    const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');
    expect(EMBEDDING_RUNTIME).toContain(`transformers.js@${versionOf(transformers).split('.')[0]}/`);
    expect(EMBEDDING_RUNTIME).toContain(`onnxruntime-node@${majorMinor(versionOf(ort))}`);
  });
});
