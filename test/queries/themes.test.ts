/**
 * New themes beyond the taxonomy, the pure parts: c-TF-IDF key phrases, the growth statistic on crafted series,
 * and clustering that is deterministic and finds a planted rising group.
 */
import { describe, expect, it } from 'vitest';
import { classTfIdf, keyPhrases, ngramsOf } from '../../queries/key-phrases.js';
import {
  benjaminiHochberg,
  clusterVectors,
  discoverThemes,
  growthOf,
  upperTailP,
  type ThemeSentence,
} from '../../queries/theme-discovery.js';
import { randomFor } from '../../bench/generate/random.js';
import { buildThemeExposure, buildThemeSentences } from '../../queries/themes.js';

describe('c-TF-IDF', () => {
  it('n-grams skip stop words at either end and digits', () => {
    expect(ngramsOf('The vendor staff of 2024 were cleared.')).toEqual(['vendor', 'vendor staff', 'staff', 'cleared']);
  });

  it('weighs a term by its share in the class and its rarity across classes (BERTopic eq. 1)', () => {
    const classes = [
      ['vendor staff vendor staff', 'insider'],
      ['insider insider', 'badge'],
    ];
    const sut = classTfIdf(classes, { maxWords: 1 });
    // Class 0 has 5 terms (vendor ×2, staff ×2, insider), class 1 has 3; A = 4. f(vendor) = 2, f(insider) = 3.
    const weight = (c: number, t: string) => sut[c].find((x) => x.term === t)?.weight;
    expect(weight(0, 'vendor')).toBeCloseTo((2 / 5) * Math.log(1 + 4 / 2), 12);
    expect(weight(0, 'insider')).toBeCloseTo((1 / 5) * Math.log(1 + 4 / 3), 12);
    expect(weight(1, 'insider')).toBeCloseTo((2 / 3) * Math.log(1 + 4 / 3), 12);
    expect(weight(1, 'vendor')).toBeUndefined();
    // A term shared by every class ranks below one distinctive to the class at the same count.
    expect(sut[0][0].term).toBe('staff');
    expect(sut[0].at(-1)!.term).toBe('insider');
  });

  it('key phrases prefer the longer phrase and do not repeat a word inside a taken phrase', () => {
    const sut = keyPhrases(
      [
        { term: 'vendor', weight: 1 },
        { term: 'vendor staff', weight: 0.8 },
        { term: 'staff', weight: 0.7 },
        { term: 'badge', weight: 0.5 },
        { term: 'printer', weight: 0.4 },
      ],
      2,
    );
    expect(sut).toEqual(['vendor staff', 'badge']);
    const overlapping = keyPhrases([
      { term: 'additively manufactured spare', weight: 1 },
      { term: 'manufactured spare parts', weight: 0.9 },
      { term: 'build files', weight: 0.8 },
      { term: 'spare parts', weight: 0.7 },
    ]);
    expect(overlapping).toEqual(['additively manufactured spare', 'build files']);
  });
});

describe('growthOf (Poisson regression on period with exposure)', () => {
  it('ranks a rise over three periods above one recent mention', () => {
    const exposure = [100, 100, 100, 100];
    const rising = growthOf([0, 2, 4, 6], exposure);
    const once = growthOf([0, 0, 0, 1], exposure);
    expect(rising.zScore).toBeGreaterThan(once.zScore);
    expect(rising.growth).toBeGreaterThan(0);
  });

  it('a flat share under growing volume is no rise', () => {
    const sut = growthOf([5, 10, 20, 40], [100, 200, 400, 800]);
    expect(Math.abs(sut.zScore)).toBeLessThan(0.5);
    const raw = growthOf([5, 10, 20, 40], [100, 100, 100, 100]);
    expect(raw.zScore).toBeGreaterThan(3);
  });

  it('a falling series has negative growth; no exposure or one period gives 0', () => {
    expect(growthOf([9, 6, 3, 0], [50, 50, 50, 50]).growth).toBeLessThan(0);
    expect(growthOf([3], [10])).toEqual({ growth: 0, zScore: 0 });
    expect(growthOf([3, 4], [0, 0])).toEqual({ growth: 0, zScore: 0 });
  });
});

/** Unit vectors around `centre` (a one-hot axis) with seeded noise. */
function around(axis: number, n: number, seed: number, dims = 16): number[][] {
  const r = randomFor(seed, 'theme-vectors', axis);
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dims }, (_, i) => (i === axis ? 1 : 0) + (r.next() - 0.5) * 0.3);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function corpus(): ThemeSentence[] {
  const out: ThemeSentence[] = [];
  // Three flat background groups over four periods, and one group that appears in period 1 and rises.
  for (const axis of [0, 1, 2])
    around(axis, 40, 1).forEach((embedding, i) =>
      out.push({
        id: `bg${axis}-${i}`,
        documentId: `doc-${axis}-${i % 10}`,
        period: i % 4,
        text: `Background ${['badge', 'vetting', 'culture'][axis]} review meeting notes.`,
        embedding,
      }),
    );
  const risingPeriods = [1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3];
  around(5, risingPeriods.length, 2).forEach((embedding, i) =>
    out.push({
      id: `new-${i}`,
      documentId: `doc-new-${i}`,
      period: risingPeriods[i],
      text: 'Build files for additively manufactured spare parts were altered by a technician.',
      embedding,
    }),
  );
  return out;
}

