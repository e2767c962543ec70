/**
 * Calibrates the semantic-linking threshold (ingest/models.ts `thresholds.semanticLink`, used by ingest/link.ts) of
 * one embedding model on small hand-labelled sets, and historically the practice merge threshold on the raw cosine
 * (now the merge cosine, `thresholds.practiceMerge`, calibrated by bench/merge-calibration.ts), and prints
 * precision/recall per threshold. The model runs as ingest runs it (src/runtime.ts openEmbedder: 8-bit quantized,
 * its pooling and passage prefix); without `--model`, the default all-MiniLM-L6-v2.
 *
 *   npx tsx bench/calibrate-thresholds.ts [--model all-minilm-l6-v2|bge-small-en-v1.5|e5-small-v2]
 *
 * Semantic linking: every labelled sentence is scored against every semantic topic/trend of the taxonomy; a pair
 * is positive when the entity is in the sentence's label set. The sentences avoid the entities' aliases on
 * purpose: alias linking already catches literal mentions, semantic linking is for paraphrases.
 */
import { readFileSync } from 'node:fs';
import { dot, linkSemantic, SEMANTIC_LINK_MAX_PER_PASSAGE } from '../ingest/link.js';
import { DEFAULT_MODEL_ID, modelSpec } from '../ingest/models.js';
import type { Entity } from '../ingest/records.js';
import { parseTaxonomy, semanticText } from '../ingest/taxonomy.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder } from '../src/runtime.js';

