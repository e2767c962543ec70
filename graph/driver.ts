/**
 * The one place that touches the Neo4j driver: one driver per process, read and write transactions through
 * executeRead/executeWrite (so routing URIs such as neo4j+s:// work unchanged), values only as parameters,
 * Neo4j errors mapped to our own codes.
 */
import neo4j, { Neo4jError, type Driver, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';
import { query } from './cypher.js';

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
  constructor(
    readonly code: GraphErrorCode,
    message: string,
    readonly neo4jCode?: string,
  ) {
    super(message);
  }
}

export interface GraphSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
}

/** The statements of one open write transaction (see `Graph.transaction`). */
export interface GraphTx {
  /** Runs one statement inside the transaction; its rows as plain objects. */
  run(q: CypherQuery): Promise<Record<string, unknown>[]>;
}

export interface Graph {
  readonly database: string;
  /** Runs a read query in a read transaction; rows as plain objects (integers as JS numbers). */
  read<T = Record<string, unknown>>(q: CypherQuery): Promise<T[]>;
  /** Runs queries in one write transaction, in order; returns the rows of each. */
  write(queries: readonly CypherQuery[]): Promise<Record<string, unknown>[][]>;
  /**
   * Runs `work` in one write transaction, committed when it resolves. The driver retries the whole of `work` on a
   * transient error (a deadlock, a leader switch), so `work` must do nothing outside the graph that cannot repeat.
   */
  transaction<T>(work: (tx: GraphTx) => Promise<T>): Promise<T>;
  /** Waits until the server answers RETURN 1 (retrying while it starts). */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Creates the process's driver for `settings`; does not connect until first use. */
export function createGraph(settings: GraphSettings): Graph {
  const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
  const driver: Driver = neo4j.driver(settings.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
  });
  /** Opens a session for `work`, maps driver errors to GraphError codes, always closes it. */
  async function withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const session = driver.session({ database: settings.database });
    try {
      return await work(session);
    } catch (err) {
      throw err instanceof WorkError ? err.cause : mapError(err);
    } finally {
      await session.close();
    }
  }
  const txConfig = { timeout: settings.queryTimeoutMs };

  return {
    database: settings.database,
    read: <T>(q: CypherQuery) =>
      withSession(async (session) => {
        const result = await session.executeRead((tx) => tx.run(q.cypher, q.params), txConfig);
        return toRows(result) as T[];
      }),
    write(queries) {
      return this.transaction(async (tx) => {
        const out: Record<string, unknown>[][] = [];
        for (const q of queries) out.push(await tx.run(q));
        return out;
      });
    },
    transaction: (work) =>
      withSession((session) =>
        session.executeWrite((tx) =>
          work({ run: async (q) => toRows(await tx.run(q.cypher, q.params)) }).catch((err: unknown) => {
            // The caller's own errors (a typed ingest error) pass through unchanged, and are not retried.
            throw err instanceof Neo4jError ? err : new WorkError(err);
          }),
        ),
      ),
    async waitUntilReady(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          await this.read(query('RETURN 1 AS ok'));
          return;
        } catch (err) {
          last = err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      throw new GraphError('GRAPH_UNAVAILABLE', `Neo4j at ${settings.uri} not ready: ${(last as Error)?.message}`);
    },
    async ping() {
      try {
        await this.read(query('RETURN 1 AS ok'));
        return true;
      } catch {
        return false;
      }
    },
    close: () => driver.close(),
  };
}

/** Carries an error thrown by the caller's work out of a transaction, past the mapping of driver errors. */
class WorkError extends Error {
  constructor(override readonly cause: unknown) {
    super('transaction work failed');
  }
}

function toRows(result: QueryResult<RecordShape>): Record<string, unknown>[] {
  return result.records.map((r) => r.toObject() as Record<string, unknown>);
}

/** Maps driver errors to our codes; the message keeps Neo4j's own code for logs. */
export function mapError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(err);
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|connect/i.test(code)) {
    return new GraphError('GRAPH_UNAVAILABLE', message, code);
  }
  if (code.includes('TransactionTimedOut') || code.includes('Transaction.TransactionTimedOutClientConfiguration')) {
    return new GraphError('GRAPH_TIMEOUT', message, code);
  }
  if (code.includes('ConstraintValidationFailed')) return new GraphError('GRAPH_CONSTRAINT', message, code);
  return new GraphError('GRAPH_QUERY', message, code);
}
