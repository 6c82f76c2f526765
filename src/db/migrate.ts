// Applies prisma/migrations/*/migration.sql without Prisma's schema engine, recording each in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can take over later.
//
// - A PostgreSQL advisory lock (Prisma's own key) serialises concurrent runners, ours and Prisma's.
// - Each migration runs in its own transaction (so CREATE INDEX CONCURRENTLY is not available).
// - An applied migration whose file has changed stops the run, naming the file.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** The advisory lock key `prisma migrate` uses, so both tools exclude each other. */
const PRISMA_MIGRATE_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

export type MigrationFile = { name: string; file: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export const checksumOf = (sql: string | Buffer) => createHash('sha256').update(sql).digest('hex');

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const bytes = await readFile(file).catch(() => {
        throw new MigrationError(`Migration ${name} has no migration.sql (${file})`);
      });
      return { name, file, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    }),
  );
}

/** Creates the database named in the URL when it does not exist (connecting to the `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new MigrationError('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } catch (error) {
      // Another runner created it meanwhile: 42P04, or 23505 when both passed the check at once.
      if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir);
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    for (const row of rows) {
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} was started but did not finish; repair the database, then mark it rolled back (prisma migrate resolve --rolled-back ${row.migration_name})`,
        );
      }
    }
    for (const m of migrations) {
      const row = applied.get(m.name);
      if (row && row.checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.name} was modified after it was applied: ${m.file} (checksum ${m.checksum}, applied ${row.checksum}). Restore the file and put changes in a new migration.`,
        );
      }
    }

    const done: string[] = [];
    for (const m of migrations.filter((m) => !applied.has(m.name))) {
      log(`applying migration ${m.name}`);
      await client.query('BEGIN');
      try {
        const id = randomUUID();
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed and was rolled back (${m.file}): ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    // Closing the session releases the advisory lock even when a query above failed.
    await client.end();
  }
}
