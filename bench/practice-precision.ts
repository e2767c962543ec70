/**
 * Precision and recall of practice extraction (ingest/practices.ts) on the labelled sentences of
 * test/fixtures/practices/labelled-sentences.yaml: each labelled document (a corpus/ file, or a document of the
 * seeded generator rendered in memory) is parsed, chunked, linked and extracted as ingest does, and every labelled
 * sentence is predicted a practice when an extracted quote overlaps it. A quote in a labelled document that
 * overlaps no labelled sentence counts as a false positive too, so precision cannot hide behind the sample.
 * Generated documents are rendered as they were labelled: without the relatedness families
 * (bench/generate/families.ts), whose planted practices no labelled sentence covers.
 *
 *   npx tsx bench/practice-precision.ts
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { chunkText } from '../ingest/chunk.js';
import { linkAliases } from '../ingest/link.js';
import { detectFormat, parseFile } from '../ingest/parse.js';
import { extractPractices } from '../ingest/practices.js';
import { documentSentences } from '../ingest/relations.js';
import { parseTaxonomy, type Taxonomy } from '../ingest/taxonomy.js';
import { composeDocument, identifyDocument } from './generate/document.js';
import { planQueries } from './generate/queries.js';
import { renderDocument } from './generate/render.js';
import { buildVocabulary } from './generate/vocabulary.js';

const ROOT = new URL('../', import.meta.url);
export const LABELLED_SENTENCES = new URL('test/fixtures/practices/labelled-sentences.yaml', ROOT);
export const FORMATS = ['html', 'pdf', 'txt', 'md'] as const;

const LabelledSentence = z.strictObject({
  source: z.string().regex(/^(?:corpus\/documents\/.+|generator:\d+\/\d+:docs\/.+)$/),
  format: z.enum(FORMATS),
  split: z.enum(['dev', 'held-out']),
  kind: z.string().min(1),
  label: z.enum(['practice', 'not']),
  why: z.string().optional(),
  text: z.string().min(1),
});
const LabelledSet = z.strictObject({ sentences: z.array(LabelledSentence).min(1) });
export type LabelledSentence = z.infer<typeof LabelledSentence>;

/** One scored unit: a labelled sentence, or an extracted quote no labelled sentence covers (label `not`). */
export interface Outcome {
  source: string;
  format: LabelledSentence['format'];
  split: LabelledSentence['split'];
  label: LabelledSentence['label'];
  predicted: boolean;
  text: string;
}

/** Reads and validates the labelled set. */
export async function loadLabelledSentences(url: URL = LABELLED_SENTENCES): Promise<LabelledSentence[]> {
  return LabelledSet.parse(parse(await readFile(url, 'utf8'))).sentences;
}

/** Extracts practices from every labelled document and scores each labelled sentence; throws on a missing one. */
export async function scoreLabelledSentences(labelled: LabelledSentence[]): Promise<Outcome[]> {
  const taxonomy = parseTaxonomy(await readFile(new URL('corpus/taxonomy.yaml', ROOT), 'utf8'));
  const outcomes: Outcome[] = [];
  for (const source of [...new Set(labelled.map((l) => l.source))]) {
    const mine = labelled.filter((l) => l.source === source);
    outcomes.push(...(await scoreDocument(source, mine, taxonomy)));
  }
  return outcomes;
}

