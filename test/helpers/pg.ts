// Scratch databases that start empty (not cloned from the migrated template), for tests of the
// migration machinery itself, plus running SQL and pg_dump against them.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll } from 'vitest';
import { dropTestDatabase, withClient } from './db.ts';
import { TEST_PG_URL, databaseUrl } from './env.ts';

export { withClient };

export const query = <R extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params?: unknown[]) =>
  withClient(url, async (c) => (await c.query<R>(sql, params)).rows);

/**
 * Hands out names of databases that do not exist yet (random suffix, so files can run in
 * parallel) and drops every one of them after the test file.
 */
export function useScratchDatabases(prefix = 'kontakt_s') {
  const names: string[] = [];
  afterAll(async () => {
    for (const name of names) await dropTestDatabase(name);
  });
  return {
    /** URL of a database that does not exist yet; `migrate()` / `ensureDatabase()` create it. */
    url(): string {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      names.push(name);
      return databaseUrl(name);
    },
    /** URL of a new, empty database. */
    async create(): Promise<string> {
      const url = this.url();
      await query(TEST_PG_URL, `CREATE DATABASE ${names.at(-1)}`);
      return url;
    },
  };
}

/** `pg_dump --schema-only` without owners, grants and Prisma's bookkeeping table. */
export async function dumpSchema(url: string): Promise<string> {
  // /usr/bin/pg_dump is Debian's pg_wrapper: it runs the newest installed client, which must be
  // at least the server's major version (pg_dump refuses newer servers). PG_DUMP overrides it.
  const { stdout } = await promisify(execFile)(
    process.env.PG_DUMP ?? 'pg_dump',
    ['--schema-only', '--no-owner', '--no-privileges', '--exclude-table=public._prisma_migrations', `--dbname=${url}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}
