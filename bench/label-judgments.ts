/**
 * A reader's judgment of every planted "near" sentence (bench/generate/needles.ts) against its query, written by
 * reading the two and asking "does this sentence answer the question, even in part?" — for bench/label-audit.ts.
 *
 * - `no`: another subject within the practice area; it answers nothing of the query.
 * - `touches`: it shares the query's situation, object or goal, but prescribes something else; someone asking the
 *   query would not be helped by it.
 * - `partly`: it answers part of the query.
 */

export type Verdict = 'no' | 'touches' | 'partly';

/** Concept id → [verdict, why] for its two near sentences, in needles.ts order. */
export const NEAR_JUDGMENTS: Record<string, [[Verdict, string], [Verdict, string]]> = {
  'q01-revetting-after-leave': [
    ['touches', 'badges handed in when leaving, nothing on re-vetting on return'],
    ['touches', 'vetting records kept current during leave, not a re-check before access'],
  ],
  'q02-access-on-dismissal': [
    ['touches', 'exit interview reminder, not when access is cut'],
    ['no', 'planned retirements list, not dismissal'],
  ],
  'q03-dual-approval-safety-software': [
    ['no', 'locked workstation room'],
    ['touches', 'baseline to detect changes after the fact, no second approver'],
  ],
  'q04-removable-media': [
    ['touches', 'vendor laptops inspected and escorted, not removable media'],
    ['no', 'printer connections'],
  ],
  'q05-confidential-counselling': [
    ['partly', 'supervisors support a distressed colleague: a form of help, not the confidential help asked about'],
    ['no', 'fitness-for-duty checks'],
  ],
  'q06-guard-rotation': [
    ['no', 'joint exercises with police'],
    ['touches', 'guard vetting (collusion), not rotation'],
  ],
  'q07-independent-seal-verification': [
    ['no', 'inventory timing'],
    ['no', 'discrepancy reporting'],
  ],
  'q08-outage-contractor-briefing': [
    ['touches', 'contractors report incidents by contract, no briefing'],
    ['no', 'escort training for visitors'],
  ],
  'q09-shipment-schedule-secrecy': [
    ['no', 'vehicle tamper inspection'],
    ['touches', 'vetting of drivers, not secrecy of timing'],
  ],
  'q10-phishing-simulation': [
    ['no', 'isolating attachments'],
    ['touches', 'a report button, not testing staff'],
  ],
  'q11-anonymous-reporting-line': [
    ['touches', 'feedback to a reporter, presumes a channel, does not give one'],
    ['touches', 'reports filed apart from personnel files, not a way to report'],
  ],
  'q12-admin-activity-logs': [
    ['touches', 'personal admin accounts make actions attributable; no tamper-proof log'],
    ['no', 'dormant accounts'],
  ],
  'q13-culture-survey': [
    ['no', 'managers lead by example'],
    ['touches', 'culture discussed in meetings, not measured'],
  ],
  'q14-business-case-cost': [
    ['touches', 'insider item on the executive agenda, no cost or funding'],
    ['no', 'managers sign the policy'],
  ],
  'q15-frequent-material-balance': [
    ['no', 'independent calibration'],
    ['touches', 'shipper-receiver differences, not balance frequency'],
  ],
  'q16-graded-vetting-tiers': [
    ['no', 'identity document checks'],
    ['no', 'validity period of checks'],
  ],
  'q17-self-reporting-duty': [
    ['touches', 're-vetting interval, not self-disclosure'],
    ['no', 'managers consulted at re-vetting'],
  ],
  'q18-vital-area-list-pruning': [
    ['no', 'badge and code at the door'],
    ['touches', 'door logs reviewed, not the authorisation list'],
  ],
  'q19-exit-vehicle-search': [
    ['no', 'delivery escort inbound'],
    ['touches', 'private cars parked outside, no exit search'],
  ],
  'q20-insider-adversary-exercises': [
    ['touches', 'performance-test results shared, no insider scenario'],
    ['no', 'alarm response times'],
  ],
  'q21-security-plan-copies': [
    ['touches', 'drawings locked away, not who holds copies'],
    ['no', 'not discussing security in public'],
  ],
  'q22-vendor-remote-sessions': [
    ['touches', 'MFA for remote accounts, not supervised time-limited sessions'],
    ['no', 'data diode between networks'],
  ],
  'q23-anti-tailgating': [
    ['no', 'lost badges'],
    ['no', 'visitor badge design'],
  ],
  'q24-reference-calls': [
    ['touches', 'employment gaps explained, not references verified'],
    ['no', 'security at interviews'],
  ],
  'q25-hospital-source-keys': [
    ['no', 'returning disused sources'],
    ['no', 'reporting a lost source'],
  ],
  'q26-anonymised-case-studies': [
    ['touches', 'incidents reported to the regulator, not shared redacted'],
    ['no', 'investigating organisational causes'],
  ],
  'q27-it-staff-vetting': [
    ['touches', 'awareness training for cyber staff, not vetting'],
    ['no', 'contracts of outsourced IT'],
  ],
  'q28-closure-layoffs': [
    ['touches', 'knowledge capture from leavers, not insider risk'],
    ['touches', 'security staffing during decommissioning, not the insider risk of layoffs'],
  ],
  'q29-vault-two-person': [
    ['no', 'contents checked after entry'],
    ['no', 'door-open alarm'],
  ],
  'q30-supervisor-warning-signs': [
    ['touches', 'scope of behavioural observation, not teaching managers'],
    ['touches', 'assessing raised concerns, not noticing signs'],
  ],
  'q31-design-stage-insider': [
    ['touches', 'security requirements to suppliers, not insider-aware plant design'],
    ['no', 'modifications of existing buildings, not new builds'],
  ],
  'q32-video-review-maintenance': [
    ['no', 'camera tamper protection'],
    ['no', 'recording retention'],
  ],
  'q33-random-substance-testing': [
    ['no', 'self-reporting medication'],
    ['touches', 'alcohol banned on site, no testing'],
  ],
  'q34-outcome-inspections': [
    ['no', 'regulator guidance'],
    ['no', 'regulator meetings'],
  ],
  'q35-personal-phones-ban': [
    ['touches', 'company laptop cameras disabled, not personal phones kept out'],
    ['touches', 'photography permission, not devices kept out'],
  ],
  'q36-interactive-training': [
    ['no', 'training records'],
    ['no', 'timing of manager training'],
  ],
  'q37-key-accountability': [
    ['touches', 'combination codes changed on leaving, not keys'],
    ['touches', 'spare keys held off site, not daily accounting or lost keys'],
  ],
  'q38-external-peer-review': [
    ['touches', 'sharing peer-review results, presumes the review'],
    ['no', 'IAEA training courses'],
  ],
  'q39-coercion-reporting': [
    ['touches', 'online approaches by adversaries, not threats or what to do'],
    ['touches', 'security liaises with police, not what staff should do'],
  ],
  'q40-prepublication-review': [
    ['touches', 'no site maps on websites, not review of staff papers'],
    ['touches', 'job adverts reveal nothing, not review of staff papers'],
  ],
};
