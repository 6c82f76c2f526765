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
 * SQL containing this comment runs unnamed, so PostgreSQL plans it for its actual parameters every
 * time. For statements whose best plan depends on the values (the knowledge base's word search,
 * the activity report's ranges), where a prepared statement may after five runs settle on one
 * generic plan for every value.
 */
export const NO_PREPARE = '/* no-prepare */';

/** SQL text → statement name ('' for unnamed), hashed once per text; cleared should it ever grow past what the code produces. */
const statementNames = new Map<string, string>();

/**
 * Names each statement after its SQL text, so node-postgres prepares it once per connection and
 * PostgreSQL reuses the plan. Planning a page's joins costs more than running them (1–3 ms
 * against well under 1 ms here); without a name every query is planned afresh. The number of
 * distinct texts is bounded by the code, and idle connections (with their statements) close.
 */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    name = query.sql.includes(NO_PREPARE) ? '' : `k${createHash('sha1').update(query.sql).digest('base64url').slice(0, 24)}`;
    if (statementNames.size >= 2000) statementNames.clear();
    statementNames.set(query.sql, name);
  }
  return name; // '' is node-postgres's unnamed statement
}

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }, { statementNameGenerator: statementName });
  // 'minimal': Prisma otherwise captures a stack trace (new Error()) on every query, for a code
  // frame in its error messages; errors here are mapped by their code (errors.ts), and that
  // capture was the client's largest single cost on the mail ingester's path. Prisma already
  // does this under NODE_ENV=production; now development and tests run the same way.
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}
