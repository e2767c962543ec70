/**
 * API keys: `Authorization: Bearer <key>`, compared in constant time over SHA-256 digests (equal lengths, so
 * timingSafeEqual never throws and the key's length is not leaked). Writes always need a key; reads only
 * when configured.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { HttpProblem } from '../problems.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Returns the middleware factory for 'read' and 'write' access. */
export function createAuth(config: Config): (access: 'read' | 'write') => RequestHandler {
  const keys = config.http.apiKeys.map(digest);
  const matches = (presented: string) => {
    const d = digest(presented);
    let ok = false;
    for (const k of keys) ok = timingSafeEqual(d, k) || ok; // no early exit: same work for every key
    return ok;
  };
  return (access) => (req, _res, next) => {
    if (access === 'read' && !config.http.readRequiresKey) return next();
    if (keys.length === 0) {
      const what = access === 'write' ? 'writes' : 'reads';
      throw new HttpProblem(403, 'Forbidden', `${what} disabled: no API keys configured`);
    }
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const challenge = { 'WWW-Authenticate': 'Bearer realm="iwg-graph"' };
    if (!m)
      throw new HttpProblem(401, 'Unauthorized', 'An API key is required: Authorization: Bearer <key>', [], challenge);
    if (!matches(m[1])) throw new HttpProblem(401, 'Unauthorized', 'The API key is not valid', [], challenge);
    next();
  };
}
