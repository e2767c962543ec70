/**
 * The one place that touches the Neo4j driver: one driver per process, read and write transactions in sessions
 * of the matching access mode (so routing URIs such as neo4j+s:// work unchanged), retried here rather than by the
 * driver so that a lost server fails fast (graph/availability.ts), values only as parameters, Neo4j errors mapped
 * to our own codes.
 */
import neo4j, { Neo4jError, type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';
import { createAvailability } from './availability.js';
import { query } from './cypher.js';
import { readOnce, runTransactionOnce, type Mode, type TxConfig, type Work } from './transaction.js';

/** A query as a value: built by queries/ or graph/, run here. */
export interface CypherQuery {
  readonly cypher: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type GraphErrorCode =
  | 'GRAPH_UNAVAILABLE'
  | 'GRAPH_TIMEOUT'
  | 'GRAPH_CONSTRAINT'
  | 'GRAPH_QUERY'
  /** The database's indexes or constraints differ from the expected schema and cannot be migrated safely. */
  | 'GRAPH_SCHEMA';

/** A parameter Neo4j receives as an integer, not the float a JS number becomes (index settings need one). */
export function cypherInteger(value: number): unknown {
  return neo4j.int(value);
}

export class GraphError extends Error {
  /** The server cannot be reached (ingest/document-store.ts: a run stops rather than failing every document). */
  readonly unavailable: boolean;
  constructor(
    readonly code: GraphErrorCode,
    message: string,
    readonly neo4jCode?: string,
  ) {
    super(message);
    this.unavailable = code === 'GRAPH_UNAVAILABLE';
  }
}

export interface GraphSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  /** Where the breaker says Neo4j went away and came back. */
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** The statements of one open write transaction (see `Graph.transaction`). */
export interface GraphTx {
  /** Runs one statement inside the transaction; its rows as plain objects. */
  run(q: CypherQuery): Promise<Record<string, unknown>[]>;
}

export interface Graph {
  readonly database: string;
  /**
   * Runs a read query in a read transaction; rows as plain objects (integers as JS numbers). Bounded by the
   * query timeout unless `options.timeoutMs` says otherwise (a background job, not a request).
   */
  read<T = Record<string, unknown>>(q: CypherQuery, options?: { timeoutMs?: number }): Promise<T[]>;
  /** Runs queries in one write transaction, in order; returns the rows of each. */
  write(queries: readonly CypherQuery[]): Promise<Record<string, unknown>[][]>;
  /**
   * Runs `work` in one write transaction, committed when it resolves. The whole of `work` is retried on a
   * transient error (a deadlock, a leader switch), so `work` must do nothing outside the graph that cannot repeat;
   * an error of `work`'s own (a typed ingest error) passes through unchanged and is not retried.
   */
  transaction<T>(work: (tx: GraphTx) => Promise<T>): Promise<T>;
  /** Waits until the server answers RETURN 1 (retrying while it starts). */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** One bounded round trip (false at once while the graph is known to be down). */
  ping(): Promise<boolean>;
  /** False from a connection failure until the background probe reaches the server again. */
  isAvailable(): boolean;
  /** Calls `listener` each time Neo4j is reachable again after an outage; returns the unsubscribe function. */
  onRecovered(listener: () => void): () => void;
  /** Calls `listener` with the failure each time Neo4j is found unreachable; returns the unsubscribe function. */
  onUnavailable(listener: (reason: unknown) => void): () => void;
  /**
   * Checks the connection every `intervalMs` until the returned function is called, so that a long job (an
   * ingest busy embedding) learns of a lost server within seconds rather than at its next query.
   */
  monitor(intervalMs?: number): () => void;
  close(): Promise<void>;
}

// A refused or silent server is a failure within seconds, not after the driver's 30 s defaults.
const CONNECT_TIMEOUT_MS = 5_000;
const ACQUISITION_TIMEOUT_MS = 15_000;
// Transient errors (deadlocks, a cluster's leader switch) are retried this long; a lost server is not retried.
const RETRY_BUDGET_MS = 15_000;
const PING_TIMEOUT_MS = 1_500;

/** Creates the process's driver for `settings`; does not connect until first use. */
export function createGraph(settings: GraphSettings): Graph {
  const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
  const driver: Driver = neo4j.driver(settings.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: ACQUISITION_TIMEOUT_MS,
  });
  const readConfig = { timeout: settings.queryTimeoutMs };
  const probe = () => runTransactionOnce(driver, settings.database, 'READ', (tx) => tx.run(PROBE.cypher), readConfig);
  const reachable = () =>
    probe().then(
      () => true,
      () => false,
    );
  const availability = createAvailability({ probe: async () => void (await probe()), log: settings.log });

  /**
   * Runs one attempt after another: fails at once while the graph is down; a connection failure marks it down
   * unless one probe still reaches the server (a stale pooled connection, a cluster member gone), in which case
   * the attempt is repeated like a transient error, with backoff within RETRY_BUDGET_MS.
   */
  async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    if (!availability.isUp()) throw unavailable(settings.uri, availability.downSince());
    const started = Date.now();
    for (let delay = 100; ; delay *= 2) {
      try {
        return await attempt();
      } catch (err) {
        if (err instanceof WorkError) throw err.cause;
        const mapped = mapError(err);
        const lost = mapped.code === 'GRAPH_UNAVAILABLE';
        if (lost && !(await reachable())) {
          availability.markDown(mapped);
          throw mapped;
        }
        if (!(lost || neo4j.isRetryableError(err)) || Date.now() - started + delay > RETRY_BUDGET_MS) throw mapped;
        await sleep(delay * (0.8 + Math.random() * 0.4));
      }
    }
  }

  const inTransaction = <T>(mode: Mode, work: Work<T>, config?: TxConfig): Promise<T> =>
    withRetries(() => runTransactionOnce(driver, settings.database, mode, work, config));

  return {
    database: settings.database,
    read: async <T>(q: CypherQuery, options?: { timeoutMs?: number }) =>
      toRows(
        await withRetries(() =>
          readOnce(driver, settings.database, q, options?.timeoutMs ? { timeout: options.timeoutMs } : readConfig),
        ),
      ) as T[],
    write(queries) {
      return this.transaction(async (tx) => {
        const out: Record<string, unknown>[][] = [];
        for (const q of queries) out.push(await tx.run(q));
        return out;
      });
    },
    transaction: (work) =>
      inTransaction('WRITE', (tx) =>
        work({ run: async (q) => toRows(await tx.run(q.cypher, q.params)) }).catch((err: unknown) => {
          throw err instanceof Neo4jError ? err : new WorkError(err);
        }),
      ),
    async waitUntilReady(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          await probe();
          availability.markUp();
          return;
        } catch (err) {
          last = err;
          await sleep(500);
        }
      }
      throw new GraphError('GRAPH_UNAVAILABLE', `Neo4j at ${settings.uri} not ready: ${(last as Error)?.message}`);
    },
    async ping() {
      if (!availability.isUp()) return false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
      const answered = this.read(PROBE).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answered, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    isAvailable: () => availability.isUp(),
    onRecovered: (listener) => availability.onRecovered(listener),
    onUnavailable: (listener) => availability.onDown(listener),
    monitor(intervalMs = 1_000) {
      let checking = false;
      const timer = setInterval(() => {
        if (checking || !availability.isUp()) return;
        checking = true;
        // A lost server marks the graph down inside inTransaction; other failures are not the monitor's business.
        void inTransaction('READ', (tx) => tx.run(PROBE.cypher), readConfig)
          .catch(() => undefined)
          .finally(() => (checking = false));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    async close() {
      availability.close();
      await driver.close();
    },
  };
}

/** Wraps an error of the caller's work, so that it is neither retried nor mapped. */
class WorkError extends Error {
  constructor(override readonly cause: unknown) {
    super('transaction work failed');
  }
}

function unavailable(uri: string, since: number | null): GraphError {
  const when = since === null ? '' : ` since ${new Date(since).toISOString()}`;
  return new GraphError('GRAPH_UNAVAILABLE', `Neo4j at ${uri} is unreachable${when}; reconnecting in the background`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PROBE = query('RETURN 1 AS ok');

function toRows(result: QueryResult<RecordShape>): Record<string, unknown>[] {
  return result.records.map((r) => r.toObject() as Record<string, unknown>);
}

/** Maps driver errors to our codes; the message keeps Neo4j's own code for logs. */
export function mapError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(err);
  // A database still starting or recovering after a restart is unavailable too, not a query bug.
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /ECONNREFUSED|connect/i.test(code)
  ) {
    return new GraphError('GRAPH_UNAVAILABLE', message, code);
  }
  if (code.includes('TransactionTimedOut') || code.includes('Transaction.TransactionTimedOutClientConfiguration')) {
    return new GraphError('GRAPH_TIMEOUT', message, code);
  }
  if (code.includes('ConstraintValidationFailed')) return new GraphError('GRAPH_CONSTRAINT', message, code);
  return new GraphError('GRAPH_QUERY', message, code);
}
