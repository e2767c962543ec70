/**
 * The restricted document the access tests plant: words no other document has, mentions of entities only it
 * supports (Thailand, Malaysia, the INMM), facts only it states (Thailand's membership of the IWG Steering
 * Committee, its subscription to INFCIRC/908), co-occurrence only it adds, a practice only it quotes, a trend
 * mention in a year no other document has, and, when given, a copy of a public practice (so that practice merges
 * across a public and a restricted source).
 */

/** The restricted document's file name: its id is `upload:<name>`. */
export const RESTRICTED_FILENAME = 'restricted-quillbrook-memo.md';
export const RESTRICTED_ID = `upload:${RESTRICTED_FILENAME}`;
export const RESTRICTED_DATE = '2031-03-03';
export const RESTRICTED_TYPE = 'meeting-summary';
export const RESTRICTED_LANGUAGE = 'de';

/** Entities only the restricted document mentions. */
export const RESTRICTED_ENTITIES = ['country:TH', 'country:MY', 'organisation:inmm'] as const;

/** Text that must never reach a caller who may not read `restricted`. */
export const LEAK_MARKERS = /quillbrook|zephyrine|marrowgate|restricted-quillbrook|2031-/i;

/** The document's text; `sharedPractice` is a public practice's quote, repeated so the practice merges. */
export function restrictedText(sharedPractice?: string): string {
  return [
    '# Quillbrook zephyrine memorandum',
    '',
    'The Quillbrook zephyrine ledger records every vault badge swap at the Marrowgate plant.',
    '',
    'Thailand is a member of the IWG Steering Committee. Thailand subscribed to INFCIRC/908 in the Quillbrook annex.',
    '',
    'Malaysia and the INMM inspected the zephyrine vault at Marrowgate with Thailand.',
    '',
    'Belgium and the IAEA reviewed the Quillbrook ledger at Marrowgate.',
    '',
    'Operators should rotate the Quillbrook zephyrine ledger keys every fortnight to deter Marrowgate insiders.',
    '',
    'Remote work raised Quillbrook zephyrine insider concerns at Marrowgate in 2031.',
    ...(sharedPractice ? ['', sharedPractice] : []),
    '',
  ].join('\n');
}

/** The JSON upload of the restricted document. */
export function restrictedUpload(sharedPractice?: string) {
  return {
    text: restrictedText(sharedPractice),
    filename: RESTRICTED_FILENAME,
    metadata: {
      title: 'Quillbrook zephyrine memorandum',
      access: 'restricted',
      date: RESTRICTED_DATE,
      type: RESTRICTED_TYPE,
      language: RESTRICTED_LANGUAGE,
    },
  };
}
