/**
 * Emerging themes not in the taxonomy (GET /api/themes, `iwg themes`): the dated sentences the caller may read that
 * name no taxonomy topic or trend, clustered by meaning and scored (./theme-discovery.ts), each theme with its
 * key phrases, counts per period, growth, novelty and evidence sentences. Computed from readable sentences only,
 * so a restricted document can neither form a theme nor shape one for a reader who may not read it. The default
 * answer (yearly, no date range) is precomputed per access view after every write (graph/themes-store.ts) and
 * served from the graph while current; other requests are computed and cached per readable labels, filters and
 * graph state.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { communityView } from '../graph/communities.js';
import { label } from '../graph/schema.js';
import { WRITE_LOCK_ID } from '../graph/write-lock.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { documentRef, toDocumentRef } from './cypher.js';
import { ThemeAnswer } from './answers.js';
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

const DATED_SENTENCES = `MATCH (d:${label('Document')}) WHERE d.date IS NOT NULL AND ${readableDocument('d')}
      AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
    MATCH (s:${label('Sentence')} {documentId: d.id})`;
const UNEXPLAINED = `NOT EXISTS { (s)-[:MENTIONS]->(e:${label('Entity')}) WHERE e:${label('Topic')} OR e:${label('Trend')} }`;

const filterParams = (i: ThemeInput) => ({
  from: i.from ?? null,
  to: i.to ?? null,
  interval: i.interval,
  ...readableParam(i.readable),
});

/**
 * THEME_EXPOSURE: per period, the readable dated sentences (the denominator of growth) and those of them that name
 * no Topic or Trend (the candidates).
 */
export function buildThemeExposure(i: ThemeInput): CypherQuery {
  return query(
    `
    ${DATED_SENTENCES}
    WITH ${PERIOD('d')} AS period, s
    RETURN period, count(s) AS n, count(CASE WHEN ${UNEXPLAINED} THEN 1 END) AS candidates ORDER BY period
    `,
    filterParams(i),
  );
}

/**
 * THEME_SENTENCES: the readable dated sentences (within from/to) that name no Topic or Trend — those the taxonomy
 * already explains — with their period and embedding; a sample of `max` (by text hash: stable, unrelated to
 * order) when there are more. Rows stream: only node references are sorted, embeddings are read after the limit.
 */
export function buildThemeSentences(i: ThemeInput, max = MAX_THEME_SENTENCES): CypherQuery {
  return query(
    `
    ${DATED_SENTENCES} WHERE ${UNEXPLAINED}
    WITH d, s ORDER BY s.textHash, s.id LIMIT toInteger($max)
    WITH d, s WHERE s.embedding IS NOT NULL
    RETURN s.id AS id, s.documentId AS documentId, ${PERIOD('d')} AS period, s.text AS text, s.start AS start,
      s.end AS end, s.passageId AS passageId, s.embedding AS embedding
    `,
    { ...filterParams(i), max },
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

/** The stored default answers hold this many themes: the API's largest `limit`. */
export const STORED_THEME_LIMIT = 50;

/**
 * STORED_THEMES: the stored default answer of the caller's access view, when it is current (computed from the
 * documents as they are: its `writes` equals the write lock's counter).
 */
export function buildStoredThemes(readable: Readable): CypherQuery {
  return query(
    `
    MATCH (t:${label('ThemeSet')} {view: $view})
    OPTIONAL MATCH (l:${label('WriteLock')} {id: $lock})
    WITH t, coalesce(l.documentWrites, 0) AS writes WHERE t.writes = writes
    RETURN t.answer AS answer
    `,
    { view: communityView(readable), lock: WRITE_LOCK_ID },
  );
}

/** How long the refresh's reads may take: a job after a write, not a request bound by the query timeout. */
export const REFRESH_READ_TIMEOUT_MS = 600_000;

/** The default answer for readers of `labels`, as stored per view (`refreshThemes` in graph/themes-store.ts). */
export function computeDefaultThemes(graph: Graph, labels: readonly string[]): Promise<ThemeAnswer> {
  return computeThemes(
    graph,
    { interval: 'year', readable: labels, limit: STORED_THEME_LIMIT },
    REFRESH_READ_TIMEOUT_MS,
  );
}

const isDefault = (i: ThemeInput) => i.interval === 'year' && !i.from && !i.to;

async function storedThemes(graph: Graph, input: ThemeInput): Promise<ThemeAnswer | null> {
  if (!isDefault(input) || communityView(input.readable) === '') return null;
  const [row] = await graph.read<{ answer: string }>(buildStoredThemes(input.readable));
  if (!row) return null;
  const answer = ThemeAnswer.parse(JSON.parse(row.answer));
  // Ranked and named in order when stored, so the first `limit` are what a computation with that limit gives.
  return { ...answer, themes: answer.themes.slice(0, input.limit ?? 10) };
}

type SentenceRow = Omit<ThemeSentence, 'period'> & { period: string; start: number; end: number; passageId: string };

const cache = new Map<string, Promise<ThemeAnswer>>();
const CACHE_SIZE = 32;

/**
 * Emerging themes for the caller, highest score first, `limit` of them: the stored answer of its access view when
 * the request is the default one and it is current, else computed (and cached).
 */
export async function emergingThemes(graph: Graph, input: ThemeInput): Promise<ThemeAnswer> {
  const stored = await storedThemes(graph, input);
  if (stored) return stored;
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

async function computeThemes(graph: Graph, input: ThemeInput, timeoutMs?: number): Promise<ThemeAnswer> {
  const read = <T>(q: CypherQuery) => graph.read<T>(q, { timeoutMs });
  const perPeriod = await read<{ period: string; n: number; candidates: number }>(buildThemeExposure(input));
  if (perPeriod.length === 0) return { interval: input.interval, periods: [], sentences: 0, sampled: 0, themes: [] };
  const periods = periodRange(perPeriod[0].period, perPeriod[perPeriod.length - 1].period, input.interval);
  const exposure = periods.map((p) => perPeriod.find((e) => e.period === p)?.n ?? 0);
  const rows = await read<SentenceRow>(buildThemeSentences(input));
  // Cluster in a fixed order (by id) so the same graph gives the same themes.
  const raw = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sentences: ThemeSentence[] = raw.map((s) => ({ ...s, period: periods.indexOf(s.period) }));
  const spans = new Map(raw.map((s) => [s.id, s]));
  const references = await read<ReferenceEntry>(buildTaxonomyEmbeddings());
  // Emerging only: a theme that does not rise (zScore ≤ 0, score 0) is left out.
  const found = discoverThemes(sentences, references, { periods: periods.length, exposure })
    .filter((t) => t.score > 0)
    .slice(0, input.limit ?? 10);
  const docIds = [...new Set(found.flatMap((t) => t.evidence.map((e) => e.documentId)))];
  const docs = docIds.length ? await read<{ document: unknown }>(buildThemeDocuments(docIds, input.readable)) : [];
  const docOf = new Map(docs.map((d) => [toDocumentRef(d.document)!.id, toDocumentRef(d.document)!]));
  const ids = new Set<string>();
  return {
    interval: input.interval,
    periods,
    sentences: perPeriod.reduce((n, p) => n + p.candidates, 0),
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
        qValue: t.qValue,
        emerging: t.emerging,
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
