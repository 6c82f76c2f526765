// A fresh database per test file, cloned from the run's migrated template (see global-setup.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Db } from '../../src/db.ts';
import { TEST_PG_URL, databaseUrl } from './env.ts';

/** Runs `fn` with a connected client and closes it afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withClient(TEST_PG_URL, fn);

export async function createTestDatabase(prefix = 'kontakt_t'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`));
      break;
    } catch (error) {
      // 55006: the template is briefly in use by another CREATE DATABASE; try again.
      if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  return { name, url: databaseUrl(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Registers hooks that give the test file its own database; read `.db` / `.url` inside tests. */
export function useTestDb(): { readonly db: Db; readonly url: string } {
  let state: { db: Db; url: string; name: string } | undefined;
  beforeAll(async () => {
    const { name, url } = await createTestDatabase();
    state = { db: createDb(url, { max: 20 }), url, name };
  });
  afterAll(async () => {
    if (!state) return;
    await state.db.$disconnect();
    await dropTestDatabase(state.name);
  });
  return {
    get db() {
      if (!state) throw new Error('useTestDb(): database not ready (use it inside tests or hooks)');
      return state.db;
    },
    get url() {
      if (!state) throw new Error('useTestDb(): database not ready');
      return state.url;
    },
  };
}
