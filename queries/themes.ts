/**
 * Emerging themes not in the taxonomy (GET /api/themes, `iwg themes`): the dated sentences the caller may read that
 * name no taxonomy topic or trend, clustered by meaning and scored (./theme-discovery.ts), each theme with its
 * key phrases, counts per period, growth, novelty and evidence sentences. Computed per request from readable
 * sentences only, so a restricted document can neither form a theme nor shape one for a reader who may not read
 * it; results are cached per readable labels, filters and graph state.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { label } from '../graph/schema.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { documentRef, toDocumentRef } from './cypher.js';
import type { ThemeAnswer } from './answers.js';
import type { Span } from './shapes.js';
import { discoverThemes, type ReferenceEntry, type ThemeSentence } from './theme-discovery.js';
import { periodRange } from './trends.js';

export interface ThemeInput {
  interval: 'year' | 'quarter';
  from?: string;
  to?: string;
  limit?: number;
  /** The caller's readable access labels: only their documents' sentences are clustered. */
  readable: Readable;
}

/** At most this many sentences are clustered: a seeded sample (ordered by text hash) beyond it. */
export const MAX_THEME_SENTENCES = 6000;

const PERIOD = (d: string) => `CASE $interval
      WHEN 'quarter' THEN substring(${d}.date, 0, 4) + '-Q' + toString((toInteger(substring(${d}.date, 5, 2)) + 2) / 3)
      ELSE substring(${d}.date, 0, 4) END`;

/**
 * THEME_SENTENCES: the readable dated documents' sentences (within from/to) that name no Topic or Trend — those
 * the taxonomy already explains — each with its period and embedding; `exposure` counts every readable dated
 * sentence per period. A sample of `max` (by text hash: stable, unrelated to order) when there are more.
 */
export function buildThemeSentences(i: ThemeInput, max = MAX_THEME_SENTENCES): CypherQuery {
  return query(
    `
    MATCH (d:${label('Document')}) WHERE d.date IS NOT NULL AND ${readableDocument('d')}
      AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
    MATCH (s:${label('Sentence')} {documentId: d.id}) WHERE s.embedding IS NOT NULL
    WITH d, s, ${PERIOD('d')} AS period,
      EXISTS { (s)-[:MENTIONS]->(e:${label('Entity')}) WHERE e:${label('Topic')} OR e:${label('Trend')} } AS explained
    WITH collect(CASE WHEN explained THEN null ELSE {s: s, period: period} END) AS candidates,
      collect(period) AS allPeriods
    CALL (candidates) {
      UNWIND candidates AS c
      WITH c ORDER BY c.s.textHash, c.s.id LIMIT toInteger($max)
      RETURN collect({id: c.s.id, documentId: c.s.documentId, period: c.period, text: c.s.text,
        start: c.s.start, end: c.s.end, passageId: c.s.passageId, embedding: c.s.embedding}) AS sentences
    }
    RETURN sentences, size(candidates) AS candidates,
      COLLECT { UNWIND allPeriods AS p WITH p, count(*) AS n RETURN {period: p, n: n} } AS exposure
    `,
    { from: i.from ?? null, to: i.to ?? null, interval: i.interval, max, ...readableParam(i.readable) },
  );
}

/** TAXONOMY_EMBEDDINGS: every Topic and Trend with its embedding (of name + description). */
export function buildTaxonomyEmbeddings(): CypherQuery {
  return query(
    `
    MATCH (e:${label('Entity')}) WHERE (e:${label('Topic')} OR e:${label('Trend')}) AND e.embedding IS NOT NULL
    RETURN e.id AS id, e.name AS name, e.embedding AS embedding ORDER BY e.id
    `,
  );
}

/** THEME_DOCUMENTS: the document refs of the evidence (readable ones only, as a second guard). */
export function buildThemeDocuments(ids: readonly string[], readable: Readable): CypherQuery {
  return query(
    `
    MATCH (d:${label('Document')}) WHERE d.id IN $ids AND ${readableDocument('d')}
    RETURN ${documentRef('d')} AS document
    `,
    { ids: [...ids], ...readableParam(readable) },
  );
}

/** GRAPH_STAMP: what changes whenever a writer commits (the write lock's time) and the document count. */
export const GRAPH_STAMP = query(
  `OPTIONAL MATCH (l:${label('WriteLock')}) WITH max(toString(l.takenAt)) AS taken
   RETURN coalesce(taken, '') + '/' + toString(COUNT { MATCH (:${label('Document')}) }) AS stamp`,
);

