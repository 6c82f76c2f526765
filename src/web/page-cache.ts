// Rendered pages kept in memory, per session, until the data may have changed. A page is served
// from here only while the change feed is live and its version is the one read before the page
// was rendered: any committed write anywhere (this process, another web process, a worker, the
// mail ingester) moves the version and the page is rendered afresh. Pages also age out after
// `ttlMs`, because some of what they show depends on the clock (overdue marks, "today").
//
// Used on the busiest read-only pages (the contacts list, a contact). What a page shows may
// only come from PostgreSQL, the session and the clock; the key holds the session, the URL and
// every htmx request header, so a partial and a whole page never share an entry.
import type { MiddlewareHandler } from 'hono';
import type { ChangeFeed } from '../db/change-feed.ts';
import { changeScoped } from './change-scoped.ts';
import type { PanelEnv } from './security.ts';

export type PageCacheOptions = {
  /** Longest life of a page (default 10 s). */
  ttlMs?: number;
  /** Memory for all pages together (default 32 MB); the least recently used go first. */
  maxBytes?: number;
  /** Larger pages are not kept (default 1 MB). */
  maxPageBytes?: number;
  now?: () => number;
};

type Entry = { storedAt: number; body: Uint8Array; headers: [string, string][] };

export type PageCache = {
  /** Route middleware for a GET page; passes through when the feed is not live or nobody is signed in. */
  readonly middleware: MiddlewareHandler<PanelEnv>;
  readonly stats: { hits: number; misses: number; entries: number; bytes: number };
};

export function createPageCache(feed: ChangeFeed, options: PageCacheOptions = {}): PageCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 32 * 2 ** 20;
  const maxPageBytes = options.maxPageBytes ?? 2 ** 20;
  const now = options.now ?? Date.now;
  let bytes = 0;
  // A change makes every page suspect: they all go at once rather than one by one.
  const scope = changeScoped<string, Entry>(feed, () => (bytes = 0));
  const entries = scope.entries; // insertion order = least recently used first
  let hits = 0;
  let misses = 0;

  const remove = (key: string, entry: Entry) => {
    entries.delete(key);
    bytes -= entry.body.byteLength;
  };

  const middleware: MiddlewareHandler<PanelEnv> = async (c, next) => {
    const session = c.get('signedIn');
    if (c.req.method !== 'GET' || !session) return next();
    const version = scope.begin();
    if (version === null) return next();
    const key = cacheKey(session.sessionId, c.req.url, c.req.raw.headers);
    const found = entries.get(key);
    if (found) {
      if (now() - found.storedAt < ttlMs) {
        entries.delete(key);
        entries.set(key, found);
        hits++;
        return new Response(found.body, { status: 200, headers: found.headers });
      }
      remove(key, found);
    }
    misses++;
    await next();
    const res = c.res;
    // Only a plain, complete 200 page; nothing that sets a cookie; nothing rendered while the data changed.
    if (res.status !== 200 || res.headers.has('set-cookie') || !scope.stillAt(version)) return;
    const body = new Uint8Array(await res.arrayBuffer());
    c.res = new Response(body, res);
    if (body.byteLength > maxPageBytes || !scope.stillAt(version)) return;
    const previous = entries.get(key);
    if (previous) remove(key, previous);
    entries.set(key, { storedAt: now(), body, headers: [...res.headers] });
    bytes += body.byteLength;
    for (const [oldKey, old] of entries) {
      if (bytes <= maxBytes) break;
      remove(oldKey, old);
    }
  };

  return {
    middleware,
    get stats() {
      return { hits, misses, entries: entries.size, bytes };
    },
  };
}

function cacheKey(sessionId: string, url: string, headers: Headers): string {
  let key = `${sessionId}\n${url}`;
  for (const [name, value] of headers) if (name.startsWith('hx-')) key += `\n${name}: ${value}`;
  return key;
}
