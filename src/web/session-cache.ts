// Signed-in sessions kept in memory for a short while, so a page served from the page cache does
// not wait for PostgreSQL to say who is asking. Same rule as the page cache: trusted only while
// the change feed is live and has not moved since the session was read. Signing out anywhere
// deletes the Session row and a deactivated employee is an Employee update: both move the feed.
// An entry lives at most `ttlMs` and never past the session's own expiry; then the session is read
// again (which also records that it is in use).
import type { ChangeFeed } from '../db/change-feed.ts';
import type { SignedIn } from '../domain/sessions/resolve-session.ts';
import { changeScoped } from './change-scoped.ts';

export type SessionCache = { resolve(token: string | undefined, load: () => Promise<SignedIn | null>): Promise<SignedIn | null> };

export function createSessionCache(feed: ChangeFeed, options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): SessionCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const scope = changeScoped<string, { signedIn: SignedIn; storedAt: number }>(feed);
  const entries = scope.entries;

  return {
    async resolve(token, load) {
      const version = token ? scope.begin() : null;
      if (!token || version === null) return load();
      const at = now();
      const hit = entries.get(token);
      if (hit && at - hit.storedAt < ttlMs && at < hit.signedIn.validUntil.getTime()) return hit.signedIn;
      entries.delete(token);
      const signedIn = await load();
      if (signedIn && scope.stillAt(version)) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(token, { signedIn, storedAt: at });
      }
      return signedIn;
    },
  };
}