const LINK_SET: [sentence: string, topics: string[]][] = [
  [
    'Staff should feel free to question unusual instructions and to raise concerns without fear of blame.',
    ['topic:security-culture'],
  ],
  [
    'Managers set the tone: when leaders treat protection as a priority, employees follow.',
    ['topic:security-culture', 'topic:management-communication'],
  ],
  [
    'A self-assessment of attitudes and beliefs about protection was carried out at the plant.',
    ['topic:security-culture'],
  ],
  [
    'Before hiring, the operator verifies identity, criminal records and employment history of candidates.',
    ['topic:trustworthiness'],
  ],
  [
    'Personnel in sensitive posts are re-checked every five years for changes in their circumstances.',
    ['topic:trustworthiness', 'topic:human-reliability-programme'],
  ],
  ['Only staff whose duties require it may enter the vault, and every entry is recorded.', ['topic:access-control']],
  ['Badges and PIN codes restrict which doors each worker can open.', ['topic:access-control']],
  ['Two people must be present whenever the material store is opened.', ['topic:access-control']],
  [
    'Malware on the plant control network could be introduced by an employee with a USB stick.',
    ['topic:computer-security', 'trend:cyber-vulnerabilities'],
  ],
  [
    'Network administrators hold privileged accounts on the digital instrumentation and control systems.',
    ['topic:computer-security'],
  ],
  [
    'Drawings of the protection system are marked confidential and shared only with those who need them.',
    ['topic:information-security'],
  ],
  ['Documents describing guard schedules must be stored in locked cabinets.', ['topic:information-security']],
  ['Inventories of plutonium are reconciled monthly and any discrepancy triggers an investigation.', ['topic:nmac']],
  ['Item counts and seals on containers allow the operator to detect a missing quantity.', ['topic:nmac']],
  [
    'All new employees attend a course explaining how insiders have stolen material in the past.',
    ['topic:training-awareness'],
  ],
  [
    'Annual refresher sessions remind staff of the warning signs they should report.',
    ['topic:training-awareness', 'topic:behavioural-observation'],
  ],
  ['The regulator issued a decree requiring licensees to protect against insiders.', ['topic:regulatory-framework']],
  [
    'National legislation assigns responsibility for nuclear security to a competent agency.',
    ['topic:regulatory-framework'],
  ],
  [
    'Convincing the board to fund the programme required showing what an insider incident would cost.',
    ['topic:management-communication'],
  ],
  [
    'Video analytics and advanced intrusion detection can flag anomalous activity by staff.',
    ['topic:next-gen-security-technology', 'trend:next-gen-security-technology'],
  ],
  ['Shipments of fuel between sites are escorted and the route is kept secret.', ['topic:transport-security']],
  [
    'Protection requirements are stricter for category I material than for low-enriched fuel.',
    ['topic:graded-approach'],
  ],
  [
    'A supervisor noticed that a technician had become withdrawn and was working odd hours, and reported it.',
    ['topic:behavioural-observation'],
  ],
  [
    'Co-workers are expected to tell security when a colleague shows signs of distress or grievance.',
    ['topic:behavioural-observation'],
  ],
  [
    'The facility created a team that combines prevention, detection and response against insiders.',
    ['topic:insider-threat-programme'],
  ],
  [
    'Workers in critical posts are checked for fitness for duty and impairment every day.',
    ['topic:human-reliability-programme'],
  ],
  [
    'Guards ran an unannounced exercise to see whether the two-person rule was really followed.',
    ['topic:performance-testing'],
  ],
  ['Countries exchanged experiences and lessons at the regional workshop.', ['topic:information-sharing']],
  [
    'Vendors connect to the control system from their offices over a VPN.',
    ['topic:remote-access', 'topic:computer-security'],
  ],
  ['Fences, alarms and armed response protect the reactor building.', ['topic:physical-protection']],
  [
    'New privacy rules limit what employers may ask about an applicant’s health and finances.',
    ['trend:law-policy-trustworthiness', 'topic:trustworthiness'],
  ],
  [
    'Since the pandemic many engineers log in from home to monitor plant data.',
    ['trend:remote-work', 'topic:remote-access'],
  ],
  [
    'Employees post photos of the site on Instagram and LinkedIn, revealing layouts.',
    ['trend:social-media', 'topic:information-security'],
  ],
  ['Chatbots and large language models could help an adversary plan an attack.', ['trend:artificial-intelligence']],
  ['A quadcopter was seen flying over the spent fuel pool at night.', ['trend:unmanned-systems']],
  ['An employee who adopted a radical ideology attempted sabotage.', ['trend:violent-extremism']],
  ['The war has put pressure on staff with family in the conflict zone.', ['trend:global-conflicts']],
  [
    'Fingerprint and iris scanners replaced badges at the entrance.',
    ['trend:biometrics-sensors', 'topic:access-control'],
  ],
  ['The meeting was held in Vienna and attended by 120 participants.', []],
  ['The website offers newsletters and summaries of past meetings.', []],
  ['The working group was announced at a side event in February.', []],
  ['Lunch will be served in the main hall after the opening session.', []],
];

