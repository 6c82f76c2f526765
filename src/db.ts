// Prisma client over node-postgres (no query engine binary). No global singleton: main.ts, the
// CLI and each test create their own and pass it down.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, Prisma } from './generated/prisma/client.ts';

export type Db = PrismaClient;
/** A client or an interactive transaction: domain functions accept either. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}
