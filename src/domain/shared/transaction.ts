import type { Db, Tx } from '../../db.ts';

/**
 * Runs fn in a transaction: a new one when given the client, the caller's when given a
 * transaction, so use cases compose (handover calls reassign inside its own transaction).
 */
export async function inTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if ('$transaction' in db && typeof db.$transaction === 'function') {
    return (db as Db).$transaction((tx) => fn(tx), { timeout: 30_000, maxWait: 10_000 });
  }
  return fn(db as Tx);
}

