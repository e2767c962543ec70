/**
 * One attempt at a transaction, without retries: graph/driver.ts decides whether to retry (a transient error) or to
 * fail fast (a lost server), which the driver's own executeRead/executeWrite retry loop would not let it do.
 */
import neo4j, { type Driver, type Transaction } from 'neo4j-driver';

/** The access mode of a session (a routing driver sends reads to any member, writes to the leader). */
export type Mode = 'READ' | 'WRITE';
/** What runs inside one transaction. */
export type Work<T> = (tx: Transaction) => Promise<T>;
/** Transaction settings: the server-side timeout. */
export type TxConfig = { timeout?: number };

/** One attempt: a session, an explicit transaction, commit (or rollback on failure), the session closed. */
export async function runTransactionOnce<T>(
  driver: Driver,
  database: string,
  mode: Mode,
  work: Work<T>,
  config?: TxConfig,
) {
  const session = driver.session({
    database,
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });
  try {
    const tx = await session.beginTransaction(config);
    try {
      const out = await work(tx);
      await tx.commit();
      return out;
    } catch (err) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw err;
    }
  } finally {
    await session.close().catch(() => undefined);
  }
}
