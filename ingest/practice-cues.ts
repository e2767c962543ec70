/**
 * Whether a sentence prescribes: its normative cue ("should", "must", "is encouraged to", "X requires that", …) and
 * the rules that veto a cue that does not prescribe an insider threat measure — agendas, action items ("The
 * secretariat to collect …"), indirect questions and reports ("asked whether operators should …"), beliefs
 * reported ("say they need to …"), descriptions ("…, which must serve …") and meeting logistics ("Participants
 * should register …", "committed to attending …"). The labelling rule these rules serve is written at the top of
 * test/fixtures/practices/labelled-sentences.yaml, which measures them.
 */

const NORMATIVE =
  /\b(?:should|must|shall|ought to|(?:is|are) (?:strongly )?encouraged to|commits? to|committed to|(?:is|are) (?:strongly )?recommended|it is (?:a )?good practice|a good practice is to|it is essential (?:that|to)|(?:is|are) (?:required|expected) to|(?:recommends?|we recommend) that|ha(?:ve|s) to(?! do with)|needs? to)\b/gi;

// A requirement stated as in force by a state, regulator or operator: "Italy requires that …", "Finland requires
// dual authorisation …", "The Moroccan regulator encourages licensees to …".
const REQUIREMENT =
  /^(?:The\s+)?(?:(?:[A-Z][\w-]*|of)\s+){0,3}?(?:regulator|authority|operator|licensee|government|law|[A-Z][\w-]*)\s+(requires(?!\s+(?:more|further|additional)?\s*time\b)|prohibits|mandates|obliges|encourages(?=\s+\w+(?:\s+\w+)?\s+to\b))\b/;

// "should"/"need to" that predict, ask or name a need instead of prescribing: "the community's need to address",
// "the meeting should take place in May", "Should you have questions".
const NOUN_NEED = /(?:['’]s|\bthe|\ba|\bthis|\bthat|\bno|\bany)\s+needs?\s+to$/i;
const PREDICTIVE = /^should\s+(?:be noted|take place|be held|arrive|begin|start|end|be available|be ready)\b/i;

// An action item of minutes: a named actor, then "to" and a verb of minutes, with no finite verb ("The secretariat
// to collect comments …", "Action: Germany and Japan to report back …").
const ACTION_ITEM =
  /^(?!According\b)(?:Actions?(?:\s+items?)?\s*[:–-]\s*)?(?:(?:[A-Z][\w’'.-]*|the|of|and|for|focus|groups?|secretariat|chairs?|co-chairs|members|participants|delegations?|committee|team)\s+)+to\s+(?:circulate|share|collect|prepare|draft|send|report|organi[sz]e|update|review|compile|present|provide|contact|propose|follow|revise|finali[sz]e|invite|convene|consult|check|confirm|distribute|submit|liaise|coordinate)\b/;

// Clause boundaries: the subject of a cue is what follows the last one before it.
const CLAUSE_BOUNDARY = /[,;:]|\bthat\b/g;
// An indirect question or report of a discussion before the cue: "asked whether", "covered why", "explained what".
const WH_BEFORE = /\b(?:what|whether|why|how|which)\b|\b(?:of|about|on)\s+whom?\b/i;
// Subjects from meetings and their paperwork rather than from security practice.
const MEETING_SUBJECT =
  /\b(?:participants|delegates|delegations?|attendees|(?:^\s*|(?:all|the|iwg|group)\s+)members|comments|agenda|visit|meeting|session|webinar|workshop|registration|secretariat|permanent mission|(?:her|his|their|our) team|this page|chair|draft|(?:more|further) work)\b/i;
// Insiders and adversaries as the subject: what they must do to cause harm describes them, it prescribes nothing.
const ADVERSARY_SUBJECT = /\b(?:insiders|an insider|the insider(?!\s+(?:threat|risk)))\b|\badversar(?:y|ies)\b/i;
// Beliefs and statements reported, and conditional needs: "believe they must", "say they need to", "would need to".
const REPORTED_BELIEF =
  /\b(?:believes?|believed|says?|said|feels?|felt|thinks?|thought)\s+(?:that\s+)?(?:they|it|we|he|she)\s+$|\b(?:would|will|might|may)\s+$|\bwhich\s+$/i;
// Complements that are meeting logistics: attending, hosting, registering, sending experts, deadlines.
const LOGISTICS =
  /^\s*(?:\w+\s+){0,2}?(?:(?:attend(?:ing)?|host(?:ing)?|join(?:ing)?|register(?:ing)?(?:\s+for)?|send(?:ing)?\s+(?:at least\s+)?\S+\s+experts?\s+to)\s+(?:\S+\s+){0,3}?(?:meeting|webinar|workshop|symposium|conference|session|visit)s?\b|be sent to the secretariat|be confirmed|not exceed|.*\b(?:before|by|after) the (?:\w+\s+)?(?:meeting|session|workshop|webinar)\b)/i;

/** A span of the sentence (offsets within it) that names an entity: a cue inside it ("need to know principle") is no cue. */
export interface NamedSpan {
  start: number;
  end: number;
}

/**
 * The normative cue of a sentence, lower-cased, or undefined when it prescribes nothing: questions, action items,
 * and cues vetoed by the rules above. `names` are entity names in the sentence, whose words are never a cue.
 */
export function normativeCue(sentence: string, names: readonly NamedSpan[] = []): string | undefined {
  if (/\?\s*$/.test(sentence) || /^\W*should\b/i.test(sentence)) return undefined;
  if (ACTION_ITEM.test(sentence)) return undefined;
  const requirement = REQUIREMENT.exec(sentence);
  if (requirement) return requirement[1].toLowerCase();
  for (const m of sentence.matchAll(NORMATIVE)) {
    const at = m.index;
    const end = at + m[0].length;
    if (names.some((n) => n.start < end && at < n.end)) continue;
    if (!vetoed(sentence, at, end)) return m[0].toLowerCase().replace(/\s+/g, ' ');
  }
  return undefined;
}

/** Whether the cue at [at, end) does not prescribe: a noun, a prediction, a question, a report, or logistics. */
function vetoed(sentence: string, at: number, end: number): boolean {
  const before = sentence.slice(0, at);
  const after = sentence.slice(end);
  if (NOUN_NEED.test(sentence.slice(0, end)) || PREDICTIVE.test(sentence.slice(at))) return true;
  const boundaries = [...before.matchAll(CLAUSE_BOUNDARY)];
  const last = boundaries[boundaries.length - 1];
  const subject = last === undefined ? before : before.slice(last.index + last[0].length);
  if (WH_BEFORE.test(subject) || MEETING_SUBJECT.test(subject) || ADVERSARY_SUBJECT.test(subject)) return true;
  return REPORTED_BELIEF.test(before) || LOGISTICS.test(after);
}
