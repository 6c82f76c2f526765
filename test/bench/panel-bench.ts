// The panel's pages measured two ways: server time (the app answering in this process, HTML
// read to the end) and throughput over HTTP with autocannon in a child process, compared with a
// bare Hono route that returns an HTML page of the same size from memory.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Db } from '../../src/db.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { hashPassword } from '../../src/domain/employees/password.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { createChangeFeed } from '../../src/db/change-feed.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp } from '../../src/web/app.tsx';
import type { SearchCase } from './search-queries.ts';
import { timed } from './stats.ts';

export const ORIGIN = 'http://localhost:3000';
const BENCH_EMAIL = 'panel-bench@kontakt.bench';
const BENCH_PASSWORD = 'panel bench password';
const TIMELINE_ITEMS = 200;

export type PageSample = { ms: number; detail: { path: string; bytes: number } };
/** `judged`: compared with the bare page against the target (false: shown for information). */
export type Throughput = { label: string; path: string; requestsPerSecond: number; latencyP97_5Ms: number; bytes: number; errors: number; non2xx: number; judged: boolean };

/** A signed-in employee and a contact with 200 items (created after generation: restoreBenchData removes it). */
/** The admin the benchmark signs in as (created once, its password reset each run). */
export async function ensureBenchAdmin(db: Db) {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  return db.employee.upsert({
    where: { email: BENCH_EMAIL },
    create: { email: BENCH_EMAIL, name: 'Panel Benchmark', role: 'admin', passwordHash, locale: 'pl' },
    update: { passwordHash, active: true },
  });
}

/** Signs in to `app` as the bench admin; the session cookie. */
export async function benchSignIn(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }): Promise<string> {
  const login = await app.request('/login', {
    method: 'POST', body: new URLSearchParams({ email: BENCH_EMAIL, password: BENCH_PASSWORD }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 303 || !cookie) throw new Error(`panel sign-in failed with ${login.status}`);
  return cookie;
}

export async function preparePanel(db: Db, pool: pg.Pool) {
  const employee = await ensureBenchAdmin(db);
  const actor = { employeeId: employee.id, role: 'admin', channel: 'panel' } as const;
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM "Company" ORDER BY id LIMIT 1');
  const contact = await createContact(db, actor, { companyId: rows[0]!.id, title: 'Panel benchmark: contact with a long timeline' });
  for (let i = 0; i < TIMELINE_ITEMS; i++) {
    await addNote(db, actor, { contactId: contact.id, text: `Rozmowa ${i + 1}: ustalenia dotyczące dostawy i ceny, kolejny kontakt za tydzień.`, noteKind: i % 3 ? 'telefon' : 'spotkanie' });
  }
  return { employee, contactId: contact.id };
}

export async function benchPanel(db: Db, options: { databaseUrl: string; redisUrl: string; contactId: number; searchCases: SearchCase[]; requests: number; log: (m: string) => void }) {
  const redis = new Redis(options.redisUrl);
  const logger = createLogger('silent');
  const deps = {
    db, redis, logger, version: 'bench', publicUrl: ORIGIN,
    throttlePolicy: { maxPerAccount: 1000, maxPerIp: 1000, windowSeconds: 60, keyPrefix: 'bench' },
  };
  // Server time is measured without the page cache (every request renders); throughput both
  // ways, and as main.ts runs it: with the change feed, so sessions and pages are kept.
  const app = createApp(deps);
  const changes = createChangeFeed({ databaseUrl: options.databaseUrl, logger });
  await changes.start();
  const cachedApp = createApp({ ...deps, changes });
  try {
    const cookie = await benchSignIn(app);

    const texts = options.searchCases.map((c) => c.input.q).filter((q): q is string => !!q);
    const pages = {
      list: () => '/contacts',
      search: (i: number) => `/contacts?q=${encodeURIComponent(texts[i % texts.length]!)}`,
      contact: () => `/contacts/${options.contactId}`,
    };
    const measure = async (make: (i: number) => string) => {
      const samples: PageSample[] = [];
      for (let i = -20; i < options.requests; i++) {
        const path = make(i + 20);
        const { result, ms } = await timed(async () => {
          const res = await app.request(path, { headers: { Cookie: cookie } });
          if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
          return (await res.text()).length;
        });
        if (i >= 0) samples.push({ ms, detail: { path, bytes: result } });
      }
      return samples;
    };
    options.log(`panel: server time of the contacts list, a text search and a contact with ${TIMELINE_ITEMS} items (${options.requests} requests each) …`);
    const serverTime = { list: await measure(pages.list), search: await measure(pages.search), contact: await measure(pages.contact) };

    options.log('panel: throughput with autocannon (10 connections, 5 s per page) …');
    const throughput: Throughput[] = [];
    const listBytes = serverTime.list[0]!.detail.bytes;
    const contactBytes = serverTime.contact[0]!.detail.bytes;
    throughput.push(await withServer(bareHtmlApp(listBytes), (port) => cannon('bare Hono, page of the list\'s size from memory', port, '/', {})));
    throughput.push(await withServer(cachedApp, (port) => cannon('contacts list, first page', port, pages.list(), { Cookie: cookie })));
    throughput.push(await withServer(app, (port) => cannon('contacts list, first page, no page cache', port, pages.list(), { Cookie: cookie }, false)));
    throughput.push(await withServer(bareHtmlApp(contactBytes), (port) => cannon('bare Hono, page of the contact\'s size from memory', port, '/', {})));
    throughput.push(await withServer(cachedApp, (port) => cannon(`contact page, ${TIMELINE_ITEMS} items`, port, pages.contact(), { Cookie: cookie })));
    throughput.push(await withServer(app, (port) => cannon(`contact page, ${TIMELINE_ITEMS} items, no page cache`, port, pages.contact(), { Cookie: cookie }, false)));
    return { serverTime, throughput };
  } finally {
    await changes.stop();
    redis.disconnect();
  }
}

/** The baseline: Hono answering a fixed HTML page of the given size. */
function bareHtmlApp(bytes: number) {
  const html = `<!doctype html><html><body>${'<p>Kontakt</p>'.repeat(Math.ceil(bytes / 14))}</body></html>`.slice(0, bytes);
  const app = new Hono();
  app.get('/', (c) => c.html(html));
  return app;
}

async function withServer<T>(app: { fetch: (request: Request) => Response | Promise<Response> }, fn: (port: number) => Promise<T>): Promise<T> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  try {
    return await fn((server.address() as AddressInfo).port);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** autocannon in its own process, so the load generator does not share this event loop. */
async function cannon(label: string, port: number, path: string, headers: Record<string, string>, judged = true): Promise<Throughput> {
  const bin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const args = [bin, '--json', '-c', '10', '-d', '5', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), `http://127.0.0.1:${port}${path}`];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p97_5: number }; throughput: { average: number }; errors: number; non2xx: number };
  return { label, path, requestsPerSecond: r.requests.average, latencyP97_5Ms: r.latency.p97_5, bytes: r.throughput.average / Math.max(1, r.requests.average), errors: r.errors, non2xx: r.non2xx, judged };
}
