/**
 * The labelled query set: 40 specific practice concepts ("needles") that the filler generator never produces. Each
 * concept has the analyst's query, three hand-written phrasings of the needle (grade 2, one per document) and two
 * sentences on a nearby concept in the same practice area (grade 1). Queries share only some words with their
 * needles, so neither keyword nor semantic search finds them trivially.
 *
 * Rules the sentences keep (checked by test/bench/generate.test.ts): one sentence each, at most 40 words, no dotted
 * abbreviations, and no trend name or alias, so that planted trend counts stay exact.
 */

export interface NeedleConcept {
  id: string;
  query: string;
  needles: readonly [string, string, string];
  near: readonly [string, string];
}

export const NEEDLE_CONCEPTS: readonly NeedleConcept[] = [
  {
    id: 'q01-revetting-after-leave',
    query: 're-vetting people back from extended absence before restoring access',
    needles: [
      'Staff returning from long leave should receive a fresh background re-check before their badge is reactivated.',
      'When an employee comes back after a prolonged absence, such as parental or sick leave, the facility must repeat the vetting before site access is restored.',
      'It is good practice to hold an absent worker’s access rights in suspension until an updated trustworthiness review is completed on their return.',
    ],
    near: [
      'Contractors who leave the site for more than a month should hand in their badges at the gate office.',
      'Vetting files of staff on long leave should be kept up to date by the human resources department.',
    ],
  },
  {
    id: 'q02-access-on-dismissal',
    query: 'when to cut off access for an employee who is being fired',
    needles: [
      'Access rights of an employee under notice of dismissal should be withdrawn on the day the decision is communicated, not on the last working day.',
      'Operators are encouraged to revoke badges and accounts at the moment a worker is told of termination, since resentment peaks then.',
      'Germany described a rule that a person being let go loses entry to vital areas and computer systems immediately upon notification.',
    ],
    near: [
      'Exit interviews with departing staff should remind them of their continuing duty to protect sensitive information.',
      'Human resources and security departments should share the list of planned retirements each quarter.',
    ],
  },
  {
    id: 'q03-dual-approval-safety-software',
    query: 'second person approval for changes to safety system code',
    needles: [
      'Any modification to the code of digital safety systems should require a second qualified engineer to review and approve it before deployment.',
      'It is good practice that no single programmer can push a change to protection system software without an independent peer sign-off.',
      'Finland requires dual authorisation for every update to the firmware of instrumentation and control equipment.',
    ],
    near: [
      'Engineering workstations used to program controllers should be kept in a locked room when not in use.',
      'Operators should keep a verified baseline copy of each controller configuration to detect unauthorised changes.',
    ],
  },
  {
    id: 'q04-removable-media',
    query: 'controlling USB sticks and removable media on plant computers',
    needles: [
      'Portable storage devices such as memory sticks must be scanned at a dedicated kiosk before they are connected to any plant computer.',
      'Regulators are encouraged to require that every removable drive entering the protected area is registered, checked for malware and logged.',
      'The Japanese operator allows only facility-issued flash drives on the process network and blocks all other ports by configuration.',
    ],
    near: [
      'Laptops brought by vendors for maintenance should be inspected and kept under escort while on site.',
      'Printers in the protected area should not be connected to external networks.',
    ],
  },
  {
    id: 'q05-confidential-counselling',
    query: 'helping staff with money or family problems before they become an insider risk',
    needles: [
      'Confidential counselling should be offered to staff in financial or personal difficulty, because unresolved stress is a known precursor of insider acts.',
      'It is good practice to give employees facing debt, divorce or bereavement easy access to free and confidential help.',
      'Canada presented a scheme in which workers under personal strain can seek anonymous support without it affecting their clearance.',
    ],
    near: [
      'Supervisors should be trained to hold a supportive conversation when a colleague seems withdrawn or distressed.',
      'Fitness for duty checks should be performed at the start of every shift for staff in sensitive positions.',
    ],
  },
  {
    id: 'q06-guard-rotation',
    query: 'randomised rotation of security officers across posts to prevent complacency and collusion',
    needles: [
      'Security officers should be rotated between posts on an unpredictable schedule so that no one becomes the sole guardian of a single area.',
      'Guard assignments must be varied from week to week, which makes collusion and routine-based bypass harder for an insider.',
      'The Moroccan regulator encourages licensees to shuffle guard force duties randomly rather than keep officers at fixed stations.',
    ],
    near: [
      'Response forces should rehearse insider scenarios in joint exercises with local police at least once a year.',
      'Guard force members should be subject to the same trustworthiness checks as operations staff.',
    ],
  },
  {
    id: 'q07-independent-seal-verification',
    query: 'who should verify container seals, independent of the person applying them',
    needles: [
      'Tamper-indicating seals on material containers should be verified by two people who did not apply them.',
      'It is good practice that the person who installs a seal is never the one who later confirms its integrity.',
      'Kazakhstan described separating the roles of seal application and seal inspection during inventory taking.',
    ],
    near: [
      'Physical inventories should be taken at irregular intervals rather than on a fixed calendar.',
      'Discrepancies in nuclear material accounts must be investigated and reported to the regulator within a set time.',
    ],
  },
  {
    id: 'q08-outage-contractor-briefing',
    query: 'security briefings for outage subcontractors and temporary staff',
    needles: [
      'Short-term contractors should complete the same insider threat briefing as permanent staff before they are allowed to work unescorted.',
      'Temporary and outage workers must receive awareness training tailored to their tasks, not just a site safety induction.',
      'Sweden reported that every subcontractor arriving for a refuelling outage attends a session on recognising and reporting insiders.',
    ],
    near: [
      'Contractor companies should be required by contract to report security incidents involving their employees.',
      'Escort duties for visitors should be assigned only to staff who have completed escort training.',
    ],
  },
  {
    id: 'q09-shipment-schedule-secrecy',
    query: 'keeping convoy timing and routes secret from most staff',
    needles: [
      'Details of shipment routes and dates should be shared only with the people who need them, and as late as practicable.',
      'Operators are encouraged to limit knowledge of transport timetables to a small named group and to change routes without advance notice.',
      'Spain presented a rule that movement schedules for nuclear material are classified and released to drivers only on the day of departure.',
    ],
    near: [
      'Transport vehicles should be inspected for tampering before loading and after every stop.',
      'Drivers and escorts should be vetted to the same level as staff with access to the material they carry.',
    ],
  },
  {
    id: 'q10-phishing-simulation',
    query: 'testing whether employees fall for fake emails',
    needles: [
      'Facilities should run simulated phishing campaigns against their own staff and use the results to target further training.',
      'It is good practice to send employees harmless test emails that imitate fraud attempts and to follow up with those who click.',
      'Hungary described quarterly mock deception emails that measure how many workers report rather than open suspicious messages.',
    ],
    near: [
      'Email attachments from outside the organisation should be opened only in an isolated environment.',
      'Staff should be able to report a suspicious message with a single button in their mail client.',
    ],
  },
  {
    id: 'q11-anonymous-reporting-line',
    query: 'confidential way for staff to tell someone about a coworker acting strangely',
    needles: [
      'Employees should have an anonymous channel, such as a hotline staffed outside line management, for raising concerns about a colleague.',
      'Regulators are encouraged to check that licensees provide a confidential way to report worrying conduct without fear of reprisal.',
      'Nigeria presented a reporting line that lets workers flag a co-worker’s troubling behaviour without giving their name.',
    ],
    near: [
      'Managers should give feedback to the person who reported a concern, so that reporting is seen to matter.',
      'Records of reported concerns should be kept separately from personnel files.',
    ],
  },
  {
    id: 'q12-admin-activity-logs',
    query: 'tamper-proof logging of what system administrators do',
    needles: [
      'Actions of system administrators with privileged accounts should be recorded in logs that the administrators themselves cannot alter.',
      'It is good practice to send the activity records of superusers to a separate server controlled by a different team.',
      'Italy requires that the audit trail of anyone with administrator rights on plant networks is write-protected and reviewed by an independent unit.',
    ],
    near: [
      'Shared administrator passwords should be replaced by personal accounts so that every action can be attributed.',
      'Dormant user accounts should be disabled automatically after thirty days without use.',
    ],
  },
  {
    id: 'q13-culture-survey',
    query: 'measuring security attitudes of the workforce with recurring questionnaires',
    needles: [
      'Organisations should survey their staff every two years to measure attitudes towards security and track change over time.',
      'It is good practice to use an anonymous questionnaire on beliefs and behaviours about protection, repeated periodically, as a culture baseline.',
      'Romania described a recurring staff opinion poll on security whose results are discussed openly with all departments.',
    ],
    near: [
      'Senior managers should visibly follow the same security rules they ask staff to follow.',
      'Security culture should be discussed in regular team meetings and not only in annual training.',
    ],
  },
  {
    id: 'q14-business-case-cost',
    query: 'convincing leadership to fund insider programmes by putting a price on an incident',
    needles: [
      'Security managers should present insider risk to the board in terms of the cost of a plausible incident, not only as a compliance duty.',
      'When asking executives for resources, it is good practice to quantify what a malicious insider act could cost the company.',
      'Belgium explained how estimating the financial consequences of insider sabotage helped secure funding from senior leadership.',
    ],
    near: [
      'Insider threat mitigation should be a standing item on the agenda of the executive committee.',
      'Senior managers should sign the insider threat mitigation policy themselves.',
    ],
  },
  {
    id: 'q15-frequent-material-balance',
    query: 'catching gradual theft by balancing material accounts more often',
    needles: [
      'Bulk processing facilities should close a material balance far more often than once a year, so that a slow diversion is noticed early.',
      'It is good practice to compare inputs and outputs of each process area daily, which shortens the time an insider could hide a loss.',
      'France presented its use of near real time accountancy to spot small, repeated removals of material within days.',
    ],
    near: [
      'Measurement instruments used for accountancy should be calibrated by staff independent of production.',
      'Shipper and receiver differences should be resolved before material is entered into the book inventory.',
    ],
  },
  {
    id: 'q16-graded-vetting-tiers',
    query: 'graded screening levels depending on how sensitive the job is',
    needles: [
      'The depth of background checks should depend on the sensitivity of the position, with the most thorough vetting for those with access to vital areas.',
      'Regulators are encouraged to define tiers of trustworthiness assessment matched to what each job lets a person reach or know.',
      'The Republic of Korea described three levels of personnel screening, assigned according to the access and authority a role carries.',
    ],
    near: [
      'Identity documents of applicants should be verified with the issuing authority and not only by visual inspection.',
      'Results of background checks should be valid for a fixed period and then renewed.',
    ],
  },
  {
    id: 'q17-self-reporting-duty',
    query: 'duty for cleared employees to disclose arrests or debts themselves',
    needles: [
      'Staff holding sensitive posts should be obliged to tell the security office promptly about any arrest, criminal charge or large debt.',
      'It is good practice to require cleared personnel to self-report changes such as legal trouble or serious financial problems between periodic reviews.',
      'The United Kingdom described an obligation on vetted workers to disclose police involvement and money difficulties as soon as they arise.',
    ],
    near: [
      'Periodic re-vetting should take place at least every five years for all staff with unescorted access.',
      'Line managers should be asked for their view when a member of staff is re-vetted.',
    ],
  },
  {
    id: 'q18-vital-area-list-pruning',
    query: 'periodically pruning who is allowed into vital areas',
    needles: [
      'The list of people authorised to enter each vital area should be reviewed every month and pruned of anyone who no longer needs entry.',
      'Operators must regularly confirm with line managers that everyone on a vital area entry list still has a job-related reason to be there.',
      'Mexico reported that authorisations for the most sensitive rooms are revalidated monthly and expire unless a supervisor renews them.',
    ],
    near: [
      'Entry to vital areas should require a badge and a personal code.',
      'Door logs should be reviewed for entries at unusual hours.',
    ],
  },
  {
    id: 'q19-exit-vehicle-search',
    query: 'checking cars on the way out for smuggled material',
    needles: [
      'Vehicles leaving the protected area should be searched with the same rigour as those entering, since theft goes out through the gate.',
      'It is good practice to inspect outgoing cars and trucks, including staff vehicles, for concealed material before they exit.',
      'Slovakia described random exit searches of employee vehicles combined with radiation portal monitors at the outer gate.',
    ],
    near: [
      'Delivery trucks should be escorted from the gate to the unloading area.',
      'Parking for private cars should be located outside the protected area fence.',
    ],
  },
  {
    id: 'q20-insider-adversary-exercises',
    query: 'testing protection systems against a trusted employee playing the adversary',
    needles: [
      'Performance tests of the physical protection system should include scenarios in which the adversary is an authorised employee.',
      'Exercise planners are encouraged to simulate a knowledgeable staff member defeating alarms from within, not only outsiders breaching the fence.',
      'The Czech Republic presented drills in which a trusted technician plays the adversary and tries to remove a test item undetected.',
    ],
    near: [
      'Results of performance tests should be shared with the regulator together with the corrective actions taken.',
      'Alarm response times should be measured during night shifts as well as day shifts.',
    ],
  },
  {
    id: 'q21-security-plan-copies',
    query: 'controlling who holds copies of the security plan',
    needles: [
      'Copies of the facility security plan should be numbered, signed out to named holders and recalled when they change roles.',
      'It is good practice to track every printed copy of sensitive protection documents by serial number and owner.',
      'The Netherlands described keeping a register of who holds each copy of the site security plan and checking it yearly.',
    ],
    near: [
      'Sensitive drawings should be stored in a locked cabinet when not in use.',
      'Staff should be reminded not to discuss security arrangements in public places.',
    ],
  },
  {
    id: 'q22-vendor-remote-sessions',
    query: 'supervised, time-limited vendor remote maintenance sessions',
    needles: [
      'Remote connections by equipment vendors to control systems should be enabled only on request, for a limited time, and watched live by plant staff.',
      'Operators must keep vendor maintenance links disconnected by default and open them only for a supervised session.',
      'Switzerland presented a procedure in which a supplier’s support session is physically switched on by the operator and ended when the job is done.',
    ],
    near: [
      'Accounts used to connect from outside the site should require multi-factor authentication.',
      'Connections between the business network and the plant network should pass through a one-way data diode.',
    ],
  },
  {
    id: 'q23-anti-tailgating',
    query: 'stopping piggybacking through secure doors',
    needles: [
      'Turnstiles and airlocks should be designed so that only one person can pass per badge swipe, preventing tailgating into secure zones.',
      'Staff must never hold a secure door for a colleague, and entrances should detect when two people pass on a single credential.',
      'Jordan described single-person portals at the entrance to inner areas that stop a second person following an authorised one.',
    ],
    near: [
      'Lost badges should be reported immediately and deactivated within the hour.',
      'Visitor badges should look clearly different from staff badges.',
    ],
  },
  {
    id: 'q24-reference-calls',
    query: 'verifying job candidates references by calling earlier employers directly',
    needles: [
      'References from previous employers should be checked by telephone rather than accepted in writing, because forged letters are common.',
      'It is good practice to speak directly to former supervisors of a job applicant instead of relying on the references the applicant supplies.',
      'Israel explained that hiring teams call past employers independently to confirm the employment history a candidate declares.',
    ],
    near: [
      'Gaps in an applicant’s employment history should be explained before an offer is made.',
      'Job interviews for sensitive positions should include a member of the security department.',
    ],
  },
  {
    id: 'q25-hospital-source-keys',
    query: 'who should have keys to the source room at a hospital',
    needles: [
      'Hospitals holding high-activity sources should limit the number of staff who know the combination or hold the keys to the source room.',
      'It is good practice for medical facilities to keep the keys to irradiator rooms with a small named group and to log every use.',
      'Thailand presented measures that restrict knowledge of source storage codes in hospitals to a few designated staff.',
    ],
    near: [
      'Disused radioactive sources should be returned to the supplier rather than kept in storage.',
      'Hospitals should report the loss of a radioactive source to the regulator without delay.',
    ],
  },
  {
    id: 'q26-anonymised-case-studies',
    query: 'sharing redacted insider case histories between organisations',
    needles: [
      'Operators should publish anonymised case studies of insider events so that other facilities can learn without exposing the individuals involved.',
      'It is good practice to turn real insider incidents into de-identified stories that can be shared across the industry.',
      'Australia described a collection of sanitised accounts of past insider cases that circulates among its facilities.',
    ],
    near: [
      'Insider incidents should be reported to the regulator within a defined number of days.',
      'After an incident, the investigation should look at organisational causes and not only at the individual.',
    ],
  },
  {
    id: 'q27-it-staff-vetting',
    query: 'should network admins go through the same vetting as control room operators',
    needles: [
      'Information technology staff who administer plant networks should be vetted to the same depth as reactor operators.',
      'Regulators are encouraged to include network technicians in the trustworthiness programme, since they can cause as much harm as control room staff.',
      'Ukraine reported extending full background checks to the specialists who manage industrial control networks.',
    ],
    near: [
      'Cyber-security staff should receive insider threat awareness training specific to digital systems.',
      'Outsourced information technology providers should be bound by contract to the facility’s security requirements.',
    ],
  },
  {
    id: 'q28-closure-layoffs',
    query: 'elevated insider risk when a plant is closing and people lose jobs',
    needles: [
      'During decommissioning or workforce reductions, managers should watch for disgruntlement and step up support and monitoring.',
      'It is good practice to treat plant closure and layoffs as periods of raised insider risk, with extra communication and attention to morale.',
      'Germany described how staff at shutting plants received regular briefings and counselling to reduce resentment during the phase-out.',
    ],
    near: [
      'Knowledge of retiring experts should be captured before they leave, so that security knowledge is not lost.',
      'Security staffing levels should not be reduced faster than the removal of nuclear material from the site.',
    ],
  },
  {
    id: 'q29-vault-two-person',
    query: 'never letting a single person into the vault alone',
    needles: [
      'No one should be allowed to enter a material storage vault alone; at least two authorised persons must be present at all times.',
      'It is good practice to configure vault doors so that they open only when two separate authorised badges are presented.',
      'Chile presented a two-person requirement for every entry into rooms holding nuclear material, enforced by the door system itself.',
    ],
    near: [
      'Vault contents should be checked against the records after every entry.',
      'Vault doors should raise an alarm if they stay open longer than the planned task.',
    ],
  },
  {
    id: 'q30-supervisor-warning-signs',
    query: 'teaching managers to notice warning signs in their staff',
    needles: [
      'Supervisors should be trained to recognise early signs of disaffection, such as sudden changes in attendance, mood or work quality.',
      'Line managers must learn to notice shifts in an employee’s behaviour that may signal growing risk, and know whom to tell.',
      'Georgia described a course that teaches team leaders to spot warning signs like unexplained absences and hostile remarks.',
    ],
    near: [
      'Behavioural observation programmes should cover contractors as well as employees.',
      'Concerns raised through behavioural observation should be assessed by a multidisciplinary panel.',
    ],
  },
  {
    id: 'q31-design-stage-insider',
    query: 'security by design against insiders for new builds',
    needles: [
      'Insider scenarios should be considered at the design stage of new facilities, when barriers and room layouts are still cheap to change.',
      'It is good practice to involve security specialists in early plant design so that protection against insiders is built in rather than added later.',
      'The Republic of Korea presented how its newest reactor design placed vital equipment so that no single worker passes it on a normal route.',
    ],
    near: [
      'Security requirements should be included in the specifications sent to equipment suppliers.',
      'Modifications to existing buildings should be reviewed by the security department before work starts.',
    ],
  },
  {
    id: 'q32-video-review-maintenance',
    query: 'independent review of video of maintenance work in vital rooms',
    needles: [
      'Tasks performed in vital areas should be recorded on video, and a sample of the recordings reviewed by someone outside the work team.',
      'Operators are encouraged to spot-check recordings of maintenance work in sensitive rooms, using reviewers who did not take part.',
      'Norway described random independent review of camera footage from maintenance activity near safety equipment.',
    ],
    near: [
      'Cameras in sensitive areas should be protected against tampering and their outages alarmed.',
      'Video recordings should be kept long enough to support an investigation.',
    ],
  },
  {
    id: 'q33-random-substance-testing',
    query: 'unannounced substance testing of operators and guards',
    needles: [
      'Staff in safety and security critical roles should be tested for drugs and alcohol at random, not only before hiring.',
      'It is good practice to carry out unannounced substance tests on people who operate or guard the plant.',
      'The United States described random screening for alcohol and illegal drugs among workers covered by its reliability programme.',
    ],
    near: [
      'Staff should be encouraged to tell their supervisor when medication may affect their alertness.',
      'Alcohol should be banned on site, including at events held on the premises.',
    ],
  },
  {
    id: 'q34-outcome-inspections',
    query: 'inspecting whether insider measures work in reality, not just on paper',
    needles: [
      'Inspectors should evaluate whether a licensee’s insider measures actually work in practice, rather than only checking that documents exist.',
      'Regulators are encouraged to judge insider programmes by their results in exercises and interviews, instead of by paperwork alone.',
      'Finland described inspections that interview staff on the floor to test whether insider rules are understood and applied.',
    ],
    near: [
      'Regulators should publish guidance that explains what they expect of an insider threat programme.',
      'The regulator should meet licensees regularly to discuss new insider concerns.',
    ],
  },
  {
    id: 'q35-personal-phones-ban',
    query: 'keeping personal smartphones out of control rooms',
    needles: [
      'Personal mobile phones and smart watches should be left in lockers before staff enter vital areas or control rooms.',
      'It is good practice to forbid private electronic devices with cameras inside the most sensitive parts of the plant.',
      'Malaysia presented a rule under which workers deposit their own phones at the entrance to the control building.',
    ],
    near: [
      'Company laptops should have their cameras and microphones disabled when used in secure areas.',
      'Photography inside the protected area should require written permission.',
    ],
  },
  {
    id: 'q36-interactive-training',
    query: 'engaging awareness training with scenarios and role play instead of slide decks',
    needles: [
      'Trainers should replace lecture-style insider briefings with interactive scenarios in which participants decide how to respond.',
      'Awareness sessions work better when they use short dramatised films and dilemmas than when they rely on slides about rules.',
      'Slovenia described role-play exercises where staff practise reacting to a colleague who asks them to bend a security rule.',
    ],
    near: [
      'Training records should show which staff have completed annual insider threat training.',
      'New managers should receive insider threat training before taking up their post.',
    ],
  },
  {
    id: 'q37-key-accountability',
    query: 'what to do about lost keys and daily key accountability',
    needles: [
      'Mechanical keys to security areas should be issued from a controlled cabinet, signed back in at shift end, and locks changed when a key is lost.',
      'It is good practice to account for every physical key daily and to replace the cylinder whenever one goes missing.',
      'Kazakhstan described an audit of all master keys every shift, with immediate lock replacement after any unexplained loss.',
    ],
    near: [
      'Combination codes should be changed when a person who knew them leaves the team.',
      'Spare keys should be held off site under the control of the security manager.',
    ],
  },
  {
    id: 'q38-external-peer-review',
    query: 'external expert missions assessing a country’s insider protections',
    needles: [
      'States should invite international peer reviews that look specifically at how their facilities handle insider threats.',
      'Hosting an external review team to examine insider measures is a step that several subscribing states have found useful.',
      'Morocco reported that an IAEA advisory mission reviewed its insider threat arrangements and offered recommendations.',
    ],
    near: [
      'States should share the results of peer reviews with other INFCIRC/908 subscribers where security allows.',
      'Training courses offered by the IAEA should be used to build national insider threat expertise.',
    ],
  },
  {
    id: 'q39-coercion-reporting',
    query: 'what staff should do if criminals threaten them or their relatives to force cooperation',
    needles: [
      'Employees should be told how to report attempts by outsiders to pressure or blackmail them, and assured that they will be protected if they do.',
      'It is good practice to prepare staff for the possibility of coercion through threats to their families and to give them a safe reporting route.',
      'Ukraine described guidance encouraging workers who are threatened or intimidated by criminal groups to come forward immediately.',
    ],
    near: [
      'Staff should be warned that adversaries may approach them online posing as recruiters.',
      'Security departments should maintain contact with police to assess threats against staff.',
    ],
  },
  {
    id: 'q40-prepublication-review',
    query: 'security review of staff presentations and articles before they go public',
    needles: [
      'Papers and presentations by staff should be reviewed by the security office before publication so that they reveal nothing about protection arrangements.',
      'It is good practice to screen conference slides and journal articles written by employees for sensitive details of the site.',
      'Spain described a clearance step in which every external talk given by facility personnel is checked for security information.',
    ],
    near: [
      'Public websites of operators should not show detailed maps of the site.',
      'Job advertisements should not reveal details of security systems.',
    ],
  },
];
