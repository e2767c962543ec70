/**
 * The API's answers checked against its OpenAPI document: each answer of a documented operation must have a
 * documented status and parse with the zod schema registered for it (the route's response schema, Problem for
 * errors), with no field the schema does not name — so the document cannot drift from what the queries return.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RouteConfig, ZodMediaTypeObject } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { describeOperations } from '../../src/openapi.js';
import type { RouteSpec } from '../../src/routes/route.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

interface Operation {
  method: string;
  pattern: RegExp;
  config: RouteConfig;
}

/** Returns the check for `routes`: it throws, naming the operation and the difference, on any drift. */
export function createContractCheck(routes: readonly RouteSpec[]) {
  const operations: Operation[] = describeOperations(routes).map((config) => ({
    method: config.method,
    pattern: new RegExp(`^${config.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    config,
  }));
  return function checkAnswer(method: string, url: string, answer: Answer): void {
    const path = new URL(url, 'http://api.test').pathname;
    const op = operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
    if (!op) return; // not an operation of the document: the web page, /docs, /api/openapi.json, unknown paths
    const name = `${method} ${op.config.path} → ${answer.status}`;
    const response = op.config.responses[answer.status];
    if (!response) throw new Error(`${name}: the status is not documented`);
    const content = 'content' in response ? (response.content ?? {}) : {};
    if (Object.keys(content).length === 0) {
      if (answer.body !== '') throw new Error(`${name}: documented without a body, answered one`);
      return;
    }
    const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = content[type] as ZodMediaTypeObject | undefined;
    if (!media) throw new Error(`${name}: content type ${type} is not documented`);
    if (!isZodType(media.schema)) return; // a plain JSON Schema (the metrics text)
    const parsed = media.schema.safeParse(answer.body);
    if (!parsed.success) throw new Error(`${name}: the body does not match its schema: ${parsed.error.message}`);
    // Zod drops keys its objects do not name: a body that changed when parsed has undocumented fields.
    if (!isDeepStrictEqual(withoutUndefined(parsed.data), answer.body))
      throw new Error(
        `${name}: the body has fields its schema does not name: ${undocumented(parsed.data, answer.body).slice(0, 5).join(', ')}`,
      );
  };
}

const isZodType = (schema: unknown): schema is ZodType =>
  typeof (schema as { safeParse?: unknown } | null)?.safeParse === 'function';

/** The value as JSON would carry it (a key whose value is undefined is absent). */
const withoutUndefined = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

/** The paths of the first fields present in `raw` but not in `parsed`. */
function undocumented(parsed: unknown, raw: unknown, at = '$'): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.flatMap((r, i) => undocumented(parsed[i], r, `${at}[${i}]`));
  if (!raw || typeof raw !== 'object' || !parsed || typeof parsed !== 'object') return [];
  const p = parsed as Record<string, unknown>;
  return Object.entries(raw).flatMap(([k, v]) => (k in p ? undocumented(p[k], v, `${at}.${k}`) : [`${at}.${k}`]));
}
