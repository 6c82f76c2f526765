// The page cache, the session cache and countOwnWrites against a hand-driven change feed: what is
// kept, for whom, for how long, and what moves the feed. (test/integration/page-cache.test.ts
// runs them with PostgreSQL's real notifications.)
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from '../../src/db/change-feed.ts';
import type { SignedIn } from '../../src/domain/sessions/resolve-session.ts';
import { createPageCache } from '../../src/web/page-cache.ts';
import { countOwnWrites, type PanelEnv } from '../../src/web/security.ts';
import { createSessionCache } from '../../src/web/session-cache.ts';

function fakeFeed(): { -readonly [K in keyof ChangeFeed]: ChangeFeed[K] } {
  return {
    version: 0,
    live: true,
    bump() {
      this.version++;
    },
    start: async () => undefined,
    stop: async () => undefined,
  };
}

const signedIn = (sessionId: string, validUntil = new Date(Date.now() + 3_600_000)): SignedIn => ({
  sessionId, csrfToken: `csrf-${sessionId}`, validUntil,
  employee: { id: 1, name: 'Anna', email: 'anna@example.com', role: 'member', locale: 'pl', timeZone: 'Europe/Warsaw' },
});

/** An app whose page counts its renders; `answer` decides what the next render returns. */
function appWith(feed: ChangeFeed, options: Parameters<typeof createPageCache>[1] = {}) {
  const cache = createPageCache(feed, options);
  const state = { renders: 0, answer: (n: number): Response | null => null, duringRender: () => {} };
  const app = new Hono<PanelEnv>();
  app.use(async (c, next) => {
    const session = c.req.header('X-Session');
    c.set('signedIn', session ? signedIn(session) : null);
    await next();
  });
  app.get('/page', cache.middleware, (c) => {
    const n = ++state.renders;
    state.duringRender();
    return state.answer(n) ?? c.html(`<p>render ${n} for ${c.get('signedIn')?.sessionId ?? 'nobody'}${c.req.header('HX-Request') ? ' (partial)' : ''}</p>`);
  });
  const get = async (headers: Record<string, string> = { 'X-Session': 'a' }) => {
    const res = await app.request('/page', { headers });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  };
  return { cache, state, get };
}

describe('page cache', () => {
  it('serves a page again, with its headers, until the feed moves', async () => {
    const feed = fakeFeed();
    const { state, get, cache } = appWith(feed);
    expect(await get()).toEqual({ status: 200, body: '<p>render 1 for a</p>', type: 'text/html; charset=UTF-8' });
    expect(await get()).toEqual({ status: 200, body: '<p>render 1 for a</p>', type: 'text/html; charset=UTF-8' });
    feed.bump();
    expect((await get()).body).toBe('<p>render 2 for a</p>');
    expect(state.renders).toBe(2);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 2, entries: 1 });
  });

  it('keeps each session, and a partial and a whole page, apart', async () => {
    const { get } = appWith(fakeFeed());
    expect((await get({ 'X-Session': 'a' })).body).toBe('<p>render 1 for a</p>');
    expect((await get({ 'X-Session': 'b' })).body).toBe('<p>render 2 for b</p>');
    expect((await get({ 'X-Session': 'a', 'HX-Request': 'true' })).body).toBe('<p>render 3 for a (partial)</p>');
    expect((await get({ 'X-Session': 'a' })).body).toBe('<p>render 1 for a</p>');
    expect((await get({ 'X-Session': 'b' })).body).toBe('<p>render 2 for b</p>');
  });

  it('keeps nothing while the feed is not live, and nothing for a signed-out request', async () => {
    const feed = fakeFeed();
    const { get } = appWith(feed);
    feed.live = false;
    expect((await get()).body).toBe('<p>render 1 for a</p>');
    expect((await get()).body).toBe('<p>render 2 for a</p>');
    feed.live = true;
    expect((await get({})).body).toBe('<p>render 3 for nobody</p>');
    expect((await get({})).body).toBe('<p>render 4 for nobody</p>');
  });

  it('does not keep a page rendered while the feed moved: it may show the data from before', async () => {
    const feed = fakeFeed();
    const { state, get } = appWith(feed);
    // While a's page renders, the data changes and b's page is rendered (and kept) after the change.
    let bRendered: Promise<unknown> = Promise.resolve();
    state.duringRender = () => {
      state.duringRender = () => {};
      feed.bump();
      bRendered = get({ 'X-Session': 'b' });
    };
    expect((await get()).body).toBe('<p>render 1 for a</p>');
    await bRendered;
    expect((await get({ 'X-Session': 'b' })).body).toBe('<p>render 2 for b</p>');
    expect((await get()).body).toBe('<p>render 3 for a</p>');
    expect((await get()).body).toBe('<p>render 3 for a</p>');
  });

  it('keeps only complete 200 pages without cookies', async () => {
    const { state, get } = appWith(fakeFeed());
    state.answer = (n) => (n === 1 ? new Response('gone', { status: 404 }) : n === 2 ? new Response('<p>cookie</p>', { headers: { 'Set-Cookie': 'x=1' } }) : null);
    expect(await get()).toMatchObject({ status: 404, body: 'gone' });
    expect(await get()).toMatchObject({ status: 200, body: '<p>cookie</p>' });
    expect((await get()).body).toBe('<p>render 3 for a</p>');
    expect((await get()).body).toBe('<p>render 3 for a</p>');
  });

  it('lets pages age out after the TTL, and drops the least recently used beyond its memory', async () => {
    let clock = 0;
    const feed = fakeFeed();
    const { get, cache } = appWith(feed, { ttlMs: 1000, now: () => clock, maxBytes: 50 });
    expect((await get()).body).toBe('<p>render 1 for a</p>');
    clock = 999;
    expect((await get()).body).toBe('<p>render 1 for a</p>');
    clock = 1000;
    expect((await get()).body).toBe('<p>render 2 for a</p>');
    // 21 bytes a page, 50 bytes in all: a third page pushes out the least recently used (b).
    expect((await get({ 'X-Session': 'b' })).body).toBe('<p>render 3 for b</p>');
    expect((await get({ 'X-Session': 'a' })).body).toBe('<p>render 2 for a</p>');
    expect((await get({ 'X-Session': 'c' })).body).toBe('<p>render 4 for c</p>');
    expect(cache.stats).toMatchObject({ entries: 2, bytes: 42 });
    expect((await get({ 'X-Session': 'a' })).body).toBe('<p>render 2 for a</p>');
    expect((await get({ 'X-Session': 'b' })).body).toBe('<p>render 5 for b</p>');
  });
});

