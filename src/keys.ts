/**
 * API keys and their scopes. A scope says which access labels a caller may read and whether it may write (only
 * documents of labels it may read). Keys of IWG_API_KEYS read every label and write; scoped keys live in the
 * keys file (IWG_KEYS_FILE, YAML or JSON) as SHA-256 digests — never plaintext — and are reloaded when the file
 * changes (checked by mtime, size and inode on each authenticated request): an operator adds or revokes a key
 * without a restart, and a bad edit keeps the last good keys and logs an error.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { AccessLabel } from '../ingest/records.js';
import type { Logger } from './logger.js';

/** What a caller may do. */
export interface Scope {
  /** The key's name (for logs); `anonymous` without a key, `IWG_API_KEYS` for those keys. */
  readonly name: string;
  /** The access labels it may read. */
  readonly read: readonly string[];
  /** Whether it may add and delete documents (of labels it may read). */
  readonly write: boolean;
}

/** Callers without a key read public documents only. */
export const ANONYMOUS: Scope = Object.freeze({ name: 'anonymous', read: Object.freeze(['public']), write: false });

/** Every access label: what IWG_API_KEYS keys read. */
export const ALL_LABELS: readonly string[] = Object.freeze([...AccessLabel.options]);

/** One scoped key of the keys file. */
export const KeyEntry = z
  .object({
    name: z.string().min(1).max(100),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "expected the key's SHA-256 as 64 lower-case hex digits (npx iwg keys hash)"),
    read: z.array(AccessLabel).min(1),
    write: z.boolean().default(false),
  })
  .strict();

/** The keys file: `keys: [{ name, sha256, read: [labels], write }]`; names and digests unique. */
export const KeysFile = z
  .object({ keys: z.array(KeyEntry) })
  .strict()
  .superRefine((file, ctx) => {
    for (const field of ['name', 'sha256'] as const) {
      const seen = new Set<string>();
      file.keys.forEach((k, i) => {
        if (seen.has(k[field]))
          ctx.addIssue({ code: 'custom', path: ['keys', i, field], message: `duplicate ${field}` });
        seen.add(k[field]);
      });
    }
  });

/** The SHA-256 hex digest of a key, as the keys file stores it. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Parses keys file text (YAML or JSON); throws with every problem named. */
export function parseKeysFile(text: string, path: string): z.output<typeof KeysFile> {
  const parsed = KeysFile.safeParse(YAML.parse(text) ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid keys file ${path}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

interface StoredKey {
  digest: Buffer;
  scope: Scope;
}

export interface KeyStore {
  /** Whether any key is configured (writes are refused when none is). */
  hasKeys(): boolean;
  /** The scope of a presented key, or null when it is not a valid key. */
  resolve(presented: string): Scope | null;
}

/**
 * The keys of IWG_API_KEYS plus those of `keysFile`. The file is read now (a bad or missing file stops the start)
 * and again whenever it changes.
 */
export function createKeyStore(opts: { apiKeys: readonly string[]; keysFile?: string; log?: Logger }): KeyStore {
  const full: Scope = Object.freeze({ name: 'IWG_API_KEYS', read: ALL_LABELS, write: true });
  const envKeys: StoredKey[] = opts.apiKeys.map((k) => ({ digest: Buffer.from(hashKey(k), 'hex'), scope: full }));
  let fileKeys: StoredKey[] = [];
  let version = '';
  const stampOf = (path: string) => {
    try {
      const st = statSync(path);
      return `${st.mtimeMs}|${st.size}|${st.ino}`;
    } catch {
      return 'missing';
    }
  };
  const load = (path: string, initial: boolean) => {
    const stamp = stampOf(path);
    if (stamp === version) return;
    // Remembered even when the file is bad, so the error is logged once per change, not on every request.
    version = stamp;
    try {
      const file = parseKeysFile(readFileSync(path, 'utf8'), path);
      fileKeys = file.keys.map((k) => ({
        digest: Buffer.from(k.sha256, 'hex'),
        scope: Object.freeze({ name: k.name, read: Object.freeze([...k.read]), write: k.write }),
      }));
      if (!initial) opts.log?.info({ path, keys: fileKeys.length }, 'keys file reloaded');
    } catch (err) {
      if (initial) throw err;
      opts.log?.error({ path, err: (err as Error).message }, 'keys file not reloaded: keeping the last good keys');
    }
  };
  if (opts.keysFile) load(opts.keysFile, true);
  const all = () => {
    if (opts.keysFile) load(opts.keysFile, false);
    return [...envKeys, ...fileKeys];
  };
  return {
    hasKeys: () => all().length > 0,
    resolve(presented) {
      const digest = Buffer.from(hashKey(presented), 'hex');
      let found: Scope | null = null;
      // No early exit: the same work for every key, so timing does not tell which one matched.
      for (const k of all()) if (timingSafeEqual(digest, k.digest) && !found) found = k.scope;
      return found;
    },
  };
}
