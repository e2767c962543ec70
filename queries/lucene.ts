/**
 * Turns free text into a Lucene query that only ever means "any of these words": every character Lucene's
 * classic query parser treats as syntax is escaped and the boolean operators are lower-cased, so user input can
 * never change the query's structure (Lucene QueryParser docs, "Escaping Special Characters").
 */

// + - && || ! ( ) { } [ ] ^ " ~ * ? : \ /  — `&` and `|` are escaped singly, which also covers && and ||.
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATORS = /\b(AND|OR|NOT|TO)\b/g;

/** Escapes `text` for db.index.fulltext.queryNodes; returns null when nothing searchable is left. */
export function escapeLucene(text: string): string | null {
  const escaped = text
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(OPERATORS, (op) => op.toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(escaped) ? escaped : null;
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have how in is it its of on or that the their this to was were what when where which who will with without'.split(
    ' ',
  ),
);

/**
 * The keyword list's Lucene query: the query's words less the stop words, escaped; null when no content word is
 * left. The full-text indexes keep stop words (Neo4j's default analyzer, standard-no-stop-words), so a query word
 * like "the" or "and" would otherwise match nearly every passage and rank hits that share none of the query's
 * content words (measured with stop words dropped at both ends, bench/sentences.md: nDCG@10 within 0.007).
 */
export function keywordQuery(text: string): string | null {
  const content = text
    .split(/\s+/)
    .filter((word) => {
      // "insider's" keeps "insider"; "it's" is "it" and a lone "s"; a word of one letter ("x") stays itself.
      const parts = word.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return parts.some((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w) || parts.length === 1));
    })
    .join(' ');
  return escapeLucene(content);
}

/** The query's content words, lower-cased and de-duplicated: used to explain which terms a hit matched. */
export function queryTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOP_WORDS.has(w)))];
}

/** The terms of `terms` that occur in `text` as whole words (case-insensitive). */
export function matchedTerms(terms: readonly string[], text: string): string[] {
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return terms.filter((t) => words.has(t));
}
