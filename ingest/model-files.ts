/**
 * Lays out an embedding model (ingest/models.ts) for transformers.js from LangChain4j's Maven jar: the quantized
 * ONNX export and its tokenizer.json come from the jar; config.json and tokenizer_config.json are the upstream
 * model's files (BERT, uncased, 512 positions), written here because the jar does not carry them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { MODELS, type ModelSpec } from './models.js';

/** all-MiniLM-L6-v2, the model this module laid out before there was a choice. */
export const MODEL_NAME = MODELS['all-minilm-l6-v2'].folder;

/** Written last into a model folder: which jar it came from; a folder without it (or from another jar) is redone. */
const STAMP = 'iwg-model.json';

function configOf(spec: ModelSpec) {
  return {
    architectures: ['BertModel'],
    attention_probs_dropout_prob: 0.1,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: spec.dimensions,
    initializer_range: 0.02,
    intermediate_size: spec.dimensions * 4,
    layer_norm_eps: 1e-12,
    max_position_embeddings: spec.maxTokens,
    model_type: 'bert',
    num_attention_heads: 12,
    num_hidden_layers: spec.layers,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    type_vocab_size: 2,
    vocab_size: 30522,
  };
}

function tokenizerConfigOf(spec: ModelSpec) {
  return {
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    do_basic_tokenize: true,
    do_lower_case: true,
    mask_token: '[MASK]',
    model_max_length: spec.maxTokens,
    never_split: null,
    pad_token: '[PAD]',
    sep_token: '[SEP]',
    strip_accents: null,
    tokenize_chinese_chars: true,
    tokenizer_class: 'BertTokenizer',
    unk_token: '[UNK]',
  };
}

/**
 * The jar's tokenizer.json without its fixed truncation and padding: the MiniLM jar's caps every input at 128
 * tokens and pads it to 128, which would cut long passages short; the model reads 512 (tokenizer_config.json).
 */
export function withoutFixedLength(tokenizerJson: Buffer): string {
  const t = JSON.parse(tokenizerJson.toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...t, truncation: null, padding: null });
}

const jarOf = (spec: ModelSpec, version: string) => `${spec.artifact.split(':')[1]}-${version}.jar`;

/**
 * True when `dir/<folder>` holds every file transformers.js needs, extracted (when `version` is given) from that
 * release's jar: a folder of another release is laid out again.
 */
export function modelFilesPresent(
  dir: string,
  spec: ModelSpec = MODELS['all-minilm-l6-v2'],
  version?: string,
): boolean {
  const stamp = join(dir, spec.folder, STAMP);
  if (!existsSync(stamp)) return false;
  if (version === undefined) return true;
  return (JSON.parse(readFileSync(stamp, 'utf8')) as { jar?: string }).jar === jarOf(spec, version);
}

/**
 * Ensures the model folder exists under `dir`, resolving the jar with `resolveJarDir` (Maven) when missing.
 * Returns the jar's file name when it extracted, null when the folder was already complete.
 */
export async function ensureModelFiles(
  dir: string,
  resolveJarDir: () => Promise<string>,
  spec: ModelSpec = MODELS['all-minilm-l6-v2'],
  version?: string,
): Promise<string | null> {
  if (modelFilesPresent(dir, spec, version)) return null;
  const jarDir = await resolveJarDir();
  const artifactId = spec.artifact.split(':')[1];
  const jars = await readdir(jarDir);
  const jarName = version
    ? jars.find((f) => f === jarOf(spec, version))
    : jars.find((f) => f.startsWith(`${artifactId}-`));
  if (!jarName) throw new Error(`no ${spec.artifact} jar in ${jarDir}`);
  const zip = new AdmZip(join(jarDir, jarName));
  const entry = (name: string) => {
    const e = zip.getEntries().find((x) => x.entryName === name || x.entryName.endsWith(`/${name}`));
    if (!e) throw new Error(`${jarName} has no entry ${name}`);
    return e.getData();
  };
  const m = join(dir, spec.folder);
  await mkdir(join(m, 'onnx'), { recursive: true });
  await writeFile(join(m, 'tokenizer.json'), withoutFixedLength(entry(spec.jarEntries.tokenizer)));
  await writeFile(join(m, 'config.json'), JSON.stringify(configOf(spec), null, 2));
  await writeFile(join(m, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigOf(spec), null, 2));
  await writeFile(join(m, 'onnx', 'model_quantized.onnx'), entry(spec.jarEntries.onnx));
  await writeFile(join(m, STAMP), JSON.stringify({ model: spec.id, artifact: spec.artifact, jar: jarName }));
  return jarName;
}
