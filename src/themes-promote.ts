/**
 * `iwg themes promote`: a discovered theme (GET /api/themes) becomes a draft trend of corpus/taxonomy.yaml for an
 * analyst to review — id, name and aliases from its key phrases, a description that says where it came from.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { addTaxonomyEntry, type NewTaxonomyEntry } from '../ingest/taxonomy-edit.js';
import type { ThemeAnswer } from '../queries/answers.js';
import { slug } from '../queries/themes.js';

type Theme = ThemeAnswer['themes'][number];

/** The theme `ref` names: its id, its label or one of its key phrases (any case); the error lists the choices. */
export function findTheme(answer: ThemeAnswer, ref: string): Theme {
  const want = ref.trim().toLowerCase();
  const found =
    answer.themes.find((t) => t.id.toLowerCase() === want) ??
    answer.themes.find((t) => t.label.toLowerCase() === want) ??
    answer.themes.find((t) => t.keyPhrases.some((k) => k.toLowerCase() === want));
  if (found) return found;
  const choices = answer.themes.map((t) => `  ${t.id}  (${t.label})`).join('\n');
  throw new Error(`no theme "${ref}" among the current themes:\n${choices || '  (none)'}`);
}

/** The draft trend entry of a theme: the reviewer rewrites the description in their own words. */
export function themeEntry(theme: Theme, periods: readonly string[], today: string): NewTaxonomyEntry {
  const first = periods[theme.counts.findIndex((c) => c > 0)] ?? periods[0];
  const [head, ...rest] = theme.keyPhrases;
  const name = head ? head[0].toUpperCase() + head.slice(1) : theme.label;
  const phrases = theme.keyPhrases.length > 1 ? `${rest.slice(0, 3).join(', ')} and ${head}` : head;
  return {
    id: `trend:${slug(head ?? theme.label)}`,
    name,
    aliases: theme.keyPhrases,
    description:
      `Draft from theme discovery: ${theme.total} sentences in ${theme.documents} documents since ${first} ` +
      `about ${phrases}. Rewrite in your own words before linking by meaning.`,
    note: `Promoted from ${theme.id} by \`iwg themes promote\` on ${today}: review the name, aliases and description.`,
  };
}

/** Appends the theme's draft entry to the trends of `taxonomyFile`; returns the entry written. */
export async function promoteTheme(
  answer: ThemeAnswer,
  ref: string,
  taxonomyFile: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<NewTaxonomyEntry> {
  const entry = themeEntry(findTheme(answer, ref), answer.periods, today);
  const text = await readFile(taxonomyFile, 'utf8');
  await writeFile(taxonomyFile, addTaxonomyEntry(text, 'trends', entry, taxonomyFile));
  return entry;
}
