// Builds a template database once per test run from the migrations; every test file then clones
// it (CREATE DATABASE … TEMPLATE), which takes milliseconds and keeps files independent. The
// template's name is unique per run, so two runs on one machine do not trip over each other.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate.ts';
import { withClient } from './helpers/db.ts';
import { TEST_PG_URL, databaseUrl } from './helpers/env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const template = `kontakt_tpl_${randomBytes(4).toString('hex')}`;
  await migrate(databaseUrl(template));
  project.provide('templateDb', template);
  return async () => {
    await withClient(TEST_PG_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  };
}
