/**
 * Word pools of the synthetic corpus. Entity names come from the real taxonomy (corpus/taxonomy.yaml) so that the
 * alias linker finds them; the rest is invented IWG-like wording. Filler deliberately shares the vocabulary of the
 * needles (vetting, badges, keys, logs, contractors) so that needles have to be found by meaning. No filler pool
 * contains a trend name or alias: trends appear only where a document plans them, which keeps trend counts exact.
 */
import type { Entity } from '../../ingest/records.js';
import type { Taxonomy } from '../../ingest/taxonomy.js';

/** The planted trends: taxonomy id, direction, and phrases that must each be its name or one of its aliases. */
export const PLANTED_TRENDS = [
  {
    id: 'trend:unmanned-systems',
    direction: 'rising',
    phrases: ['drones', 'unmanned aerial vehicles', 'unmanned systems', 'unmanned aircraft'],
  },
  {
    id: 'trend:artificial-intelligence',
    direction: 'rising',
    phrases: ['artificial intelligence', 'machine learning', 'generative AI', 'large language models'],
  },
  { id: 'trend:remote-work', direction: 'falling', phrases: ['remote work', 'telework', 'working from home'] },
  {
    id: 'trend:violent-extremism',
    direction: 'falling',
    phrases: ['violent extremism', 'radicalisation', 'extremism', 'radicalization'],
  },
] as const satisfies readonly { id: string; direction: 'rising' | 'falling'; phrases: readonly string[] }[];

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2026;
/** Share of documents of a year that mention a planted trend, at the first and at the last year (linear between). */
export const RISING_RATE = { first: 0.05, last: 0.6 } as const;
/** Share of documents that mention each other trend, every year. */
export const FLAT_TREND_RATE = 0.06;

export interface TrendVocabulary {
  id: string;
  phrases: readonly string[];
  planted?: 'rising' | 'falling';
}

/** Everything the composer draws from, built once per taxonomy. */
export interface Vocabulary {
  countries: readonly string[];
  focusGroups: readonly string[];
  /** The taxonomy ids of `focusGroups`, index for index. */
  focusGroupIds: readonly string[];
  topics: readonly string[];
  topicTitles: readonly string[];
  organisations: readonly string[];
  trends: readonly TrendVocabulary[];
}

// Display forms with their article; every one contains the entity's name or an alias.
const ORGANISATION_FORMS: Record<string, string> = {
  'organisation:iaea': 'the IAEA',
  'organisation:wins': 'WINS',
  'organisation:nnsa': 'the NNSA',
  'organisation:fanc': 'FANC',
  'organisation:sandia': 'Sandia National Laboratories',
  'organisation:inmm': 'the INMM',
  'organisation:interpol': 'INTERPOL',
  'organisation:iwg-steering-committee': 'the IWG Steering Committee',
  'organisation:doe': 'the Department of Energy',
};
const COUNTRIES_WITH_ARTICLE = /^(?:United|Republic|Czech|Netherlands)/;

/** Builds the pools from the taxonomy; throws when a planted trend phrase is not a name or alias of its trend. */
export function buildVocabulary(taxonomy: Taxonomy): Vocabulary {
  const ofKind = (kind: Entity['kind']) => taxonomy.entities.filter((e) => e.kind === kind);
  const plain = (s: string) => !/[.\d&/]/.test(s);
  const topics = ofKind('topic').flatMap((e) => [lowerFirst(e.name), ...e.aliases].filter(plain));
  const trends = ofKind('trend').map((e): TrendVocabulary => {
    const planted = PLANTED_TRENDS.find((p) => p.id === e.id);
    if (!planted) return { id: e.id, phrases: [lowerFirst(e.name), ...e.aliases].filter(plain).filter(notAcronym) };
    const known = new Set([e.name, ...e.aliases].map((a) => a.toLowerCase()));
    const unknown = planted.phrases.filter((p) => !known.has(p.toLowerCase()));
    if (unknown.length > 0) throw new Error(`${e.id}: phrases not in the taxonomy: ${unknown.join(', ')}`);
    return { id: e.id, phrases: planted.phrases, planted: planted.direction };
  });
  const missing = PLANTED_TRENDS.filter((p) => !trends.some((t) => t.id === p.id)).map((p) => p.id);
  if (missing.length > 0) throw new Error(`planted trends missing from the taxonomy: ${missing.join(', ')}`);
  return {
    countries: ofKind('country').map((e) => (COUNTRIES_WITH_ARTICLE.test(e.name) ? `the ${e.name}` : e.name)),
    focusGroups: ofKind('focusGroup').map((e) => `the ${e.name}`),
    focusGroupIds: ofKind('focusGroup').map((e) => e.id),
    topics,
    topicTitles: ofKind('topic').map((e) => e.name),
    organisations: ofKind('organisation')
      .map((e) => ORGANISATION_FORMS[e.id])
      .filter((o): o is string => o !== undefined),
    trends,
  };
}

