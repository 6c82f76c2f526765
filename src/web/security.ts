// Sessions and CSRF for the panel. One middleware loads the session from the cookie; another
// refuses state-changing requests that come from another site or lack the session's token.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db.ts';
import type { ChangeFeed } from '../db/change-feed.ts';
import { forbidden } from '../errors.ts';
import { resolveSession, type SignedIn } from '../domain/sessions/resolve-session.ts';
import type { SessionPolicy } from '../domain/sessions/session-tokens.ts';
import { createSessionCache } from './session-cache.ts';

export type PanelEnv = { Variables: { signedIn: SignedIn | null } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `__Host-` needs Secure, which browsers only keep over HTTPS. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-kontakt_session' : 'kontakt_session');

/** With a change feed, sessions are kept in memory while nothing has changed (src/web/session-cache.ts). */
export function loadSession(db: Db, cookieName: string, policy: SessionPolicy, changes?: ChangeFeed): MiddlewareHandler<PanelEnv> {
  const cache = changes ? createSessionCache(changes) : null;
  return async (c, next) => {
    const token = getCookie(c, cookieName);
    const load = () => resolveSession(db, token, policy);
    c.set('signedIn', await (cache ? cache.resolve(token, load) : load()));
    await next();
  };
}

/**
 * After a request that may have written (any method but GET, HEAD and OPTIONS), the change feed
 * moves before the response goes out, so the next page this process renders for the same person
 * shows the change without waiting for PostgreSQL's notification.
 */
export function countOwnWrites(changes: ChangeFeed): MiddlewareHandler {
  return async (c, next) => {
    try {
      await next();
    } finally {
      if (!SAFE_METHODS.has(c.req.method)) changes.bump();
    }
  };
}

/** A route's optional middleware when it is off. */
export const passThrough: MiddlewareHandler = (_c, next) => next();

/** Signed-out requests go to the sign-in page (htmx requests through HX-Redirect). */
export const requireSignIn: MiddlewareHandler<PanelEnv> = async (c, next) => {
  if (c.get('signedIn')) return next();
  const target = `/login?next=${encodeURIComponent(c.req.path)}`;
  if (c.req.header('HX-Request')) {
    c.header('HX-Redirect', target);
    return c.body(null, 401);
  }
  return c.redirect(target, 303);
};

/** Admin-only routes: checked on the server for every request, whatever the page showed. */
export const requireAdmin: MiddlewareHandler<PanelEnv> = async (c, next) => {
  if (c.get('signedIn')?.employee.role !== 'admin') throw forbidden('Only an admin may do this');
  return next();
};

function sameOrigin(c: Context, publicUrl: string): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site) return site === 'same-origin' || site === 'none';
  // Older browsers: fall back to Origin (or Referer) against our own address.
  const origin = c.req.header('Origin') ?? c.req.header('Referer');
  if (!origin) return false;
  const ours = new Set([new URL(publicUrl).origin, new URL(c.req.url).origin]);
  try {
    return ours.has(new URL(origin).origin);
  } catch {
    return false;
  }
}

const equalTokens = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Every state-changing request must come from our own pages and, once signed in, carry the
 * session's token (X-CSRF-Token from htmx, `_csrf` from plain forms). Checked for every body
 * type, JSON included (Hono's csrf() only looks at forms).
 */
export function csrfProtection(publicUrl: string): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!sameOrigin(c, publicUrl)) return c.text('Cross-site request refused', 403);
    const session = c.get('signedIn');
    if (session) {
      const contentType = c.req.header('Content-Type') ?? '';
      let token = c.req.header('X-CSRF-Token');
      // Small url-encoded forms carry it as a field; uploads (multipart, streamed and never
      // parsed here) in the header that htmx sends, or as ?_csrf= in the form's action.
      if (!token && contentType.startsWith('application/x-www-form-urlencoded')) token = String((await c.req.parseBody())._csrf ?? '');
      if (!token && contentType.startsWith('multipart/form-data')) token = c.req.query('_csrf');
      if (!token || !equalTokens(token, session.csrfToken)) return c.text('Missing or wrong CSRF token; reload the page', 403);
    }
    return next();
  };
}
