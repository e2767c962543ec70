/**
 * A SYNTHETIC theme the taxonomy does not hold, planted rising so that theme discovery (GET /api/themes) has
 * something new to find: insiders in the supply chain of additively manufactured (3D-printed) spare parts, who
 * could alter a part's build file before it is printed. Plausible for nuclear insider-threat work, invented for
 * the benchmark; its sentences name no taxonomy entry (test/bench/generate.test.ts checks), so nothing in the
 * taxonomy explains them.
 */
import { FIRST_YEAR, LAST_YEAR } from './vocabulary.js';
import { randomFor } from './random.js';

export const PLANTED_THEMES = [
  {
    id: 'theme:additive-manufacturing',
    name: 'Insider tampering with additively manufactured spare parts',
    description:
      'Technicians or suppliers who could alter the build files of 3D-printed spare parts for safety systems.',
    phrases: ['build files', 'additively manufactured', 'spare parts', '3d-printed', 'print job'],
    templates: [
      '{country} reported that build files for additively manufactured spare parts had been altered by a technician before printing.',
      'Operators of {facilities} now print some spare parts on site, so a technician who edits the build files could plant a hidden flaw.',
      'A speaker from {org} warned that 3D-printed replacement components arrive with build files that few engineers ever review.',
      'Members discussed how to verify additively manufactured valve parts whose build files pass through several suppliers.',
      'The workshop at one of the {facilities} keeps a record of every print job so that tampered build files can be traced.',
      'Several delegations asked for signed build files before any additively manufactured part is fitted to a safety system.',
      'Delegates from {country} heard that a disgruntled technician could weaken a 3D-printed pump impeller by editing its build file.',
    ],
  },
] as const;

/** Share of a year's documents that carry the planted theme: none in the first year, half in the last. */
export function themeRate(year: number): number {
  return (0.5 * (year - FIRST_YEAR)) / (LAST_YEAR - FIRST_YEAR);
}

/**
 * The planted theme sentences of one document (templates still to be filled), drawn from their own stream so that
 * the rest of the document is what it was before themes were planted.
 */
export function plantedThemeTemplates(
  seed: number,
  index: number,
  year: number,
): { id: string; templates: string[] }[] {
  const r = randomFor(seed, 'planted-themes', index);
  const out: { id: string; templates: string[] }[] = [];
  for (const theme of PLANTED_THEMES) {
    if (!r.chance(themeRate(year))) continue;
    out.push({ id: theme.id, templates: r.shuffle(theme.templates).slice(0, 1 + r.int(2)) });
  }
  return out;
}
