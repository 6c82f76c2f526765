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
import { createRandom } from './random.ts';
import { timed } from './stats.ts';

export const ANALYTICS_TARGETS = { dashboardP95Ms: 300, knowledgeP95Ms: 100 } as const;
const REQUESTS = 100;
const KNOWLEDGE_QUERIES = 200;

export type AnalyticsSamples = { forecast: number[]; activity: number[]; knowledge: number[]; queries: string[] };

/** 1–2 words of 4+ letters from random item texts: what people look for. */
async function sampleQueries(pool: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ text: string }>(`SELECT text FROM "Item" TABLESAMPLE SYSTEM (0.2) WHERE type = 'note' LIMIT ${count * 3}`);
  const r = createRandom(71);
  const queries: string[] = [];
  for (const { text } of rows) {
    const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
    if (words.length === 0) continue;
    const first = words[r.int(0, words.length - 1)]!;
    queries.push(r.chance(0.4) && words.length > 1 ? `${first} ${words[r.int(0, words.length - 1)]!}` : first);
    if (queries.length === count) break;
  }
  return queries;
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
    const queries = await sampleQueries(pool, KNOWLEDGE_QUERIES);
    options.log(`analytics: /knowledge, ${queries.length} searches …`);
    const knowledge = await measure((i) => `/knowledge?q=${encodeURIComponent(queries[i % queries.length]!)}`, queries.length);
    return { forecast, activity, knowledge, queries };
  } finally {
    redis.disconnect();
  }
}
