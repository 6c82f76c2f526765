// Where the benchmark's database lives and its command-line flags. The benchmark reads the
// environment here only: BENCH_DATABASE_URL names the database outright; otherwise the server of
// DATABASE_URL (or the local default) with the database `kontakt_bench`.
import pg from 'pg';

export const BENCH_DATABASE_NAME = 'kontakt_bench';
const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432';

/** The parts of the benchmark, in the order they run. */
export const BENCH_PARTS = ['contacts', 'panel', 'mail', 'slack', 'reminders', 'analytics'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export type BenchOptions = {
  databaseUrl: string;
  /** The panel measurement's sessions and login throttle, and the mail part's queues (REDIS_URL, else the local default). */
  redisUrl: string;
  /** Drop and regenerate the data even when the database already holds it. */
  fresh: boolean;
  /** The parts to run (`--only=mail`, `--only=contacts,panel`); all by default. */
  only: Set<BenchPart>;
};

const USAGE = `usage: npm run bench [-- [--fresh] [--only=${BENCH_PARTS.join('|')}[,…]]]`;

export function benchOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  let fresh = false;
  let only: Set<BenchPart> | null = null;
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--fresh') fresh = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      const parts = (value ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const wrong = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
      if (parts.length === 0 || wrong.length > 0) throw new Error(`--only: unknown part(s) ${wrong.join(', ') || '(none given)'}; choose from ${BENCH_PARTS.join(', ')} (${USAGE})`);
      only = new Set([...(only ?? []), ...(parts as BenchPart[])]);
    } else unknown.push(arg);
  }
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (${USAGE})`);
  return {
    databaseUrl: env.BENCH_DATABASE_URL ?? benchUrlOn(env.DATABASE_URL ?? DEFAULT_SERVER_URL),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    fresh,
    only: only ?? new Set(BENCH_PARTS),
  };
}

function benchUrlOn(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DATABASE_NAME}`;
  return url.toString();
}

export const databaseName = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));

/** URL of the server's `postgres` database, for CREATE / DROP DATABASE. */
export function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/**
 * Drops the benchmark database. Refuses names without "bench" in them, so a BENCH_DATABASE_URL
 * pointing at a real database by mistake cannot lose it.
 */
export async function dropBenchDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  if (!name.includes('bench')) throw new Error(`refusing to drop database "${name}": its name must contain "bench"`);
  const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
