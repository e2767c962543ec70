/** Which files an ingest covers: CLI paths resolved to files, with the metadata their manifest gives. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { IngestError } from './errors.js';
import { parseManifest } from './manifest.js';
import { detectFormat } from './parse.js';
import type { DocumentMetadata } from './records.js';

/** A file to ingest with the metadata its manifest gives. */
export interface SourceFile {
  id: string;
  path: string;
  metadata: DocumentMetadata;
}

const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.json'];

/**
 * A document's id: its path relative to `root` when it lies below it; otherwise — a folder elsewhere, such as
 * `~/docs/newsletters` — the name of the folder or file it was given by (`given`), tagged with the first 8 hex of
 * the SHA-256 of its absolute path, and its path within it (`newsletters-1a2b3c4d/2021.html`): an id never
 * carries `../..` and the machine's directories into citations, exports and URLs, and two folders of the same name
 * in different places stay different documents.
 */
export function sourceId(root: string, given: string, file: string): string {
  const below = relative(root, resolve(file));
  if (!below.startsWith('..') && !isAbsolute(below)) return below.split('\\').join('/');
  const base = resolve(given);
  const tag = `${basename(base)}-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`;
  const within = relative(base, resolve(file));
  return (within === '' ? tag : join(tag, within)).split('\\').join('/');
}

/**
 * Resolves CLI paths to source files. A directory with a manifest yields exactly the manifest's documents; a
 * directory without one yields its supported files (recursively, READMEs excluded); a file yields itself.
 * Ids are paths relative to `root` (default: the current directory), so they are stable across machines; a file
 * outside `root` is named by the folder or file given (tagged by its place) and its path within it (`sourceId`).
 * `documentTypes` and `focusGroups` are the types and focus groups a manifest entry may declare (the taxonomy's;
 * see parseManifest).
 */
export async function collectSources(
  paths: string[],
  manifestPath?: string,
  root = process.cwd(),
  documentTypes?: readonly string[],
  focusGroups?: readonly string[],
): Promise<SourceFile[]> {
  const out = new Map<string, SourceFile>();
  const add = (given: string, path: string, metadata: DocumentMetadata = {}) => {
    const id = sourceId(root, given, path);
    out.set(id, { id, path: resolve(path), metadata });
  };
  const fromManifest = async (file: string) => {
    const manifest = parseManifest(await readFile(file, 'utf8'), file, documentTypes, focusGroups);
    for (const { path, ...metadata } of manifest.documents) add(dirname(file), join(dirname(file), path), metadata);
  };
  if (manifestPath) await fromManifest(manifestPath);
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new IngestError('UNREADABLE', `${p}: no such file or directory`, { path: p });
    if (info.isFile()) {
      if (!out.has(sourceId(root, p, p))) add(p, p);
      continue;
    }
    const manifest = MANIFEST_NAMES.map((n) => join(p, n)).find((f) => existsSync(f));
    if (manifest && manifest !== manifestPath) await fromManifest(manifest);
    else if (!manifest) for (const f of await listFiles(p)) add(p, f);
  }
  return [...out.values()];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !/^readme/i.test(e.name) && !/^(taxonomy|manifest)\.(ya?ml|json)$/.test(e.name))
    .filter((e) => {
      try {
        detectFormat(e.name);
        return true;
      } catch {
        return false;
      }
    })
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
