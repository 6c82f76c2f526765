// Prisma client over node-postgres (no query engine binary). No global singleton: main.ts, the
// CLI and each test create their own and pass it down.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, Prisma } from './generated/prisma/client.ts';

export type Db = PrismaClient;
/** A client or an interactive transaction: domain functions accept either. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

/**
 * Names each statement after its SQL text, so node-postgres prepares it once per connection and
 * PostgreSQL reuses the plan. Planning a page's joins costs more than running them (1–3 ms
 * against well under 1 ms here); without a name every query is planned afresh. The number of
 * distinct texts is bounded by the code, and idle connections (with their statements) close.
 */
const statementName = (query: { sql: string }) => `k${createHash('sha1').update(query.sql).digest('base64url').slice(0, 24)}`;

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }, { statementNameGenerator: statementName });
  return new PrismaClient({ adapter });
}
