import type { Logger } from 'pino';
import type { Scope } from './keys.js';

declare global {
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
    }
    interface Locals {
      /** The caller's scope, set by the auth middleware (src/routes/auth.ts) before any /api handler runs. */
      scope?: Scope;
    }
  }
}
export {};
