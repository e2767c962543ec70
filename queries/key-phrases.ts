/**
 * Key phrases of groups of texts by class-based TF-IDF (c-TF-IDF, Grootendorst 2022, "BERTopic: Neural topic
 * modeling with a class-based TF-IDF procedure", eq. 1): all texts of a class are one document, and a term's weight
 * in class c is
 *
 *     W(t, c) = tf(t, c) · log(1 + A / f(t))
 *
 * with tf(t, c) the term's frequency in c divided by c's total term count (L1, so big classes do not win by size),
 * f(t) the term's frequency over every class and A the average number of terms per class. Terms are word n-grams
 * (1–3 words by default) that neither start nor end with a stop word and hold no digit.
 */

/** Function words and corpus boilerplate an n-gram may not start or end with. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here ' +
    'hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on ' +
    'once only or other our ours out over own same shall she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up upon us very was we were what when where which ' +
    'while who whom why will with within without would you your yours one two three several many new'
  ).split(' '),
);

export interface NgramOptions {
  /** Shortest and longest n-gram, in words. */
  minWords?: number;
  maxWords?: number;
}

/** The lower-cased words of `text` (letters, inner hyphens and apostrophes). */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
}

/** The n-grams of one text, each occurrence once, in order. */
export function ngramsOf(text: string, opts: NgramOptions = {}): string[] {
  const min = opts.minWords ?? 1;
  const max = opts.maxWords ?? 3;
  const words = wordsOf(text);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = min; n <= max && i + n <= words.length; n++) {
      const gram = words.slice(i, i + n);
      if (STOP_WORDS.has(gram[0]) || STOP_WORDS.has(gram[n - 1])) continue;
      if (gram.some((w) => /\d/.test(w) || w.length < 2)) continue;
      out.push(gram.join(' '));
    }
  }
  return out;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * c-TF-IDF weights of every class's terms, highest first (ties by term). `classes[c]` holds the texts of class c.
 * A term absent from a class has no weight there; an empty class gets an empty list.
 */
export function classTfIdf(classes: readonly (readonly string[])[], opts: NgramOptions = {}): WeightedTerm[][] {
  const counts = classes.map((texts) => {
    const tf = new Map<string, number>();
    for (const text of texts) for (const g of ngramsOf(text, opts)) tf.set(g, (tf.get(g) ?? 0) + 1);
    return tf;
  });
  const totals = counts.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
  const overall = new Map<string, number>();
  for (const tf of counts) for (const [t, n] of tf) overall.set(t, (overall.get(t) ?? 0) + n);
  const average = totals.reduce((a, b) => a + b, 0) / Math.max(classes.length, 1);
  return counts.map((tf, c) =>
    [...tf]
      .map(([term, n]) => ({ term, weight: (n / totals[c]) * Math.log(1 + average / overall.get(term)!) }))
      .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term)),
  );
}

/**
 * The `k` best terms of a ranked list as key phrases, so that they say different things: a term inside one already
 * taken is skipped ("vendor" after "vendor staff"); a longer term holding one already taken replaces it when it
 * weighs at least half as much ("vendor staff" replaces "vendor": the phrase reads better than the word); a term
 * that shares half its words or more with a taken one, neither holding the other, is skipped ("manufactured spare
 * parts" after "additively manufactured spare").
 */
export function keyPhrases(ranked: readonly WeightedTerm[], k = 6): string[] {
  const taken: WeightedTerm[] = [];
  const within = (a: string, b: string) => ` ${b} `.includes(` ${a} `);
  for (const term of ranked) {
    if (taken.some((t) => within(term.term, t.term) || overlaps(term.term, t.term))) continue;
    const held = taken.findIndex((t) => within(t.term, term.term));
    if (held >= 0) {
      if (term.weight >= taken[held].weight / 2 && !taken.some((t, i) => i !== held && within(t.term, term.term)))
        taken[held] = { term: term.term, weight: taken[held].weight };
      continue;
    }
    if (taken.length < k) taken.push(term);
  }
  return taken.map((t) => t.term);
}

/** Neither holds the other, but at least half of `a`'s words are `b`'s. */
function overlaps(a: string, b: string): boolean {
  const words = a.split(' ');
  const other = new Set(b.split(' '));
  if (` ${b} `.includes(` ${a} `) || ` ${a} `.includes(` ${b} `)) return false;
  return words.length > 1 && words.filter((w) => other.has(w)).length * 2 >= words.length;
}
