/**
 * Configuration: environment variables (and an optional JSON/YAML file named by IWG_CONFIG), validated once with
 * zod. The only module that reads process.env. Fails with one message naming every bad variable.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { DEFAULT_MODEL_ID, MODEL_IDS, MODELS } from '../ingest/models.js';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const list = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);

const RawConfig = z
  .object({
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'expected a neo4j:// or bolt:// URI')
      .optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().default(''),
    NEO4J_DATABASE: z.string().default('neo4j'),
    IWG_CACHE_DIR: z.string().default(join(homedir(), '.cache', 'iwg-graph')),
    IWG_NEO4J_BOLT_PORT: port.default(7688),
    IWG_NEO4J_HTTP_PORT: port.default(7475),
    IWG_NEO4J_HEAP: z
      .string()
      .regex(/^\d+[mg]$/i, 'expected a size like 512m or 1g')
      .default('1g'),
    IWG_NEO4J_DATA_DIR: z.string().optional(),
    IWG_MODEL: z.enum(MODEL_IDS).default(DEFAULT_MODEL_ID),
    IWG_MODEL_DIR: z.string().optional(),
    IWG_MODEL_REMOTE: bool.default(false),
    IWG_EMBED_WORKERS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(() => availableParallelism()),
    IWG_EMBED_BATCH: z.coerce.number().int().min(1).max(256).default(32),
    IWG_QUERY_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(2000),
    IWG_CORPUS_DIR: z.string().default(join(PROJECT_ROOT, 'corpus')),
    IWG_INGEST_ON_START: bool.default(true),
    HOST: z.string().default('127.0.0.1'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    IWG_API_KEYS: list.default([]),
    IWG_KEYS_FILE: z.string().min(1).optional(),
    IWG_READ_REQUIRES_KEY: bool.default(false),
    IWG_CORS_ORIGINS: list.default([]),
    IWG_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    IWG_BODY_LIMIT: z.string().default('2mb'),
    IWG_UPLOAD_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(20 * 1024 * 1024),
    IWG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    IWG_FETCH_HOSTS: list.default([]),
    IWG_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
    IWG_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  })
  .strip();

export type Config = ReturnType<typeof loadConfig>;

/** Every variable the configuration reads: IWG_CONFIG (the file) and the ones the file or the environment set. */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(['IWG_CONFIG', ...Object.keys(RawConfig.shape)]);

export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';
}

/** Parses configuration from `env` (default process.env), merged over the file named by IWG_CONFIG. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const fromFile = env.IWG_CONFIG ? readConfigFile(env.IWG_CONFIG) : {};
  const merged = { ...fromFile, ...definedOnly(env) };
  const parsed = RawConfig.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    neo4j: Object.freeze({
      uri: c.NEO4J_URI,
      user: c.NEO4J_USER,
      password: c.NEO4J_PASSWORD,
      database: c.NEO4J_DATABASE,
      managed: Object.freeze({
        cacheDir: join(c.IWG_CACHE_DIR, 'neo4j'),
        dataDir: c.IWG_NEO4J_DATA_DIR ?? join(c.IWG_CACHE_DIR, 'neo4j-data'),
        boltPort: c.IWG_NEO4J_BOLT_PORT,
        httpPort: c.IWG_NEO4J_HTTP_PORT,
        heap: c.IWG_NEO4J_HEAP,
        pom: join(PROJECT_ROOT, 'graph', 'neo4j.pom.xml'),
      }),
      queryTimeoutMs: c.IWG_QUERY_TIMEOUT_MS,
    }),
    model: Object.freeze({
      /** The embedding model (ingest/models.ts): dimensions, pooling, prefixes, Maven artifact. */
      spec: MODELS[c.IWG_MODEL],
      dir: c.IWG_MODEL_DIR ?? join(c.IWG_CACHE_DIR, 'models'),
      provision: c.IWG_MODEL_DIR === undefined,
      allowRemote: c.IWG_MODEL_REMOTE,
      pom: join(PROJECT_ROOT, 'ingest', 'models', `${c.IWG_MODEL}.pom.xml`),
      workers: c.IWG_EMBED_WORKERS,
      batchSize: c.IWG_EMBED_BATCH,
      /** Query embeddings kept in the LRU cache (0 = every query is embedded). */
      queryCacheSize: c.IWG_QUERY_CACHE_SIZE,
    }),
    corpus: Object.freeze({ dir: c.IWG_CORPUS_DIR, ingestOnStart: c.IWG_INGEST_ON_START }),
    /** Per-document limits of the parse worker: a document over either is refused with PARSE_LIMIT. */
    parse: Object.freeze({ timeoutMs: c.IWG_PARSE_TIMEOUT_MS, maxMemoryMb: c.IWG_PARSE_MEMORY_MB }),
    http: Object.freeze({
      host: c.HOST,
      port: c.PORT,
      apiKeys: Object.freeze([...c.IWG_API_KEYS]),
      /** Scoped keys (src/keys.ts), reloaded when the file changes. */
      keysFile: c.IWG_KEYS_FILE,
      readRequiresKey: c.IWG_READ_REQUIRES_KEY,
      corsOrigins: Object.freeze([...c.IWG_CORS_ORIGINS]),
      rateLimitPerMinute: c.IWG_RATE_LIMIT_PER_MINUTE,
      bodyLimit: c.IWG_BODY_LIMIT,
      uploadLimitBytes: c.IWG_UPLOAD_LIMIT_BYTES,
      /** Hosts (`name` or `name:port`) that URL ingest may fetch from; empty disables URL ingest. */
      fetchHosts: Object.freeze(c.IWG_FETCH_HOSTS.map((h) => h.toLowerCase())),
    }),
    logLevel: c.LOG_LEVEL,
  });
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid configuration: IWG_CONFIG file ${path} cannot be read (${(err as Error).message})`);
  }
  const value: unknown = YAML.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`Invalid configuration: ${path} must hold an object of VARIABLE: value pairs`);
  }
  return value as Record<string, unknown>;
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}
