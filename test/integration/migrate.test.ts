// The migration runner (src/db/migrate.ts) against real PostgreSQL. Every test gets its own
// empty database; changed or extra migrations live in a temp copy of prisma/migrations.
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, ensureDatabase, migrate, readMigrations } from '../../src/db/migrate.ts';
import { TEST_PG_URL } from '../helpers/env.ts';
import { query, useScratchDatabases } from '../helpers/pg.ts';

const scratch = useScratchDatabases('kontakt_mig');
const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A throwaway copy of the real migrations, safe to change. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kontakt-migrations-'));
  tempDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

const tableCount = async (url: string) =>
  (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`))[0]!.n;

const tableExists = async (url: string, table: string) =>
  (await query<{ t: string | null }>(url, 'SELECT to_regclass($1)::text AS t', [`public."${table}"`]))[0]!.t !== null;

const appliedNames = async (url: string) =>
  (await query<{ migration_name: string }>(url, 'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name')).map(
    (r) => r.migration_name,
  );

const names = (await readMigrations()).map((m) => m.name);

describe('migrate()', () => {
  it('applies every migration once; a second run applies nothing', async () => {
    const url = scratch.url();
    expect(await migrate(url)).toEqual(names);
    const tables = await tableCount(url);
    expect(tables).toBeGreaterThan(1);

    expect(await migrate(url)).toEqual([]);
    expect(await tableCount(url)).toBe(tables);
    expect(await appliedNames(url)).toEqual(names);
  });

  it('records migrations in _prisma_migrations the way Prisma does', async () => {
    const url = scratch.url();
    await migrate(url);
    const rows = await query(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows).toHaveLength(names.length);
    for (const [i, row] of rows.entries()) {
      const file = path.join(DEFAULT_MIGRATIONS_DIR, names[i]!, 'migration.sql');
      expect(row).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        // Prisma's checksum: SHA-256 of the file's bytes, lower-case hex.
        checksum: createHash('sha256').update(await readFile(file)).digest('hex'),
        migration_name: names[i],
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
  });

  it('refuses to run when an applied migration file was changed, naming the file', async () => {
    const dir = await copyOfMigrations();
    const url = scratch.url();
    await migrate(url, { dir });
    const changed = path.join(dir, names[0]!, 'migration.sql');
    await appendFile(changed, '\n-- an innocent-looking edit\n');

    await expect(migrate(url, { dir })).rejects.toThrow(changed);
    await expect(migrate(url, { dir })).rejects.toThrow(/modified after it was applied/);
  });

  it('serialises concurrent runners: migrations are applied once, by one runner', async () => {
    const url = await scratch.create();
    const logs: string[][] = [[], []];
    const results = await Promise.all(
      logs.map((messages) => migrate(url, { log: (message) => messages.push(message) })),
    );

    expect(results.map((r) => r.length).sort()).toEqual([0, names.length]);
    expect(logs.filter((messages) => messages.length > 0)).toHaveLength(1);
    expect(await appliedNames(url)).toEqual(names);
  });

  // Both runners find the database missing and both run CREATE DATABASE; the loser's 23505 must
  // not fail it.
  it('two concurrent runners against a missing database both succeed', async () => {
    const url = scratch.url();
    const results = await Promise.all([migrate(url), migrate(url)]);
    expect(results.map((r) => r.length).sort()).toEqual([0, names.length]);
  });

  it('rolls back a failing migration completely and names it in the error', async () => {
    const dir = await copyOfMigrations();
    await addMigration(dir, '29990101000000_broken', 'CREATE TABLE "Partial" (id INTEGER);\nSELECT * FROM "no_such_table";\n');
    const url = scratch.url();

    await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken.*no_such_table/);
    expect(await tableExists(url, 'Partial')).toBe(false);
    // The earlier migrations stay applied; the broken one leaves no row, so fixing it is enough.
    expect(await appliedNames(url)).toEqual(names);
    await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken/);
  });

  it('applies a new pending migration on the next run', async () => {
    const dir = await copyOfMigrations();
    const url = scratch.url();
    await migrate(url, { dir });
    await addMigration(dir, '29990101000000_add_note', 'CREATE TABLE "Note" (id INTEGER PRIMARY KEY);\n');

    expect(await migrate(url, { dir })).toEqual(['29990101000000_add_note']);
    expect(await tableExists(url, 'Note')).toBe(true);
    expect(await appliedNames(url)).toEqual([...names, '29990101000000_add_note']);
  });
});

describe('ensureDatabase()', () => {
  it('creates a missing database and leaves an existing one alone', async () => {
    const url = scratch.url();
    const name = new URL(url).pathname.slice(1);
    const exists = async () => (await query(TEST_PG_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;

    expect(await exists()).toBe(false);
    expect(await ensureDatabase(url)).toBe(true);
    expect(await exists()).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
  });
});
