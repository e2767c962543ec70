/**
 * The model-dependent cosine thresholds live in one table (ingest/models.ts), each with the study that measured
 * it; a figure no study measured for a model is MiniLM's, marked uncalibrated; and every user of a threshold reads
 * the configured model's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, MODEL_IDS, MODELS, modelThresholds, type ModelThresholds } from '../../ingest/models.js';
import { isSamePractice, PRACTICE_MERGE_THRESHOLDS, vectorScoreFromCosine } from '../../ingest/practice-merge.js';
import { SEMANTIC_LINK_THRESHOLD } from '../../ingest/link.js';
import { buildPracticesLikeText } from '../../queries/practices.js';
import { HIGH_CONFIDENCE_COSINE, judgeConfidence } from '../../queries/search-hits.js';
import type { SearchHit } from '../../queries/answers.js';

const NAMES: (keyof ModelThresholds)[] = ['semanticLink', 'practiceMerge', 'highConfidence'];
const minilm = MODELS['all-minilm-l6-v2'].thresholds;

describe('the thresholds table', () => {
  it('gives every model every threshold as a cosine in (0, 1)', () => {
    for (const m of MODEL_IDS) {
      for (const name of NAMES) {
        const t = modelThresholds(m)[name];
        expect(t.cosine, `${m} ${name}`).toBeGreaterThan(0);
        expect(t.cosine, `${m} ${name}`).toBeLessThan(1);
      }
    }
  });

  it('names the study behind each of MiniLM’s figures, the model they were all first measured on', () => {
    for (const name of NAMES) expect(minilm[name].source, name).toMatch(/^bench\/[\w-]+\.ts/);
  });

  it('marks a figure no study measured for a model as MiniLM’s (source null), never an invented number', () => {
    for (const m of MODEL_IDS) {
      for (const name of NAMES) {
        const t = modelThresholds(m)[name];
        if (t.source === null) expect(t.cosine, `${m} ${name}`).toBe(minilm[name].cosine);
        else expect(t.source, `${m} ${name}`).toMatch(/^bench\//);
      }
    }
    // The merge and linking thresholds were measured per model (bench/merge-calibration.md, link-thresholds.md):
    // e5-small-v2 and bge-small-en-v1.5 score unrelated text far above MiniLM's figures.
    for (const name of ['practiceMerge', 'semanticLink'] as const) {
      expect(new Set(MODEL_IDS.map((m) => modelThresholds(m)[name].cosine)).size, name).toBe(3);
      for (const m of MODEL_IDS) expect(modelThresholds(m)[name].source, `${m} ${name}`).not.toBeNull();
    }
    expect(modelThresholds('e5-small-v2').highConfidence.source).toBeNull();
  });

  it('keeps the default model’s figures as the named constants the calibration scripts print', () => {
    expect(SEMANTIC_LINK_THRESHOLD).toBe(modelThresholds(DEFAULT_MODEL_ID).semanticLink.cosine);
    expect(HIGH_CONFIDENCE_COSINE).toBe(modelThresholds(DEFAULT_MODEL_ID).highConfidence.cosine);
    for (const m of MODEL_IDS) expect(PRACTICE_MERGE_THRESHOLDS[m]).toBe(modelThresholds(m).practiceMerge.cosine);
  });

  it('refuses an unknown model', () => {
    expect(() => modelThresholds('word2vec')).toThrow(/unknown embedding model word2vec/);
  });
});

describe('the users of a threshold read the configured model’s', () => {
  it('merges practices at the model’s merge cosine', () => {
    // Merge cosines (about each model's practice centre): MiniLM 0.575, bge 0.5.
    expect(isSamePractice(0.52, 'all-minilm-l6-v2')).toBe(false);
    expect(isSamePractice(0.52, 'bge-small-en-v1.5')).toBe(true);
    expect(isSamePractice(modelThresholds('all-minilm-l6-v2').practiceMerge.cosine - 0.01, 'all-minilm-l6-v2')).toBe(
      false,
    );
    expect(isSamePractice(modelThresholds('e5-small-v2').practiceMerge.cosine, 'e5-small-v2')).toBe(true);
  });

  it('gives a free text the topics above the model’s linking cosine, on the vector index’s scale', () => {
    for (const m of MODEL_IDS) {
      const { params } = buildPracticesLikeText([0.5], 20, ['public'], m);
      expect(params.topicMin, m).toBeCloseTo(vectorScoreFromCosine(modelThresholds(m).semanticLink.cosine), 12);
    }
    expect(buildPracticesLikeText([0.5], 20, ['public']).params.topicMin).toBeCloseTo(
      vectorScoreFromCosine(SEMANTIC_LINK_THRESHOLD),
      12,
    );
  });

  it('judges an answer’s confidence against the cosine it is given', () => {
    const hit = { why: { matchedTerms: [] } } as unknown as SearchHit;
    // Best sentence cosine 0.5 (vector score 0.75): high under a 0.4 threshold, low under a 0.6 one.
    expect(judgeConfidence(0.75, 'xyzzy plugh', [hit], 0.4).level).toBe('high');
    expect(judgeConfidence(0.75, 'xyzzy plugh', [hit], 0.6).level).toBe('low');
    expect(judgeConfidence(0.75, 'xyzzy plugh', [hit]).level).toBe('high');
  });
});
