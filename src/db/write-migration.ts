// Writes the next Prisma-format migration (prisma/migrations/<timestamp>_<name>/migration.sql)
// without a database: the SQL is the offline diff from the committed schema to the working one.
//
// Diffing from git HEAD rather than from the migrations keeps this free of a shadow database; the
// drift test guarantees that the committed migrations and the committed schema agree.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_MIGRATIONS_DIR } from './migrate.ts';
import { diffSchemas } from './schema-engine.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const DEFAULT_SCHEMA = path.join(REPO_ROOT, 'prisma/schema.prisma');

/** prisma/schema.prisma as committed; null without git or before the file was committed (diff from empty). */
async function committedSchema(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', 'HEAD:prisma/schema.prisma'], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return null;
  }
}

/** "Add person nickname!" → "add_person_nickname"; the name becomes part of a directory name. */
export function sanitiseMigrationName(name: string): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!clean) throw new Error(`Migration name ${JSON.stringify(name)} has no letters or digits`);
  return clean;
}

/** 2026-11-27T09:00:00Z → "20261127090000", the prefix `prisma migrate dev` uses. */
const timestampOf = (date: Date) => date.toISOString().replace(/\D/g, '').slice(0, 14);

/** Returns null (and writes nothing) when the working schema matches the committed one. */
export async function writeNextMigration(options: {
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  /** Schema to diff from; default: prisma/schema.prisma at git HEAD. null = empty database. */
  baseSchema?: string | null;
  now?: Date;
}): Promise<{ dir: string; sql: string } | null> {
  const name = sanitiseMigrationName(options.name);
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const base = options.baseSchema !== undefined ? options.baseSchema : await committedSchema();

  const to = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const sql = await diffSchemas(base === null ? null : { path: schemaPath, content: base }, to);
  if (!sql.trim()) return null;

  // Migrations are applied in name order, so a new one must sort after every existing one;
  // otherwise it would run before a migration already applied elsewhere (e.g. clock skew, a merge).
  const stamp = timestampOf(options.now ?? new Date());
  const existing = await readdir(migrationsDir).catch(() => [] as string[]);
  const newest = existing.filter((n) => /^\d{14}_/.test(n)).sort().at(-1);
  if (newest && newest.slice(0, 14) >= stamp) {
    throw new Error(
      `Refusing to write migration ${stamp}_${name}: the newest existing migration ${newest} is not older. Check the clock, or rename the newer migration.`,
    );
  }

  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  return { dir, sql };
}
