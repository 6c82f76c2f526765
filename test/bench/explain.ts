// EXPLAIN (ANALYZE, BUFFERS) of exactly what a domain function sends: the call runs once more on a
// Prisma client whose only connection has auto_explain loaded and reporting as NOTICE, so every
// statement's plan, with its real parameters, comes back to us instead of the server log.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Db } from '../../src/db.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';

export type Plan = { ms: number; query: string; plan: string };

const AUTO_EXPLAIN = [
  'session_preload_libraries=auto_explain',
  'auto_explain.log_min_duration=0',
  'auto_explain.log_analyze=on',
  'auto_explain.log_buffers=on',
  'auto_explain.log_timing=on',
  'auto_explain.log_level=notice',
];

/**
 * Runs `call` with plans captured; returns the plans of its statements, slowest first, and the
 * error the call ended with, if any (a failing statement has no plan).
 */
export async function explainCall(databaseUrl: string, call: (db: Db) => Promise<unknown>): Promise<{ plans: Plan[]; error: string | null }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: AUTO_EXPLAIN.map((s) => `-c ${s}`).join(' ') });
  const notices: string[] = [];
  pool.on('connect', (client) => client.on('notice', (notice) => notices.push(notice.message ?? '')));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) }) as Db;
  let error: string | null = null;
  try {
    await call(db);
  } catch (e) {
    error = String((e as Error).message ?? e).replace(/\s+/g, ' ').trim();
  } finally {
    await db.$disconnect();
    await pool.end();
  }
  const plans = notices
    .map(parseNotice)
    .filter((p): p is Plan => p !== null)
    .sort((a, b) => b.ms - a.ms);
  return { plans, error };
}

function parseNotice(message: string): Plan | null {
  const m = /^duration: ([\d.]+) ms\s+plan:\n/.exec(message);
  if (!m) return null;
  // "Query Text: …" (possibly many lines), then the plan from its first top-level node.
  const lines = message.split('\n');
  const start = lines.findIndex((line, i) => i >= 2 && /^\S.*\(cost=/.test(line));
  if (start < 0) return null;
  return { ms: Number(m[1]), query: lines.slice(1, start).join('\n').replace(/^Query Text: /, ''), plan: lines.slice(start).join('\n') };
}

/**
 * The query (squeezed onto one line) and the telling lines of its plan: plan nodes with their
 * estimated and actual rows, conditions and filters, and the top-level buffer counts.
 */
export function planExcerpt(plan: Plan, maxLines = 30): string {
  const query = plan.query.replace(/\s+/g, ' ').trim();
  const lines = plan.plan.split('\n');
  const telling = lines.filter((line, i) => i === 0 || (i === 1 && /Buffers:/.test(line)) || /->|Cond:|Filter:|Rows Removed/.test(line));
  const shown = telling.slice(0, maxLines);
  if (telling.length > maxLines) shown.push(`  … (${telling.length - maxLines} more plan lines in the results file)`);
  return [`statement, ${plan.ms.toFixed(1)} ms: ${query.length > 300 ? `${query.slice(0, 300)} …` : query}`, ...shown].join('\n');
}
