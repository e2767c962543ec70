/**
 * Access labels in Cypher. Every read statement takes the caller's readable labels as `$readable` (resolved once
 * per request by the API's auth) and reaches documents, passages, sentences, facts and practice sources only
 * through these predicates; derived data is filtered the same way:
 * - a passage or sentence is readable when its document is; a stated fact carries its document's label (`access`);
 * - co-occurrence (RELATED_TO) keeps its weight per label, so a caller's weight is the sum over readable labels
 *   and a link no readable sentence or passage supports does not exist for it (graph/writes.ts);
 * - a merged practice exists for a caller through its readable sources only, and reads as one of their quotes;
 * - a practice's topic/attribute tag counts when one of the documents that gave it (`documentIds`) is readable.
 */

/** The access labels a caller may read (`public`, `restricted`, …). */
export type Readable = readonly string[];

/** The parameter every read statement carries. */
export const readableParam = (readable: Readable) => ({ readable: [...readable] });

/** Document `d` is readable. */
export const readableDocument = (d: string) => `${d}.access IN $readable`;

/**
 * Passage `p` is readable: its document is. The subquery's variable is derived from `p`, so predicates nest. The
 * document is found by the passage's `documentId` (a unique-index seek), not by walking the passage's
 * relationships — a passage has ~25 (sentences, mentions, sources), which PROFILE counted as ~28 database hits
 * per candidate (bench/profile-search.ts).
 */
export const readablePassage = (p: string) =>
  `EXISTS { MATCH (ra_${p}:Document {id: ${p}.documentId}) WHERE ra_${p}.access IN $readable }`;

/** The document whose id is the Cypher expression `idExpr` is readable (`tag` names the subquery's variable). */
export const readableDocumentId = (idExpr: string, tag: string) =>
  `EXISTS { MATCH (ra_${tag}:Document {id: ${idExpr}}) WHERE ra_${tag}.access IN $readable }`;

/**
 * A readable source of practice `n`, as pattern clauses binding `rq_${n}` (the SOURCED_FROM relationship) and
 * `ra_${n}` (its document, found by the relationship's `documentId`: an index seek, not a walk back through the
 * passage's relationships); `where` narrows the source before its document is looked up.
 */
const readableSource = (n: string, where = '') =>
  `MATCH (${n})-[rq_${n}:SOURCED_FROM]->(:Passage)${where ? ` WHERE ${where}` : ''}
      MATCH (ra_${n}:Document {id: rq_${n}.documentId}) WHERE ra_${n}.access IN $readable`;

/** Practice `n` has a readable source. */
export const readablePractice = (n: string) => `EXISTS { ${readableSource(n)} }`;

/**
 * Practice `n`'s text as the caller reads it: its stored text when a readable source quotes it, else the first
 * readable quote (by document and offset), the rule graph/writes.ts applies over all sources.
 */
export const readablePracticeText = (n: string) =>
  `CASE WHEN ${readablePracticeWording(n)} THEN ${n}.text
    ELSE COLLECT { ${readableSource(n)}
      RETURN rq_${n}.quote ORDER BY rq_${n}.documentId, rq_${n}.start LIMIT 1 }[0] END`;

/** Practice `n` matches by its stored text (full-text or its embedding) only when a readable source quotes it. */
export function readablePracticeWording(n: string): string {
  return `EXISTS { ${readableSource(n, `rq_${n}.quote = ${n}.text`)} }`;
}

/** A practice's ADDRESSES/MITIGATES tag `t` was given by a readable document. */
export const readableTag = (t: string) =>
  `EXISTS { MATCH (ra_${t}:Document) WHERE ra_${t}.id IN coalesce(${t}.documentIds, []) AND ra_${t}.access IN $readable }`;

/** RELATED_TO `r`'s weight over the readable labels (0 when no readable sentence or passage supports it). */
export const readableWeight = (r: string) =>
  `reduce(w = 0, i IN range(0, size(coalesce(${r}.accessLabels, [])) - 1) |
      w + CASE WHEN ${r}.accessLabels[i] IN $readable THEN ${r}.accessWeights[i] ELSE 0 END)`;

/** Entity `e`'s units (sentences naming it, passages linking it by meaning) over the readable labels. */
export const readableUnits = (e: string) =>
  `reduce(u = 0, i IN range(0, size(coalesce(${e}.unitLabels, [])) - 1) |
      u + CASE WHEN ${e}.unitLabels[i] IN $readable THEN ${e}.unitCounts[i] ELSE 0 END)`;

/**
 * RELATED_TO `r`'s strength for the caller: the Jaccard index of the two entities' readable units with one unit of
 * prior in the denominator, w / (1 + a + b − w) — in (0, 1), never 1 (docs/graph-model.md "Co-occurrence
 * strength"). Every count comes from readable documents only.
 */
export const readableStrength = (r: string) =>
  `(toFloat(${readableWeight(r)}) / (1.0 + ${readableUnits(`startNode(${r})`)} + ${readableUnits(`endNode(${r})`)} - ${readableWeight(r)}))`;

/** An entity link `r` (a stated fact or RELATED_TO) the caller may follow: a property test, usable in path patterns. */
export const readableLink = (r: string) =>
  `CASE type(${r}) WHEN 'RELATED_TO' THEN ${readableWeight(r)} > 0 ELSE ${r}.access IN $readable END`;