interface SentenceRow {
  sentences: (Omit<ThemeSentence, 'period'> & { period: string; start: number; end: number; passageId: string })[];
  candidates: number;
  exposure: { period: string; n: number }[];
}

const cache = new Map<string, Promise<ThemeAnswer>>();
const CACHE_SIZE = 32;

/** Emerging themes for the caller, highest score first, `limit` of them. */
export async function emergingThemes(graph: Graph, input: ThemeInput): Promise<ThemeAnswer> {
  const [{ stamp }] = await graph.read<{ stamp: string }>(GRAPH_STAMP);
  const key = JSON.stringify([stamp, [...input.readable].sort(), input.interval, input.from, input.to, input.limit]);
  let answer = cache.get(key);
  if (!answer) {
    answer = computeThemes(graph, input);
    answer.catch(() => cache.delete(key));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, answer);
  }
  return answer;
}

async function computeThemes(graph: Graph, input: ThemeInput): Promise<ThemeAnswer> {
  const [row] = await graph.read<SentenceRow>(buildThemeSentences(input));
  const empty: ThemeAnswer = { interval: input.interval, periods: [], sentences: 0, sampled: 0, themes: [] };
  if (!row || row.exposure.length === 0) return empty;
  const sorted = row.exposure.map((e) => e.period).sort();
  const periods = periodRange(sorted[0], sorted[sorted.length - 1], input.interval);
  const exposure = periods.map((p) => row.exposure.find((e) => e.period === p)?.n ?? 0);
  // Cluster in a fixed order (by id) so the same graph gives the same themes.
  const raw = [...row.sentences].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sentences: ThemeSentence[] = raw.map((s) => ({ ...s, period: periods.indexOf(s.period) }));
  const spans = new Map(raw.map((s) => [s.id, s]));
  const references = await graph.read<ReferenceEntry>(buildTaxonomyEmbeddings());
  const found = discoverThemes(sentences, references, { periods: periods.length, exposure }).slice(
    0,
    input.limit ?? 10,
  );
  const docIds = [...new Set(found.flatMap((t) => t.evidence.map((e) => e.documentId)))];
  const docs = docIds.length
    ? await graph.read<{ document: unknown }>(buildThemeDocuments(docIds, input.readable))
    : [];
  const docOf = new Map(docs.map((d) => [toDocumentRef(d.document)!.id, toDocumentRef(d.document)!]));
  const ids = new Set<string>();
  return {
    interval: input.interval,
    periods,
    sentences: row.candidates,
    sampled: sentences.length,
    themes: found.map((t, i) => {
      const id = uniqueId(`theme:${slug(t.keyPhrases[0] ?? 'unlabelled')}`, ids);
      return {
        id,
        label: t.keyPhrases.slice(0, 2).join(', '),
        keyPhrases: t.keyPhrases,
        counts: t.counts,
        total: t.total,
        documents: t.documents,
        growth: t.growth,
        zScore: t.zScore,
        novelty: t.novelty,
        taxonomyDistance: t.taxonomyDistance,
        nearestEntry: t.nearestEntry,
        earlierDistance: t.earlierDistance,
        score: t.score,
        rank: i + 1,
        evidence: t.evidence
          .filter((e) => docOf.has(e.documentId))
          .map((e) => {
            const s = spans.get(e.id)!;
            const span = { start: Number(s.start), end: Number(s.end) };
            const mentions = phraseSpans(e.text, t.keyPhrases, span.start);
            return {
              sentence: e.text,
              document: docOf.get(e.documentId)!,
              span,
              passageId: s.passageId,
              mentions,
              basis: mentions.length ? ('mention' as const) : ('meaning' as const),
            };
          }),
      };
    }),
  };
}

/**
 * Where the key phrases occur in a sentence (whole words, any case), as document offsets (`offset` = the sentence's
 * start), in order and not overlapping: what the page marks in the evidence.
 */
export function phraseSpans(text: string, phrases: readonly string[], offset: number): Span[] {
  const found: Span[] = [];
  const lower = text.toLowerCase();
  for (const phrase of phrases) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of lower.matchAll(pattern)) found.push({ start: m.index, end: m.index + phrase.length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let last = 0;
  for (const f of found) {
    if (f.start < last) continue;
    out.push({ start: offset + f.start, end: offset + f.end });
    last = f.end;
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A readable slug of a key phrase ("vendor staff" → "vendor-staff"). */
export const slug = (phrase: string) =>
  phrase
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'theme';

function uniqueId(id: string, taken: Set<string>): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}-${n}`;
  taken.add(out);
  return out;
}
