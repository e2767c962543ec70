import { describe, expect, it } from 'vitest';
import type { DocContext } from '../../ingest/context.js';
import {
  DEFAULT_MODEL_ID,
  embedderId,
  MODEL_IDS,
  MODELS,
  modelIdOfEmbedder,
  type ModelId,
} from '../../ingest/models.js';
import { dot } from '../../ingest/link.js';
import { PRACTICE_MERGE_CENTRES } from '../../ingest/merge-centres.js';
import {
  isSamePractice,
  mergeCosine,
  mergePractices,
  PRACTICE_MERGE_THRESHOLD,
  PRACTICE_MERGE_THRESHOLDS,
  samePractice,
  vectorScoreFromCosine,
} from '../../ingest/practice-merge.js';
import type { PracticeCandidate } from '../../ingest/records.js';

/** A direction orthogonal to the model's centre (Gram-Schmidt of a basis vector), unit length. */
function orthogonal(model: ModelId, axis: number, others: Float32Array[] = []): Float32Array {
  const basis = [PRACTICE_MERGE_CENTRES[model], ...others];
  const v = new Float32Array(PRACTICE_MERGE_CENTRES[model].length);
  v[axis] = 1;
  for (const b of basis) {
    const k = dot(v, b) / dot(b, b);
    for (let i = 0; i < v.length; i++) v[i] -= k * b[i];
  }
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/**
 * Two prescription vectors whose merge cosine under `model` is `cos`: the centre plus two offsets of length
 * `spread` at that cosine (not unit vectors; the merge cosine does not need them to be).
 */
function pairWithMergeCosine(model: ModelId, cos: number, spread = 0.5): [Float32Array, Float32Array] {
  const c = PRACTICE_MERGE_CENTRES[model];
  const x = orthogonal(model, 0);
  const y = orthogonal(model, 1, [x]);
  const sin = Math.sqrt(1 - cos * cos);
  const a = c.map((ci, i) => ci + spread * x[i]);
  const b = c.map((ci, i) => ci + spread * (cos * x[i] + sin * y[i]));
  return [a, b];
}

/** Two unit vectors at a raw cosine `cos` (for the semantic-topic tags, which compare raw cosines). */
function pairWithCosine(cos: number): [Float32Array, Float32Array] {
  return [Float32Array.from([1, 0]), Float32Array.from([cos, Math.sqrt(1 - cos * cos)])];
}

const candidate = (text: string, i: number): PracticeCandidate => ({
  text,
  passageId: `p${i}`,
  start: 0,
  end: text.length,
  cue: 'should',
  topics: [],
  attributes: [],
});

const ctxFor = (id: string | undefined): DocContext =>
  ({ embedderId: id, semanticEntities: [], semanticVectors: [], topicEntities: [] }) as unknown as DocContext;

const noPractices = { nearestPractices: async (e: number[][]) => e.map(() => null) };

describe('practice merge decision per model', () => {
  it('when an embedder id names a model, then that model is found; a fake or unknown id gives the default', () => {
    for (const m of MODEL_IDS) {
      expect(modelIdOfEmbedder(embedderId(MODELS[m], '1.20.0-beta30'))).toBe(m);
      expect(modelIdOfEmbedder(m)).toBe(m);
    }
    expect(modelIdOfEmbedder(undefined)).toBe(DEFAULT_MODEL_ID);
    expect(modelIdOfEmbedder('unnamed-embedder')).toBe(DEFAULT_MODEL_ID);
  });

  it('when no model is named, then the default model’s threshold decides', () => {
    expect(PRACTICE_MERGE_THRESHOLD).toBe(PRACTICE_MERGE_THRESHOLDS[DEFAULT_MODEL_ID]);
    expect(isSamePractice(PRACTICE_MERGE_THRESHOLD)).toBe(true);
    expect(isSamePractice(PRACTICE_MERGE_THRESHOLD - 0.001)).toBe(false);
  });

  it.each(MODEL_IDS)('when the model is %s, then the decision flips at its own threshold', (model) => {
    const t = PRACTICE_MERGE_THRESHOLDS[model];
    expect(isSamePractice(t, model)).toBe(true);
    expect(isSamePractice(t - 0.001, model)).toBe(false);
  });

  it.each(MODEL_IDS)('when %s’s centre is a model’s, then it has the model’s dimensions and is not zero', (model) => {
    expect(PRACTICE_MERGE_CENTRES[model].length).toBe(MODELS[model].dimensions);
    expect(Math.hypot(...PRACTICE_MERGE_CENTRES[model])).toBeGreaterThan(0.1);
  });

  it.each(MODEL_IDS)(
    'when two vectors are the %s centre plus offsets, then the merge cosine is the offsets’ cosine',
    (model) => {
      for (const cos of [-0.5, 0, 0.3, 0.9]) {
        const [a, b] = pairWithMergeCosine(model, cos);
        expect(mergeCosine(a, b, model)).toBeCloseTo(cos, 5);
        expect(mergeCosine(b, a, model)).toBeCloseTo(cos, 5);
      }
      const [a] = pairWithMergeCosine(model, 0);
      expect(mergeCosine(a, a, model)).toBeCloseTo(1, 6);
    },
  );

  it('when two unit vectors both lie close to the e5 centre, then their raw cosine is high but they do not merge', () => {
    const model = 'e5-small-v2';
    const [a, b] = pairWithMergeCosine(model, 0, 0.2).map((v) => v.map((x) => x / Math.hypot(...v)));
    expect(dot(a, b)).toBeGreaterThan(0.9);
    expect(samePractice(a, b, model)).toBe(false);
  });

  it('when vectors of another model’s dimensions are compared, then the merge cosine refuses them', () => {
    expect(() => mergeCosine(new Float32Array(3), new Float32Array(3), 'all-minilm-l6-v2')).toThrow(/dimensions/);
  });

  it.each(MODEL_IDS)(
    'when two candidates of one document have a merge cosine just above or below %s’s threshold, then they merge or not',
    async (model) => {
      const t = PRACTICE_MERGE_THRESHOLDS[model];
      const candidates = [candidate('Operators should do A.', 0), candidate('Operators should do B.', 1)];
      const merge = (cos: number) =>
        mergePractices(candidates, pairWithMergeCosine(model, cos), [null, null], 'doc-1', ctxFor(model), noPractices);
      expect((await merge(t + 0.01)).map((p) => p.sources.length)).toEqual([2]);
      expect((await merge(t - 0.01)).map((p) => p.sources.length)).toEqual([1, 1]);
    },
  );

  it('when one pair of vectors is decided under MiniLM and under e5, then each model’s own centre and threshold decide', async () => {
    // The same two vectors: MiniLM's centre is its own, so only its decision follows the constructed cosine.
    const [a, b] = pairWithMergeCosine('all-minilm-l6-v2', PRACTICE_MERGE_THRESHOLDS['all-minilm-l6-v2'] + 0.01);
    expect(samePractice(a, b, 'all-minilm-l6-v2')).toBe(true);
    expect(mergeCosine(a, b, 'e5-small-v2')).not.toBeCloseTo(mergeCosine(a, b, 'all-minilm-l6-v2'), 2);
  });

  it.each(MODEL_IDS)(
    'when the graph’s nearest practice has a merge cosine just above or below %s’s threshold, then the candidate joins it or not',
    async (model) => {
      const t = PRACTICE_MERGE_THRESHOLDS[model];
      const run = (cos: number) => {
        const [v, stored] = pairWithMergeCosine(model, cos);
        const lookup = {
          nearestPractices: async () => [
            { id: 'practice-in-graph', score: vectorScoreFromCosine(dot(v, stored)), embedding: Array.from(stored) },
          ],
        };
        return mergePractices([candidate('Operators should do A.', 0)], [v], [null], 'doc-2', ctxFor(model), lookup);
      };
      expect((await run(t + 0.01))[0].id).toBe('practice-in-graph');
      expect((await run(t - 0.01))[0].id).not.toBe('practice-in-graph');
    },
  );
});

describe('semantic topics of a practice per model', () => {
  it('when a practice’s cosine to a topic lies between MiniLM’s and e5’s linking thresholds, then only MiniLM tags it', async () => {
    const topic = { id: 'topic:security-culture', kind: 'topic' };
    const [topicVector, practiceVector] = pairWithCosine(0.5);
    const ctx = (id: string) =>
      ({
        embedderId: id,
        semanticEntities: [topic],
        semanticVectors: [topicVector],
        topicEntities: [topic],
      }) as unknown as DocContext;
    const topicsUnder = async (model: (typeof MODEL_IDS)[number]) => {
      const [practice] = await mergePractices(
        [candidate('Operators should do A.', 0)],
        [practiceVector],
        [null],
        'doc-3',
        ctx(embedderId(MODELS[model], 'x')),
        noPractices,
      );
      return practice.topics.map((t) => t.id);
    };
    expect(MODELS['all-minilm-l6-v2'].thresholds.semanticLink.cosine).toBeLessThan(0.5);
    expect(MODELS['e5-small-v2'].thresholds.semanticLink.cosine).toBeGreaterThan(0.5);
    expect(await topicsUnder('all-minilm-l6-v2')).toEqual(['topic:security-culture']);
    expect(await topicsUnder('e5-small-v2')).toEqual([]);
  });
});
