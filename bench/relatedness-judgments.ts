/**
 * A reader's judgments of the practices no planted family member sourced that reach a family's top 10 related
 * practices (labels v2 of bench/relatedness.ts). The generator's other pools (the query set's needles and near
 * sentences, the hard practices) hold practices of the same areas as the families; the strict labels count each
 * of them 0. Each was read beside the family's query practice, asking the question the planted grades answer:
 *
 * - `same` (grade 2): it prescribes what the query prescribes, in other words.
 * - `related` (grade 1): it names the query's subject — its object, situation, topic or insider attribute — but
 *   prescribes something else: what the family's planted related practices are.
 * - `no` (0): another subject; sharing a word or a framing ("licensees are encouraged …") is not enough.
 *
 * The pool: the union of each family's top 10 under the 15 best triples on dev (strict labels), the hand-set
 * triple and similarity alone, read from `npx tsx bench/relatedness.ts --documents 1000 --dump FILE` (2026-12-03):
 * 200 practices, judged 5 same, 58 related, 137 no. Where a practice was close but dropped the query's distinctive
 * detail (anonymity in incident sharing; varied routes, not only unannounced changes), it is `related`, not
 * `same`. Keyed by family id; each entry [practice text as the node shows it, verdict, why], in the order of their
 * similarity to the query. SYNTHETIC sentences.
 */
import type { RelatedVerdict } from './relatedness-score.js';

