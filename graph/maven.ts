/**
 * Resolves artifacts from Maven Central with the machine's Maven into a cache folder outside the repository.
 * Used for the managed Neo4j's jars and for the embedding model's jar.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class ProvisionError extends Error {
  readonly code = 'PROVISION_FAILED';
}

/** Reads a `<name>` property of a pom, e.g. the pinned Neo4j version. */
export async function readPomProperty(pom: string, name: string): Promise<string> {
  const text = await readFile(pom, 'utf8');
  const m = new RegExp(`<${name}>([^<]+)</${name}>`).exec(text);
  if (!m) throw new ProvisionError(`${pom} has no <${name}> property`);
  return m[1].trim();
}

/** Fails with a message saying what is missing and what to do instead when java or mvn is not installed. */
export async function requireTools(tools: readonly ('java' | 'mvn')[]): Promise<void> {
  const missing: string[] = [];
  for (const tool of tools) {
    try {
      await run(tool, ['-version'], { timeout: 30_000 });
    } catch {
      missing.push(tool);
    }
  }
  if (missing.length > 0) {
    throw new ProvisionError(
      `Cannot provision the managed Neo4j/model: ${missing.join(' and ')} not found on PATH. ` +
        'Install JDK 17+ and Apache Maven (Debian: apt-get install openjdk-17-jdk-headless maven), ' +
        'or point the service at an existing Neo4j 5 server with NEO4J_URI=neo4j://host:7687 ' +
        '(plus NEO4J_USER, NEO4J_PASSWORD) and at a model folder with IWG_MODEL_DIR.',
    );
  }
}

/**
 * Copies the dependencies of `pom` into `outDir` once (marked complete by a stamp file); later calls reuse it.
 * Returns true when it downloaded, false when the cache was already complete.
 */
export async function copyDependencies(
  pom: string,
  outDir: string,
  onLine: (line: string) => void = () => {},
): Promise<boolean> {
  const stamp = `${outDir}/.complete`;
  if (existsSync(stamp)) return false;
  await requireTools(['mvn']);
  const staging = `${outDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  onLine(`resolving ${pom} with Maven into ${outDir}`);
  try {
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${staging}`,
        '-Dmdep.useRepositoryLayout=false',
      ],
      { timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    const e = err as { stdout?: string; stderr?: string; message: string };
    const detail = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').slice(-15).join('\n') || e.message;
    throw new ProvisionError(`Maven could not resolve ${pom}:\n${detail}`);
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir.replace(/\/[^/]+$/, ''), { recursive: true });
  await rename(staging, outDir);
  await writeFile(stamp, new Date().toISOString());
  return true;
}