const MERGE_SAME: [string, string][] = [
  [
    'The operator should not permit remote access to critical systems.',
    'Remote connections to safety-critical computer systems should be prohibited by the operator.',
  ],
  [
    'Access to the material store should require two persons.',
    'The two-person rule should apply to any entry into the material storage area.',
  ],
  [
    'Background checks should be repeated periodically for staff in sensitive positions.',
    'Personnel holding sensitive posts should be re-vetted at regular intervals.',
  ],
  [
    'Managers should be trained to recognise signs of unusual behaviour.',
    'Supervisors need training to identify concerning employee behaviour.',
  ],
  [
    'Sensitive information should be shared only on a need-to-know basis.',
    'Access to sensitive information must be limited to those who need to know it.',
  ],
  [
    'Nuclear material inventories should be reconciled frequently to detect losses.',
    'Operators should reconcile material inventories often so that missing material is detected.',
  ],
  [
    'Staff should be encouraged to report security concerns without fear of reprisal.',
    'Employees must be able to raise security concerns without fear of retaliation.',
  ],
  [
    'Security measures should be performance tested regularly.',
    'Regular performance testing of security measures should be carried out.',
  ],
  [
    'States should establish a national insider threat mitigation policy.',
    'Each state should put in place a national-level policy on mitigating insider threats.',
  ],
  [
    'Tamper-indicating devices should be used on containers of nuclear material.',
    'Containers holding nuclear material should be fitted with tamper-indicating seals.',
  ],
  [
    'Access rights should be revoked immediately when an employee leaves.',
    'When staff leave the organisation their access should be withdrawn at once.',
  ],
  [
    'Privileged computer accounts should be monitored and logged.',
    'Activity on privileged IT accounts must be logged and reviewed.',
  ],
  [
    'Security awareness training should be provided to all staff annually.',
    'All employees should receive yearly security awareness training.',
  ],
  [
    'The regulator should require licensees to implement insider threat programmes.',
    'Licensees should be required by the regulatory body to run an insider threat programme.',
  ],
  [
    'Drug and alcohol testing should be part of the trustworthiness programme.',
    'Trustworthiness programmes should include testing for drugs and alcohol.',
  ],
  [
    'Management should communicate the value of insider threat mitigation to staff.',
    'Leaders should explain to employees why insider threat mitigation matters.',
  ],
  ['Information about transport routes should be protected.', 'Details of shipment routes must be kept confidential.'],
  [
    'Vital areas should be kept to a minimum number of authorised persons.',
    'The number of people allowed into vital areas should be minimised.',
  ],
  [
    'Employee assistance programmes should be offered to staff under stress.',
    'Staff facing personal difficulties should have access to an employee assistance programme.',
  ],
  [
    'Security culture should be assessed periodically through self-assessment.',
    'Facilities should regularly carry out self-assessments of their security culture.',
  ],
];

const MERGE_DIFFERENT: [string, string][] = [
  [
    'The operator should not permit remote access to critical systems.',
    'Removable media should be scanned before use on plant computers.',
  ],
  [
    'Access to the material store should require two persons.',
    'Access to the material store should be logged electronically.',
  ],
  [
    'Background checks should be repeated periodically for staff in sensitive positions.',
    'Background checks should include verification of identity documents.',
  ],
  [
    'Managers should be trained to recognise signs of unusual behaviour.',
    'Managers should approve access requests for their staff.',
  ],
  [
    'Sensitive information should be shared only on a need-to-know basis.',
    'Sensitive documents should be destroyed by shredding when no longer needed.',
  ],
  [
    'Nuclear material inventories should be reconciled frequently to detect losses.',
    'Nuclear material should be stored in vaults with intrusion detection.',
  ],
  [
    'Staff should be encouraged to report security concerns without fear of reprisal.',
    'Staff should wear their badges visibly at all times.',
  ],
  [
    'Security measures should be performance tested regularly.',
    'Security measures should be designed using a graded approach.',
  ],
  [
    'States should establish a national insider threat mitigation policy.',
    'States should share lessons learned on insider incidents with other states.',
  ],
  [
    'Tamper-indicating devices should be used on containers of nuclear material.',
    'Containers of nuclear material should be counted during each inventory.',
  ],
  [
    'Access rights should be revoked immediately when an employee leaves.',
    'Access rights should be reviewed when an employee changes role.',
  ],
  [
    'Privileged computer accounts should be monitored and logged.',
    'Passwords for computer accounts should be changed regularly.',
  ],
  [
    'Security awareness training should be provided to all staff annually.',
    'Guards should receive firearms training every year.',
  ],
  [
    'The regulator should require licensees to implement insider threat programmes.',
    'The regulator should inspect licensees’ physical protection systems.',
  ],
  [
    'Drug and alcohol testing should be part of the trustworthiness programme.',
    'Psychological evaluation should be part of the trustworthiness programme.',
  ],
  [
    'Management should communicate the value of insider threat mitigation to staff.',
    'Management should allocate budget for security upgrades.',
  ],
  ['Information about transport routes should be protected.', 'Transport vehicles should be escorted by armed guards.'],
  [
    'Vital areas should be kept to a minimum number of authorised persons.',
    'Vital areas should be equipped with intrusion alarms.',
  ],
  [
    'Employee assistance programmes should be offered to staff under stress.',
    'Staff under stress should be removed from safety-critical duties.',
  ],
  [
    'Security culture should be assessed periodically through self-assessment.',
    'Security culture should be promoted by senior leadership.',
  ],
];

