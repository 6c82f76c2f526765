// Where the tests find PostgreSQL and Redis. Tests read the environment here only, so a CI
// machine can point them elsewhere with TEST_DATABASE_URL / TEST_REDIS_URL.
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