/**
 * The form a sentence names one country, focus group, topic or organisation by (as the pools above do), or null
 * when the generator has none for it (an organisation without a display form, a topic name the pools leave out).
 */
export function displayName(e: Entity): string | null {
  switch (e.kind) {
    case 'country':
      return COUNTRIES_WITH_ARTICLE.test(e.name) ? `the ${e.name}` : e.name;
    case 'focusGroup':
      return `the ${e.name}`;
    case 'topic':
      return /[.\d&/]/.test(e.name) ? null : lowerFirst(e.name);
    case 'organisation':
      return ORGANISATION_FORMS[e.id] ?? null;
    default:
      return null;
  }
}

function lowerFirst(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
}

function notAcronym(phrase: string): boolean {
  return phrase !== phrase.toUpperCase();
}

export const FACILITIES = [
  'research reactors',
  'nuclear power plants',
  'fuel fabrication plants',
  'spent fuel storage sites',
  'hospitals using high-activity sources',
  'isotope production facilities',
  'uranium conversion plants',
  'radioactive waste facilities',
  'university laboratories',
  'industrial radiography companies',
];
export const ROLES = [
  'operators',
  'licensees',
  'facility managers',
  'regulators',
  'security managers',
  'competent authorities',
  'human resources departments',
  'training coordinators',
  'site security teams',
  'plant managers',
];
export const ACTIVITIES = [
  'a tabletop exercise',
  'a peer review',
  'a self-assessment',
  'a national workshop',
  'a regional training course',
  'a study visit',
  'an inspection campaign',
  'a pilot project',
  'a facility walk-down',
  'a joint drill with local police',
];
export const MODES = ['online', 'in Vienna', 'in Brussels', 'in a hybrid format', 'on the margins of a conference'];
export const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
export const COUNT_WORDS = ['two', 'three', 'four', 'five', 'six'];

/**
 * Filler sentences with slots: {country} {country2} {fg} {topic} {topic2} {org} {facilities} {facilities2} {roles}
 * {roles2} {activity} {mode} {month} {year} {yearLater} {count} {countWord}. None carries a normative cue.
 */
