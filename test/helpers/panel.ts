// A panel app for route tests plus "browsers": signed-in employees whose requests carry the
// session cookie and CSRF token the way htmx sends them. Each file gets its own throttle prefix
// (the tests share one Redis).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createChangeFeed, type ChangeFeed } from '../../src/db/change-feed.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp, type WebDeps } from '../../src/web/app.tsx';
import type { useTestDb } from './db.ts';
import { TEST_REDIS_URL } from './env.ts';
import { makeEmployee, uid } from '../factories/index.ts';

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery';

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export type PanelBrowser = Awaited<ReturnType<ReturnType<typeof usePanelApp>['browser']>>;

/**
 * Call at the top of a test file, after useTestDb(). `changeFeed: true` gives the app the change
 * feed main.ts gives it (page and session caches on); the feed is `panelApp.changes`.
 */
export function usePanelApp(t: ReturnType<typeof useTestDb>, overrides: Partial<WebDeps> & { maxFileBytes?: number; changeFeed?: boolean } = {}) {
  let redis: Redis;
  let changes: ChangeFeed | undefined;
  let dataDir = '';
  let passwordHash = '';
  const state = { app: undefined as unknown as ReturnType<typeof createApp>, dataDir: '' };

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    passwordHash = await hashPassword(PASSWORD);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-panel-'));
    state.dataDir = dataDir;
    const { maxFileBytes, changeFeed, ...deps } = overrides;
    if (changeFeed) {
      changes = createChangeFeed({ databaseUrl: t.url, logger: createLogger('silent'), retry: { minMs: 50, maxMs: 200 } });
      await changes.start();
    }
    state.app = createApp({
      changes,
      db: t.db, redis, logger: createLogger('silent'), version: 'test', publicUrl: ORIGIN,
      fileStore: createFileStore({ dataDir, maxFileBytes: maxFileBytes ?? 1024 * 1024 }),
      throttlePolicy: { maxPerAccount: 5, maxPerIp: 1000, windowSeconds: 60, keyPrefix: `test:${uid()}` },
      ...deps,
    });
  });
  afterAll(async () => {
    await changes?.stop();
    redis?.disconnect();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const request = (input: string, init?: RequestInit) => state.app.request(input, init);

  /** A new employee with the test password (member by default, Polish unless said). */
  async function employeeWithPassword(options: { locale?: 'pl' | 'en'; role?: 'admin' | 'member' } = {}) {
    const made = await makeEmployee(t.db, { role: options.role });
    return t.db.employee.update({ where: { id: made.id }, data: { passwordHash, locale: options.locale ?? 'pl' } });
  }

  /** Posts the sign-in form; the answer and the session cookie it set (if any). */
  async function signIn(email: string, password = PASSWORD) {
    const res = await request('/login', { method: 'POST', body: form({ email, password }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  }

  /** A signed-in browser for a new employee (member by default, Polish unless said). */
  async function browser(options: { locale?: 'pl' | 'en'; role?: 'admin' | 'member' } = {}) {
    const employee = await employeeWithPassword(options);
    const { cookie } = await signIn(employee.email);
    const session = await t.db.session.findFirstOrThrow({ where: { employeeId: employee.id }, orderBy: { createdAt: 'desc' } });
    const headers = (extra: Record<string, string> = {}) => ({ Cookie: cookie, Origin: ORIGIN, 'X-CSRF-Token': session.csrfToken, ...extra });
    return {
      employee,
      cookie,
      csrf: session.csrfToken,
      get: (p: string, extra: Record<string, string> = {}) => request(p, { headers: { Cookie: cookie, ...extra } }),
      /** An urlencoded form POST with cookie, Origin and the CSRF header. */
      post: (p: string, fields: Record<string, string> | URLSearchParams, extra: Record<string, string> = {}) =>
        request(p, { method: 'POST', body: fields instanceof URLSearchParams ? fields.toString() : form(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers(extra) } }),
      /** A multipart POST (uploads); the CSRF token goes in the header. */
      postMultipart: (p: string, body: FormData, extra: Record<string, string> = {}) => request(p, { method: 'POST', body, headers: headers(extra) }),
      /** Any other request with cookie, Origin and CSRF header (JSON bodies, DELETE…). */
      send: (p: string, init: RequestInit) => request(p, { ...init, headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) } }),
    };
  }

  return { get app() { return state.app; }, get changes() { return changes; }, get dataDir() { return state.dataDir; }, request, browser, employeeWithPassword, signIn };
}
