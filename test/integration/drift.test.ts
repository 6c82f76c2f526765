// THE DRIFT TEST: prisma/migrations must build exactly the database prisma/schema.prisma
// describes. One database is built by migrate(), another straight from the schema (the SQL the
// schema engine generates for an empty database); their pg_dumps must match.
//
// When it fails: you changed schema.prisma without a migration (run `npm run db:diff -- <name>`),
// or edited migration SQL by hand so that it no longer matches the schema.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import { diffSchemas } from '../../src/db/schema-engine.ts';
import { writeNextMigration } from '../../src/db/write-migration.ts';
import { dumpSchema, useScratchDatabases, withClient } from '../helpers/pg.ts';

const SCHEMA_PATH = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');
const schema = await readFile(SCHEMA_PATH, 'utf8');
/** The schema plus a field that no migration creates; placed first so its column order differs too. */
const schemaWithNickname = schema.replace(/^model Person \{$/m, '$&\n  nickname String?');

const scratch = useScratchDatabases('kontakt_drift');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'kontakt-drift-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/**
 * pg_dump output reduced to what describes the schema. Dropped: comments, SET / set_config lines,
 * blank lines, and `\restrict <random key>` / `\unrestrict` (added by pg_dump 15.14+, new key
 * every run). Columns inside CREATE TABLE are sorted: a migration's ADD COLUMN appends at the
 * end while the schema engine follows the model's field order, and column order is not drift.
 * Index storage parameters are tuning the Prisma schema cannot express (the search indexes'
 * gin_pending_list_limit, migration 20261127125000): they are dropped too, and only they. So are
 * the other things Prisma's schema cannot express, each named here: the triggers and their
 * functions, all named kontakt_… (change notifications, migration 20261127190000; the reminder
 * log's delete cascade, 20261127190931 — tests check both), and the reminder log's two partial
 * indexes (20261127190931).
 */
const TUNING_ONLY = / WITH \(gin_pending_list_limit='\d+'\)(?=;$)/;
const HAND_WRITTEN = /^(CREATE TRIGGER kontakt_\w+ |ALTER FUNCTION public\.kontakt_\w+\(\) )/;
const PARTIAL_INDEX = /^(CREATE INDEX "ReminderLog_(?:messageRef|itemId)_idx" .*) WHERE \("(?:messageRef|itemId)" IS NOT NULL\);$/;

function normaliseDump(dump: string): string[] {
  const out: string[] = [];
  let columns: string[] | null = null;
  let inHandWrittenFunction = false;
  for (let line of dump.split('\n')) {
    if (/^CREATE FUNCTION public\.kontakt_\w+\(\)/.test(line)) inHandWrittenFunction = true;
    if (inHandWrittenFunction) {
      if (line === '$$;') inHandWrittenFunction = false;
      continue;
    }
    if (HAND_WRITTEN.test(line)) continue;
    line = line.replace(PARTIAL_INDEX, '$1;');
    if (!line.trim() || line.startsWith('--') || line.startsWith('SET ') || line.startsWith('SELECT pg_catalog.set_config(')) continue;
    if (/^\\(un)?restrict /.test(line)) continue;
    line = line.replace(TUNING_ONLY, '');
    if (columns && line.startsWith(')')) {
      out.push(...columns.sort(), line);
      columns = null;
    } else if (columns) {
      columns.push(line.replace(/,$/, ''));
    } else {
      out.push(line);
      if (/^CREATE TABLE .*\($/.test(line)) columns = [];
    }
  }
  return out;
}

async function migratedDump(dir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const url = scratch.url();
  await migrate(url, { dir });
  return normaliseDump(await dumpSchema(url));
}

async function dumpBuiltFromSchema(content: string): Promise<string[]> {
  const url = await scratch.create();
  const sql = await diffSchemas(null, { path: SCHEMA_PATH, content });
  await withClient(url, (c) => c.query(sql));
  return normaliseDump(await dumpSchema(url));
}

/** Lines in `b` that `a` lacks, and the other way round (enough to name a drifted column). */
const onlyIn = (a: string[], b: string[]) => b.filter((line) => !a.includes(line));

describe('drift between prisma/migrations and prisma/schema.prisma', () => {
  let fromMigrations: string[];
  beforeAll(async () => {
    fromMigrations = await migratedDump();
  });

  it('the migrations build exactly the database the schema describes', async () => {
    const fromSchema = await dumpBuiltFromSchema(schema);
    expect(fromMigrations.length).toBeGreaterThan(100);
    // On failure vitest prints a line diff: "-" = built from the schema, "+" = from the migrations.
    expect(
      fromMigrations.join('\n'),
      'prisma/migrations and prisma/schema.prisma disagree; did you forget `npm run db:diff -- <name>`?',
    ).toBe(fromSchema.join('\n'));
  });

  it('would catch a schema change that has no migration', async () => {
    expect(schemaWithNickname).not.toBe(schema);
    const fromChangedSchema = await dumpBuiltFromSchema(schemaWithNickname);
    expect(onlyIn(fromMigrations, fromChangedSchema)).toEqual(['    nickname text']);
    expect(onlyIn(fromChangedSchema, fromMigrations)).toEqual([]);
  });
});

describe('writeNextMigration()', () => {
  async function setUp(workingSchema: string) {
    const dir = await mkdtemp(path.join(tmp, 'case-'));
    const migrationsDir = path.join(dir, 'migrations');
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = path.join(dir, 'schema.prisma');
    await writeFile(schemaPath, workingSchema);
    return { migrationsDir, schemaPath };
  }

  it('writes nothing when the schema is unchanged', async () => {
    const { migrationsDir, schemaPath } = await setUp(schema);
    const before = await readdir(migrationsDir);
    expect(await writeNextMigration({ name: 'nothing', schemaPath, migrationsDir, baseSchema: schema })).toBeNull();
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  it('writes a migration that adds the new column, which brings the database in line with the schema', async () => {
    const { migrationsDir, schemaPath } = await setUp(schemaWithNickname);
    const result = await writeNextMigration({
      name: 'Add person nickname!',
      schemaPath,
      migrationsDir,
      baseSchema: schema,
      now: new Date('2999-01-02T03:04:05.678Z'),
    });

    expect(result?.dir).toBe(path.join(migrationsDir, '29990102030405_add_person_nickname'));
    expect(result?.sql).toMatch(/ALTER TABLE "Person" ADD COLUMN\s+"nickname" TEXT;/);
    expect(await readFile(path.join(result!.dir, 'migration.sql'), 'utf8')).toBe(result!.sql);
    expect((await migratedDump(migrationsDir)).join('\n')).toBe((await dumpBuiltFromSchema(schemaWithNickname)).join('\n'));
  });

  it('refuses when the newest migration is not older than the new one', async () => {
    const { migrationsDir, schemaPath } = await setUp(schemaWithNickname);
    await mkdir(path.join(migrationsDir, '30000101000000_from_the_future'));
    const before = await readdir(migrationsDir);
    const write = (iso: string) =>
      writeNextMigration({ name: 'nickname', schemaPath, migrationsDir, baseSchema: schema, now: new Date(iso) });

    await expect(write('2999-12-31T23:59:59Z')).rejects.toThrow(/30000101000000_from_the_future/);
    await expect(write('3000-01-01T00:00:00Z')).rejects.toThrow(/is not older/);
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  it('rejects a name with no letters or digits', async () => {
    const { migrationsDir, schemaPath } = await setUp(schemaWithNickname);
    await expect(writeNextMigration({ name: ' -!- ', schemaPath, migrationsDir, baseSchema: schema })).rejects.toThrow(/no letters or digits/);
  });
});
