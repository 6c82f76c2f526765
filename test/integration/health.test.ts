import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import { useTestDb } from '../helpers/db.ts';
import { TEST_REDIS_URL } from '../helpers/env.ts';

const t = useTestDb();
const logger = createLogger('silent');
let redis: Redis;
let deadRedis: Redis;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await redis.connect();
  // Nothing listens on port 1: this client can never connect.
  deadRedis = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  deadRedis.on('error', () => {});
});
afterAll(() => {
  redis.disconnect();
  deadRedis.disconnect();
});

describe('health endpoints', () => {
  it('/healthz answers while the process is alive', async () => {
    const res = await createApp({ db: t.db, redis, logger, version: '9.9.9' }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '9.9.9' });
  });

  it('/readyz is 200 when PostgreSQL and Redis answer', async () => {
    const res = await createApp({ db: t.db, redis, logger, version: '1' }).request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it('/readyz is 503 and names the failing dependency when Redis is down', async () => {
    const res = await createApp({ db: t.db, redis: deadRedis, logger, version: '1' }).request('/readyz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: { database: { ok: boolean }; redis: { ok: boolean; error: string } } };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.redis.ok).toBe(false);
    expect(body.checks.redis.error).toBeTruthy();
  });

  it('sends security headers and a strict CSP', async () => {
    const res = await createApp({ db: t.db, redis, logger, version: '1' }).request('/login');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves its own htmx and CSS (no CDN)', async () => {
    const app = createApp({ db: t.db, redis, logger, version: '1' });
    const js = await app.request('/static/htmx.min.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('htmx');
    expect((await app.request('/static/app.css')).headers.get('content-type')).toContain('text/css');
    expect((await app.request('/static/../../package.json')).status).toBe(404);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await createApp({ db: t.db, redis, logger, version: '1' }).request('/no-such-page');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
