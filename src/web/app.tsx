// The HTTP application: health endpoints, static assets and the panel. Later channels (JSON API,
// Slack) mount their sub-apps here with app.route().
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import type { ChangeFeed } from '../db/change-feed.ts';
import { createFileStore, type FileStore } from '../domain/files/index.ts';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from '../domain/sessions/login-throttle.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../domain/sessions/session-tokens.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../domain/shared/settings.ts';
import type { IngestSettings } from '../domain/mail/mail-settings.ts';
import type { JobsStatus } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { errorHandler } from './error-handler.tsx';
import { apiRoutes } from './api/routes.ts';
import { adminRoutes } from './routes/admin.tsx';
import { apiTokenRoutes } from './routes/api-tokens.tsx';
import { authRoutes } from './routes/auth.tsx';
import { contactRoutes } from './routes/contacts.tsx';
import { contactsListRoutes } from './routes/contacts-list.tsx';
import { csvRoutes } from './routes/csv.tsx';
import { activityRoutes } from './routes/activity.tsx';
import { forecastRoutes } from './routes/forecast.tsx';
import { knowledgeRoutes } from './routes/knowledge.tsx';
import { documentRoutes } from './routes/documents.tsx';
import { fileRoutes } from './routes/files.tsx';
import { jobsRoutes } from './routes/jobs.tsx';
import { masterDataRoutes } from './routes/master-data.tsx';
import { triageRoutes } from './routes/triage.tsx';
import { createPageCache } from './page-cache.ts';
import { countOwnWrites, csrfProtection, loadSession, sessionCookieName, type PanelEnv } from './security.ts';

export type WebDeps = {
  db: Db;
  redis: Redis;
  logger: Logger;
  version: string;
  /** The panel's external address; https makes the session cookie Secure and __Host-. */
  publicUrl?: string;
  settings?: DomainSettings;
  sessionPolicy?: SessionPolicy;
  throttlePolicy?: ThrottlePolicy;
  /** The seller printed on sales documents. */
  seller?: { name: string; nip: string; address: string };
  /** Where uploaded files go (default: ./data, 25 MB per file). */
  fileStore?: FileStore;
  /** The mail ingester's settings for triage actions (allowed domains, fax gateways, limits). */
  mailSettings?: IngestSettings;
  /** The Slack receiver (HTTP mode): POST /slack/events is handed to it. */
  slack?: { handleHttp(request: Request): Promise<Response> };
  /** The job queues' figures for /admin/jobs (main.ts: jobsStatus(queues)); without it the page says so. */
  jobs?: JobsStatus;
  /**
   * PostgreSQL's change notifications (main.ts starts them): with them, sessions and the busiest
   * pages are kept in memory until anything changes; without them every request reads afresh.
   */
  changes?: ChangeFeed;
};

const READY_TIMEOUT_MS = 2000;
/** Forms are small; uploads (later) get their own, larger limit on their route. */
const MAX_FORM_BYTES = 1024 * 1024;

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

/** Our own CSS and htmx, read once: offices behind firewalls cannot reach a CDN. */
function staticAssets() {
  const require = createRequire(import.meta.url);
  return {
    'app.css': { body: readFileSync(new URL('../../views/static/app.css', import.meta.url)), type: 'text/css; charset=utf-8' },
    'htmx.min.js': { body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')), type: 'text/javascript; charset=utf-8' },
  } as Record<string, { body: Buffer; type: string }>;
}

export function createApp(deps: WebDeps) {
  const publicUrl = deps.publicUrl ?? 'http://localhost:3000';
  const secureCookie = publicUrl.startsWith('https:');
  const cookieName = sessionCookieName(secureCookie);
  const sessionPolicy = deps.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const assets = staticAssets();

  const app = new Hono<PanelEnv>();
  if (deps.changes) app.use(countOwnWrites(deps.changes));
  app.use(requestId());
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"],
    },
  });
  // Stored files (even a previewed PDF or image) may not run anything: an empty sandbox.
  const fileHeaders = secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'unsafe-inline'"], sandbox: [] } });
  app.use((c, next) => (c.req.path.startsWith('/files/') ? fileHeaders(c, next) : pageHeaders(c, next)));
  const formLimit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('Request body too large', 413) });
  // Uploads stream into the file store (or the CSV importer) under their own limits.
  const streamedUploads = /^(?:\/api\/v1)?\/contacts\/[^/]+\/files$|^\/csv\/import$/;
  app.use((c, next) => (streamedUploads.test(c.req.path) ? next() : formLimit(c, next)));
  app.onError(errorHandler(deps.logger));

  /** The process is alive (for restarts by a supervisor). */
  app.get('/healthz', (c) => c.json({ status: 'ok', version: deps.version }));

  /** The process can serve: the database and Redis answer (for load balancers). */
  app.get('/readyz', async (c) => {
    const [database, redis] = await Promise.all([check(() => deps.db.$queryRaw`SELECT 1`), check(() => deps.redis.ping())]);
    const ready = database.ok && redis.ok;
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: { database, redis } }, ready ? 200 : 503);
  });

  app.get('/static/:name', (c) => {
    const asset = assets[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(new Uint8Array(asset.body), 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' });
  });

  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const fileStore = deps.fileStore ?? createFileStore({ dataDir: './data', maxFileBytes: 25 * 1024 * 1024 });
  // The JSON API authenticates each request by its bearer token: no cookie, so no session and no
  // CSRF check (a browser cannot send our tokens on its own).
  app.route('/api/v1', apiRoutes({ db: deps.db, settings, fileStore, publicUrl }));
  // Slack signs every request (checked by the receiver on the raw body): no session, no CSRF token.
  const slack = deps.slack;
  if (slack) app.post('/slack/events', (c) => slack.handleHttp(c.req.raw));

  app.use(loadSession(deps.db, cookieName, sessionPolicy, deps.changes));
  // The contacts list and contact pages, the most visited, are kept per session until a change.
  const pageCache = deps.changes ? createPageCache(deps.changes).middleware : undefined;
  app.use(csrfProtection(publicUrl));
  app.get('/', (c) => c.redirect(c.get('signedIn') ? '/contacts' : '/login', 303));
  app.route('/', authRoutes({ db: deps.db, throttle: createLoginThrottle(deps.redis, deps.throttlePolicy ?? DEFAULT_THROTTLE), policy: sessionPolicy, cookieName, secureCookie }));
  app.route('/', contactsListRoutes({ db: deps.db, pageCache }));
  app.route('/', csvRoutes({ db: deps.db, settings }));
  app.route('/', forecastRoutes({ db: deps.db }));
  app.route('/', activityRoutes({ db: deps.db }));
  app.route('/', knowledgeRoutes({ db: deps.db }));
  app.route('/', contactRoutes({ db: deps.db, settings, pageCache }));
  app.route('/', adminRoutes({ db: deps.db }));
  app.route('/', apiTokenRoutes({ db: deps.db }));
  app.route('/', masterDataRoutes({ db: deps.db }));
  app.route('/', jobsRoutes({ jobs: deps.jobs }));
  app.route('/', triageRoutes({ db: deps.db, fileStore, settings, mailSettings: deps.mailSettings }));
  app.route('/', documentRoutes({ db: deps.db, settings, seller: deps.seller ?? { name: '', nip: '', address: '' } }));
  app.route('/', fileRoutes({ db: deps.db, store: fileStore }));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
