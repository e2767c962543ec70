/**
 * Linking: which taxonomy entities each passage mentions, by alias (deterministic, with exact spans) and by
 * meaning (cosine similarity between a passage and a topic/trend description).
 */
import { DEFAULT_MODEL_ID, MODELS } from './models.js';
import type { Entity, Mention, Passage } from './records.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * Cosine (dot product of unit vectors) at or above which a passage is linked to a semantic topic or trend is the
 * model's (ingest/models.ts `thresholds.semanticLink`); a passage keeps at most SEMANTIC_LINK_MAX_PER_PASSAGE such
 * links (its best ones). For all-MiniLM-L6-v2, calibrated by bench/calibrate-thresholds.ts: 42 hand-labelled
 * sentences × 29 semantic topics/trends (1218 pairs, 48 positive). Every description is about insider threats, so
 * unrelated topics still score 0.40–0.55 against any passage: a threshold alone cannot separate them (best F1 0.46
 * at 0.40: P 0.37, R 0.58). Keeping only the two best:
 *   0.30 → P 0.50 R 0.67 | 0.35 → P 0.56 R 0.63 (F1 0.59) | 0.40 → P 0.57 R 0.52 | 0.45 → P 0.63 R 0.35
 * Alias links already catch literal mentions; these are for paraphrases, so recall matters as much as precision.
 * SEMANTIC_LINK_THRESHOLD is the default model's figure (for the calibration scripts).
 */
export const SEMANTIC_LINK_THRESHOLD = MODELS[DEFAULT_MODEL_ID].thresholds.semanticLink.cosine;
export const SEMANTIC_LINK_MAX_PER_PASSAGE = 2;

// Characters an alias's word gap may be written with in a document: spaces, hyphens, dashes, quotes, commas.
const GAP = `[\\s,\\-\\u2010\\u2011\\u2012\\u2013\\u2014"'\\u2018\\u2019\\u201A\\u201C\\u201D\\u201E\\u00AB\\u00BB]`;
const GAP_SPLIT = new RegExp(`(${GAP}+)`, 'u');
const HYPHENS = /^[-\u2010\u2011\u2012\u2013\u2014]+$/u;

interface AliasPattern {
  entityId: string;
  regex: RegExp;
}

interface Hit {
  entityId: string;
  start: number;
  end: number;
}

const compiled = new WeakMap<Taxonomy, AliasPattern[]>();

/**
 * Links every passage to the entities whose name or alias it contains. One Mention per (passage, entity), with
 * all its spans as absolute document offsets `[s0, e0, s1, e1, …]`, method 'alias', score 1.
 * Rules: acronyms (every letter upper-case: "US", "U.S.", "WINS") match case-sensitively, everything else
 * case-insensitively; quotes, hyphens, commas and spacing between words are interchangeable, and a hyphen in
 * an alias may also be absent in the text; a plural ending is tolerated; matches sit on word boundaries; where
 * matches overlap the longest wins (equal spans of different entities are all kept).
 */
export function linkAliases(passages: Passage[], taxonomy: Taxonomy): Mention[] {
  const patterns = compiledPatterns(taxonomy);
  const mentions: Mention[] = [];
  for (const passage of passages) {
    const hits = resolveOverlaps(findHits(passage.text, patterns));
    const byEntity = new Map<string, number[]>();
    for (const hit of hits.sort((a, b) => a.start - b.start || a.end - b.end)) {
      const spans = byEntity.get(hit.entityId) ?? [];
      spans.push(passage.start + hit.start, passage.start + hit.end);
      byEntity.set(hit.entityId, spans);
    }
    for (const [entityId, spans] of byEntity) {
      mentions.push({ passageId: passage.id, entityId, method: 'alias', score: 1, spans });
    }
  }
  return mentions;
}

/**
 * Links passages to semantic entities (`semantic: true`) whose vector is close enough: score = cosine, which is
 * the dot product because both sides are unit vectors. `entityVectors[i]` belongs to `entities[i]`. A passage keeps
 * at most `maxPerPassage` links, its best-scoring ones.
 */
export function linkSemantic(
  passages: { id: string }[],
  passageVectors: Float32Array[],
  entities: Entity[],
  entityVectors: Float32Array[],
  threshold: number,
  maxPerPassage = SEMANTIC_LINK_MAX_PER_PASSAGE,
): Mention[] {
  if (passages.length !== passageVectors.length) throw new RangeError('one vector per passage expected');
  if (entities.length !== entityVectors.length) throw new RangeError('one vector per entity expected');
  const mentions: Mention[] = [];
  passages.forEach((passage, i) => {
    const scored: Mention[] = [];
    entities.forEach((entity, j) => {
      if (!entity.semantic) return;
      const score = dot(passageVectors[i], entityVectors[j]);
      if (score >= threshold)
        scored.push({ passageId: passage.id, entityId: entity.id, method: 'semantic', score, spans: [] });
    });
    mentions.push(...scored.sort((a, b) => b.score - a.score).slice(0, maxPerPassage));
  });
  return mentions;
}

/** Dot product; for unit vectors this is their cosine similarity. */
export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vector dimensions differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function compiledPatterns(taxonomy: Taxonomy): AliasPattern[] {
  let patterns = compiled.get(taxonomy);
  if (!patterns) {
    patterns = taxonomy.entities.flatMap((entity) =>
      [...new Set([entity.name, ...entity.aliases])].map((alias) => ({
        entityId: entity.id,
        regex: aliasRegex(alias),
      })),
    );
    compiled.set(taxonomy, patterns);
  }
  return patterns;
}

/** Whether an alias is an acronym (every letter upper-case, at least two letters) and so case-sensitive. */
export function isCaseSensitiveAlias(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Compiles one alias into a global regex following the rules of linkAliases. */
export function aliasRegex(alias: string): RegExp {
  const parts = alias.trim().split(GAP_SPLIT);
  let source = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') continue;
    if (i % 2 === 1) {
      if (source !== '' && i < lastWordIndex(parts)) source += HYPHENS.test(part) ? `${GAP}*` : `${GAP}+`;
      continue;
    }
    source += i === lastWordIndex(parts) ? pluralTolerant(part) : escapeRegExp(part);
  }
  const first = alias.trim()[0] ?? '';
  const last = alias.trim().slice(-1);
  const before = /[\p{L}\p{N}]/u.test(first) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[\p{L}\p{N}]/u.test(last) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${source}${after}`, isCaseSensitiveAlias(alias) ? 'gu' : 'giu');
}

function lastWordIndex(parts: string[]): number {
  for (let i = parts.length - 1; i >= 0; i -= 2) if (parts[i] !== '') return i;
  return -1;
}

function pluralTolerant(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`;
  if (/\p{L}$/u.test(word)) return `${escapeRegExp(word)}(?:s|es)?`;
  return escapeRegExp(word);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function findHits(text: string, patterns: AliasPattern[]): Hit[] {
  const hits: Hit[] = [];
  for (const { entityId, regex } of patterns) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      hits.push({ entityId, start: m.index, end: m.index + m[0].length });
    }
  }
  return hits;
}

/** Longest match first; a shorter hit overlapping an accepted one is dropped unless it covers the same span. */
function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Hit[] = [];
  for (const hit of sorted) {
    const clash = accepted.some(
      (a) => a.start < hit.end && hit.start < a.end && !(a.start === hit.start && a.end === hit.end),
    );
    const duplicate = accepted.some((a) => a.entityId === hit.entityId && a.start === hit.start && a.end === hit.end);
    if (!clash && !duplicate) accepted.push(hit);
  }
  return accepted;
}
