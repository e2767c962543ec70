import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../ingest/chunk.js';
import { linkAliases } from '../../ingest/link.js';
import { normativeCue } from '../../ingest/practice-cues.js';
import { extractPractices, practiceId } from '../../ingest/practices.js';
import type { Block, Passage } from '../../ingest/records.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';
import { parseText } from '../../ingest/text.js';

const TAXONOMY = parseTaxonomy(readFileSync(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));
const REMOTE_ACCESS =
  'The operator should not permit remote access to critical systems, such as systems relevant to safety.';

function onePassage(docText: string): Passage[] {
  return [
    {
      id: 'doc#0',
      documentId: 'doc',
      ordinal: 0,
      text: docText,
      start: 0,
      end: docText.length,
      page: null,
      heading: null,
    },
  ];
}

function extract(docText: string, blocks?: Block[]) {
  const passages = onePassage(docText);
  return extractPractices(docText, passages, linkAliases(passages, TAXONOMY), TAXONOMY, blocks);
}

/** Blocks for lines of `docText`: a line ending in ":" is a paragraph, a line starting with "•" a list item. */
function blocksOf(docText: string): Block[] {
  let at = 0;
  return docText.split('\n').map((line) => {
    const block: Block = { kind: line.startsWith('•') ? 'list-item' : 'paragraph', start: at, end: at + line.length };
    at += line.length + 1;
    return block;
  });
}

describe('extractPractices', () => {
  it('when the operator should not permit remote access, then it is a practice on access control and computer security mitigating access', () => {
    const docText = `Access also includes remote computer access to a facility. ${REMOTE_ACCESS}`;

    const sut = extract(docText);

    expect(sut).toHaveLength(1);
    expect(sut[0]).toMatchObject({
      text: REMOTE_ACCESS,
      passageId: 'doc#0',
      cue: 'should',
      attributes: ['attribute:access'],
    });
    expect(sut[0].topics).toEqual(expect.arrayContaining(['topic:access-control', 'topic:computer-security']));
    expect(docText.slice(sut[0].start, sut[0].end)).toBe(REMOTE_ACCESS);
  });

  it('when a sentence only describes, then it is not a practice', () => {
    const sut = extract(
      'Insiders may possess knowledge of the facility. In 2016, recognizing the international community’s need to address the insider threat, the United States sponsored INFCIRC/908. The meeting should take place in May. Should you have questions, write to us.',
    );

    expect(sut).toEqual([]);
  });

  it('when a sentence names no topic, then the topics of its passage are used', () => {
    const sut = extract('Vetting is discussed here. Operators are encouraged to act early.');

    expect(sut).toHaveLength(1);
    expect(sut[0]).toMatchObject({ cue: 'are encouraged to', topics: ['topic:trustworthiness'] });
  });

  it('when imperative list items sit under a good-practices lead-in, then they are practices without the bullet', () => {
    const docText = ['Good practices include:', '• Ensure two-person rule for vault entry', '• Background checks'].join(
      '\n',
    );

    const sut = extract(docText, blocksOf(docText));

    expect(sut.map((p) => p.text)).toEqual(['Ensure two-person rule for vault entry']);
    expect(sut[0]).toMatchObject({ cue: 'heading: Good practices include', topics: ['topic:access-control'] });
  });

  it('when list items sit under "areas for inquiry", then they are areas, not practices', () => {
    const docText = [
      'Some potential areas for inquiry include:',
      '• Sharing best practices and lessons learned',
      '• Share lessons learned',
    ].join('\n');

    const sut = extract(docText, blocksOf(docText));

    expect(sut).toEqual([]);
  });

  it('when the two seed documents are parsed and chunked, then remote access and the INFCIRC/908 commitment are the practices; the subscription procedure is not', () => {
    const read = (name: string) => readFileSync(new URL(`../../corpus/documents/${name}`, import.meta.url), 'utf8');
    const sut = ['iwg-website-front-page.txt', 'infcirc-908-iwg-brochure.txt'].flatMap((name) => {
      const doc = parseText(read(name), { id: name, format: 'text' });
      const passages = chunkText(doc);
      const found = extractPractices(doc.text, passages, linkAliases(passages, TAXONOMY), TAXONOMY, doc.blocks);
      for (const p of found) expect(doc.text.slice(p.start, p.end)).toBe(p.text);
      return found;
    });

    expect(sut).toHaveLength(2);
    const remote = sut.find((p) => p.text === REMOTE_ACCESS);
    expect(remote?.attributes).toEqual(['attribute:access']);
    expect(remote?.topics).toEqual(expect.arrayContaining(['topic:access-control', 'topic:computer-security']));
    expect(sut.map((p) => p.cue).sort()).toEqual(['commits to', 'should']);
    expect(sut.some((p) => p.text.includes('note verbale'))).toBe(false);
  });
});

describe('normativeCue', () => {
  it('when sentences prescribe, then their cue is returned', () => {
    expect(normativeCue('Licensees shall keep records.')).toBe('shall');
    expect(normativeCue('It is good practice to rotate duties.')).toBe('it is good practice');
    expect(normativeCue('States need to share experience.')).toBe('need to');
  });

  it('when a state or regulator states a requirement in force, then it is a cue', () => {
    expect(normativeCue('Italy requires that the audit trail of administrators is write-protected.')).toBe('requires');
    expect(normativeCue('The Moroccan regulator encourages licensees to rotate guards.')).toBe('encourages');
    expect(normativeCue('Slovakia requires more time to review the draft paper.')).toBeUndefined();
  });

  it('when a cue sits in an agenda, action item, indirect question, report, description or logistics, then it is vetoed', () => {
    const sut = [
      'The secretariat to collect comments on the glossary by the end of May.',
      'Germany to circulate a note on how operators should vet contractors.',
      'The workshop agenda covered why licensees should vet contractors.',
      'Belgium asked whether regulators should publish guidance.',
      'A speaker said that her team would need to consult the regulator.',
      'A survey showed that few managers believe they must review logs.',
      'The new training centre, which must serve three states, opened in 2020.',
      'Insiders who want to cause harm must first overcome the measures in place.',
      'Norway committed to attending the May meeting of the focus group.',
      'All members are encouraged to attend the webinar on vetting.',
      'Comments on the draft report should be sent to the secretariat by May.',
      'Speakers should send their slides to the rapporteur a week before the session.',
    ];
    for (const sentence of sut) expect(normativeCue(sentence), sentence).toBeUndefined();
  });

  it('when a cue word is part of an entity name, then it is not a cue', () => {
    const sentence = 'The workshop covered need to know principle at reactors.';
    const at = sentence.indexOf('need to know principle');

    expect(normativeCue(sentence, [{ start: at, end: at + 'need to know principle'.length }])).toBeUndefined();
    expect(normativeCue('Guard force members should be vetted like operations staff.')).toBe('should');
  });

  it('when "need to" is a noun phrase or a sentence is a question, then there is no cue', () => {
    expect(normativeCue('There is a need to act.')).toBeUndefined();
    expect(normativeCue('What should operators do?')).toBeUndefined();
  });
});

describe('practiceId', () => {
  it('when quotes differ only in case, spacing, quotes or final stop, then the id is the same', () => {
    const sut = practiceId('The operator should not permit “remote access”.');

    expect(sut).toMatch(/^practice:[0-9a-f]{12}$/);
    expect(practiceId('the operator  should not permit "remote access"')).toBe(sut);
    expect(practiceId('The operator should permit remote access.')).not.toBe(sut);
  });
});