describe('discoverThemes', () => {
  const exposure = [30, 33, 34, 39];
  const references = [
    { id: 'topic:badges', name: 'Badges', embedding: around(0, 1, 3)[0] },
    { id: 'topic:vetting', name: 'Vetting', embedding: around(1, 1, 3)[0] },
  ];

  it('clusters the same input the same way every time (seeded)', () => {
    const vectors = corpus().map((s) => s.embedding);
    expect(clusterVectors(vectors, 5, 7)).toEqual(clusterVectors(vectors, 5, 7));
    const a = discoverThemes(corpus(), references, { periods: 4, exposure, k: 4 });
    const b = discoverThemes(corpus(), references, { periods: 4, exposure, k: 4 });
    expect(a).toEqual(b);
  });

  it('ranks the planted rising group first, labelled by its own words, far from the taxonomy', () => {
    const sut = discoverThemes(corpus(), references, { periods: 4, exposure, k: 4 });
    const top = sut[0];
    expect(top.evidence.every((s) => s.id.startsWith('new-'))).toBe(true);
    expect(top.counts).toEqual([0, 1, 3, 8]);
    expect(top.keyPhrases.join(' ')).toMatch(/additively manufactured|spare parts|build files/);
    expect(top.zScore).toBeGreaterThan(1.5);
    expect(top.taxonomyDistance).toBeGreaterThan(0.5);
    // The background groups are flat: none scores like the planted one.
    expect(sut.slice(1).every((t) => t.score < top.score / 2)).toBe(true);
  });
});

describe('emerging threshold (Benjamini–Hochberg over the clusters tested)', () => {
  it('gives the standard normal upper tail', () => {
    // Tables: P(Z ≥ 1.645) = 0.0500, P(Z ≥ 1.96) = 0.0250, P(Z ≥ 3.09) = 0.0010.
    expect(upperTailP(0)).toBeCloseTo(0.5, 7);
    expect(upperTailP(1.645)).toBeCloseTo(0.05, 4);
    expect(upperTailP(1.96)).toBeCloseTo(0.025, 5);
    expect(upperTailP(3.09)).toBeCloseTo(0.001, 5);
    expect(upperTailP(-1.96)).toBeCloseTo(0.975, 5);
  });

  it('adjusts p-values as Benjamini and Hochberg, in the order given', () => {
    // p sorted: 0.01, 0.02, 0.03, 0.5 with m = 4: 0.04, 0.04, 0.04, 0.5 (step-up keeps them monotone).
    expect(benjaminiHochberg([0.5, 0.03, 0.01, 0.02]).map((q) => Number(q.toFixed(4)))).toEqual([
      0.5, 0.04, 0.04, 0.04,
    ]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('when the best of 80 flat series has z 2.3, then it is not emerging; a z of 4 is', () => {
    const p = [2.3, ...Array.from({ length: 79 }, (_, i) => 1.8 - i * 0.04)].map(upperTailP);
    expect(benjaminiHochberg(p)[0]).toBeGreaterThan(0.05);
    const q = benjaminiHochberg([4, ...p.slice(1)].map((v, i) => (i === 0 ? upperTailP(4) : v)));
    expect(q[0]).toBeLessThan(0.05);
  });

  it('lists the emerging themes first, with their q-values', () => {
    const sut = discoverThemes(corpus(), [], { periods: 4, exposure: [30, 33, 34, 39], k: 4 });
    const flags = sut.map((t) => t.emerging);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    for (const t of sut) expect(t.emerging).toBe(t.qValue <= 0.05);
  });
});

describe('theme queries', () => {
  const input = { interval: 'year' as const, from: '2021-01-01', readable: ['public'] };
  it('THEME_SENTENCES reads readable dated sentences no topic or trend names, a sample by text hash', () => {
    const sut = buildThemeSentences(input, 100);
    expect(sut.cypher).toMatchInlineSnapshot(`
      "MATCH (d:Document) WHERE d.date IS NOT NULL AND d.access IN $readable
        AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
      MATCH (s:Sentence {documentId: d.id}) WHERE NOT EXISTS { (s)-[:MENTIONS]->(e:Entity) WHERE e:Topic OR e:Trend }
      WITH d, s ORDER BY s.textHash, s.id LIMIT toInteger($max)
      WITH d, s WHERE s.embedding IS NOT NULL
      RETURN s.id AS id, s.documentId AS documentId, CASE $interval
        WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
        ELSE substring(d.date, 0, 4) END AS period, s.text AS text, s.start AS start,
        s.end AS end, s.passageId AS passageId, s.embedding AS embedding"
    `);
    expect(sut.params).toEqual({ from: '2021-01-01', to: null, interval: 'year', readable: ['public'], max: 100 });
  });
  it('THEME_EXPOSURE counts every readable dated sentence and the candidates per period', () => {
    expect(buildThemeExposure(input).cypher).toMatchInlineSnapshot(`
      "MATCH (d:Document) WHERE d.date IS NOT NULL AND d.access IN $readable
        AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
      MATCH (s:Sentence {documentId: d.id})
      WITH CASE $interval
        WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
        ELSE substring(d.date, 0, 4) END AS period, s
      RETURN period, count(s) AS n, count(CASE WHEN NOT EXISTS { (s)-[:MENTIONS]->(e:Entity) WHERE e:Topic OR e:Trend } THEN 1 END) AS candidates ORDER BY period"
    `);
  });
});
