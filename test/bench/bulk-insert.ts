// Set-based loading: rows are collected column by column and written with one
// INSERT … SELECT * FROM unnest($1::int[], $2::text[], …) per batch, several batches in flight on
// a small pool while the next one is generated. Roughly 10× faster than row-by-row inserts, with
// no COPY client library.
import { setImmediate as yieldToIo } from 'node:timers/promises';
import type pg from 'pg';

/**
 * [column, PostgreSQL type of one value (for the unnest array cast), optional cast of the value
 * on insert — e.g. 'text[]' for an array column sent as array literals like '{a.pl}'].
 */
export type Column = readonly [name: string, type: string, cast?: string];

export class ColumnBatch {
  private columns: unknown[][];

  constructor(
    readonly table: string,
    readonly spec: readonly Column[],
  ) {
    this.columns = spec.map(() => []);
  }

  push(...row: unknown[]): void {
    if (row.length !== this.spec.length) throw new Error(`${this.table}: expected ${this.spec.length} values, got ${row.length}`);
    for (let i = 0; i < row.length; i++) this.columns[i]!.push(row[i] ?? null);
  }

  get size(): number {
    return this.columns[0]!.length;
  }

  get sql(): string {
    const names = this.spec.map(([name]) => `"${name}"`).join(', ');
    const values = this.spec.map(([, , cast], i) => (cast ? `v${i}::${cast}` : `v${i}`)).join(', ');
    const arrays = this.spec.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    const aliases = this.spec.map((_, i) => `v${i}`).join(', ');
    return `INSERT INTO "${this.table}" (${names}) SELECT ${values} FROM unnest(${arrays}) AS u(${aliases})`;
  }

  /** The collected columns as query parameters; the batch starts empty again. */
  take(): unknown[][] {
    const params = this.columns;
    this.columns = this.spec.map(() => []);
    return params;
  }
}

/**
 * Writes batches with at most `inFlight` statements running at once. `flush` sends what has been
 * collected so far; `close` waits for everything and rethrows the first failure.
 */
export class BulkWriter {
  private pending: Promise<unknown>[] = [];
  rows = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly inFlight = 2,
  ) {}

  async flush(batch: ColumnBatch): Promise<void> {
    if (batch.size === 0) return;
    this.rows += batch.size;
    const sql = batch.sql;
    const query = this.pool.query(sql, batch.take());
    query.catch(() => {}); // Awaited (and rethrown) below or in close(); not unhandled meanwhile.
    this.pending.push(query);
    // Let the query reach the socket before the caller spends the next stretch generating rows.
    await yieldToIo();
    if (this.pending.length >= this.inFlight) await this.pending.shift();
  }

  async close(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}
