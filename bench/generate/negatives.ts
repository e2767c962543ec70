/**
 * Hard negatives for practice extraction: sentences of meeting and site prose that carry a surface normative cue
 * ("should", "must", "need to", "committed to", "are encouraged to", …) but prescribe no insider threat mitigation
 * measure — agendas, action items ("X to do Y"), reports of what someone said or visited, descriptions,
 * commitments to attend, and meeting logistics. Every document of every format gets a few (document.ts), and
 * practice-labels.jsonl records each one with its kind, beside the planted normative practices.
 *
 * Slots are those of the filler templates (vocabulary.ts); `{vp}` is a practice verb phrase, so that the words of
 * a real practice appear inside a sentence that is not one.
 */

export type NegativeKind = 'agenda' | 'action-item' | 'report' | 'visit' | 'description' | 'attendance' | 'logistics';

/** One hard-negative template and the kind of non-practice it is. */
export interface NegativeTemplate {
  kind: NegativeKind;
  template: string;
}

export const HARD_NEGATIVES: readonly NegativeTemplate[] = [
  { kind: 'agenda', template: 'The workshop agenda covered why {roles} should {vp}.' },
  { kind: 'agenda', template: 'An agenda item on {topic} asked what {roles} must do after {activity}.' },
  {
    kind: 'agenda',
    template: 'The draft agenda for the {month} meeting includes a session on whether {roles} need to {vp}.',
  },
  {
    kind: 'action-item',
    template: 'The secretariat to collect comments on the glossary of {topic} by the end of {month}.',
  },
  { kind: 'action-item', template: '{country} to circulate a note on how {roles} should {vp}.' },
  {
    kind: 'action-item',
    template: '{fg} to draft a short paper on the steps {roles} are encouraged to take on {topic}.',
  },
  {
    kind: 'action-item',
    template: 'Action: {country} and {country2} to report back on what {roles} must change after {activity}.',
  },
  { kind: 'report', template: '{country} asked whether {roles} should {vp}.' },
  {
    kind: 'report',
    template:
      'A speaker from {country} said that her team would need to consult the regulator before commenting on {topic}.',
  },
  { kind: 'report', template: '{org} presented a survey showing that few {roles} believe they must {vp}.' },
  { kind: 'report', template: 'Participants discussed what {roles} should do when {topic} and {topic2} conflict.' },
  {
    kind: 'visit',
    template:
      'Participants visited one of the {facilities} in {country}, where the host explained what visitors must wear on site.',
  },
  {
    kind: 'visit',
    template:
      'The study visit to {country} needs to be confirmed by {countWord} more members before the hosts can book rooms.',
  },
  {
    kind: 'visit',
    template:
      'Participants who wish to join the visit to one of the {facilities} must register with the secretariat by {month}.',
  },
  {
    kind: 'description',
    template: 'The guidance notes of {org} describe what {roles} should consider when planning {activity}.',
  },
  { kind: 'description', template: '{topic} is one of the areas in which {roles} say they need to learn more.' },
  {
    kind: 'description',
    template:
      'The new training centre in {country}, which must serve {countWord} neighbouring states, opened in {year}.',
  },
  { kind: 'attendance', template: '{country} committed to attending the {month} meeting of {fg} {mode}.' },
  {
    kind: 'attendance',
    template: 'Members commit to sending at least one expert to the regional workshop on {topic} in {yearLater}.',
  },
  {
    kind: 'attendance',
    template: '{country} and {country2} are committed to hosting the next symposium in {yearLater}.',
  },
  {
    kind: 'attendance',
    template: 'All focus group members are encouraged to attend the webinar on {topic} in {month}.',
  },
  {
    kind: 'logistics',
    template: 'Comments on the draft report should be sent to the secretariat by the end of {month}.',
  },
  { kind: 'logistics', template: 'Participants should register for the {month} meeting of {fg} before {month2}.' },
  { kind: 'logistics', template: 'Presentations must not exceed fifteen minutes, so that time remains for questions.' },
  { kind: 'logistics', template: 'This page lists the documents that members should read before the {month} meeting.' },
  // Second batch, written after the extraction rules were frozen (commit 9bf838e) to measure them on forms they
  // were not tuned on.
  { kind: 'agenda', template: 'Item {countWord} of the agenda: how {roles} should {vp}.' },
  {
    kind: 'agenda',
    template: 'The afternoon session was devoted to the question of whether {roles} must {vp}.',
  },
  { kind: 'action-item', template: 'Secretariat to update the contact list and circulate it to all members.' },
  {
    kind: 'action-item',
    template: '{country} will prepare a note on {topic}, which members are encouraged to comment on.',
  },
  { kind: 'report', template: '{country} stated that in its view the draft guidance should be shorter.' },
  { kind: 'report', template: 'Several speakers said that more work needs to be done on {topic}.' },
  { kind: 'report', template: '{country} requires more time to review the draft paper on {topic}.' },
  {
    kind: 'visit',
    template: 'A visit to one of the {facilities} is planned, and participants must bring an identity document.',
  },
  {
    kind: 'description',
    template: '{fg} has {count} members, and its chair must be elected every two years.',
  },
  {
    kind: 'description',
    template: 'Insiders who want to cause harm must first overcome the measures already in place at {facilities}.',
  },
  {
    kind: 'attendance',
    template: 'All members are strongly encouraged to take part in the planning call for {activity} in {month}.',
  },
  {
    kind: 'logistics',
    template: 'Interpretation must be requested from the host at least a month before the meeting.',
  },
  { kind: 'logistics', template: 'Speakers should send their slides to the rapporteur a week before the session.' },
  { kind: 'description', template: 'The question of who should pay for vetting at {facilities} was left open.' },
  { kind: 'agenda', template: 'No decision was taken on whether the glossary should include {topic}.' },
];

/**
 * Prescriptions in forms other than the normative templates (vocabulary.ts): expectations, requirements,
 * recommendations in the first person, purpose clauses. Written with the second batch of hard negatives, after
 * the extraction rules were frozen; each document gets one.
 */
export const HARD_PRACTICES: readonly string[] = [
  'Licensees are expected to {vp}.',
  'It is essential that {roles} {vp}.',
  '{Roles} have to {vp}, and the regulator checks this during inspections.',
  '{fg} recommends that {roles} {vp}.',
  'A good practice is to {vp}.',
  'We recommend that {roles} {vp}.',
  '{Roles} are required to {vp}.',
  'Where resources allow, {roles} should also {vp}.',
  'To reduce insider risk, {roles} should {vp}.',
  '{country} encourages its operators to {vp}.',
];
