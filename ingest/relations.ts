/**
 * Relation extraction: sentence patterns over alias mentions that state who co-chairs, subscribes to, sponsors,
 * is a member of or organised what, which trend affects which topic, and when something was established.
 */
import type { Attribute, EntityKind, Mention, Passage, Relation, RelationType, Sentence } from './records.js';
import { splitSentences } from './sentences.js';
import type { Taxonomy } from './taxonomy.js';

/** A sentence of the document with the passage it is attributed to and the entities it mentions by alias. */
export interface SentenceEvidence {
  sentence: Sentence;
  passageId: string;
  hits: EntityHit[];
}

/** One alias span of an entity, absolute offsets into the document text. */
export interface EntityHit {
  entityId: string;
  kind: EntityKind;
  start: number;
  end: number;
}

type Stated = { type: RelationType; from: string; to: string };

// Organisations that circulate, host or frame the statement rather than subscribe to it.
const NON_SUBSCRIBERS = new Set(['organisation:iaea', 'organisation:iwg', 'organisation:iwg-steering-committee']);
const GROUPS = new Set(['organisation:iwg', 'organisation:iwg-steering-committee']);
const PORTAL_OWNER = 'organisation:iwg';

/**
 * Extracts relations and attributes stated by the sentences of one document. Each sentence is read once even
 * when overlapping passages share it, and is attributed to the first passage (by start offset) containing it;
 * every result carries the exact sentence and its absolute offsets (`docText.slice(start, end) === sentence`).
 */
export function extractRelations(
  docText: string,
  passages: Passage[],
  mentions: Mention[],
  taxonomy: Taxonomy,
): { relations: Relation[]; attributes: Attribute[] } {
  const relations: Relation[] = [];
  const attributes: Attribute[] = [];
  const seen = new Set<string>();
  for (const evidence of documentSentences(docText, passages, mentions, taxonomy)) {
    const { sentence, passageId } = evidence;
    const where = { passageId, sentence: sentence.text, start: sentence.start, end: sentence.end };
    for (const stated of RULES.flatMap((rule) => rule(evidence))) {
      const key = `${stated.type}|${stated.from}|${stated.to}|${sentence.start}`;
      if (stated.from === stated.to || seen.has(key)) continue;
      seen.add(key);
      relations.push({ ...stated, ...where });
    }
    const established = establishedIn(evidence);
    if (established) attributes.push({ ...established, key: 'establishedIn', ...where });
  }
  return { relations, attributes };
}

/**
 * The document's sentences, each once, attributed to the first passage containing it, with the alias hits
 * inside it (from mentions of any of the document's passages).
 */
