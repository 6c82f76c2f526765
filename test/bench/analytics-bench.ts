// The dashboards' benchmark (issue 7): server time of the forecast and activity pages (their
// default views and a few filtered ones) and of knowledge-base searches (words sampled from the
// items), answered in-process by the real app on the benchmark data (100,000 contacts,
// 1,000,000 items), signed in as the bench admin.
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Db } from '../../src/db.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import { benchSignIn, ensureBenchAdmin, ORIGIN } from './panel-bench.ts';
import { sampleKnowledgeCases, type KnowledgeCase } from './knowledge-queries.ts';
import { timed } from './stats.ts';

export const ANALYTICS_TARGETS = { dashboardP95Ms: 300, knowledgeP95Ms: 100 } as const;
const REQUESTS = 100;
const KNOWLEDGE_QUERIES = 200;

export type AnalyticsSamples = { forecast: number[]; activity: number[]; knowledge: number[]; queries: string[] };

/** A sampled knowledge-base case as the page's URL (company, person, type, kind, days, offset). */
function knowledgePath(c: KnowledgeCase): string {
  const i = c.input;
  const day = (d: Date | string | undefined) => (d === undefined ? null : new Date(d).toISOString().slice(0, 10));
  const q = new URLSearchParams({ q: i.q ?? '' });
  if (i.companyId) q.set('company', String(i.companyId));
  if (i.personId) q.set('person', String(i.personId));
  if (i.type) q.set('type', i.type);
  if (i.noteKind) q.set('kind', i.noteKind);
  if (day(i.from)) q.set('from', day(i.from)!);
  if (day(i.to)) q.set('to', day(i.to)!);
  if (i.offset) q.set('offset', String(i.offset));
  return `/knowledge?${q}`;
}

export async function benchAnalytics(db: Db, pool: pg.Pool, options: { redisUrl: string; log: (m: string) => void }): Promise<AnalyticsSamples> {
  const redis = new Redis(options.redisUrl);
  const app = createApp({
    db, redis, logger: createLogger('silent'), version: 'bench', publicUrl: ORIGIN,
    throttlePolicy: { maxPerAccount: 1000, maxPerIp: 1000, windowSeconds: 60, keyPrefix: 'bench' },
  });
  try {
    await ensureBenchAdmin(db);
    const cookie = await benchSignIn(app);
    const { rows: owners } = await pool.query<{ id: number }>('SELECT DISTINCT "ownerId" AS id FROM "Contact" WHERE "ownerId" IS NOT NULL LIMIT 10');
    const measure = async (paths: (i: number) => string, count: number) => {
      const samples: number[] = [];
      for (let i = -10; i < count; i++) {
        const path = paths(i + 10);
        const { ms } = await timed(async () => {
          const res = await app.request(path, { headers: { Cookie: cookie } });
          if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
          await res.text();
        });
        if (i >= 0) samples.push(ms);
      }
      return samples;
    };
    // Every fourth request filtered by one owner: the views a manager switches between.
    const byOwner = (base: string, param: string, i: number) => (i % 4 === 3 && owners.length ? `${base}?${param}=${owners[i % owners.length]!.id}` : base);
    options.log(`analytics: /forecast and /activity, ${REQUESTS} requests each …`);
    const forecast = await measure((i) => byOwner('/forecast', 'owner', i), REQUESTS);
    const activity = await measure((i) => byOwner('/activity', 'employee', i), REQUESTS);
    // Words sampled from the items (common and rare, with and without Polish letters, partial
    // words, with filters and second pages): see knowledge-queries.ts.
    const cases = await sampleKnowledgeCases(pool, KNOWLEDGE_QUERIES, 11);
    const queries = cases.map(knowledgePath);
    options.log(`analytics: /knowledge, ${queries.length} searches …`);
    const knowledge = await measure((i) => queries[i % queries.length]!, queries.length);
    return { forecast, activity, knowledge, queries };
  } finally {
    redis.disconnect();
  }
}
