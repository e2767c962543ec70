/**
 * Writes a new entry into corpus/taxonomy.yaml for an analyst to review (`iwg themes promote`): the YAML is edited
 * as a document (the `yaml` package's Document API), so its comments, key order and flow lists stay as they were,
 * and the result must still parse as a taxonomy (./taxonomy.ts) before it is returned.
 */
import { isSeq, parseDocument, YAMLSeq } from 'yaml';
import { parseTaxonomy } from './taxonomy.js';

export interface NewTaxonomyEntry {
  id: string;
  name: string;
  aliases: string[];
  description: string;
  /** A comment written above the entry (one line), e.g. where it came from and that it awaits review. */
  note?: string;
}

/**
 * `yamlText` with `entry` appended to `section` (e.g. `trends`); throws when the id is taken or the edited
 * taxonomy would not parse (the message lists every problem).
 */
export function addTaxonomyEntry(yamlText: string, section: string, entry: NewTaxonomyEntry, file?: string): string {
  const doc = parseDocument(yamlText);
  const before = parseTaxonomy(yamlText, file);
  if (before.entities.some((e) => e.id === entry.id)) throw new Error(`${entry.id} is already in the taxonomy`);
  const list = doc.get(section);
  if (!isSeq(list)) throw new Error(`taxonomy has no list named ${section}`);
  const node = doc.createNode({
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases,
    description: entry.description,
  });
  // Aliases as a flow list, the way most entries write them.
  const aliases = node.get('aliases', true);
  if (aliases instanceof YAMLSeq) aliases.flow = true;
  if (entry.note) node.commentBefore = ` ${entry.note.replace(/\n/g, ' ')}`;
  (list as YAMLSeq).add(node);
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  parseTaxonomy(out, file);
  return out;
}
