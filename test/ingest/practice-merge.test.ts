import { describe, expect, it } from 'vitest';
import type { DocContext } from '../../ingest/context.js';
import { DEFAULT_MODEL_ID, embedderId, MODEL_IDS, MODELS, modelIdOfEmbedder } from '../../ingest/models.js';
import {
  isSamePractice,
  mergePractices,
  PRACTICE_MERGE_THRESHOLD,
  PRACTICE_MERGE_THRESHOLDS,
  vectorScoreFromCosine,
} from '../../ingest/practice-merge.js';
import type { PracticeCandidate } from '../../ingest/records.js';

/** Two unit vectors with this cosine. */
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

describe('practice merge threshold per model', () => {
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

  it('when two candidates of one document have a cosine between MiniLM’s and e5’s thresholds, then only MiniLM merges them', async () => {
    const cos = (PRACTICE_MERGE_THRESHOLDS['all-minilm-l6-v2'] + PRACTICE_MERGE_THRESHOLDS['e5-small-v2']) / 2;
    const vectors = pairWithCosine(cos);
    const candidates = [candidate('Operators should do A.', 0), candidate('Operators should do B.', 1)];
    const merge = (id: string) => mergePractices(candidates, vectors, [null, null], 'doc-1', ctxFor(id), noPractices);
    const minilm = await merge(embedderId(MODELS['all-minilm-l6-v2'], 'x'));
    expect(minilm.map((p) => p.sources.length)).toEqual([2]);
    const e5 = await merge(embedderId(MODELS['e5-small-v2'], 'x'));
    expect(e5.map((p) => p.sources.length)).toEqual([1, 1]);
  });

  it('when the graph’s nearest practice scores just above or below the model’s threshold, then the candidate joins it or not', async () => {
    const model = 'e5-small-v2';
    const t = PRACTICE_MERGE_THRESHOLDS[model];
    const [v] = pairWithCosine(1);
    const lookup = (cos: number) => ({
      nearestPractices: async () => [{ id: 'practice-in-graph', score: vectorScoreFromCosine(cos) }],
    });
    const run = (cos: number) =>
      mergePractices([candidate('Operators should do A.', 0)], [v], [null], 'doc-2', ctxFor(model), lookup(cos));
    expect((await run(t + 0.01))[0].id).toBe('practice-in-graph');
    expect((await run(t - 0.01))[0].id).not.toBe('practice-in-graph');
  });
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
