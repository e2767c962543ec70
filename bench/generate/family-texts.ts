/**
 * The practice families of the relatedness measurement (bench/relatedness.ts), written by hand. A family is one
 * practice (`query`) with three paraphrases (the same prescription in other words and another framing: grade 2),
 * two related practices (they name a topic or insider attribute the query names, but prescribe something else:
 * grade 1) and one unrelated practice (the framing of the query, another subject: grade 0).
 *
 * Rules the sentences keep (checked by test/bench/generate.test.ts): one sentence each, at most 40 words, a
 * normative cue the extractor knows, no dotted abbreviations, no trend name or alias, and no sentence of
 * another pool; every related sentence shares a taxonomy topic or attribute with its query by the alias linker.
 */

export interface FamilyText {
  id: string;
  query: string;
  paraphrases: readonly [string, string, string];
  related: readonly [string, string];
  unrelated: string;
}

export const FAMILY_TEXTS: readonly FamilyText[] = [
  {
    id: 'f01-access-recertification',
    query:
      'Access authorisations should be reviewed every quarter, and any right that the current job no longer needs should be removed.',
    paraphrases: [
      'It is good practice to check all access authorisations four times a year and withdraw those that present duties no longer require.',
      'Licensees are encouraged to run a quarterly recertification of access rights, in which line managers confirm each entitlement or have it revoked.',
      'Participants agreed that operators must revisit every access authorisation on a three-monthly cycle and strip permissions that current tasks do not justify.',
    ],
    related: [
      'Access controls at the entrance to vital areas should combine a badge with a personal code, so that a lost badge alone opens no door.',
      'Keys that give physical access to storage rooms should be signed out from a register and counted at every shift change.',
    ],
    unrelated:
      'Licensees are encouraged to publish a short quarterly newsletter for all staff on the results of drills.',
  },
  {
    id: 'f02-security-moment',
    query:
      'Managers should open each team meeting with a short security moment on a recent observation or near miss, to keep security culture visible.',
    paraphrases: [
      'It is good practice to begin every team briefing with a few minutes on a real security near miss, so that security culture stays part of daily work.',
      'Supervisors are encouraged to start routine staff meetings with a brief security talk that reviews something recently observed on site.',
      'In the view of Canada, a two-minute discussion of a recent security event must open every shift meeting as a habit of security culture.',
    ],
    related: [
      'A security culture self-assessment should be carried out every three years with the help of an external facilitator.',
      'Senior managers should thank staff publicly when they point out a security weakness, as a sign of a healthy security culture.',
    ],
    unrelated: 'Managers should check before each outage that spare parts for the ventilation system are in stock.',
  },
  {
    id: 'f03-drawing-custody',
    query:
      'Drawings of security systems should be treated as sensitive information, with every copy numbered and locked in a cabinet at the end of each day.',
    paraphrases: [
      'It is good practice to number each copy of security system plans and lock them away every evening as sensitive information.',
      'Operators are encouraged to track every printed layout of alarm and barrier equipment and to return it to a secure cabinet overnight.',
      'Participants agreed that plans of protective equipment must carry a serial number and never be left outside a locked cabinet after working hours.',
    ],
    related: [
      'Emails that carry sensitive information should be encrypted and sent only to named recipients, never to distribution lists.',
      'Design documents of the alarm system should be split between teams, so that no single engineer holds complete insider knowledge of its weaknesses.',
    ],
    unrelated: 'It is good practice to store spare uniforms for visitors in a cabinet near the reception desk.',
  },
  {
    id: 'f04-privileged-account-expiry',
    query:
      'Privileged accounts on plant networks should expire automatically after a fixed period and be renewed only after a fresh justification, as part of computer security.',
    paraphrases: [
      'It is good practice for computer security that administrator rights lapse by default after a set time and are reissued only on a new, documented request.',
      'Operators are encouraged to give elevated network permissions a built-in end date, so that holders must argue again for them to continue.',
      'Finland stressed that superuser accounts on control networks must time out after a defined term unless their owner re-justifies the need.',
    ],
    related: [
      'Critical digital assets should be kept on networks that have no direct connection to the business network.',
      'Computer security staff should receive the same trustworthiness checks as those who hold physical access to vital areas.',
    ],
    unrelated: 'Operators are encouraged to renew the contracts of cleaning companies only after a fresh tender.',
  },
  {
    id: 'f05-observation-training',
    query:
      'Supervisors should be trained in behavioural observation, to recognise and report the signs that may precede an insider act, such as sudden changes in mood or conduct.',
    paraphrases: [
      'It is good practice to teach line supervisors which changes in a colleague’s behaviour can be early warnings of insider risk and how to report them.',
      'Operators are encouraged to give team leaders behavioural observation training on warning signs and on the route for passing concerns on.',
      'Participants agreed that first-line managers must learn to notice worrying shifts in attitude or conduct and to raise them through the proper channel.',
    ],
    related: [
      'Behavioural observation should never be used to judge private life choices that have no bearing on security.',
      'Records of behavioural observation reports should be reviewed by a panel that includes human resources and security staff.',
    ],
    unrelated: 'Supervisors should be trained to operate the fire doors of their building during an evacuation.',
  },
  {
    id: 'f06-inventory-two-person',
    query:
      'Under nuclear material accounting and control, physical inventory should always be taken by two people from different departments, neither of whom handles the material daily.',
    paraphrases: [
      'It is good practice for nuclear material accounting and control that stocktaking is done by a pair drawn from separate units, independent of routine handling.',
      'Operators are encouraged to assign inventory counts of nuclear material to a two-person team from different departments rather than to its custodians.',
      'Kazakhstan stressed that each nuclear material inventory must be verified jointly by two staff from separate departments who do not work with the items.',
    ],
    related: [
      'Nuclear material accounting and control records should be kept in a system that logs every change and who made it.',
      'Shipper and receiver differences in nuclear material accounting and control should be resolved within a fixed number of days.',
    ],
    unrelated: 'It is good practice that the annual staff party is organised by two people from different departments.',
  },
  {
    id: 'f07-transport-route-variation',
    query:
      'For transport security, routes and departure times of shipments should be varied from one transport to the next, so that no pattern can be learned from past movements.',
    paraphrases: [
      'It is good practice for transport security to change the itinerary and timing of each consignment so that earlier movements reveal nothing.',
      'Carriers are encouraged to alternate roads and schedules between convoys rather than repeat a predictable routine.',
      'Participants agreed that operators must choose the road and hour of each movement afresh, since transport security depends on being unpredictable.',
    ],
    related: [
      'Transport security plans should name who may change a route once a convoy has left the site.',
      'Vehicles used for transport security should carry tracking devices monitored from a control centre throughout the journey.',
    ],
    unrelated: 'Routes for the daily site bus should be varied in winter so that icy roads are avoided.',
  },
  {
    id: 'f08-performance-testing-insider',
    query:
      'Performance tests of security measures should include scenarios in which the adversary is an insider with authorised access, not only intruders from outside.',
    paraphrases: [
      'It is good practice to design performance testing around insiders who hold legitimate access as well as around external attackers.',
      'Operators are encouraged to check their protection by performance tests that assume a person already inside with valid access rights.',
      'In the view of Belgium, performance testing must cover the case of an employee misusing authorised access, not just break-ins by outsiders.',
    ],
    related: [
      'Results of performance testing should be reported to senior management together with the corrective actions planned.',
      'Performance tests should be unannounced to the staff being tested whenever safety allows.',
    ],
    unrelated: 'It is good practice to test the public address system every week, not only before an emergency drill.',
  },
  {
    id: 'f09-hrp-self-reporting',
    query:
      'Staff in a human reliability programme should be required to report their own use of prescribed medication that may impair judgement.',
    paraphrases: [
      'It is good practice that people covered by a human reliability program declare any prescribed drugs that could affect their judgement.',
      'Licensees are encouraged to oblige employees in reliability programmes to disclose medicines from their doctor that might dull their alertness.',
      'Participants agreed that members of the human reliability programme must tell the medical officer about prescriptions that could cloud their decisions.',
    ],
    related: [
      'Supervisors should confirm the fitness for duty of each worker at the start of every shift in vital areas.',
      'An employee assistance programme should be open to all members of a human reliability programme without affecting their status.',
    ],
    unrelated: 'Staff should be required to report their own change of home address to the personnel office.',
  },
  {
    id: 'f10-remote-vendor-sessions',
    query:
      'Remote access by vendors should be enabled only for a scheduled session, watched live by plant staff, and disconnected as soon as the work ends.',
    paraphrases: [
      'It is good practice that remote connections for suppliers are opened only for a planned window, observed in real time, and closed when the job is done.',
      'Operators are encouraged to allow remote computer access by contractors only during a booked slot under live supervision, cutting the link afterwards.',
      'Germany stressed that a vendor’s remote access must be switched on per session, monitored by the operator throughout and switched off right after.',
    ],
    related: [
      'Remote access to plant networks should require two-factor authentication with a token issued by the operator.',
      'A list of everyone who holds remote access should be kept and compared with the staff list every month.',
    ],
    unrelated: 'Vendors should deliver spare parts only during a scheduled window agreed with the warehouse.',
  },
  {
    id: 'f11-graded-approach-review',
    query:
      'The graded approach should be revisited whenever the inventory of a facility changes, so that protection keeps pace with the material held.',
    paraphrases: [
      'It is good practice to reconsider the graded approach each time the amount or type of material on site changes.',
      'Regulators are encouraged to ask licensees to redo their graded approach when their holdings of material grow or change in kind.',
      'Participants agreed that operators must take a fresh look at their graded approach whenever what a facility stores changes.',
    ],
    related: [
      'A risk-informed approach should be used to decide which staff positions need the most thorough vetting.',
      'The graded approach should be explained to staff so that they understand why some areas have stricter rules.',
    ],
    unrelated: 'It is good practice to revisit the canteen menu whenever the number of staff on site changes.',
  },
  {
    id: 'f12-management-walkdowns',
    query:
      'Senior management should walk the site regularly to talk with staff about security, showing management commitment in person.',
    paraphrases: [
      'It is good practice that senior managers tour the plant often and discuss security with the workforce face to face.',
      'Executives are encouraged to visit work areas on a regular schedule to hear staff views on security, demonstrating management support.',
      'In the view of Romania, leaders must be seen on the shop floor asking workers about security, as the clearest sign of management commitment.',
    ],
    related: [
      'Senior management should receive a short insider risk briefing before approving the annual security budget.',
      'Management commitment to security should be stated in a policy signed by the head of the organisation.',
    ],
    unrelated:
      'It is good practice that maintenance crews walk the site regularly to check the condition of fences for storm damage.',
  },
  {
    id: 'f13-awareness-refresher',
    query:
      'Insider threat awareness training should be refreshed every year with new case studies, so that staff do not hear the same course twice.',
    paraphrases: [
      'It is good practice to renew annual awareness training on insiders with fresh examples, rather than repeating last year’s material.',
      'Training coordinators are encouraged to rewrite the yearly insider awareness course around recent cases to keep it from going stale.',
      'Participants agreed that the annual refresher on insider threats must be rebuilt with new scenarios each time it is delivered.',
    ],
    related: [
      'Training and awareness on insider threats should be given to contractors before they receive a badge.',
      'The effect of training and awareness courses should be checked by asking staff a few questions some weeks later.',
    ],
    unrelated:
      'The menu of the staff canteen should be refreshed every season with new dishes, so that people do not tire of it.',
  },
  {
    id: 'f14-vital-area-two-person',
    query:
      'Entry to vital areas should follow the two-person rule, so that no one is ever alone with the equipment or material inside.',
    paraphrases: [
      'It is good practice that vital areas are entered only in pairs, so that nobody works unobserved near critical equipment.',
      'Operators are encouraged to forbid lone work in vital areas and to require a second authorised person for every entry.',
      'Morocco stressed that people must never be alone inside vital areas, applying the two-person rule to every visit.',
    ],
    related: [
      'Doors to vital areas should raise an alarm at the central station when held open for more than a minute.',
      'The list of people authorised to enter vital areas should be kept as short as operations allow.',
    ],
    unrelated: 'It is good practice that staff never walk alone to the car park after a late shift in winter.',
  },
  {
    id: 'f15-incident-sharing-anonymised',
    query:
      'As part of information sharing, operators should pass anonymised accounts of insider incidents to other members, so that lessons spread without exposing the people involved.',
    paraphrases: [
      'It is good practice for information sharing to circulate de-identified case reports of insider events among peer organisations.',
      'Licensees are encouraged to pass on stripped-down stories of insider incidents to other operators, removing names and identifying details.',
      'Participants agreed that lessons from insider cases must travel between members in anonymous form, protecting the individuals concerned.',
    ],
    related: [
      'Information sharing between operators should use a common template, so that reports from different sites can be compared.',
      'Regulators should host a yearly forum where operators present their best practices on insider threat mitigation.',
    ],
    unrelated:
      'Operators should share a calendar of planned outages with local authorities so that traffic can be managed.',
  },
  {
    id: 'f16-insider-programme-metrics',
    query:
      'Security managers should judge an insider threat programme by a small set of indicators, such as the time taken to revoke access after departures.',
    paraphrases: [
      'It is good practice to measure the insider threat programme with a few indicators, for instance how quickly access is withdrawn when people leave.',
      'Security managers are encouraged to track the insider threat programme through a handful of figures, including the delay in cancelling leavers’ access.',
      'Participants agreed that operators must show the success of an insider threat programme through metrics like the hours between a departure and access removal.',
    ],
    related: [
      'The insider threat programme should have a named owner at board level and a budget of its own.',
      'Every insider threat programme should include a procedure for responding to a suspected insider without alerting them.',
    ],
    unrelated: 'The staff canteen should be judged by a small set of indicators, such as the waiting time at lunch.',
  },
];
