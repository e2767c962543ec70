import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../ingest/chunk.js';
import { linkAliases } from '../../ingest/link.js';
import type { Passage } from '../../ingest/records.js';
import { extractRelations } from '../../ingest/relations.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';
import { parseText } from '../../ingest/text.js';

const TAXONOMY = parseTaxonomy(readFileSync(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));

/** Splits a clean document into passages at the given texts' starts (each passage runs to the next one). */
function passagesOf(docText: string, starts: string[] = []): Passage[] {
  const cuts = [0, ...starts.map((s) => docText.indexOf(s)), docText.length];
  return cuts.slice(0, -1).map((start, i) => ({
    id: `doc#${i}`,
    documentId: 'doc',
    ordinal: i,
    text: docText.slice(start, cuts[i + 1]),
    start,
    end: cuts[i + 1],
    page: null,
    heading: null,
  }));
}

function extract(docText: string, passages = passagesOf(docText)) {
  return extractRelations(docText, passages, linkAliases(passages, TAXONOMY), TAXONOMY);
}

const triples = (r: ReturnType<typeof extract>) => r.relations.map((x) => `${x.from} ${x.type} ${x.to}`);

const CO_CHAIRED =
  'Co-chaired by the United States and Belgium, the IWG discusses a broad range of insider threat mitigation-related issues.';
const ESTABLISHED =
  'The Advancing INFCIRC/908 “Mitigating Insider Threats” International Working Group (IWG) was established in 2020 to facilitate cooperation.';
const SPONSORED =
  'In 2016, recognizing the international community’s need to address the insider threat, the United States sponsored Information Circular 908 (INFCIRC/908), "Joint Statement on Mitigating Insider Threats," now endorsed by more than two dozen countries and INTERPOL.';

describe('extractRelations', () => {
  it('when the IWG is co-chaired by two countries, then each CO_CHAIRS the IWG with the exact sentence', () => {
    const docText = `Welcome to the portal. ${CO_CHAIRED} More text follows.`;

    const sut = extract(docText);

    expect(triples(sut)).toEqual(['country:US CO_CHAIRS organisation:iwg', 'country:BE CO_CHAIRS organisation:iwg']);
    for (const r of sut.relations) {
      expect(r.sentence).toBe(CO_CHAIRED);
      expect(docText.slice(r.start, r.end)).toBe(r.sentence);
      expect(r.passageId).toBe('doc#0');
    }
  });

  it('when focus groups are co-chaired by unnamed members, then no relation is stated', () => {
    const sut = extract('Five focus groups, each co-chaired by two Steering Committee members, will conduct analysis.');

    expect(sut.relations).toEqual([]);
  });

  it('when INFCIRC/908 is sponsored and endorsed, then the US SPONSORS it and INTERPOL SUBSCRIBES_TO it', () => {
    const sut = extract(SPONSORED);

    expect(triples(sut).sort()).toEqual([
      'country:US SPONSORS instrument:infcirc-908',
      'organisation:interpol SUBSCRIBES_TO instrument:infcirc-908',
    ]);
  });

  it('when the IWG was established in a year, then it gets an establishedIn attribute', () => {
    const docText = `Intro. ${ESTABLISHED}`;

    const sut = extract(docText);

    expect(sut.attributes).toEqual([
      {
        entityId: 'organisation:iwg',
        key: 'establishedIn',
        value: '2020',
        passageId: 'doc#0',
        sentence: ESTABLISHED,
        start: docText.indexOf(ESTABLISHED),
        end: docText.length,
      },
    ]);
  });

  it('when the portal footer names its sponsors, then NNSA and FANC SPONSOR the IWG', () => {
    const sut = extract('Sponsored by: National Nuclear Security Administration Federal Agency for Nuclear Control');

    expect(triples(sut)).toEqual([
      'organisation:nnsa SPONSORS organisation:iwg',
      'organisation:fanc SPONSORS organisation:iwg',
    ]);
  });

  it('when states are named members of the Steering Committee or subscribers, then MEMBER_OF and SUBSCRIBES_TO follow', () => {
    const sut = extract(
      'Canada is a member of the Steering Committee. Subscribers to INFCIRC/908 include Japan and Norway. By subscribing to INFCIRC/908, your country commits to support the IAEA.',
    );

    expect(triples(sut)).toEqual([
      'country:CA MEMBER_OF organisation:iwg-steering-committee',
      'country:JP SUBSCRIBES_TO instrument:infcirc-908',
      'country:NO SUBSCRIBES_TO instrument:infcirc-908',
    ]);
  });

  it('when an organisation co-hosted an event, then it ORGANISED it', () => {
    const sut = extract('The 2019 Brussels symposium was co-hosted by DOE/NNSA and FANC with the IAEA.');

    expect(triples(sut)).toEqual([
      'organisation:nnsa ORGANISED event:brussels-symposium-2019',
      'organisation:fanc ORGANISED event:brussels-symposium-2019',
      'organisation:iaea ORGANISED event:brussels-symposium-2019',
    ]);
  });

  it('when a trend is said to impact a topic, then the trend AFFECTS the topic', () => {
    const sut = extract(
      'Identification of emerging trends in law, policy, and technology that impact ability to assess trustworthiness',
    );

    expect(triples(sut)).toEqual(['trend:law-policy-trustworthiness AFFECTS topic:trustworthiness']);
  });

  it('when overlapping passages share a sentence, then its relation is stated once, by the first passage', () => {
    const docText = `Welcome. ${CO_CHAIRED}`;
    const [first] = passagesOf(docText);
    const second: Passage = { ...first, id: 'doc#1', ordinal: 1, start: 9, text: docText.slice(9) };

    const sut = extract(docText, [second, first]);

    expect(sut.relations).toHaveLength(2);
    expect(sut.relations.every((r) => r.passageId === 'doc#0')).toBe(true);
  });

  it('when the two seed documents are parsed and chunked, then their relations are found', () => {
    const read = (name: string) => readFileSync(new URL(`../../corpus/documents/${name}`, import.meta.url), 'utf8');
    const found = ['iwg-website-front-page.txt', 'infcirc-908-iwg-brochure.txt'].flatMap((name) => {
      const doc = parseText(read(name), { id: name, format: 'text' });
      const passages = chunkText(doc);
      const result = extractRelations(doc.text, passages, linkAliases(passages, TAXONOMY), TAXONOMY);
      for (const r of result.relations) expect(doc.text.slice(r.start, r.end)).toBe(r.sentence);
      return [...triples(result), ...result.attributes.map((a) => `${a.entityId} ${a.key} ${a.value}`)];
    });

    expect(found).toEqual(
      expect.arrayContaining([
        'country:US CO_CHAIRS organisation:iwg',
        'country:BE CO_CHAIRS organisation:iwg',
        'organisation:interpol SUBSCRIBES_TO instrument:infcirc-908',
        'country:US SPONSORS instrument:infcirc-908',
        'organisation:iwg establishedIn 2020',
      ]),
    );
  });
});
