// Builds a template database once per test run from the migrations; every test file then clones
// it (CREATE DATABASE … TEMPLATE), which takes milliseconds and keeps files independent. The
// template's name is unique per run, so two runs on one machine do not trip over each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate.ts';
import { TEST_PG_URL, databaseUrl } from './helpers/env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const template = `kontakt_tpl_${randomBytes(4).toString('hex')}`;
  await migrate(databaseUrl(template));
  project.provide('templateDb', template);
  return async () => admin(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