export const FILLER_TEMPLATES = [
  '{country} presented its national approach to {topic}, with examples from {facilities} and from recent inspections.',
  '{fg} met {mode} in {month} to review progress on its work plan and to agree on the next deliverables.',
  'Participants from {country} and {country2} compared how {topic} is organised at {facilities}.',
  '{org} gave an overview of its recent work on {topic} and invited comments from subscribing states.',
  'A speaker from {country} described lessons from {activity} held at one of its {facilities}.',
  'Discussion focused on how {topic} interacts with {topic2} in day-to-day operations.',
  'The session on {topic} drew more than {count} participants from {countWord} regions.',
  'Several delegations observed that {topic} looks rather different at {facilities} than at {facilities2}.',
  'The co-chairs thanked {country} for hosting the meeting and for the visit to one of its {facilities}.',
  'In the breakout groups, {roles} exchanged views on the practical limits of {topic}.',
  '{country} reported that its regulator completed a review of {topic} across all licensed {facilities} in {year}.',
  '{fg} is preparing a short paper that summarises the experience of members with {topic}.',
  'A case study from {country} illustrated how gaps in {topic} were found during {activity}.',
  'Members welcomed the new chair of {fg}, who comes from {country}.',
  '{org} and {country} outlined a joint project on {topic} that will run until {yearLater}.',
  'The workshop agenda covered {topic}, {topic2} and the role of {roles}.',
  'Feedback from participants showed strong interest in further sessions on {topic}.',
  'The group discussed how the size of a facility affects the cost and effort of {topic}.',
  'Speakers from {country} explained how {roles} and {roles2} divide responsibility for {topic}.',
  'A panel of {roles} discussed common misconceptions about {topic}.',
  '{fg} collected examples of badges, keys and entry lists used at {facilities} in {countWord} member states.',
  '{country} described the vetting process for new hires at its {facilities}, from the application form to the interview.',
  'Participants compared the tools used to track computer accounts and their logs at {facilities}.',
  'The exchange on {topic} touched on contractors, visitors and temporary staff.',
  '{country} summarised the findings of {activity} that looked at guard force procedures and alarm response.',
  'A presentation from {country} traced the history of its national rules on {topic} over the last two decades.',
  'Members agreed to exchange documents on {topic} through the IWG portal before the next meeting.',
  'The meeting closed with a summary of the main points raised on {topic} and {topic2}.',
  'A poll of participants found that {topic} remains the most frequently cited challenge at {facilities}.',
  '{fg} held {countWord} virtual meetings this quarter, each attended by around {count} experts.',
  '{country} noted that its experience with {topic} is still limited and welcomed advice from other states.',
  'Representatives of {roles} from {country} described {activity} and its main findings.',
  'A researcher working with {org} presented early results of a study on {topic} at {facilities}.',
  'The discussion showed that the terminology used for {topic} differs between member states.',
  'Several participants asked how {topic} can be adapted to small facilities with few staff.',
  '{country} and {country2} offered to co-host a regional workshop on {topic} in {yearLater}.',
  'Participants visited a training centre, where instructors demonstrated equipment used for {topic}.',
  'An update on the work of the IWG Steering Committee opened the session on {topic}.',
  'The chair recalled that INFCIRC/908 asks subscribing states to share their experience of insider threat mitigation.',
  '{country} described how audits of door logs, badge records and key registers are carried out at its {facilities}.',
  'The contribution from {country} covered the protection of documents, drawings and electronic records.',
  'Questions from the floor concerned the resources available for {topic} at {facilities}.',
  '{org} announced a training course on {topic}, to be piloted with participants from {countWord} states.',
  'The report on {activity} in {country} is available to members on request.',
  'Members discussed the balance between the privacy of employees and the information used for {topic}.',
  'The meeting heard that {country} has updated its guidance on {topic} for {facilities}.',
  'Participants reflected on how insiders differ from outsiders in motive, access and knowledge.',
  'Experience from {country} suggests that {topic} gains support when {roles} see its benefits early.',
  '{country} explained that its {facilities} report on {topic} to the regulator once a year.',
  'The {month} meeting of {fg} was chaired jointly by {country} and {country2}.',
  'Delegates from {country} described how {roles} there first became involved in {topic}.',
  'A short film from {country} showed how {roles} prepare for {activity}.',
  'According to the presenters, {topic} at {facilities} relies heavily on the judgement of experienced staff.',
  'The group reviewed a draft glossary that defines {topic} and {topic2} in plain language.',
  'Several members described {activity} as the most useful source of lessons on {topic}.',
];

/** Sentences of a meeting summary: procedure and record-keeping. */
export const MEETING_TEMPLATES = [
  'The chair opened the meeting and welcomed participants from {count} organisations.',
  'The minutes of the previous meeting were approved without changes.',
  'The secretariat presented the draft agenda, which was adopted.',
  'Under any other business, {country} announced {activity} planned for {yearLater}.',
  'The date of the next meeting will be confirmed by email in {month}.',
  'A round of introductions followed, as several members were attending for the first time.',
  '{country} gave a short update on national developments since the last meeting.',
  'The rapporteur summarised the discussion and invited corrections by the end of {month}.',
];

/** Sentences of a web page: site and membership information. */
export const PAGE_TEMPLATES = [
  'This page summarises the activities of {fg} for members of the community of practice.',
  'Members can find presentations on {topic} in the document library of the portal.',
  'National contact points from {country} and {country2} coordinate contributions on {topic}.',
  'Material on this page is updated after each meeting of {fg}.',
];

