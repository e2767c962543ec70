import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../ingest/errors.js';
import { ENTITY_LABELS } from '../../graph/schema.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';

const BUNDLED = readFileSync(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8');

describe('parseTaxonomy', () => {
  it('when the bundled taxonomy is parsed, then it has the three insider attributes and five focus groups', () => {
    const sut = parseTaxonomy(BUNDLED);

    expect(sut.version).toBe(1);
    const ids = (kind: string) => sut.entities.filter((e) => e.kind === kind).map((e) => e.id);
    expect(ids('attribute').sort()).toEqual(['attribute:access', 'attribute:authority', 'attribute:knowledge']);
    expect(ids('focusGroup')).toHaveLength(5);
    expect(sut.byId.get('organisation:iwg')?.aliases).toContain('IWG');
    expect(sut.byId.get('instrument:infcirc-908')?.aliases).toContain('Information Circular 908');
  });

  it('when the bundled taxonomy is parsed, then it lists at least 30 countries with ISO alpha-2 ids', () => {
    const sut = parseTaxonomy(BUNDLED);

    const countries = sut.entities.filter((e) => e.kind === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(30);
    for (const c of countries) expect(c.id).toMatch(/^country:[A-Z]{2}$/);
    expect(sut.byId.get('country:US')?.aliases).toEqual(expect.arrayContaining(['US', 'U.S.', 'USA']));
  });

  it('when the bundled taxonomy is parsed, then only topics and trends are semantic and related ids exist', () => {
    const sut = parseTaxonomy(BUNDLED);

    for (const e of sut.entities.filter((x) => x.semantic)) expect(['topic', 'trend']).toContain(e.kind);
    for (const targets of sut.related.values()) for (const id of targets) expect(sut.byId.has(id)).toBe(true);
    expect(sut.related.get('topic:remote-access')).toContain('attribute:access');
  });

  it('when a taxonomy has several problems, then BAD_TAXONOMY lists every one with its path', () => {
    const yaml = [
      'version: 1',
      'topics:',
      '  - id: country:XX',
      '    name: Wrong prefix',
      '    description: d',
      '  - id: topic:no-description',
      '    name: x',
      '  - id: topic:dup',
      '    name: a',
      '    description: d',
      '    related: [topic:missing]',
      'countries:',
      '  - id: topic:dup',
      '    name: b',
      '    description: d',
      '    semantic: true',
      'planets: []',
    ].join('\n');

    let error: unknown;
    try {
      parseTaxonomy(yaml, 'bad.yaml');
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(IngestError);
    const { code, message } = error as IngestError;
    expect(code).toBe('BAD_TAXONOMY');
    expect(message).toContain('bad.yaml');
    expect(message).toContain('topics[0].id: "country:XX" must start with "topic:"');
    expect(message).toContain('topics[1].description');
    expect(message).toContain('topics[2].related: unknown id "topic:missing"');
    expect(message).toContain('countries[0].id: duplicate id "topic:dup" (first at topics[2])');
    expect(message).toContain('countries[0].semantic: only topics and trends');
    expect(message).toContain('planets: unknown section');
  });

  it('when the YAML itself is broken, then BAD_TAXONOMY is thrown', () => {
    expect(() => parseTaxonomy('topics: [a, b\nversion: 1')).toThrow(IngestError);
  });

  it('when labels are looked up, then each kind has its Neo4j label', () => {
    expect(ENTITY_LABELS.attribute).toBe('InsiderAttribute');
    expect(ENTITY_LABELS.focusGroup).toBe('FocusGroup');
  });
});
