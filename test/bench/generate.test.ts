import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus, type GroundTruth, type PracticeLabel } from '../../bench/generate.js';
import { FAMILY_MIN_DOCUMENTS, planFamilies } from '../../bench/generate/families.js';
import { FAMILY_TEXTS } from '../../bench/generate/family-texts.js';
import { HARD_NEGATIVES, HARD_PRACTICES } from '../../bench/generate/negatives.js';
import { NEEDLE_CONCEPTS } from '../../bench/generate/needles.js';
import { planQueries } from '../../bench/generate/queries.js';
import { PLANTED_THEMES } from '../../bench/generate/themes.js';
import {
  buildVocabulary,
  FILLER_TEMPLATES,
  MEETING_TEMPLATES,
  NORMATIVE_TEMPLATES,
  PAGE_TEMPLATES,
  PLANTED_TRENDS,
  PRACTICE_PHRASES,
  TREND_TEMPLATES,
} from '../../bench/generate/vocabulary.js';
import { chunkText } from '../../ingest/chunk.js';
import { aliasRegex, linkAliases } from '../../ingest/link.js';
import { parseManifest, type Manifest } from '../../ingest/manifest.js';
import { detectFormat, parseFile } from '../../ingest/parse.js';
import { normativeCue } from '../../ingest/practice-cues.js';
import { splitSentences } from '../../ingest/sentences.js';
import { parseTaxonomy, type Taxonomy } from '../../ingest/taxonomy.js';

const scratch: string[] = [];
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

async function generate(documents: number, seed?: number): Promise<{ dir: string; groundTruth: GroundTruth }> {
  const dir = await mkdtemp(join(tmpdir(), 'iwg-generate-'));
  scratch.push(dir);
  const { groundTruth } = await writeGeneratedCorpus(dir, { documents, seed });
  return { dir, groundTruth };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFiles(dir))
    hash
      .update(file)
      .update('\0')
      .update(await readFile(join(dir, file)));
  return hash.digest('hex');
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeGeneratedCorpus determinism', () => {
  it('when generated twice with one seed, then every file is byte-identical; another seed differs', async () => {
    const [a, b, c] = await Promise.all([generate(60, 908), generate(60, 908), generate(60, 909)]);
    const [ha, hb, hc] = await Promise.all([treeHash(a.dir), treeHash(b.dir), treeHash(c.dir)]);
    expect(ha).toBe(hb);
    expect(hc).not.toBe(ha);
    const pdfs = (await listFiles(a.dir)).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
  });

  it('when the options are bad or the directory is not empty, then the error names the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-generate-'));
    scratch.push(dir);
    await expect(writeGeneratedCorpus(dir, { documents: 2 })).rejects.toThrow(/--documents/);
    await expect(writeGeneratedCorpus(dir, { documents: 10, seed: -1 })).rejects.toThrow(/--seed/);
    await writeFile(join(dir, 'old.txt'), 'x');
    await expect(writeGeneratedCorpus(dir, { documents: 10 })).rejects.toThrow(/not empty/);
  });
});

describe('labels v2 keep the corpus of labels v1', () => {
  it('when the query plan is hashed, then every sentence lands in the document labels v1 planted it in', () => {
    const sut = planQueries(908, 100);
    const placed = [...sut.placements.entries()].sort((a, b) => a[0] - b[0]);
    const labelled = sut.queries.map((q) => [...q.relevant, ...q.distractors].map((r) => `${r.document}|${r.quote}`));
    // Hashes of the same values from the labels v1 generator (commit 678a160): placements and labelled documents.
    const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
    expect(sha(placed)).toBe('07e4d0c3764befa178e8668d7bd798cc629346c563393a57da51c22f21c45703');
    expect(sha(labelled)).toBe('81efa240460b4b1c999c0a550fbc17d3ba74e725c24c2001103864bb95f50907');
  });
});