async function scoreDocument(source: string, labelled: LabelledSentence[], taxonomy: Taxonomy): Promise<Outcome[]> {
  const { path, bytes } = await documentBytes(source, taxonomy);
  const parsed = await parseFile(bytes, { id: path, path, format: detectFormat(path) });
  const passages = chunkText(parsed);
  const mentions = linkAliases(passages, taxonomy);
  const quotes = extractPractices(parsed.text, passages, mentions, taxonomy, parsed.blocks);
  const sentences = documentSentences(parsed.text, passages, mentions, taxonomy).map((e) => e.sentence);
  const { format, split } = labelled[0];
  const covered = new Set<number>();
  const outcomes = labelled.map((l): Outcome => {
    const found = sentences.find((s) => normalise(s.text) === normalise(l.text));
    if (!found) throw new Error(`${source}: labelled sentence not in the parsed document: ${l.text}`);
    const hits = quotes.filter((q) => q.start < found.end && found.start < q.end);
    for (const q of hits) covered.add(q.start);
    return { source, format: l.format, split: l.split, label: l.label, predicted: hits.length > 0, text: l.text };
  });
  for (const q of quotes.filter((x) => !covered.has(x.start)))
    outcomes.push({ source, format, split, label: 'not', predicted: true, text: normalise(q.text) });
  return outcomes;
}

/** A generated corpus's plan, document indexes by path and vocabulary: the same for each of its documents. */
const corpora = new Map<
  string,
  { plan: ReturnType<typeof planQueries>; indexOf: Map<string, number>; vocabulary: ReturnType<typeof buildVocabulary> }
>();

function generatedCorpus(seed: number, documents: number, taxonomy: Taxonomy) {
  const key = `${seed}/${documents}`;
  let corpus = corpora.get(key);
  if (!corpus) {
    const indexOf = new Map(Array.from({ length: documents }, (_, i) => [identifyDocument(seed, i).path, i]));
    corpus = { plan: planQueries(seed, documents), indexOf, vocabulary: buildVocabulary(taxonomy) };
    corpora.set(key, corpus);
  }
  return corpus;
}

async function documentBytes(source: string, taxonomy: Taxonomy): Promise<{ path: string; bytes: Uint8Array }> {
  const generated = /^generator:(\d+)\/(\d+):(.+)$/.exec(source);
  if (!generated) return { path: source, bytes: new Uint8Array(await readFile(new URL(source, ROOT))) };
  const [seed, documents, path] = [Number(generated[1]), Number(generated[2]), generated[3]];
  const corpus = generatedCorpus(seed, documents, taxonomy);
  const index = corpus.indexOf.get(path);
  if (index === undefined) throw new Error(`${source}: no such generated document`);
  const placements = corpus.plan.placements.get(index) ?? [];
  const doc = composeDocument(seed, index, corpus.vocabulary, placements);
  return { path, bytes: await renderDocument(doc) };
}

/** Precision, recall and counts of a set of outcomes (NaN when undefined). */
export function measure(outcomes: Outcome[]): {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  n: number;
} {
  const tp = outcomes.filter((o) => o.predicted && o.label === 'practice').length;
  const fp = outcomes.filter((o) => o.predicted && o.label === 'not').length;
  const fn = outcomes.filter((o) => !o.predicted && o.label === 'practice').length;
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), tp, fp, fn, n: outcomes.length };
}

/** A Markdown table of precision and recall by split (all, dev, held-out) and format. */
export function renderTable(outcomes: Outcome[]): string {
  const rows = [
    '| split | format | sentences | TP | FP | FN | precision | recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const split of ['all', 'dev', 'held-out'] as const) {
    const inSplit = outcomes.filter((o) => split === 'all' || o.split === split);
    for (const format of ['all', ...FORMATS] as const) {
      const m = measure(inSplit.filter((o) => format === 'all' || o.format === format));
      rows.push(
        `| ${split} | ${format} | ${m.n} | ${m.tp} | ${m.fp} | ${m.fn} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} |`,
      );
    }
  }
  return rows.join('\n');
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

async function main(): Promise<void> {
  const outcomes = await scoreLabelledSentences(await loadLabelledSentences());
  console.log(renderTable(outcomes));
  const wrong = outcomes.filter((o) => o.predicted !== (o.label === 'practice'));
  for (const o of wrong) console.log(`${o.predicted ? 'FP' : 'FN'} ${o.split} ${o.format} ${o.text}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
