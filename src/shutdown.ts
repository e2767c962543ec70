/**
 * Shutting down on a signal: close what is open, then exit. A watchdog exits anyway (status 1, logged as an
 * error) when closing takes longer than its budget, which is sized to what there is to close, so the error means
 * something really hangs.
 */
import { NEO4J_STOP_TIMEOUT_MS } from '../graph/managed-neo4j.js';
import type { Logger } from './logger.js';
import { SERVER_GRACE_MS } from './server.js';

// Closing the driver and the embedding and parse workers, after the server's grace: well under a second when
// nothing hangs.
const CLOSE_MARGIN_MS = 5_000;

/**
 * The longest a clean shutdown takes: in-flight requests' grace, closing the driver and workers, and, when this
 * process started the managed Neo4j, its stop (it waits for Java to exit: ~12 s after a day of writes, SIGKILL
 * after NEO4J_STOP_TIMEOUT_MS).
 */
export function shutdownBudgetMs(stopsManagedNeo4j: boolean): number {
  return SERVER_GRACE_MS + CLOSE_MARGIN_MS + (stopsManagedNeo4j ? NEO4J_STOP_TIMEOUT_MS : 0);
}

export interface ShutdownDeps {
  log: Pick<Logger, 'info' | 'error' | 'flush'>;
  /** Closes the server and the runtime. */
  closeAll(): Promise<void>;
  /** The budget, asked when the shutdown starts (what is open decides it). */
  budgetMs(): number;
  exit(code: number): void;
}

/** Returns the shutdown: once only (a second signal is ignored), with the watchdog armed for its budget. */
export function createShutdown(deps: ShutdownDeps): (reason: string, code?: number) => Promise<void> {
  let stopping = false;
  return async (reason, code = 0) => {
    if (stopping) return;
    stopping = true;
    const budget = deps.budgetMs();
    deps.log.info({ signal: reason, budgetMs: budget }, 'shutting down');
    const watchdog = setTimeout(() => {
      deps.log.error({ ms: budget }, 'shutdown did not finish in time; exiting anyway');
      deps.log.flush();
      deps.exit(1);
    }, budget).unref();
    await deps.closeAll();
    clearTimeout(watchdog);
    deps.log.info({ signal: reason, code }, 'shut down');
    deps.log.flush();
    deps.exit(code);
  };
}