describe('the needles and templates', () => {
  it('when needles are read, then each is one short sentence without dotted abbreviations, unique, unlike its query', () => {
    const quotes = NEEDLE_CONCEPTS.flatMap((c) => [...c.needles, ...c.near]);
    expect(NEEDLE_CONCEPTS).toHaveLength(40);
    expect(new Set(quotes).size).toBe(quotes.length);
    for (const quote of quotes) {
      expect(splitSentences(quote), quote).toHaveLength(1);
      expect(wordCount(quote), quote).toBeLessThanOrEqual(40);
      expect(quote, quote).not.toMatch(/\b\p{L}+\.\p{L}/u);
    }
    for (const concept of NEEDLE_CONCEPTS) expect(concept.needles).not.toContain(concept.query);
  });

  it('when any pool, template or needle is read, then it names no trend: trends appear only where planned', async () => {
    const taxonomy = parseTaxonomy(await readFile(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));
    const vocabulary = buildVocabulary(taxonomy);
    const trendAliases = taxonomy.entities
      .filter((e) => e.kind === 'trend')
      .flatMap((e) => [e.name, ...e.aliases].map((alias) => ({ alias, regex: aliasRegex(alias) })));
    const texts = [
      ...[vocabulary.countries, vocabulary.focusGroups, vocabulary.topics, vocabulary.organisations].flat(),
      ...[FILLER_TEMPLATES, MEETING_TEMPLATES, PAGE_TEMPLATES, TREND_TEMPLATES, NORMATIVE_TEMPLATES].flat(),
      ...PRACTICE_PHRASES,
      ...HARD_NEGATIVES.map((n) => n.template),
      ...HARD_PRACTICES,
      ...NEEDLE_CONCEPTS.flatMap((c) => [...c.needles, ...c.near]),
      ...familySentences(),
    ];
    for (const text of texts) {
      for (const { alias, regex } of trendAliases) expect(text.match(regex), `${text} names "${alias}"`).toBeNull();
    }
  });

  it('when filler templates are read, then none carries a normative cue, and every normative template does', () => {
    for (const t of [...FILLER_TEMPLATES, ...MEETING_TEMPLATES, ...PAGE_TEMPLATES, ...TREND_TEMPLATES]) {
      expect(normativeCue(t), t).toBeUndefined();
    }
    for (const t of NORMATIVE_TEMPLATES) expect(normativeCue(t.replace('{vp}', PRACTICE_PHRASES[0])), t).toBeDefined();
  });
});

function familySentences(): string[] {
  return FAMILY_TEXTS.flatMap((f) => [f.query, ...f.paraphrases, ...f.related, f.unrelated]);
}

/** The topics and attributes a sentence names by alias, with those the taxonomy relates them to (as ingest tags). */
function tagsOf(text: string, taxonomy: Taxonomy): Set<string> {
  const passage = { id: 'p', documentId: 'd', ordinal: 0, text, start: 0, end: text.length, page: null, heading: null };
  const ids = linkAliases([passage], taxonomy).flatMap((m) => [
    m.entityId,
    ...(taxonomy.related.get(m.entityId) ?? []),
  ]);
  return new Set(ids.filter((id) => /^(?:topic|attribute):/.test(id)));
}

