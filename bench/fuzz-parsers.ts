/**
 * Parser fuzzing: seeded mutations (bench/fuzz/mutate.ts) of the bundled documents, the test fixtures and generated
 * documents, ≥ 2,000 per format, through ingest's own parse path (the parse worker pool, then chunkText). Reports
 * crashes (errors the parsers did not type), hangs (the 5 s deadline), refusals by code, and peak RSS; writes
 * bench/fuzz.md. Deterministic for a seed; not part of `npm test` (it takes a while):
 *
 *   nice -n 10 npx tsx bench/fuzz-parsers.ts --per-format 2000 --seed 908
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { chunkText } from '../ingest/chunk.js';
import { takePeakRssMb } from './env.js';
import { isIngestError } from '../ingest/errors.js';
import { detectFormat } from '../ingest/parse.js';
import { createParsePool, type DocumentParser } from '../ingest/parse-pool.js';
import { parseTaxonomy } from '../ingest/taxonomy.js';
import { PROJECT_ROOT } from '../src/config.js';
import { mutateInput, type FuzzFormat, type FuzzInput } from './fuzz/mutate.js';
import { composeDocument, FORMATS } from './generate/document.js';
import { randomFor } from './generate/random.js';
import { renderDocument } from './generate/render.js';
import { buildVocabulary } from './generate/vocabulary.js';

export const FUZZ_FORMATS: FuzzFormat[] = ['html', 'pdf', 'txt', 'md'];

/** What became of the inputs of one format. */
export interface FuzzTally {
  inputs: number;
  parsed: number;
  refused: Record<string, number>;
  crashes: { name: string; mutation: string; error: string }[];
  hangs: { name: string; mutation: string; bytes: number }[];
  /** Slowest parse (worker, deadline included) and slowest chunkText (the caller's thread), in ms. */
  slowestMs: number;
  slowestChunkMs: number;
  /** Inputs over 1 s in the worker or 100 ms in chunkText, with both times. */
  slow: { name: string; mutation: string; bytes: number; parseMs: number; chunkMs: number }[];
}

/** Runs inputs through `parser` and chunkText, one at a time; a hang is a refusal for the time limit. */
export async function runFuzz(
  inputs: Iterable<FuzzInput>,
  parser: DocumentParser,
  onProgress?: (done: number) => void,
): Promise<Record<string, FuzzTally>> {
  const tallies: Record<string, FuzzTally> = {};
  let done = 0;
  for (const input of inputs) {
    if (++done % 200 === 0) onProgress?.(done);
    const t = (tallies[input.format] ??= {
      inputs: 0,
      parsed: 0,
      refused: {},
      crashes: [],
      hangs: [],
      slowestMs: 0,
      slowestChunkMs: 0,
      slow: [],
    });
    t.inputs++;
    const path = `${input.name}.${input.format}`;
    const t0 = Date.now();
    let parseMs = 0;
    let chunkMs = 0;
    try {
      const doc = await parser.parse(input.bytes, { id: input.name, format: detectFormat(path), path });
      parseMs = Date.now() - t0;
      chunkText(doc);
      chunkMs = Date.now() - t0 - parseMs;
      t.parsed++;
    } catch (err) {
      const untyped = !isIngestError(err) || err.code === 'UNREADABLE';
      if (untyped) t.crashes.push({ name: input.name, mutation: input.mutation, error: String(err) });
      else if (err.code === 'PARSE_LIMIT' && /time limit/.test(err.message))
        t.hangs.push({ name: input.name, mutation: input.mutation, bytes: input.bytes.length });
      else t.refused[err.code] = (t.refused[err.code] ?? 0) + 1;
      parseMs ||= Date.now() - t0;
    }
    t.slowestMs = Math.max(t.slowestMs, parseMs);
    t.slowestChunkMs = Math.max(t.slowestChunkMs, chunkMs);
    if (parseMs > 1000 || chunkMs > 100)
      t.slow.push({ name: input.name, mutation: input.mutation, bytes: input.bytes.length, parseMs, chunkMs });
  }
  return tallies;
}

/** The documents mutations start from, per format: bundled corpus, test fixtures, 40 generated documents. */
async function collectBases(seed: number): Promise<Record<FuzzFormat, { name: string; bytes: Uint8Array }[]>> {
  const bases: Record<FuzzFormat, { name: string; bytes: Uint8Array }[]> = { html: [], pdf: [], txt: [], md: [] };
  for (const dir of [
    'corpus/documents',
    'test/fixtures/html',
    'test/fixtures/pdf',
    'test/fixtures/txt',
    'test/fixtures/trends',
  ]) {
    for (const file of (await readdir(join(PROJECT_ROOT, dir))).sort()) {
      const ext = file.split('.').pop() as FuzzFormat;
      if (ext in bases) bases[ext].push({ name: file, bytes: await readFile(join(PROJECT_ROOT, dir, file)) });
    }
  }
  const taxonomyPath = join(PROJECT_ROOT, 'corpus/taxonomy.yaml');
  const vocabulary = buildVocabulary(parseTaxonomy(await readFile(taxonomyPath, 'utf8'), taxonomyPath));
  for (let i = 0; i < 40; i++) {
    const doc = composeDocument(seed, i, vocabulary, []);
    const ext = FORMATS[doc.format].ext as FuzzFormat;
    bases[ext].push({ name: `generated-${i}`, bytes: await renderDocument(doc) });
  }
  return bases;
}

