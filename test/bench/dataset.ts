// The benchmark database: reused when it already holds the data set of this generator version,
// otherwise dropped, migrated and generated again. A row in "_bench_meta" (a table only the
// benchmark database has) records what was generated, so the contacts a run creates can be
// removed again and the next run measures the same data.
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { dropBenchDatabase, withClient } from './bench-env.ts';
import { DATA_SHAPE, countRows, generateData, type GenerationResult } from './generate-data.ts';

/** Bump when the generated data changes shape, so existing benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 3;

export type Dataset = GenerationResult & { version: number; shape: typeof DATA_SHAPE; reused: boolean };

export async function ensureBenchData(databaseUrl: string, options: { fresh: boolean; log: (message: string) => void }): Promise<Dataset> {
  const { log } = options;
  if (!options.fresh) {
    const existing = await reuse(databaseUrl, log);
    if (existing) return existing;
  }
  log(`(re)creating the benchmark database`);
  await dropBenchDatabase(databaseUrl);
  await migrate(databaseUrl, { log: (m) => log(`  ${m}`) });
  const result = await generateData(databaseUrl, log);
  const dataset: Dataset = { ...result, version: GENERATOR_VERSION, shape: DATA_SHAPE, reused: false };
  await withClient(databaseUrl, async (client) => {
    await client.query('CREATE TABLE IF NOT EXISTS "_bench_meta" (id int PRIMARY KEY, info jsonb NOT NULL)');
    await client.query('INSERT INTO "_bench_meta" VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET info = excluded.info', [JSON.stringify(dataset)]);
  });
  return dataset;
}

async function reuse(databaseUrl: string, log: (message: string) => void): Promise<Dataset | null> {
  try {
    // Also brings an existing benchmark database up to new migrations.
    await migrate(databaseUrl, { log: (m) => log(`  ${m}`) });
  } catch (error) {
    log(`existing benchmark database cannot be migrated (${(error as Error).message}); regenerating`);
    return null;
  }
  return withClient(databaseUrl, async (client) => {
    const meta = await client
      .query<{ info: Dataset }>('SELECT info FROM "_bench_meta" WHERE id = 1')
      .then((r) => r.rows[0]?.info ?? null)
      .catch(() => null);
    if (!meta) return null;
    // jsonb reorders keys: compare field by field.
    const sameShape = Object.entries(DATA_SHAPE).every(([key, value]) => meta.shape?.[key as keyof typeof DATA_SHAPE] === value);
    if (meta.version !== GENERATOR_VERSION || !sameShape) {
      log(`benchmark data is from another generator (version ${meta.version}) or data shape; regenerating`);
      return null;
    }
    const removed = await restoreBenchData(client, meta);
    if (removed > 0) log(`removed ${removed} contacts left over from an earlier run`);
    const counts = await countRows(client);
    if (counts.contacts !== DATA_SHAPE.contacts || counts.items !== DATA_SHAPE.items) {
      log(`benchmark database holds ${counts.contacts} contacts / ${counts.items} items; regenerating`);
      return null;
    }
    log(`reusing benchmark data generated ${meta.generatedAt} (--fresh to rebuild)`);
    return { ...meta, reused: true };
  });
}

/**
 * Deletes contacts created after generation (their items and history go with them) and puts the
 * contact counters back, so numbering stays gapless. Returns how many contacts were removed.
 */
export async function restoreBenchData(client: pg.Client | pg.Pool, dataset: Pick<Dataset, 'maxContactId' | 'sequences'>): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM "Contact" WHERE id > $1', [dataset.maxContactId]);
  const scopes = Object.keys(dataset.sequences);
  await client.query(`DELETE FROM "NumberSequence" WHERE scope LIKE 'contact:%' AND NOT (scope = ANY($1::text[]))`, [scopes]);
  await client.query(
    `UPDATE "NumberSequence" s SET "lastValue" = v.last FROM unnest($1::text[], $2::int[]) AS v(scope, last) WHERE s.scope = v.scope`,
    [scopes, scopes.map((s) => dataset.sequences[s])],
  );
  return rowCount ?? 0;
}