export const RELATED_JUDGMENTS: Record<string, readonly (readonly [string, RelatedVerdict, string])[]> = {
  'f01-access-recertification': [
    [
      'Participants agreed that plant managers must set clear criteria for granting unescorted access.',
      'related',
      'criteria for granting access: access authorisation, another rule',
    ],
    [
      'Operators are encouraged to give elevated network permissions a built-in end date, so that holders must argue again for them to continue.',
      'related',
      'privileged rights that lapse: access rights re-justified, not a periodic review of all',
    ],
    [
      'Operators are encouraged to forbid lone work in vital areas and to require a second authorised person for every entry.',
      'related',
      'two-person entry: an access-control rule for vital areas',
    ],
    [
      'Operators are encouraged to check their protection by performance tests that assume a person already inside with valid access rights.',
      'no',
      'performance testing',
    ],
    [
      'Dormant user accounts should be disabled automatically after thirty days without use.',
      'related',
      'dormant accounts disabled: unneeded access removed, by inactivity not review',
    ],
    [
      'Operators are encouraged to revoke badges and accounts at the moment a worker is told of termination, since resentment peaks then.',
      'related',
      'access revoked at termination: removing access, another trigger',
    ],
    [
      'The National Policy and Regulatory Frameworks focus group recommended that security managers should ensure that security roles are covered during holidays and shift changes.',
      'no',
      'staffing of security roles',
    ],
    [
      'It is good practice to require cleared personnel to self-report changes such as legal trouble or serious financial problems between periodic reviews.',
      'no',
      'self-reporting of personal changes',
    ],
    [
      'It is good practice to hold an absent worker’s access rights in suspension until an updated trustworthiness review is completed on their return.',
      'related',
      'access suspended during absence: access rights, another trigger',
    ],
    [
      'A list of everyone who holds remote access should be kept and compared with the staff list every month.',
      'related',
      'monthly comparison of remote-access holders: reviewing who holds access, remote only',
    ],
    [
      'It is good practice to give employees facing debt, divorce or bereavement easy access to free and confidential help.',
      'no',
      'employee assistance',
    ],
    [
      'Where resources allow, site security teams should also keep security procedures short, clear and easy to find.',
      'no',
      'writing procedures',
    ],
    [
      'When an employee comes back after a prolonged absence, such as parental or sick leave, the facility must repeat the vetting before site access is restored.',
      'related',
      're-vetting before access is restored: access, another prescription',
    ],
    [
      'Operators are encouraged to allow remote computer access by contractors only during a booked slot under live supervision, cutting the link afterwards.',
      'related',
      'contractor remote access in booked slots: access control, another prescription',
    ],
    [
      'Regulators are encouraged to include network technicians in the trustworthiness programme, since they can cause as much harm as control room staff.',
      'no',
      'trustworthiness programme scope',
    ],
  ],
  'f02-security-moment': [
    [
      'Security culture should be discussed in regular team meetings and not only in annual training.',
      'same',
      'security culture discussed in regular team meetings: the same prescription, less specific',
    ],
    [
      'Operators are encouraged to give team leaders behavioural observation training on warning signs and on the route for passing concerns on.',
      'no',
      'behavioural observation training',
    ],
    [
      'Executives are encouraged to visit work areas on a regular schedule to hear staff views on security, demonstrating management support.',
      'related',
      'executives hearing staff on security: security culture, another practice',
    ],
    [
      'Competent authorities should provide security awareness material in every language spoken on site.',
      'no',
      'awareness material languages',
    ],
    [
      'Senior management should walk the site regularly to talk with staff about security, showing management commitment in person.',
      'related',
      'management walks talking security: security culture, another practice',
    ],
    [
      'Design documents of the alarm system should be split between teams, so that no single engineer holds complete insider knowledge of its weaknesses.',
      'no',
      'splitting design knowledge',
    ],
    [
      'Where resources allow, site security teams should also keep security procedures short, clear and easy to find.',
      'no',
      'writing procedures',
    ],
    [
      'It is essential that human resources departments integrate security culture indicators into regular management reviews.',
      'related',
      'security culture indicators in management reviews',
    ],
    [
      'It is good practice that senior managers tour the plant often and discuss security with the workforce face to face.',
      'related',
      'managers discussing security with the workforce: security culture, another practice',
    ],
    [
      'Organisations should survey their staff every two years to measure attitudes towards security and track change over time.',
      'related',
      'staff survey of security attitudes: measuring security culture',
    ],
    [
      'Exercise planners are encouraged to simulate a knowledgeable staff member defeating alarms from within, not only outsiders breaching the fence.',
      'no',
      'insider exercise scenarios',
    ],
    [
      'It is good practice to configure vault doors so that they open only when two separate authorised badges are presented.',
      'no',
      'vault door badges',
    ],
    [
      'It is good practice to renew annual awareness training on insiders with fresh examples, rather than repeating last year’s material.',
      'no',
      'awareness course content',
    ],
  ],
  'f03-drawing-custody': [
    [
      'Engineering workstations used to program controllers should be kept in a locked room when not in use.',
      'no',
      'locked room for workstations: equipment, not information',
    ],
    [
      'Mechanical keys to security areas should be issued from a controlled cabinet, signed back in at shift end, and locks changed when a key is lost.',
      'no',
      'key control',
    ],
    [
      'Subscribing states commit to ensuring that operators protect sensitive information about security arrangements on a need-to-know basis.',
      'related',
      'need-to-know protection of security information',
    ],
    [
      'Photography inside the protected area should require written permission.',
      'related',
      'photography permission: protecting information about the protected area',
    ],
    [
      'Staff holding sensitive posts should be obliged to tell the security office promptly about any arrest, criminal charge or large debt.',
      'no',
      'self-reporting of arrests',
    ],
    [
      'Cameras in sensitive areas should be protected against tampering and their outages alarmed.',
      'no',
      'camera tampering',
    ],
    [
      'Portable storage devices such as memory sticks must be scanned at a dedicated kiosk before they are connected to any plant computer.',
      'no',
      'removable media scanning',
    ],
    [
      'Papers and presentations by staff should be reviewed by the security office before publication so that they reveal nothing about protection arrangements.',
      'related',
      'pre-publication review so nothing about protection is revealed',
    ],
    [
      'Keys that give physical access to storage rooms should be signed out from a register and counted at every shift change.',
      'no',
      'key control',
    ],
    [
      'It is good practice to screen conference slides and journal articles written by employees for sensitive details of the site.',
      'related',
      'screening slides and articles for sensitive details',
    ],
    [
      'Security staffing levels should not be reduced faster than the removal of nuclear material from the site.',
      'no',
      'staffing during decommissioning',
    ],
    [
      'Where resources allow, competent authorities should also record the issue and return of security equipment.',
      'no',
      'security equipment issue log',
    ],
    [
      'Job advertisements should not reveal details of security systems.',
      'related',
      'job advertisements revealing security details',
    ],
    [
      'The Physical Protection and Technical Measures focus group recommended that security managers should define who may authorise exceptions to security procedures.',
      'no',
      'exceptions to procedures',
    ],
  ],
  'f04-privileged-account-expiry': [
    [
      'Dormant user accounts should be disabled automatically after thirty days without use.',
      'related',
      'accounts disabled after inactivity: account lifetime, another trigger',
    ],
    [
      'Remote access to plant networks should require two-factor authentication with a token issued by the operator.',
      'related',
      'two-factor remote access: computer security of plant networks',
    ],
    [
      'Shared administrator passwords should be replaced by personal accounts so that every action can be attributed.',
      'related',
      'personal instead of shared administrator accounts',
    ],
    [
      'Italy requires that the audit trail of anyone with administrator rights on plant networks is write-protected and reviewed by an independent unit.',
      'related',
      'protected, reviewed audit trail of administrators',
    ],
    [
      'In the view of Thailand, human resources departments must hold regular meetings between the security manager and the plant manager.',
      'no',
      'management meetings',
    ],
    [
      'Actions of system administrators with privileged accounts should be recorded in logs that the administrators themselves cannot alter.',
      'related',
      'tamper-proof logs of privileged actions',
    ],
    [
      'It is good practice to involve security specialists in early plant design so that protection against insiders is built in rather than added later.',
      'no',
      'security by design',
    ],
    [
      'It is good practice to number each copy of security system plans and lock them away every evening as sensitive information.',
      'no',
      'document custody',
    ],
    [
      'Staff returning from long leave should receive a fresh background re-check before their badge is reactivated.',
      'no',
      're-vetting after leave',
    ],
    [
      'It is good practice that no single programmer can push a change to protection system software without an independent peer sign-off.',
      'related',
      'peer sign-off for protection software changes: computer security',
    ],
    [
      'As a rule, competent authorities should keep a single named owner for each security procedure.',
      'no',
      'procedure ownership',
    ],
    [
      'Licensees should treat computer security and physical protection as parts of one security programme.',
      'related',
      'computer and physical security in one programme',
    ],
  ],
  'f05-observation-training': [
    [
      'Supervisors should be trained to recognise early signs of disaffection, such as sudden changes in attendance, mood or work quality.',
      'same',
      'supervisors trained to recognise early warning signs in mood and conduct',
    ],
    [
      'Response forces should rehearse insider scenarios in joint exercises with local police at least once a year.',
      'no',
      'response force exercises',
    ],
    [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'no',
      'regulatory guidance',
    ],
    [
      'Behavioural observation programmes should cover contractors as well as employees.',
      'related',
      'behavioural observation extended to contractors',
    ],
    [
      'Trainers should replace lecture-style insider briefings with interactive scenarios in which participants decide how to respond.',
      'no',
      'format of insider briefings',
    ],
    [
      'Regulators are encouraged to judge insider programmes by their results in exercises and interviews, instead of by paperwork alone.',
      'no',
      'regulatory oversight',
    ],
    [
      'Belgium encourages its operators to set measurable objectives for the insider threat programme each year.',
      'no',
      'programme objectives',
    ],
    [
      'New managers should receive insider threat training before taking up their post.',
      'related',
      'insider training for managers: training of line management, another content',
    ],
    [
      'It is good practice to renew annual awareness training on insiders with fresh examples, rather than repeating last year’s material.',
      'no',
      'awareness course content',
    ],
    [
      'Insider threat awareness training should be refreshed every year with new case studies, so that staff do not hear the same course twice.',
      'no',
      'awareness course content',
    ],
    [
      'Training and awareness on insider threats should be given to contractors before they receive a badge.',
      'no',
      'contractor awareness',
    ],
    [
      'The effect of training and awareness courses should be checked by asking staff a few questions some weeks later.',
      'no',
      'training evaluation',
    ],
  ],
  'f06-inventory-two-person': [
    [
      'Discrepancies in nuclear material accounts must be investigated and reported to the regulator within a set time.',
      'related',
      'investigating discrepancies in nuclear material accounts: NMAC, another practice',
    ],
    [
      'Information technology staff who administer plant networks should be vetted to the same depth as reactor operators.',
      'no',
      'vetting of IT staff',
    ],
    [
      'Copies of the facility security plan should be numbered, signed out to named holders and recalled when they change roles.',
      'no',
      'security plan custody',
    ],
    [
      'Hospitals holding high-activity sources should limit the number of staff who know the combination or hold the keys to the source room.',
      'no',
      'source room keys',
    ],
    [
      'It is good practice for medical facilities to keep the keys to irradiator rooms with a small named group and to log every use.',
      'no',
      'irradiator keys',
    ],
    [
      'A list of everyone who holds remote access should be kept and compared with the staff list every month.',
      'no',
      'remote access list',
    ],
    [
      'Subscribing states commit to ensuring that operators involve human resources, security and operations staff in a joint insider risk committee.',
      'no',
      'insider risk committee',
    ],
    [
      'Training coordinators should plan the security of shipments together with the carrier.',
      'no',
      'shipment planning',
    ],
    [
      'Disused radioactive sources should be returned to the supplier rather than kept in storage.',
      'no',
      'disused sources',
    ],
    [
      'It is good practice to maintain an up-to-date inventory of critical digital assets.',
      'no',
      'inventory of digital assets: a shared word, another subject',
    ],
    [
      'As a rule, competent authorities should keep a single named owner for each security procedure.',
      'no',
      'procedure ownership',
    ],
    [
      'It is essential that competent authorities consult the workforce when security procedures are revised.',
      'no',
      'workforce consultation',
    ],
  ],
  'f07-transport-route-variation': [
    [
      'Operators are encouraged to limit knowledge of transport timetables to a small named group and to change routes without advance notice.',
      'related',
      'timetables on a need-to-know basis and unannounced route changes: transport security, close but another prescription',
    ],
    [
      'Transport vehicles should be inspected for tampering before loading and after every stop.',
      'related',
      'tamper inspection of transport vehicles',
    ],
    [
      'Training coordinators should plan the security of shipments together with the carrier.',
      'related',
      'shipment security planned with the carrier',
    ],
    ['Delivery trucks should be escorted from the gate to the unloading area.', 'no', 'escort of deliveries on site'],
    [
      'Organisations should survey their staff every two years to measure attitudes towards security and track change over time.',
      'no',
      'attitude survey',
    ],
    [
      'It is good practice to inspect outgoing cars and trucks, including staff vehicles, for concealed material before they exit.',
      'no',
      'exit searches',
    ],
    [
      'Subscribing states commit to ensuring that operators protect sensitive information about security arrangements on a need-to-know basis.',
      'no',
      'need-to-know in general',
    ],
    [
      'It is recommended that plant managers explain to staff why security measures exist, not only what the rules are.',
      'no',
      'explaining rules',
    ],
    [
      'The National Policy and Regulatory Frameworks focus group recommended that security managers should ensure that security roles are covered during holidays and shift changes.',
      'no',
      'staffing of security roles',
    ],
    [
      'Licensees are expected to coordinate insider threat work with safety and emergency planning.',
      'no',
      'emergency planning',
    ],
    [
      'Escort duties for visitors should be assigned only to staff who have completed escort training.',
      'no',
      'visitor escorts',
    ],
    [
      'Operators are encouraged to spot-check recordings of maintenance work in sensitive rooms, using reviewers who did not take part.',
      'no',
      'video review',
    ],
    [
      'In the view of Thailand, human resources departments must hold regular meetings between the security manager and the plant manager.',
      'no',
      'management meetings',
    ],
  ],
  'f08-performance-testing-insider': [
    [
      'Performance tests of the physical protection system should include scenarios in which the adversary is an authorised employee.',
      'same',
      'performance tests with an authorised employee as adversary',
    ],
    [
      'Guard assignments must be varied from week to week, which makes collusion and routine-based bypass harder for an insider.',
      'no',
      'guard rotation',
    ],
    [
      'Participants agreed that operators must show the success of an insider threat programme through metrics like the hours between a departure and access removal.',
      'no',
      'programme metrics',
    ],
    [
      'Staff must never hold a secure door for a colleague, and entrances should detect when two people pass on a single credential.',
      'no',
      'tailgating',
    ],
    [
      'It is recommended that plant managers explain to staff why security measures exist, not only what the rules are.',
      'no',
      'explaining rules',
    ],
    [
      'Participants agreed that lessons from insider cases must travel between members in anonymous form, protecting the individuals concerned.',
      'no',
      'incident sharing',
    ],
    [
      'Inspectors should evaluate whether a licensee’s insider measures actually work in practice, rather than only checking that documents exist.',
      'related',
      'inspectors evaluating whether measures work in practice: testing effectiveness, another practice',
    ],
    [
      'Belgium encourages its operators to set measurable objectives for the insider threat programme each year.',
      'no',
      'programme objectives',
    ],
    [
      'Where resources allow, site security teams should also keep security procedures short, clear and easy to find.',
      'no',
      'writing procedures',
    ],
    [
      'Licensees should treat computer security and physical protection as parts of one security programme.',
      'no',
      'programme scope',
    ],
    [
      'Regulators are encouraged to judge insider programmes by their results in exercises and interviews, instead of by paperwork alone.',
      'related',
      'programmes judged by results in exercises: performance-based evaluation, another practice',
    ],
    [
      'A list of everyone who holds remote access should be kept and compared with the staff list every month.',
      'no',
      'remote access list',
    ],
    [
      'Participants agreed that operators must revisit every access authorisation on a three-monthly cycle and strip permissions that current tasks do not justify.',
      'no',
      'access recertification',
    ],
    [
      'Germany stressed that a vendor’s remote access must be switched on per session, monitored by the operator throughout and switched off right after.',
      'no',
      'vendor remote access',
    ],
    [
      'Entry to vital areas should follow the two-person rule, so that no one is ever alone with the equipment or material inside.',
      'no',
      'two-person rule',
    ],
  ],
  'f09-hrp-self-reporting': [
    [
      'It is good practice to require cleared personnel to self-report changes such as legal trouble or serious financial problems between periodic reviews.',
      'related',
      'self-reporting of legal or financial trouble: self-reporting in a reliability programme, another object',
    ],
    [
      'It is recommended that operators evaluate how well staff understand the reporting procedure.',
      'no',
      'reporting procedure awareness',
    ],
    ['Records of reported concerns should be kept separately from personnel files.', 'no', 'records of concerns'],
    [
      'Staff in safety and security critical roles should be tested for drugs and alcohol at random, not only before hiring.',
      'related',
      'random drug and alcohol tests: impairment and fitness for duty, another practice',
    ],
    [
      'It is good practice to prepare staff for the possibility of coercion through threats to their families and to give them a safe reporting route.',
      'no',
      'coercion',
    ],
    [
      'Contractor companies should be required by contract to report security incidents involving their employees.',
      'no',
      'contractor incident reporting',
    ],
    [
      'Behavioural observation programmes should cover contractors as well as employees.',
      'no',
      'behavioural observation scope',
    ],
    [
      'Managers should give feedback to the person who reported a concern, so that reporting is seen to matter.',
      'no',
      'feedback to reporters',
    ],
    [
      'Operators are encouraged to spot-check recordings of maintenance work in sensitive rooms, using reviewers who did not take part.',
      'no',
      'video review',
    ],
    [
      'Tasks performed in vital areas should be recorded on video, and a sample of the recordings reviewed by someone outside the work team.',
      'no',
      'video recording',
    ],
    [
      'The list of people authorised to enter each vital area should be reviewed every month and pruned of anyone who no longer needs entry.',
      'no',
      'vital area list',
    ],
    [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'no',
      'regulatory guidance',
    ],
    [
      'Temporary and outage workers must receive awareness training tailored to their tasks, not just a site safety induction.',
      'no',
      'temporary workers training',
    ],
    [
      'Where resources allow, site security teams should also keep security procedures short, clear and easy to find.',
      'no',
      'writing procedures',
    ],
  ],
  'f10-remote-vendor-sessions': [
    [
      'Operators must keep vendor maintenance links disconnected by default and open them only for a supervised session.',
      'same',
      'vendor links off by default, opened only for a supervised session',
    ],
    [
      'Operators are encouraged to check their protection by performance tests that assume a person already inside with valid access rights.',
      'no',
      'performance testing',
    ],
    [
      'Finland requires dual authorisation for every update to the firmware of instrumentation and control equipment.',
      'no',
      'firmware change approval',
    ],
    [
      'It is good practice for medical facilities to keep the keys to irradiator rooms with a small named group and to log every use.',
      'no',
      'irradiator keys',
    ],
    [
      'Keys that give physical access to storage rooms should be signed out from a register and counted at every shift change.',
      'no',
      'key control',
    ],
    [
      'Finland stressed that superuser accounts on control networks must time out after a defined term unless their owner re-justifies the need.',
      'related',
      'superuser accounts on control networks that time out: time-limited network access',
    ],
    [
      'Hospitals holding high-activity sources should limit the number of staff who know the combination or hold the keys to the source room.',
      'no',
      'source room keys',
    ],
    [
      'It is good practice to check all access authorisations four times a year and withdraw those that present duties no longer require.',
      'no',
      'access recertification in general',
    ],
    [
      'Access rights of an employee under notice of dismissal should be withdrawn on the day the decision is communicated, not on the last working day.',
      'no',
      'access on dismissal',
    ],
    [
      'Performance tests of security measures should include scenarios in which the adversary is an insider with authorised access, not only intruders from outside.',
      'no',
      'performance testing',
    ],
    [
      'The National Policy and Regulatory Frameworks focus group recommended that security managers should ensure that security roles are covered during holidays and shift changes.',
      'no',
      'staffing of security roles',
    ],
    [
      'Participants agreed that operators must revisit every access authorisation on a three-monthly cycle and strip permissions that current tasks do not justify.',
      'no',
      'access recertification in general',
    ],
    [
      'Where resources allow, competent authorities should also record the issue and return of security equipment.',
      'no',
      'security equipment issue log',
    ],
    [
      'As a rule, competent authorities should keep a single named owner for each security procedure.',
      'no',
      'procedure ownership',
    ],
  ],
  'f11-graded-approach-review': [
    [
      'Insider scenarios should be considered at the design stage of new facilities, when barriers and room layouts are still cheap to change.',
      'no',
      'security by design',
    ],
    [
      'Chile encourages its operators to update the facility security plan when the layout of buildings changes.',
      'no',
      'security plan updated on layout changes: another subject than the graded approach',
    ],
    [
      'It is essential that competent authorities consult the workforce when security procedures are revised.',
      'no',
      'workforce consultation',
    ],
    [
      'Bulk processing facilities should close a material balance far more often than once a year, so that a slow diversion is noticed early.',
      'no',
      'material balance frequency',
    ],
    [
      'Modifications to existing buildings should be reviewed by the security department before work starts.',
      'no',
      'security review of building works',
    ],
    [
      'The staff canteen should be judged by a small set of indicators, such as the waiting time at lunch.',
      'no',
      'canteen',
    ],
    ['Line managers should be asked for their view when a member of staff is re-vetted.', 'no', 're-vetting'],
    [
      'It is recommended that operators evaluate how well staff understand the reporting procedure.',
      'no',
      'reporting procedure awareness',
    ],
    [
      'Operators must regularly confirm with line managers that everyone on a vital area entry list still has a job-related reason to be there.',
      'no',
      'vital area list',
    ],
    [
      'Doors to vital areas should raise an alarm at the central station when held open for more than a minute.',
      'no',
      'door alarms',
    ],
    [
      'It is recommended that plant managers explain to staff why security measures exist, not only what the rules are.',
      'no',
      'explaining why measures exist: not the graded approach',
    ],
    [
      'Personal mobile phones and smart watches should be left in lockers before staff enter vital areas or control rooms.',
      'no',
      'personal devices',
    ],
  ],
  'f12-management-walkdowns': [
    [
      'Senior managers should visibly follow the same security rules they ask staff to follow.',
      'related',
      'managers following the rules visibly: management commitment, another practice',
    ],
    [
      'Supervisors are encouraged to start routine staff meetings with a brief security talk that reviews something recently observed on site.',
      'related',
      'security talk at staff meetings: talking with staff about security, another setting',
    ],
    [
      'Senior managers should thank staff publicly when they point out a security weakness, as a sign of a healthy security culture.',
      'related',
      'managers thanking staff: management and security culture',
    ],
    [
      'Security departments should maintain contact with police to assess threats against staff.',
      'no',
      'police liaison',
    ],
    [
      'Security culture should be discussed in regular team meetings and not only in annual training.',
      'related',
      'security culture in team meetings',
    ],
    [
      'In the view of Canada, a two-minute discussion of a recent security event must open every shift meeting as a habit of security culture.',
      'related',
      'security discussion opening shift meetings',
    ],
    [
      'New managers should receive insider threat training before taking up their post.',
      'no',
      'training of new managers',
    ],
  ],
  'f13-awareness-refresher': [
    [
      'New managers should receive insider threat training before taking up their post.',
      'related',
      'insider training for new managers: training, another audience',
    ],
    [
      'Cyber-security staff should receive insider threat awareness training specific to digital systems.',
      'related',
      'insider awareness training for cyber staff: training, another audience',
    ],
    [
      'Training courses offered by the IAEA should be used to build national insider threat expertise.',
      'related',
      'IAEA courses for insider expertise: training, another practice',
    ],
    [
      'Training records should show which staff have completed annual insider threat training.',
      'related',
      'records of annual insider training',
    ],
    [
      'Response forces should rehearse insider scenarios in joint exercises with local police at least once a year.',
      'no',
      'response force exercises',
    ],
    [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'no',
      'regulatory guidance',
    ],
    [
      'Belgium encourages its operators to set measurable objectives for the insider threat programme each year.',
      'no',
      'programme objectives',
    ],
    [
      'Every insider threat programme should include a procedure for responding to a suspected insider without alerting them.',
      'no',
      'response procedure',
    ],
    [
      'To reduce insider risk, licensees should agree on common terms for insider threat concepts across departments.',
      'no',
      'terminology',
    ],
    [
      'Participants agreed that operators must show the success of an insider threat programme through metrics like the hours between a departure and access removal.',
      'no',
      'programme metrics',
    ],
  ],
  'f14-vital-area-two-person': [
    [
      'Entry to vital areas should require a badge and a personal code.',
      'related',
      'badge and code at vital areas: vital area entry, another rule',
    ],
    [
      'No one should be allowed to enter a material storage vault alone; at least two authorised persons must be present at all times.',
      'same',
      'nobody alone in a material vault: the two-person rule',
    ],
    [
      'Staff must never hold a secure door for a colleague, and entrances should detect when two people pass on a single credential.',
      'related',
      'no tailgating, detection of two on one credential: entry control',
    ],
    [
      'Supervisors should confirm the fitness for duty of each worker at the start of every shift in vital areas.',
      'no',
      'fitness for duty',
    ],
    [
      'Personal mobile phones and smart watches should be left in lockers before staff enter vital areas or control rooms.',
      'related',
      'phones left before entering vital areas: a vital area entry rule',
    ],
    [
      'Drivers and escorts should be vetted to the same level as staff with access to the material they carry.',
      'no',
      'vetting of drivers',
    ],
    [
      'Hospitals holding high-activity sources should limit the number of staff who know the combination or hold the keys to the source room.',
      'related',
      'few people with keys to the source room: limiting who may enter',
    ],
    [
      'Computer security staff should receive the same trustworthiness checks as those who hold physical access to vital areas.',
      'no',
      'vetting of computer staff',
    ],
    [
      'Operators must regularly confirm with line managers that everyone on a vital area entry list still has a job-related reason to be there.',
      'related',
      'vital area entry list confirmed regularly',
    ],
    [
      'The depth of background checks should depend on the sensitivity of the position, with the most thorough vetting for those with access to vital areas.',
      'no',
      'depth of vetting',
    ],
    [
      'Performance tests of security measures should include scenarios in which the adversary is an insider with authorised access, not only intruders from outside.',
      'no',
      'performance testing',
    ],
    [
      'Participants agreed that operators must revisit every access authorisation on a three-monthly cycle and strip permissions that current tasks do not justify.',
      'no',
      'access recertification in general',
    ],
  ],
  'f15-incident-sharing-anonymised': [
    [
      'As a rule, operators should share lessons learned from security events with other operators through the regulator.',
      'related',
      'lessons from security events shared with other operators: information sharing, without the anonymity',
    ],
    [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'no',
      'regulatory guidance',
    ],
    [
      'The insider threat programme should have a named owner at board level and a budget of its own.',
      'no',
      'programme ownership',
    ],
    [
      'Every insider threat programme should include a procedure for responding to a suspected insider without alerting them.',
      'no',
      'response procedure',
    ],
    [
      'Subscribing states commit to ensuring that operators protect sensitive information about security arrangements on a need-to-know basis.',
      'no',
      'need-to-know',
    ],
    [
      'To reduce insider risk, licensees should agree on common terms for insider threat concepts across departments.',
      'no',
      'terminology',
    ],
    [
      'Insider incidents should be reported to the regulator within a defined number of days.',
      'related',
      'incidents reported to the regulator: incident information, another flow',
    ],
    [
      'Licensees are expected to coordinate insider threat work with safety and emergency planning.',
      'no',
      'emergency planning',
    ],
    [
      'It is good practice to link the insider threat programme to the organisation’s risk register.',
      'no',
      'risk register',
    ],
    [
      'It is good practice to teach line supervisors which changes in a colleague’s behaviour can be early warnings of insider risk and how to report them.',
      'no',
      'behavioural observation training',
    ],
    [
      'Inspectors should evaluate whether a licensee’s insider measures actually work in practice, rather than only checking that documents exist.',
      'no',
      'inspection practice',
    ],
    [
      'Outsourced information technology providers should be bound by contract to the facility’s security requirements.',
      'no',
      'outsourcing contracts',
    ],
  ],
  'f16-insider-programme-metrics': [
    [
      'Belgium encourages its operators to set measurable objectives for the insider threat programme each year.',
      'related',
      'measurable objectives for the programme: judging the programme, another practice',
    ],
    [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'related',
      'guidance on what a programme should be: the insider threat programme',
    ],
    [
      'It is good practice to link the insider threat programme to the organisation’s risk register.',
      'related',
      'programme linked to the risk register: the insider threat programme',
    ],
    [
      'Licensees are expected to coordinate insider threat work with safety and emergency planning.',
      'related',
      'programme coordinated with safety and emergency planning: the insider threat programme',
    ],
    [
      'Training records should show which staff have completed annual insider threat training.',
      'no',
      'training records',
    ],
    [
      'Insider incidents should be reported to the regulator within a defined number of days.',
      'no',
      'incident reporting',
    ],
    [
      'It is good practice for information sharing to circulate de-identified case reports of insider events among peer organisations.',
      'no',
      'incident sharing',
    ],
    [
      'Subscribing states commit to ensuring that operators involve human resources, security and operations staff in a joint insider risk committee.',
      'related',
      'joint insider risk committee: programme governance',
    ],
    [
      'Cyber-security staff should receive insider threat awareness training specific to digital systems.',
      'no',
      'training of cyber staff',
    ],
    [
      'Participants agreed that regulators must align their insider threat mitigation policy with the national regulatory framework.',
      'no',
      'national policy',
    ],
    [
      'Training and awareness on insider threats should be given to contractors before they receive a badge.',
      'no',
      'contractor awareness',
    ],
    [
      'Training courses offered by the IAEA should be used to build national insider threat expertise.',
      'no',
      'IAEA courses',
    ],
    [
      'Insider threat awareness training should be refreshed every year with new case studies, so that staff do not hear the same course twice.',
      'no',
      'awareness course content',
    ],
  ],
};