export function documentSentences(
  docText: string,
  passages: Passage[],
  mentions: Mention[],
  taxonomy: Taxonomy,
): SentenceEvidence[] {
  const hits = collectHits(passages, mentions, taxonomy);
  const seen = new Set<string>();
  const result: SentenceEvidence[] = [];
  for (const passage of [...passages].sort((a, b) => a.start - b.start || a.ordinal - b.ordinal)) {
    for (const sentence of splitSentences(docText, passage.start, passage.end)) {
      const key = `${sentence.start}:${sentence.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inside = hits.filter((h) => h.start >= sentence.start && h.end <= sentence.end);
      result.push({ sentence, passageId: passage.id, hits: inside });
    }
  }
  return result.sort((a, b) => a.sentence.start - b.sentence.start);
}

function collectHits(passages: Passage[], mentions: Mention[], taxonomy: Taxonomy): EntityHit[] {
  const ids = new Set(passages.map((p) => p.id));
  const unique = new Map<string, EntityHit>();
  for (const m of mentions) {
    const entity = taxonomy.byId.get(m.entityId);
    if (!entity || m.method !== 'alias' || !ids.has(m.passageId)) continue;
    for (let i = 0; i + 1 < m.spans.length; i += 2) {
      const hit = { entityId: m.entityId, kind: entity.kind, start: m.spans[i], end: m.spans[i + 1] };
      unique.set(`${hit.entityId}@${hit.start}`, hit);
    }
  }
  return [...unique.values()].sort((a, b) => a.start - b.start);
}

/** The first match of `cue` in the sentence that does not start inside an entity's own name. */
function findCue(e: SentenceEvidence, cue: RegExp): { start: number; end: number } | undefined {
  const re = new RegExp(cue.source, cue.flags.includes('g') ? cue.flags : `${cue.flags}g`);
  for (let m = re.exec(e.sentence.text); m; m = re.exec(e.sentence.text)) {
    const start = e.sentence.start + m.index;
    const end = start + m[0].length;
    if (!e.hits.some((h) => h.start <= start && start < h.end)) return { start, end };
  }
  return undefined;
}

const isActor = (h: EntityHit) => h.kind === 'country' || h.kind === 'organisation';
const unique = (ids: string[]) => [...new Set(ids)];
const before = (e: SentenceEvidence, at: number, keep: (h: EntityHit) => boolean) =>
  unique(e.hits.filter((h) => h.end <= at && keep(h)).map((h) => h.entityId));
const after = (e: SentenceEvidence, at: number, keep: (h: EntityHit) => boolean) =>
  unique(e.hits.filter((h) => h.start >= at && keep(h)).map((h) => h.entityId));
const pairs = (type: RelationType, from: string[], to: string[]): Stated[] =>
  from.flatMap((f) => to.map((t) => ({ type, from: f, to: t })));

/** "Co-chaired by the United States and Belgium, the IWG …": the countries co-chair the group named. */
function coChairs(e: SentenceEvidence): Stated[] {
  if (!findCue(e, /\bco[-\s]?chair(?:ed|s|ing)?\b/i)) return [];
  const countries = unique(e.hits.filter((h) => h.kind === 'country').map((h) => h.entityId));
  const focusGroup = e.hits.find((h) => h.kind === 'focusGroup');
  const group = focusGroup ?? e.hits.find((h) => GROUPS.has(h.entityId) || h.kind === 'event');
  return group ? pairs('CO_CHAIRS', countries, [group.entityId]) : [];
}

/** "endorsed by … INTERPOL", "X subscribed to INFCIRC/908", "subscribers include X, Y". */
function subscribesTo(e: SentenceEvidence): Stated[] {
  const instruments = unique(e.hits.filter((h) => h.kind === 'instrument').map((h) => h.entityId));
  if (instruments.length === 0) return [];
  const subscriber = (h: EntityHit) => isActor(h) && !NON_SUBSCRIBERS.has(h.entityId);
  const listed = findCue(
    e,
    /\b(?:endorsed|signed|joined) by\b|\bsubscrib(?:ers?|ing (?:states|countries))\b[^.;]*?\b(?:include|includes|are)\b/i,
  );
  if (listed) return pairs('SUBSCRIBES_TO', after(e, listed.end, subscriber), instruments);
  const stated = findCue(e, /\b(?:subscribes|subscribed|subscribing|has joined|have joined|joined)\b/i);
  if (!stated) return [];
  return pairs('SUBSCRIBES_TO', unique(e.hits.filter(subscriber).map((h) => h.entityId)), instruments);
}

/** "the United States sponsored Information Circular 908"; "Sponsored by: NNSA FANC" (the portal footer). */
function sponsors(e: SentenceEvidence): Stated[] {
  const passive = findCue(e, /\bsponsored by\b:?/i);
  const target = (h: EntityHit) => ['instrument', 'event', 'organisation', 'focusGroup'].includes(h.kind);
  if (passive) {
    const sponsorsOf = after(e, passive.end, isActor);
    const sponsored = before(e, passive.start, target).slice(-1);
    const fallback = passive.start === e.sentence.start ? [PORTAL_OWNER] : [];
    return pairs('SPONSORS', sponsorsOf, sponsored.length > 0 ? sponsored : fallback);
  }
  const active = findCue(e, /\b(?:sponsored|sponsors|co-sponsored)\b/i);
  if (!active) return [];
  return pairs('SPONSORS', before(e, active.start, isActor), after(e, active.end, target).slice(0, 1));
}

/** "Canada is a member of the Steering Committee"; "Steering Committee members include Canada and Japan". */
function memberOf(e: SentenceEvidence): Stated[] {
  const group = (h: EntityHit) => GROUPS.has(h.entityId) || h.kind === 'focusGroup';
  const member = (h: EntityHit) => isActor(h) && !GROUPS.has(h.entityId);
  const joins = findCue(
    e,
    /\b(?:is|are|was|were|became|become|as)\s+(?:an?\s+|the\s+)?(?:new\s+|founding\s+)?members?\s+of\b|\bjoined\b/i,
  );
  if (joins) return pairs('MEMBER_OF', before(e, joins.start, member), after(e, joins.end, group).slice(0, 1));
  const lists = findCue(e, /\b(?:members|membership)\s+(?:include|includes|are|comprise|comprises)\b/i);
  if (lists) return pairs('MEMBER_OF', after(e, lists.end, member), before(e, lists.start, group).slice(-1));
  return [];
}

/** "DOE/NNSA and FANC co-hosted the 2019 symposium"; "ICONS 2020, organised by the IAEA". */
function organised(e: SentenceEvidence): Stated[] {
  const events = unique(e.hits.filter((h) => h.kind === 'event').map((h) => h.entityId));
  if (events.length === 0) return [];
  const passive = findCue(e, /\b(?:organi[sz]ed|hosted|co-?hosted|convened)\s+by\b/i);
  if (passive) return pairs('ORGANISED', after(e, passive.end, isActor), events);
  const active = findCue(e, /\b(?:organi[sz]ed|hosted|co-?hosted|convened)\b/i);
  return active ? pairs('ORGANISED', before(e, active.start, isActor), events) : [];
}

/** "trends in law, policy, and technology that impact ability to assess trustworthiness". */
function affects(e: SentenceEvidence): Stated[] {
  if (!findCue(e, /\b(?:impact|affect|influenc|shap|challeng|undermin|threaten|chang|alter|erod)\w*/i)) return [];
  const trends = unique(e.hits.filter((h) => h.kind === 'trend').map((h) => h.entityId));
  const topics = unique(e.hits.filter((h) => h.kind === 'topic').map((h) => h.entityId));
  return pairs('AFFECTS', trends, topics);
}

const RULES: ((e: SentenceEvidence) => Stated[])[] = [coChairs, subscribesTo, sponsors, memberOf, organised, affects];

/** "The … Working Group (IWG) was established in 2020": the nearest organisation or focus group before it. */
function establishedIn(e: SentenceEvidence): { entityId: string; value: string } | undefined {
  const m = /\b(?:established|founded|formed|launched|created|set up)\s+in\s+((?:19|20)\d{2})\b/i.exec(e.sentence.text);
  if (!m) return undefined;
  const at = e.sentence.start + m.index;
  const subject = e.hits.filter((h) => h.end <= at && (h.kind === 'organisation' || h.kind === 'focusGroup')).at(-1);
  return subject ? { entityId: subject.entityId, value: m[1] } : undefined;
}
