/**
 * What a practice quote prescribes, without its framing: who recommended it ("Belgium stressed that", "According to
 * WINS,", "It is good practice for operators to") and the actor and modal before the measure ("Licensees should").
 * The merge compares prescriptions, not quotes: the framing made two different measures in the same sentence form
 * look alike and one measure in two forms look different (bench/merge-calibration.md: on the held-out pairs,
 * precision 0.76 → 0.91 at the same threshold).
 */

// Lead-ins of the normative forms that say who recommends, not what (bench/generate/vocabulary.ts,
// NORMATIVE_TEMPLATES; negatives.ts, HARD_PRACTICES; the corpus's "X requires that"). Each ends before the measure
// or before its actor; `that` marks the ones followed by a clause with its own subject.
const LEAD_INS: readonly { pattern: RegExp; that: boolean }[] = [
  { pattern: /^(?:as a rule|to reduce insider risk|where resources allow),\s+/i, that: false },
  { pattern: /^(?:according to|in the view of) [^,]{1,60},\s+/i, that: false },
  { pattern: /^it is (?:a )?good practice (?:for [^,]{1,60}? )?to\s+/i, that: false },
  { pattern: /^(?:it is (?:a )?good practice|a good practice is) (?:that\s+|to\s+)/i, that: true },
  { pattern: /^it is (?:recommended|essential|important) that\s+/i, that: true },
  { pattern: /^(?:subscribing )?states commit to ensuring that\s+/i, that: true },
  {
    pattern: /^[\w’' -]{1,60}? (?:recommended|recommends|recommend|stressed|agreed|requires|require) that\s+/i,
    that: true,
  },
  {
    pattern: /^[\w’' -]{1,60}? (?:are strongly encouraged|are encouraged|encourages?) to ask [\w -]{1,60}? to\s+/i,
    that: false,
  },
  { pattern: /^[\w’' -]{1,40}? encourages? its [\w -]{1,40}? to\s+/i, that: false },
];

// Who is told to act, in the forms the corpus and generator use.
const ACTORS =
  '(?:the )?(?:operators?|licensees?|facility managers|facilities|regulators?|regulatory bodies|security managers|' +
  'competent authorities|human resources departments|training coordinators|site security teams|plant managers|' +
  'organisations|states|managers|supervisors|staff|employees|workers|personnel|guards|security officers)';
const MODAL =
  '(?:should|must|shall|ought to|needs? to|have to|has to|are (?:strongly )?(?:encouraged|recommended|required|expected) to)';
const ACTOR_AND_MODAL = new RegExp(`^${ACTORS}\\s+${MODAL}\\s+(?:also\\s+)?`, 'i');
// After "… that": the actor alone ("It is recommended that licensees review …").
const ACTOR_OF_CLAUSE = new RegExp(`^${ACTORS}\\s+(?:${MODAL}\\s+)?(?:also\\s+)?`, 'i');

/**
 * The measure a practice quote prescribes: the quote without the lead-in and actor of its normative form; the quote
 * itself when it has none of them (a passive prescription: "Access rights should be revoked …").
 */
export function prescriptionOf(quote: string): string {
  let rest = quote.trim();
  let afterThat = false;
  for (let round = 0; round < 2; round++) {
    for (const { pattern, that } of LEAD_INS) {
      const next = rest.replace(pattern, '');
      if (next !== rest) {
        rest = next;
        afterThat = that;
      }
    }
  }
  rest = rest.replace(afterThat ? ACTOR_OF_CLAUSE : ACTOR_AND_MODAL, '');
  // Too little left to stand for the measure: keep the quote rather than compare fragments.
  return rest.split(/\s+/).length >= 3 ? rest : quote.trim();
}
