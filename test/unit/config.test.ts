import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('when nothing is set, then the managed Neo4j and the provisioned model are used', () => {
    const sut = loadConfig({ HOME: '/home/x' });
    expect(sut.neo4j.uri).toBeUndefined();
    expect(sut.neo4j.managed.boltPort).toBe(7688);
    expect(sut.model.provision).toBe(true);
    expect(sut.http.port).toBe(3000);
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('when NEO4J_URI and IWG_MODEL_DIR are set, then they are used as given', () => {
    const sut = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', IWG_MODEL_DIR: '/models' });
    expect(sut.neo4j.uri).toBe('neo4j+s://abc.databases.neo4j.io');
    expect(sut.model).toMatchObject({ dir: '/models', provision: false });
  });

  it('when several variables are bad, then the error names every one of them', () => {
    let err: unknown;
    try {
      loadConfig({ NEO4J_URI: 'http://localhost:7474', PORT: 'eighty', IWG_NEO4J_HEAP: 'lots', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const name of ['NEO4J_URI', 'PORT', 'IWG_NEO4J_HEAP', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('when API keys are given as a comma list, then they are split and trimmed', () => {
    expect(loadConfig({ IWG_API_KEYS: ' a1 , b2,,' }).http.apiKeys).toEqual(['a1', 'b2']);
  });

  it('when IWG_QUERY_CACHE_SIZE is 0 or negative, then 0 disables the cache and a negative size is refused', () => {
    expect(loadConfig({}).model.queryCacheSize).toBe(2000);
    expect(loadConfig({ IWG_QUERY_CACHE_SIZE: '0' }).model.queryCacheSize).toBe(0);
    expect(() => loadConfig({ IWG_QUERY_CACHE_SIZE: '-1' })).toThrow(/IWG_QUERY_CACHE_SIZE/);
  });
});