/** Normative openings: `{vp}` is a practice verb phrase in the base form. Each carries a cue the extractor knows. */
export const NORMATIVE_TEMPLATES = [
  '{Roles} should {vp}.',
  '{Roles} are encouraged to {vp}.',
  'It is good practice to {vp}.',
  'It is a good practice for {roles} to {vp}.',
  '{Roles} need to {vp}.',
  '{fg} recommended that {roles} should {vp}.',
  'It is recommended that {roles} {vp}.',
  'Participants agreed that {roles} must {vp}.',
  '{country} stressed that {roles} ought to {vp}.',
  'Subscribing states commit to ensuring that {roles} {vp}.',
  'Regulators are strongly encouraged to ask {roles} to {vp}.',
  'As a rule, {roles} should {vp}.',
  '{Roles} are recommended to {vp}.',
  'According to {org}, {roles} should {vp}.',
  'In the view of {country}, {roles} must {vp}.',
];

/** Practice verb phrases for the normative templates; none is a paraphrase of a needle concept. */
export const PRACTICE_PHRASES = [
  'document the roles and responsibilities of each department in the insider threat programme',
  'align their insider threat mitigation policy with the national regulatory framework',
  'include insider scenarios in the threat assessment used for security planning',
  'maintain an up-to-date inventory of critical digital assets',
  'provide security awareness material in every language spoken on site',
  'coordinate insider threat work with safety and emergency planning',
  'apply the graded approach when deciding which measures each area receives',
  'appoint a senior manager who is accountable for insider threat mitigation',
  'review the insider threat mitigation policy after any significant organisational change',
  'integrate security culture indicators into regular management reviews',
  'involve human resources, security and operations staff in a joint insider risk committee',
  'protect sensitive information about security arrangements on a need-to-know basis',
  'keep the records of trustworthiness assessments for the whole period of employment',
  'test alarm communication between the central alarm station and the response force',
  'evaluate the effectiveness of training through short assessments after each course',
  'share lessons learned from security events with other operators through the regulator',
  'treat computer security and physical protection as parts of one security programme',
  'explain to staff why security measures exist, not only what the rules are',
  'set clear criteria for granting unescorted access',
  'hold regular meetings between the security manager and the plant manager',
  'update the facility security plan when the layout of buildings changes',
  'record the issue and return of security equipment',
  'plan the security of shipments together with the carrier',
  'encourage a questioning attitude towards unusual requests',
  'define who may authorise exceptions to security procedures',
  'review the physical protection system against the current threat assessment',
  'keep security procedures short, clear and easy to find',
  'evaluate how well staff understand the reporting procedure',
  'ensure that security roles are covered during holidays and shift changes',
  'publish an annual summary of insider threat activities for staff',
  'link the insider threat programme to the organisation’s risk register',
  'agree on common terms for insider threat concepts across departments',
  'set measurable objectives for the insider threat programme each year',
  'consult the workforce when security procedures are revised',
  'keep a single named owner for each security procedure',
];

/** Trend mentions: `{trend}` is a trend phrase. */
export const TREND_TEMPLATES = [
  'Several delegations raised {trend} as a factor that is changing the insider risk picture.',
  '{country} gave a short briefing on {trend} and its possible consequences for {facilities}.',
  '{fg} added {trend} to the list of developments it follows for its next report.',
  'The exchange on {trend} showed a range of views on how quickly it affects {topic}.',
  'A speaker from {org} argued that {trend} deserves attention from regulators and operators alike.',
  'Participants from {country} described how {trend} has come up in recent threat assessments.',
  'Members asked {fg} to collect national experience with {trend}.',
];

export const HEADINGS = {
  newsletter: [
    'Message from the Co-Chairs',
    'Focus Group Highlights',
    'News from Member States',
    'Good Practices in Focus',
    'Training and Workshops',
    'Regulatory Developments',
    'Technology Corner',
    'Security Culture Spotlight',
    'Community of Practice Updates',
    'Lessons from Exercises',
    'Outreach and Partnerships',
  ],
  meeting: [
    'Opening of the Meeting',
    'Updates from Focus Groups',
    'Presentations by Member States',
    'General Discussion',
    'Conclusions of the Chair',
    'Round Table',
    'Reports from Working Sessions',
    'Cooperation with Partners',
    'Any Other Business',
  ],
  page: [
    'Overview',
    'Background',
    'Activities This Year',
    'Resources for Members',
    'Related Work',
    'Recent Meetings',
    'How Members Contribute',
    'Outcomes So Far',
  ],
  brief: [
    'Introduction',
    'Scope of This Note',
    'Context',
    'Observed Practices',
    'Implementation Considerations',
    'Case Examples',
    'Points for Further Work',
    'Summary',
  ],
} as const;