function* generateInputs(
  bases: Record<FuzzFormat, { name: string; bytes: Uint8Array }[]>,
  perFormat: number,
  seed: number,
): Generator<FuzzInput> {
  for (let i = 0; i < perFormat; i++) {
    for (const format of FUZZ_FORMATS)
      yield mutateInput(format, i, bases[format], randomFor(seed, `fuzz-${format}`, i));
  }
}

/** The inputs named in `names` (format-index, e.g. html-572), one at a time (the others are never held). */
function* keepOnly(inputs: Iterable<FuzzInput>, names: Set<string>): Generator<FuzzInput> {
  for (const x of inputs) if (names.has(x.name.split('-').slice(0, 2).join('-'))) yield x;
}

/** The report, as Markdown. */
export function renderFuzzReport(
  tallies: Record<string, FuzzTally>,
  run: { seed: number; perFormat: number; timeoutMs: number; peakRssMb: number; strayErrors: number; minutes: number },
): string {
  const rows = FUZZ_FORMATS.filter((f) => tallies[f]).map((f) => {
    const t = tallies[f];
    const refused =
      Object.entries(t.refused)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || '–';
    const cells = [t.inputs, t.parsed, refused, t.crashes.length, t.hangs.length, t.slowestMs, t.slowestChunkMs];
    return `| ${f} | ${cells.join(' | ')} |`;
  });
  const details = FUZZ_FORMATS.flatMap((f) => [
    ...(tallies[f]?.crashes ?? []).map((c) => `- crash: ${c.name} (${c.mutation}): ${c.error}`),
    ...(tallies[f]?.hangs ?? []).map((h) => `- hang: ${h.name} (${h.mutation}), ${h.bytes} bytes`),
  ]);
  const slow = FUZZ_FORMATS.flatMap((f) =>
    (tallies[f]?.slow ?? []).map(
      (x) => `- ${x.name} (${x.mutation}), ${x.bytes} bytes: parse ${x.parseMs} ms, chunkText ${x.chunkMs} ms`,
    ),
  );
  return [
    '# Parser fuzzing',
    '',
    `Seed ${run.seed}, ${run.perFormat} inputs per format: seeded mutations (\`bench/fuzz/mutate.ts\`) of the bundled`,
    'documents, the test fixtures and 40 generated documents, parsed by the parse worker pool as ingest parses them',
    `(deadline ${run.timeoutMs} ms, then \`chunkText\`). A crash is an error the parsers did not type (any error but an`,
    'IngestError, or UNREADABLE wrapping an exception); a hang is a refusal at the deadline. Re-run with',
    '`nice -n 10 npx tsx bench/fuzz-parsers.ts`.',
    '',
    `| format | inputs | parsed | refused (typed) | crashes | hangs > ${run.timeoutMs / 1000} s | slowest parse ms | slowest chunkText ms |`,
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Peak RSS of the process (the worker included): ${run.peakRssMb} MB. Stray parser errors contained in the worker:`,
    `${run.strayErrors}. Run time: ${run.minutes} min on 2 cores shared with other work.`,
    '',
    ...(details.length > 0 ? ['## Crashes and hangs', '', ...details, ''] : []),
    ...(slow.length > 0 ? ['## Slow inputs (parse over 1 s or chunkText over 100 ms)', '', ...slow, ''] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const o = new Command()
    .option('--per-format <n>', 'inputs per format', '2000')
    .option('--seed <n>', 'seed', '908')
    .option('--timeout <ms>', 'parse deadline', '5000')
    .option('--out <file>', 'report', join(PROJECT_ROOT, 'bench/fuzz.md'))
    .option('--only <names>', 'comma-separated input names (e.g. html-572): re-run only those')
    .parse()
    .opts<{ perFormat: string; seed: string; timeout: string; out: string; only?: string }>();
  const only = o.only ? new Set(o.only.split(',').map((n) => n.trim())) : null;
  const [seed, perFormat, timeoutMs] = [Number(o.seed), Number(o.perFormat), Number(o.timeout)];
  let strayErrors = 0;
  const parser = createParsePool({ timeoutMs, onStrayError: () => strayErrors++ });
  // The worker's start-up is not a parse: it starts before the first input.
  await parser.parse(new TextEncoder().encode('Warm-up.'), { id: 'warm-up', format: 'text' });
  const t0 = Date.now();
  const progress = (done: number) =>
    process.stderr.write(
      `${done} inputs, ${Math.round((Date.now() - t0) / 1000)} s, rss ${process.memoryUsage().rss >> 20} MB\n`,
    );
  const all = generateInputs(await collectBases(seed), perFormat, seed);
  const inputs = only ? keepOnly(all, only) : all;
  const tallies = await runFuzz(inputs, parser, progress);
  await parser.close();
  const peakRssMb = takePeakRssMb('self') ?? Math.round(process.resourceUsage().maxRSS / 1024);
  const minutes = Math.round((Date.now() - t0) / 6000) / 10;
  const report = renderFuzzReport(tallies, { seed, perFormat, timeoutMs, peakRssMb, strayErrors, minutes });
  await writeFile(o.out, report);
  process.stdout.write(report);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
