// Builds the template database once per test run from the migrations; every test file then
// clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds and keeps files independent.
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { TEMPLATE_DB, TEST_PG_URL, databaseUrl } from './helpers/env.ts';

export default async function setup() {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(TEMPLATE_DB));
}
