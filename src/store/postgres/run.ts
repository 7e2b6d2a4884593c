/** How the PostgreSQL repositories run queries: failures as typed store errors, and transactions on one connection. */
import type pg from 'pg';
import { PaperboyError, describeError } from '../../core/errors.ts';

/**
 * Runs a query, turning its failure into a typed `store` error (the driver's error kept as the cause). Every call
 * is wrapped, reads too: unlike an in-process SQLite file, any PostgreSQL query can fail (connection lost, server
 * restarting), and a constraint failure (a size of 11, a bad time) must read the same as on SQLite.
 */
export async function storeCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    throw new PaperboyError('store', `${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Runs `work` in a transaction on one pooled connection. READ COMMITTED whatever the server's default: a claim
 * relies on each statement seeing what other claims committed meanwhile, where a stricter level would fail instead.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped from the pool rather than handed to the next caller.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
