/**
 * Practice extraction: normative statements ("should", "must", "is encouraged to", …) and imperative list items
 * under a good-practice heading become practice candidates, tagged with the topics they address and the insider
 * attributes (IAEA NSS 8-G: access, authority, knowledge) they mitigate.
 */
import { sha256 } from './hash.js';
import { normativeCue } from './practice-cues.js';
import type { Block, Mention, Passage, PracticeCandidate } from './records.js';
import { documentSentences, type SentenceEvidence } from './relations.js';
import type { Taxonomy } from './taxonomy.js';

// A list item is a practice only under a lead-in that announces practices; "areas for inquiry" and the like list
// subjects to explore ("Sharing best practices and lessons learned"), not things to do.
const PRACTICE_LEAD = /\b(?:good|best|recommended|effective) practices?\b|\brecommendations?\b|\bshould\b|\bmust\b/i;
const NOT_PRACTICE_LEAD = /\bareas?\s+(?:for|of)\s+inquiry\b|\btopics?\b|\bquestions?\b|\bagenda\b/i;
const IMPERATIVE =
  /^(?:adopt|apply|assess|avoid|check|communicate|conduct|consider|control|define|designate|develop|document|encourage|enforce|ensure|establish|evaluate|identify|implement|include|integrate|limit|log|maintain|monitor|perform|prohibit|promote|protect|provide|record|report|require|restrict|review|separate|share|test|train|update|use|verify)\b/i;
const BULLET = /^(?:[§•▪◦●*\-–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+/u;

/**
 * Finds practice candidates in one document: normative sentences (each sentence once, attributed to the first
 * passage containing it) and, when `blocks` are given, imperative list items under a practice lead-in. The quote is
 * the exact sentence without its bullet (`docText.slice(start, end) === text`). Topics are the topic entities the
 * quote names (plus their `related` topics), else those of its passage; attributes are the insider attributes it
 * names or that its entities relate to ("remote access" → attribute:access).
 */
export function extractPractices(
  docText: string,
  passages: Passage[],
  mentions: Mention[],
  taxonomy: Taxonomy,
  blocks: Block[] = [],
): PracticeCandidate[] {
  const evidence = documentSentences(docText, passages, mentions, taxonomy);
  const context: Context = { docText, mentions, taxonomy };
  const practices: PracticeCandidate[] = [];
  const taken = new Set<number>();
  for (const e of evidence) {
    // Entity names are never cues: "need to know principle" names a topic.
    const names = e.hits.map((h) => ({ start: h.start - e.sentence.start, end: h.end - e.sentence.start }));
    const cue = normativeCue(e.sentence.text, names);
    if (!cue) continue;
    const { start, end } = withoutBullet(docText, e.sentence.start, e.sentence.end);
    taken.add(start);
    practices.push(candidate(context, start, end, cue, e));
  }
  for (const item of practiceListItems(docText, blocks)) {
    const { start, end } = withoutBullet(docText, item.block.start, item.block.end);
    if (taken.has(start)) continue;
    const e = evidence.find((x) => x.sentence.start <= start && start < x.sentence.end);
    if (!e) continue;
    taken.add(start);
    practices.push(candidate(context, start, end, `heading: ${item.lead}`, e));
  }
  return practices.sort((a, b) => a.start - b.start);
}

/** A stable id for a practice quote: `practice:` and 12 hex digits of a hash of the normalised quote. */
export function practiceId(text: string): string {
  const normal = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2014]/g, '-')
    .replace(BULLET, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:,!]+$/, '')
    .trim()
    .toLowerCase();
  return `practice:${sha256(normal).slice(0, 12)}`;
}

interface Context {
  docText: string;
  mentions: Mention[];
  taxonomy: Taxonomy;
}

function candidate(
  { docText, mentions, taxonomy }: Context,
  start: number,
  end: number,
  cue: string,
  e: SentenceEvidence,
): PracticeCandidate {
  const inQuote = e.hits.filter((h) => h.start >= start && h.end <= end);
  const expanded = unique(inQuote.flatMap((h) => [h.entityId, ...(taxonomy.related.get(h.entityId) ?? [])]));
  const kindOf = (id: string) => taxonomy.byId.get(id)?.kind;
  let topics = expanded.filter((id) => kindOf(id) === 'topic');
  if (topics.length === 0) topics = passageTopics(e.passageId, mentions, taxonomy);
  const attributes = expanded.filter((id) => kindOf(id) === 'attribute');
  return { text: docText.slice(start, end), passageId: e.passageId, start, end, cue, topics, attributes };
}

/** Topics of the passage: alias mentions in reading order, then semantic mentions by score. */
function passageTopics(passageId: string, mentions: Mention[], taxonomy: Taxonomy): string[] {
  const own = mentions.filter((m) => m.passageId === passageId && taxonomy.byId.get(m.entityId)?.kind === 'topic');
  const alias = own.filter((m) => m.method === 'alias').sort((a, b) => (a.spans[0] ?? 0) - (b.spans[0] ?? 0));
  const semantic = own.filter((m) => m.method === 'semantic').sort((a, b) => b.score - a.score);
  return unique([...alias, ...semantic].map((m) => m.entityId));
}

function practiceListItems(docText: string, blocks: Block[]): { block: Block; lead: string }[] {
  const items: { block: Block; lead: string }[] = [];
  let lead: string | undefined;
  for (const block of [...blocks].sort((a, b) => a.start - b.start)) {
    const text = docText.slice(block.start, block.end).trim();
    if (block.kind !== 'list-item') {
      lead = block.kind === 'heading' || /:\s*$/.test(text) ? text : undefined;
      continue;
    }
    if (!lead || !PRACTICE_LEAD.test(lead) || NOT_PRACTICE_LEAD.test(lead)) continue;
    if (IMPERATIVE.test(text.replace(BULLET, ''))) items.push({ block, lead: lead.replace(/:\s*$/, '') });
  }
  return items;
}

function withoutBullet(docText: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  const bullet = BULLET.exec(docText.slice(start, end));
  if (bullet) s += bullet[0].length;
  let e = end;
  while (e > s && /\s/.test(docText[e - 1])) e--;
  return { start: s, end: e };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
