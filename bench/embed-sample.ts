/** The texts of the embedding benchmarks: a generated corpus's passages as the pipeline cuts them, and sentences. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { splitSentences } from '../ingest/sentences.js';
import { sampleUnits } from './measure.js';

/** The sample: the first `passages` passages of the corpus's documents, and up to `sentences` of their sentences. */
export async function sampleTexts(corpus: string, passages: number, sentences: number) {
  const files = (await readdir(join(corpus, 'docs'), { recursive: true }))
    .filter((f) => /\.(md|txt|html|pdf)$/.test(f))
    .sort()
    .slice(0, 60)
    .map((f) => join('docs', f));
  const p = (await sampleUnits(corpus, files)).passages.slice(0, passages);
  const s = p.flatMap((t) => splitSentences(t).map((x) => x.text)).slice(0, sentences);
  return { passages: p, sentences: [...new Set(s)] };
}
