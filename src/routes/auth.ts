/**
 * API keys: `Authorization: Bearer <key>`, compared in constant time over SHA-256 digests (src/keys.ts). The
 * middleware resolves the caller's scope once per request into `res.locals.scope`: a key's scope, or without a
 * key (when reads are open) the anonymous scope, which reads `public` documents only. Writes always need a key
 * that may write; a presented key must be valid even where none is needed.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { ANONYMOUS, type KeyStore } from '../keys.js';
import { HttpProblem } from '../problems.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="iwg-graph"' };

/** Returns the middleware factory for 'read' and 'write' access over `keys`. */
export function createAuth(config: Config, keys: KeyStore): (access: 'read' | 'write') => RequestHandler {
  return (access) => (req, res, next) => {
    const header = req.get('authorization');
    const open = access === 'read' && !config.http.readRequiresKey;
    if (!keys.hasKeys()) {
      if (open) {
        res.locals.scope = ANONYMOUS;
        return next();
      }
      const what = access === 'write' ? 'writes' : 'reads';
      throw new HttpProblem(403, 'Forbidden', `${what} disabled: no API keys configured`);
    }
    if (open && header === undefined) {
      res.locals.scope = ANONYMOUS;
      return next();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m)
      throw new HttpProblem(401, 'Unauthorized', 'An API key is required: Authorization: Bearer <key>', [], CHALLENGE);
    const scope = keys.resolve(m[1]);
    if (!scope) throw new HttpProblem(401, 'Unauthorized', 'The API key is not valid', [], CHALLENGE);
    if (access === 'write' && !scope.write) throw new HttpProblem(403, 'Forbidden', 'This API key may not write');
    res.locals.scope = scope;
    req.log = req.log.child({ key: scope.name });
    next();
  };
}
