import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkAliases, linkSemantic } from '../../ingest/link.js';
import type { Entity, Mention, Passage } from '../../ingest/records.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';

const TAXONOMY = parseTaxonomy(readFileSync(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));

/** One passage holding `text`, preceded in the document by `offset` characters. */
function passage(text: string, offset = 0): Passage {
  return {
    id: 'doc#0',
    documentId: 'doc',
    ordinal: 0,
    text,
    start: offset,
    end: offset + text.length,
    page: null,
    heading: null,
  };
}

function surfaces(mention: Mention | undefined, docText: string): string[] {
  const spans = mention?.spans ?? [];
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(docText.slice(spans[i], spans[i + 1]));
  return out;
}

const find = (mentions: Mention[], id: string) => mentions.find((m) => m.entityId === id);

describe('linkAliases', () => {
  it('when "US" is written in capitals, then it links the United States, but "us" does not', () => {
    const text = 'Let us meet the US delegation.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    expect(surfaces(find(sut, 'country:US'), text)).toEqual(['US']);
  });

  it('when "U.S." and "United States" both appear, then both link country:US in one mention', () => {
    const text = 'The U.S. team and the United States mission agreed.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    const us = sut.filter((m) => m.entityId === 'country:US');
    expect(us).toHaveLength(1);
    expect(surfaces(us[0], text)).toEqual(['U.S.', 'United States']);
    expect(us[0]).toMatchObject({ passageId: 'doc#0', method: 'alias', score: 1 });
  });

  it('when an alias appears in the plural, then it still links', () => {
    const text = 'Five security culture focus groups and several background checks were discussed.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    expect(surfaces(find(sut, 'focus-group:security-culture'), text)).toEqual(['security culture focus groups']);
    expect(surfaces(find(sut, 'topic:trustworthiness'), text)).toEqual(['background checks']);
  });

  it('when aliases overlap, then the longest match wins', () => {
    const text =
      'Results of the 2019 Brussels International Symposium on Insider Threat Mitigation and the Steering Committee.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    expect(surfaces(find(sut, 'event:brussels-symposium-2019'), text)).toEqual([
      '2019 Brussels International Symposium on Insider Threat Mitigation',
    ]);
    expect(find(sut, 'organisation:iwg-steering-committee')).toBeDefined();
    expect(find(sut, 'organisation:iwg')).toBeUndefined();
  });

  it('when a short alias sits inside a longer one of another entity, then only the longer links', () => {
    const toy = parseTaxonomy(
      [
        'version: 1',
        'events:',
        '  - { id: "event:symposium", name: Brussels International Symposium on Insider Threat Mitigation, description: d }',
        'organisations:',
        '  - { id: "organisation:city", name: Brussels, description: d }',
      ].join('\n'),
    );
    const text = 'At the Brussels International Symposium on Insider Threat Mitigation, Brussels hosted us.';

    const sut = linkAliases([passage(text)], toy);

    expect(surfaces(find(sut, 'event:symposium'), text)).toHaveLength(1);
    expect(surfaces(find(sut, 'organisation:city'), text)).toEqual(['Brussels']);
    expect(find(sut, 'organisation:city')?.spans[0]).toBe(text.lastIndexOf('Brussels'));
  });

  it('when quotes are curly and words are hyphenated or joined, then the alias still links', () => {
    const text =
      'The Advancing INFCIRC/908 “Mitigating Insider Threats” International Working Group met on cybersecurity.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    expect(surfaces(find(sut, 'organisation:iwg'), text)).toEqual([
      'Advancing INFCIRC/908 “Mitigating Insider Threats” International Working Group',
    ]);
    expect(find(sut, 'instrument:infcirc-908')).toBeUndefined();
    expect(surfaces(find(sut, 'topic:computer-security'), text)).toEqual(['cybersecurity']);
  });

  it('when a word merely contains an alias, then it does not link', () => {
    const text = 'Trusted mechanisms and a USB key.';

    const sut = linkAliases([passage(text)], TAXONOMY);

    expect(find(sut, 'country:US')).toBeUndefined();
  });

  it('when the passage starts later in the document, then spans are absolute offsets', () => {
    const docText = 'Preface. Co-chaired by the United States and Belgium, the IWG met.';
    const start = docText.indexOf('Co-chaired');

    const sut = linkAliases([passage(docText.slice(start), start)], TAXONOMY);

    const be = find(sut, 'country:BE');
    expect(be?.spans).toEqual([docText.indexOf('Belgium'), docText.indexOf('Belgium') + 'Belgium'.length]);
    expect(surfaces(find(sut, 'country:US'), docText)).toEqual(['United States']);
  });
});

describe('linkSemantic', () => {
  const entity = (id: string, semantic: boolean): Entity => ({
    id,
    kind: id.startsWith('trend:') ? 'trend' : 'topic',
    name: id,
    aliases: [],
    description: id,
    semantic,
  });
  const unit = (...v: number[]) => Float32Array.from(v);
  const entities = [
    entity('topic:a', true),
    entity('topic:b', true),
    entity('topic:c', false),
    entity('trend:d', true),
  ];
  const entityVectors = [unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1), unit(0.6, 0.8, 0)];

  it('when a passage vector is close to semantic entities, then they link with the cosine as score', () => {
    const sut = linkSemantic([{ id: 'p1' }], [unit(0.8, 0.6, 0)], entities, entityVectors, 0.5);

    expect(sut.map((m) => m.entityId)).toEqual(['trend:d', 'topic:a']);
    expect(sut[0]).toMatchObject({ passageId: 'p1', method: 'semantic', spans: [] });
    expect(sut[0].score).toBeCloseTo(0.96, 5);
    expect(sut[1].score).toBeCloseTo(0.8, 5);
  });

  it('when an entity is not semantic or below the threshold, then it does not link', () => {
    const sut = linkSemantic([{ id: 'p1' }], [unit(0, 0.2, 0.98)], entities, entityVectors, 0.5);

    expect(sut).toEqual([]);
  });

  it('when more entities pass the threshold than allowed per passage, then only the best are kept', () => {
    const sut = linkSemantic([{ id: 'p1' }], [unit(0.71, 0.7, 0)], entities, entityVectors, 0.1, 1);

    expect(sut.map((m) => m.entityId)).toEqual(['trend:d']);
  });
});