const THRESHOLDS = Array.from({ length: 15 }, (_, i) => 0.2 + i * 0.05);

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--model');
  const model = modelSpec(flag > 0 ? process.argv[flag + 1] : DEFAULT_MODEL_ID).id;
  const embedder = await openEmbedder(loadConfig({ ...process.env, IWG_MODEL: model }), createLogger('warn', 'bench'));
  const embed = (texts: string[]): Promise<Float32Array[]> => embedder.embed(texts);
  console.log(`model ${model} (${embedder.id})`);
  try {
    await calibrate(embed);
  } finally {
    await embedder.close();
  }
}

async function calibrate(embed: (texts: string[]) => Promise<Float32Array[]>): Promise<void> {
  const taxonomy = parseTaxonomy(readFileSync(new URL('../corpus/taxonomy.yaml', import.meta.url), 'utf8'));
  const semantic = taxonomy.entities.filter((e) => e.semantic);
  const entityVectors = await embed(semantic.map(semanticText));
  const sentenceVectors = await embed(LINK_SET.map(([s]) => s));
  const linkPairs = LINK_SET.flatMap(([, labels], i) =>
    semantic.map((entity, j) => ({
      positive: labels.includes(entity.id),
      score: dot(sentenceVectors[i], entityVectors[j]),
    })),
  );
  report('SEMANTIC_LINK_THRESHOLD, every pair above the threshold (sentence × semantic topic/trend)', linkPairs);
  reportLinking(sentenceVectors, semantic, entityVectors);

  const pairs = [
    ...MERGE_SAME.map((p) => ({ p, positive: true })),
    ...MERGE_DIFFERENT.map((p) => ({ p, positive: false })),
  ];
  const left = await embed(pairs.map(({ p }) => p[0]));
  const right = await embed(pairs.map(({ p }) => p[1]));
  report(
    'PRACTICE_MERGE_THRESHOLD (paraphrase vs different practice)',
    pairs.map(({ positive }, i) => ({ positive, score: dot(left[i], right[i]) })),
  );
}

/** Precision/recall of linkSemantic itself, i.e. with its per-passage cap. */
function reportLinking(sentenceVectors: Float32Array[], semantic: Entity[], entityVectors: Float32Array[]): void {
  const passages = LINK_SET.map((_, i) => ({ id: String(i) }));
  const positives = LINK_SET.reduce((n, [, labels]) => n + labels.length, 0);
  console.log(`\nSEMANTIC_LINK_THRESHOLD with linkSemantic (best ${SEMANTIC_LINK_MAX_PER_PASSAGE} per passage)`);
  console.log('threshold  precision  recall  f1');
  for (const t of THRESHOLDS) {
    const links = linkSemantic(passages, sentenceVectors, semantic, entityVectors, t);
    const tp = links.filter((m) => LINK_SET[Number(m.passageId)][1].includes(m.entityId)).length;
    print(t, links.length === 0 ? 1 : tp / links.length, tp / positives);
  }
}

function print(t: number, precision: number, recall: number): void {
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  console.log(`${t.toFixed(2)}       ${precision.toFixed(2)}       ${recall.toFixed(2)}    ${f1.toFixed(2)}`);
}

function report(title: string, pairs: { positive: boolean; score: number }[]): void {
  const positives = pairs.filter((p) => p.positive).length;
  console.log(`\n${title}: ${pairs.length} pairs, ${positives} positive`);
  console.log('threshold  precision  recall  f1');
  for (const t of THRESHOLDS) {
    const predicted = pairs.filter((p) => p.score >= t);
    const tp = predicted.filter((p) => p.positive).length;
    const precision = predicted.length === 0 ? 1 : tp / predicted.length;
    const recall = positives === 0 ? 1 : tp / positives;
    print(t, precision, recall);
  }
}

await main();
