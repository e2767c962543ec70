import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../bench/generate/document.js';
import { groupOf, groupSentences, planGroups } from '../../bench/generate/groups.js';
import { buildVocabulary } from '../../bench/generate/vocabulary.js';
import { parseTaxonomy } from '../../ingest/taxonomy.js';

const TAXONOMY = new URL('../../corpus/taxonomy.yaml', import.meta.url);
const load = async () => parseTaxonomy(await readFile(TAXONOMY, 'utf8'), TAXONOMY.pathname);

describe('planted groups of the generator', () => {
  it('when groups are planned, then there is one per focus group, disjoint, each naming its members', async () => {
    const taxonomy = await load();
    const sut = planGroups(taxonomy, 908);
    expect(sut).toHaveLength(taxonomy.entities.filter((e) => e.kind === 'focusGroup').length);
    const all = sut.flatMap((g) => g.members);
    expect(new Set(all).size).toBe(all.length);
    for (const g of sut) {
      expect(g.members).toHaveLength(9);
      expect(g.members).toContain(`focus-group:${g.id.replace(/^group:/, '')}`);
    }
    expect(planGroups(taxonomy, 908)).toEqual(sut);
    expect(planGroups(taxonomy, 909)).not.toEqual(sut);
  });

  it('when a document belongs to a group, then only its group sentences are added and every other sentence is unchanged', async () => {
    const taxonomy = await load();
    const vocabulary = buildVocabulary(taxonomy);
    const groups = planGroups(taxonomy, 908);
    for (const index of [0, 7, 19]) {
      const group = groupOf(908, index, groups);
      const plain = composeDocument(908, index, vocabulary, []);
      const grouped = composeDocument(908, index, vocabulary, [], [], group);
      const planted = groupSentences(908, index, group);
      const sentences = (d: typeof plain) =>
        d.sections.flatMap((s) =>
          s.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.sentences : [b.lead, ...b.items])),
        );
      expect(planted).toHaveLength(3);
      expect(sentences(grouped).filter((s) => !planted.includes(s))).toEqual(sentences(plain));
      expect(grouped.group).toBe(group.id);
      expect(plain.group).toBeUndefined();
      for (const s of planted) {
        const named = [group.focusGroup, group.organisation, ...group.countries, ...group.topics].filter((n) =>
          s.toLowerCase().includes(n.toLowerCase()),
        );
        expect(named.length, s).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
