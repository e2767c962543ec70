/**
 * Planted groups of entities that co-occur, the ground truth of the communities study (bench/communities.ts): one
 * group per focus group of the taxonomy, each with its own countries, topics and organisation (drawn once per seed,
 * no entity in two groups). With `groups` on, every document belongs to one group and names its entities together
 * in a few report sentences (no normative cue, like the filler), drawn from their own random stream after every
 * other draw, so the rest of the document is what it was without them. Filler still names any entity anywhere:
 * the groups have to be found through that noise.
 */
import type { Entity } from '../../ingest/records.js';
import type { Taxonomy } from '../../ingest/taxonomy.js';
import { randomFor, type Random } from './random.js';
import { displayName } from './vocabulary.js';

/** A planted group: the entity ids that belong together and the names a sentence uses for them. */
export interface GroupVocabulary {
  id: string;
  members: string[];
  focusGroup: string;
  countries: string[];
  topics: string[];
  organisation: string;
}

export const GROUP_SIZES = { countries: 4, topics: 3 } as const;
/** Report sentences per document naming its group's entities together. */
export const GROUP_SENTENCES = 3;

const GROUP_TEMPLATES = [
  '{country} and {country2} presented their joint work on {topic} to {fg}.',
  '{fg} discussed {topic} and {topic2} with experts from {country} and {org}.',
  '{org} joined {country} at a meeting of {fg} on {topic}.',
  'At the meeting of {fg}, {country} and {country2} reported on {topic} together with {org}.',
  'Experts from {country}, {country2} and {org} compared notes on {topic} and {topic2}.',
];

/** Draws the groups for `seed`: one per focus group, disjoint members, from the taxonomy's named entities. */
export function planGroups(taxonomy: Taxonomy, seed: number): GroupVocabulary[] {
  const r = randomFor(seed, 'planted-groups');
  const named = (kind: Entity['kind']) =>
    r.shuffle(taxonomy.entities.filter((e) => e.kind === kind && displayName(e) !== null));
  const focusGroups = named('focusGroup');
  const countries = named('country');
  const topics = named('topic');
  const organisations = named('organisation');
  const n = Math.min(
    focusGroups.length,
    Math.floor(countries.length / GROUP_SIZES.countries),
    Math.floor(topics.length / GROUP_SIZES.topics),
    organisations.length,
  );
  return Array.from({ length: n }, (_, g) => {
    const take = (list: Entity[], k: number) => list.slice(g * k, (g + 1) * k);
    const fg = focusGroups[g];
    const cs = take(countries, GROUP_SIZES.countries);
    const ts = take(topics, GROUP_SIZES.topics);
    const org = organisations[g];
    return {
      id: `group:${fg.id.replace(/^focus-group:/, '')}`,
      members: [fg, ...cs, ...ts, org].map((e) => e.id).sort(),
      focusGroup: displayName(fg)!,
      countries: cs.map((e) => displayName(e)!),
      topics: ts.map((e) => displayName(e)!),
      organisation: displayName(org)!,
    };
  });
}

/** The group document `index` belongs to. */
export function groupOf(seed: number, index: number, groups: readonly GroupVocabulary[]): GroupVocabulary {
  return groups[randomFor(seed, 'planted-group-of', index).int(groups.length)];
}

/** The group's report sentences for document `index`, each naming two to four of its entities. */
export function groupSentences(seed: number, index: number, group: GroupVocabulary): string[] {
  const r = randomFor(seed, 'planted-group-sentences', index);
  return r
    .shuffle(GROUP_TEMPLATES)
    .slice(0, GROUP_SENTENCES)
    .map((t) => fillGroup(t, group, r));
}

function fillGroup(template: string, group: GroupVocabulary, r: Random): string {
  const [country, country2] = r.shuffle(group.countries);
  const [topic, topic2] = r.shuffle(group.topics);
  const slots: Record<string, string> = {
    country,
    country2,
    topic,
    topic2,
    fg: group.focusGroup,
    org: group.organisation,
  };
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k]);
  return text[0].toUpperCase() + text.slice(1);
}