describe('the practice families', () => {
  it('when family sentences are read, then each is one short practice sentence, unique, in no other pool', () => {
    const sentences = familySentences();
    expect(FAMILY_TEXTS).toHaveLength(16);
    expect(new Set(sentences).size).toBe(sentences.length);
    const others = new Set(NEEDLE_CONCEPTS.flatMap((c) => [...c.needles, ...c.near]));
    for (const text of sentences) {
      expect(splitSentences(text), text).toHaveLength(1);
      expect(wordCount(text), text).toBeLessThanOrEqual(40);
      expect(text, text).not.toMatch(/\b\p{L}+\.\p{L}/u);
      expect(normativeCue(text), text).toBeDefined();
      expect(others.has(text), text).toBe(false);
    }
  });

  it('when related practices are linked, then each shares a topic or insider attribute with its query practice', async () => {
    const taxonomy = parseTaxonomy(await readFile(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));
    for (const family of FAMILY_TEXTS) {
      const query = tagsOf(family.query, taxonomy);
      expect(query.size, family.query).toBeGreaterThan(0);
      for (const related of family.related)
        expect(
          [...tagsOf(related, taxonomy)].filter((id) => query.has(id)),
          related,
        ).not.toEqual([]);
    }
  });

  it('when families are planned twice with one seed, then the plan is identical; another seed places them elsewhere', () => {
    const sut = planFamilies(908, 300);
    expect(planFamilies(908, 300)).toEqual(sut);
    expect(planFamilies(909, 300).families).not.toEqual(sut.families);
    expect(planFamilies(908, FAMILY_MIN_DOCUMENTS - 1).families).toEqual([]);
    expect(planFamilies(908, FAMILY_MIN_DOCUMENTS).families).toHaveLength(FAMILY_TEXTS.length);
  });

  it('when a small corpus is planned, then every family still has its paraphrases in distinct documents of two years', () => {
    for (const documents of [FAMILY_MIN_DOCUMENTS, 37, 1000]) {
      for (const family of planFamilies(908, documents).families) {
        const paraphrases = [family.query, ...family.members.filter((m) => m.role === 'paraphrase')];
        expect(new Set(paraphrases.map((m) => m.document)).size, family.id).toBe(4);
        expect(new Set(paraphrases.map((m) => m.year)).size, family.id).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

interface ParsedEntry {
  path: string;
  format: ReturnType<typeof detectFormat>;
  year: number;
  raw: Uint8Array;
  text: string;
  passages: ReturnType<typeof chunkText>;
}

describe('a generated corpus of 400 documents', () => {
  let dir: string;
  let groundTruth: GroundTruth;
  let manifestText: string;
  let manifest: Manifest;
  let taxonomy: Taxonomy;
  const docs: ParsedEntry[] = [];

  beforeAll(async () => {
    ({ dir, groundTruth } = await generate(400));
    manifestText = await readFile(join(dir, 'manifest.yaml'), 'utf8');
    manifest = parseManifest(manifestText, 'manifest.yaml');
    taxonomy = parseTaxonomy(await readFile(new URL('../../corpus/taxonomy.yaml', import.meta.url), 'utf8'));
    for (const entry of manifest.documents) {
      const raw = new Uint8Array(await readFile(join(dir, entry.path)));
      const format = detectFormat(entry.path);
      const parsed = await parseFile(raw, { id: entry.path, path: entry.path, format });
      const year = Number(entry.date?.slice(0, 4));
      docs.push({ path: entry.path, format, year, raw, text: normalise(parsed.text), passages: chunkText(parsed) });
    }
    // 400 documents (PDFs among them) generated and parsed: ~5 s on a quiet machine, far more on a busy one.
  }, 120_000);

  it('when the manifest is read, then it is valid, says SYNTHETIC, and lists exactly the document files', async () => {
    expect(manifestText.split('\n')[0]).toMatch(/^# .*SYNTHETIC.*bench\/generate\.ts.*seed 908/);
    expect(manifest.documents).toHaveLength(400);
    const listed = manifest.documents.map((d) => d.path).sort();
    const files = (await listFiles(dir)).filter((f) => f.startsWith('docs/'));
    expect(files).toEqual(listed);
    for (const d of manifest.documents) {
      expect(d.title).toMatch(/\(synthetic\)$/);
      expect(Number(d.date?.slice(0, 4))).toBeGreaterThanOrEqual(2019);
      expect(Number(d.date?.slice(0, 4))).toBeLessThanOrEqual(2026);
    }
    expect(new Set(docs.map((d) => d.year)).size).toBe(8);
  });

  it('when formats are counted, then they follow the planned shares and manifest types', () => {
    const share = (format: string) => docs.filter((d) => d.format === format).length / docs.length;
    expect(share('markdown')).toBeCloseTo(0.4, 1);
    expect(share('text')).toBeCloseTo(0.25, 1);
    expect(share('html')).toBeCloseTo(0.3, 1);
    expect(share('pdf')).toBeGreaterThanOrEqual(0.03);
    expect(share('pdf')).toBeLessThanOrEqual(0.07);
    const typeOf = { markdown: 'newsletter', text: 'meeting-summary', html: 'web-page', pdf: 'guide' } as const;
    for (const d of manifest.documents) expect(d.type).toBe(typeOf[detectFormat(d.path) as keyof typeof typeOf]);
  });

  it('when each document is read, then its file and its parsed text say SYNTHETIC', () => {
    const decoder = new TextDecoder();
    for (const d of docs) {
      expect(d.text, d.path).toContain('This document is SYNTHETIC');
      if (d.format !== 'pdf') expect(decoder.decode(d.raw), d.path).toContain('SYNTHETIC');
    }
  });

  it('when HTML pages are parsed, then site chrome is dropped and the article kept', () => {
    const pages = docs.filter((d) => d.format === 'html');
    expect(pages.length).toBeGreaterThan(0);
    for (const d of pages) {
      expect(d.text).not.toMatch(/cookies|Skip to main content|Accept all|Privacy notice|Related pages|dataLayer/);
    }
  });

  it('when the query set is read, then every query has 3 grade-2 needles and its 2 near sentences as grade-0 distractors, in 5 distinct documents', () => {
    expect(groundTruth).toMatchObject({
      synthetic: true,
      generator: 'bench/generate.ts',
      labels: 2,
      seed: 908,
      documents: 400,
    });
    expect(groundTruth.queries).toHaveLength(40);
    groundTruth.queries.forEach((q, i) => {
      expect(q.relevant.map((r) => [r.quote, r.grade])).toEqual(NEEDLE_CONCEPTS[i].needles.map((n) => [n, 2]));
      expect(q.distractors.map((r) => [r.quote, r.grade])).toEqual(NEEDLE_CONCEPTS[i].near.map((n) => [n, 0]));
      expect(new Set([...q.relevant, ...q.distractors].map((r) => r.document)).size).toBe(5);
    });
  });

  it('when a quote is searched in the parsed corpus, then it occurs once in its document and nowhere else', () => {
    const labelled = groundTruth.queries.flatMap((q) => [...q.relevant, ...q.distractors].map((r) => ({ q, r })));
    expect(labelled).toHaveLength(200);
    const formats = new Set(labelled.map(({ r }) => detectFormat(r.document)));
    expect([...formats].sort()).toEqual(['html', 'markdown', 'pdf', 'text']);
    for (const { q, r } of labelled) {
      const quote = normalise(r.quote);
      const hits = docs.map((d) => ({ path: d.path, count: d.text.split(quote).length - 1 }));
      expect(
        hits.filter((h) => h.count > 0),
        `${q.id}: ${quote}`,
      ).toEqual([{ path: r.document, count: 1 }]);
    }
  });

  it('when practice-labels.jsonl is read, then every format has every kind of hard negative and each labelled sentence is in its parsed document', async () => {
    const lines = (await readFile(join(dir, 'practice-labels.jsonl'), 'utf8')).trim().split('\n');
    const labels = lines.map((line) => JSON.parse(line) as PracticeLabel);
    const kinds = [...new Set(HARD_NEGATIVES.map((n) => n.kind))];
    for (const format of ['md', 'txt', 'html', 'pdf'] as const) {
      const inFormat = labels.filter((l) => l.format === format);
      for (const kind of kinds)
        expect(
          inFormat.some((l) => l.kind === kind && !l.practice),
          `${format} ${kind}`,
        ).toBe(true);
      expect(
        inFormat.some((l) => l.kind === 'normative' && l.practice),
        format,
      ).toBe(true);
    }
    const textOf = new Map(docs.map((d) => [d.path, d.text]));
    for (const l of labels) expect(textOf.get(l.document), l.text).toContain(normalise(l.text));
  });

  it('when planted trends are recounted with the alias linker, then the counts equal the ground truth', () => {
    expect(groundTruth.plantedTrends.map((t) => t.id)).toEqual(PLANTED_TRENDS.map((t) => t.id));
    const mentioned = docs.map((d) => new Set(linkAliases(d.passages, taxonomy).map((m) => m.entityId)));
    for (const trend of groundTruth.plantedTrends) {
      const recount: Record<string, number> = {};
      for (let year = 2019; year <= 2026; year++) recount[year] = 0;
      docs.forEach((d, i) => {
        if (mentioned[i].has(trend.id)) recount[d.year]++;
      });
      expect(trend.documentsByYear, trend.id).toEqual(recount);
    }
  });

  it('when the families are read, then each has its query, 3 paraphrases (2), 2 related (1), 1 unrelated (0), half dev, half held-out', () => {
    expect(groundTruth.families).toHaveLength(FAMILY_TEXTS.length);
    groundTruth.families.forEach((family, i) => {
      const text = FAMILY_TEXTS[i];
      expect(family.id).toBe(text.id);
      expect(family.query.quote).toBe(text.query);
      expect(family.members.map((m) => [m.role, m.grade, m.quote])).toEqual([
        ...text.paraphrases.map((q) => ['paraphrase', 2, q]),
        ...text.related.map((q) => ['related', 1, q]),
        ['unrelated', 0, text.unrelated],
      ]);
      const paraphrases = [family.query, ...family.members.filter((m) => m.role === 'paraphrase')];
      expect(new Set(paraphrases.map((m) => m.document)).size, family.id).toBe(4);
      expect(new Set(paraphrases.map((m) => m.year)).size, family.id).toBeGreaterThanOrEqual(2);
    });
    const splits = groundTruth.families.map((f) => f.split);
    expect(splits.filter((s) => s === 'dev')).toHaveLength(8);
    expect(splits.filter((s) => s === 'held-out')).toHaveLength(8);
  });

  it('when a family sentence is searched in the parsed corpus, then it occurs once, in its document of its year', () => {
    const byPath = new Map(docs.map((d) => [d.path, d]));
    for (const family of groundTruth.families) {
      for (const m of [family.query, ...family.members]) {
        const quote = normalise(m.quote);
        const hits = docs.filter((d) => d.text.includes(quote)).map((d) => d.path);
        expect(hits, `${family.id}: ${quote}`).toEqual([m.document]);
        expect(byPath.get(m.document)?.year).toBe(m.year);
        expect(byPath.get(m.document)?.text.split(quote)).toHaveLength(2);
      }
    }
  });

  it('when trend rates are compared, then rising trends are more frequent in 2025–2026 and falling ones less', () => {
    const rate = (counts: Record<string, number>, years: number[]) =>
      years.reduce((n, y) => n + counts[y], 0) / docs.filter((d) => years.includes(d.year)).length;
    for (const trend of groundTruth.plantedTrends) {
      const early = rate(trend.documentsByYear, [2019, 2020]);
      const late = rate(trend.documentsByYear, [2025, 2026]);
      if (trend.direction === 'rising') expect(late, trend.id).toBeGreaterThan(early + 0.2);
      else expect(early, trend.id).toBeGreaterThan(late + 0.2);
    }
  });

  it('when the planted theme beyond the taxonomy is recounted, then it matches the ground truth, rises, and names no topic or trend', () => {
    expect(groundTruth.plantedThemes.map((t) => t.id)).toEqual(PLANTED_THEMES.map((t) => t.id));
    const [theme] = groundTruth.plantedThemes;
    const carries = (d: (typeof docs)[number]) => /build files?\b/.test(d.text);
    const recount: Record<string, number> = {};
    for (let year = 2019; year <= 2026; year++) recount[year] = 0;
    for (const d of docs) if (carries(d)) recount[d.year]++;
    expect(theme.documentsByYear).toEqual(recount);
    const share = (years: number[]) =>
      years.reduce((n, y) => n + recount[y], 0) / docs.filter((d) => years.includes(d.year)).length;
    expect(share([2025, 2026])).toBeGreaterThan(share([2019, 2020]) + 0.2);
    const explaining = taxonomy.entities
      .filter((e) => e.kind === 'topic' || e.kind === 'trend')
      .flatMap((e) => [e.name, ...e.aliases].map((alias) => ({ id: e.id, regex: aliasRegex(alias) })));
    const sentences = docs.flatMap((d) => splitSentences(d.text).filter((s) => /build files?\b/.test(s.text)));
    expect(sentences.length).toBeGreaterThan(10);
    for (const s of sentences)
      for (const { id, regex } of explaining)
        expect(new RegExp(regex.source, regex.flags).test(s.text), `${id}: ${s.text}`).toBe(false);
  });

  it('when documents are chunked, then they average 7 to 13 passages and carry a few normative sentences', () => {
    const meanPassages = docs.reduce((n, d) => n + d.passages.length, 0) / docs.length;
    expect(meanPassages).toBeGreaterThanOrEqual(7);
    expect(meanPassages).toBeLessThanOrEqual(13);
    const normative = docs.map((d) => splitSentences(d.text).filter((s) => normativeCue(s.text)).length);
    const meanNormative = normative.reduce((a, b) => a + b, 0) / docs.length;
    expect(meanNormative).toBeGreaterThanOrEqual(2);
    expect(meanNormative).toBeLessThanOrEqual(5);
  });
});