describe('session cache', () => {
  it('reads a session once until the feed moves, the TTL passes or the session expires', async () => {
    let clock = 0;
    const feed = fakeFeed();
    const cache = createSessionCache(feed, { ttlMs: 1000, now: () => clock });
    let loads = 0;
    const load = (validUntilMs = 10_000) => async () => {
      loads++;
      return signedIn('s', new Date(validUntilMs));
    };
    await cache.resolve('token', load());
    await cache.resolve('token', load());
    expect(loads).toBe(1);
    feed.bump();
    await cache.resolve('token', load());
    expect(loads).toBe(2);
    clock = 1000;
    await cache.resolve('token', load(1500));
    expect(loads).toBe(3);
    clock = 1500; // the session's own end comes before the TTL
    await cache.resolve('token', load());
    expect(loads).toBe(4);
  });

  it('keeps no unknown session and reads every time while the feed is not live', async () => {
    const feed = fakeFeed();
    const cache = createSessionCache(feed);
    let loads = 0;
    const unknown = async () => {
      loads++;
      return null;
    };
    expect(await cache.resolve('nope', unknown)).toBeNull();
    expect(await cache.resolve('nope', unknown)).toBeNull();
    expect(loads).toBe(2);
    feed.live = false;
    const known = async () => {
      loads++;
      return signedIn('s');
    };
    await cache.resolve('token', known);
    await cache.resolve('token', known);
    expect(loads).toBe(4);
  });
});

describe('countOwnWrites', () => {
  it('moves the feed after every request but GET, HEAD and OPTIONS, failed ones included', async () => {
    const feed = fakeFeed();
    const app = new Hono();
    app.use(countOwnWrites(feed));
    app.all('/x', (c) => {
      if (c.req.query('fail')) throw new Error('failed after writing');
      expect(feed.version).toBe(seenBefore); // moved after the handler, not before
      return c.text('ok');
    });
    app.onError((_e, c) => c.text('error', 500));
    let seenBefore = 0;
    for (const method of ['GET', 'HEAD', 'OPTIONS']) await app.request('/x', { method });
    expect(feed.version).toBe(0);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      seenBefore = feed.version;
      expect((await app.request('/x', { method })).status).toBe(200);
    }
    expect(feed.version).toBe(4);
    expect((await app.request('/x?fail=1', { method: 'POST' })).status).toBe(500);
    expect(feed.version).toBe(5);
  });
});
