// The HTTP application: health endpoints now; the panel, the JSON API and the Slack endpoint
// mount their sub-apps here with app.route().
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import type { Logger } from '../logger.ts';
import { HomePage } from '../../views/pages/home.tsx';
import { errorHandler } from './error-handler.ts';

export type WebDeps = { db: Db; redis: Redis; logger: Logger; version: string };

const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(fn(), READY_TIMEOUT_MS);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function createApp(deps: WebDeps) {
  const app = new Hono();
  app.use(requestId());
  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"] } }));
  app.onError(errorHandler(deps.logger));

  /** The process is alive (for restarts by a supervisor). */
  app.get('/healthz', (c) => c.json({ status: 'ok', version: deps.version }));

  /** The process can serve: the database and Redis answer (for load balancers). */
  app.get('/readyz', async (c) => {
    const [database, redis] = await Promise.all([check(() => deps.db.$queryRaw`SELECT 1`), check(() => deps.redis.ping())]);
    const ready = database.ok && redis.ok;
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: { database, redis } }, ready ? 200 : 503);
  });

  app.get('/', async (c) => {
    const [contacts, open] = await Promise.all([deps.db.contact.count(), deps.db.contact.count({ where: { status: 'open' } })]);
    return c.html(<HomePage version={deps.version} contacts={contacts} openContacts={open} />);
  });

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
