import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('loadConfig: embedding', () => {
  it('when nothing is set, then all-MiniLM-L6-v2 runs on one worker per core', () => {
    const sut = loadConfig({});
    expect(sut.model.spec.id).toBe('all-minilm-l6-v2');
    expect(sut.model.workers).toBe(availableParallelism());
    expect(sut.model.pom).toMatch(/ingest\/models\/all-minilm-l6-v2\.pom\.xml$/);
  });

  it('when IWG_MODEL names another model, then its spec and pom are used', () => {
    const sut = loadConfig({ IWG_MODEL: 'e5-small-v2', IWG_EMBED_WORKERS: '3' });
    expect(sut.model.spec).toMatchObject({ id: 'e5-small-v2', queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(sut.model.pom).toMatch(/ingest\/models\/e5-small-v2\.pom\.xml$/);
    expect(sut.model.workers).toBe(3);
  });

  it('when IWG_MODEL is unknown, then the error names the variable', () => {
    expect(() => loadConfig({ IWG_MODEL: 'gpt-embed' })).toThrow(/IWG_MODEL/);
  });
});
