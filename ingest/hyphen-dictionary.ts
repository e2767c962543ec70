/**
 * The document as its own dictionary for words hyphenated across lines: does it write "co-operation" elsewhere,
 * or "cooperation"? Indexed once per document, so a text with thousands of split words stays linear (each
 * question used to rescan the whole text).
 */

// Questions answered by walking candidates, at most: a hostile text cannot make one document cost more.
const CANDIDATE_BUDGET = 2_000_000;

/** Answers what `line-repair` asks of a document's text, exactly as scanning its lower-cased text would. */
export class HyphenDictionary {
  private readonly lower: string;
  private index?: { words: string[]; hyphenated: Map<string, Set<string>>; seconds: string[] };
  private budget = CANDIDATE_BUDGET;

  constructor(text: string) {
    this.lower = text.toLowerCase();
  }

  /** Whether the text contains `head-tail` (both lower-cased runs of letters), as a substring. */
  hasHyphenated(head: string, tail: string): boolean {
    if (this.lower.length === 0) return false;
    if (!isLetters(head) || !isLetters(tail)) return this.lower.includes(`${head}-${tail}`);
    // "head-tail" occurs iff some word ending with head is joined by a hyphen to a word starting with tail.
    const { hyphenated, seconds } = this.build();
    for (let i = lowerBound(seconds, tail); i < seconds.length && seconds[i].startsWith(tail); i++) {
      for (const first of hyphenated.get(seconds[i])!) {
        if (--this.budget < 0) return false;
        if (first.endsWith(head)) return true;
      }
    }
    return false;
  }

  /** Whether a word of the text (a maximal run of letters) starts with `prefix` (lower-cased letters). */
  hasWordStartingWith(prefix: string): boolean {
    if (this.lower.length === 0) return false;
    if (!isLetters(prefix)) return new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(prefix)}`, 'u').test(this.lower);
    const { words } = this.build();
    const i = lowerBound(words, prefix);
    return i < words.length && words[i].startsWith(prefix);
  }

  private build(): NonNullable<HyphenDictionary['index']> {
    if (this.index) return this.index;
    const words = new Set(this.lower.match(/\p{L}+/gu) ?? []);
    const hyphenated = new Map<string, Set<string>>();
    // Every word joined by a hyphen to the next (overlapping: "a-b-c" is a-b and b-c).
    for (const [, first, second] of this.lower.matchAll(/(?<!\p{L})(\p{L}+)-(?=(\p{L}+))/gu)) {
      let firsts = hyphenated.get(second);
      if (!firsts) hyphenated.set(second, (firsts = new Set()));
      firsts.add(first);
    }
    this.index = { words: [...words].sort(), hyphenated, seconds: [...hyphenated.keys()].sort() };
    return this.index;
  }
}

function isLetters(text: string): boolean {
  return /^\p{L}+$/u.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first index of the sorted array whose value is >= `key` (code-unit order, as Array.prototype.sort). */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
