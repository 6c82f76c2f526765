// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from the schema).
// Only the CLI uses this file; the application reads DATABASE_URL through src/config.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kontakt',
  },
});
