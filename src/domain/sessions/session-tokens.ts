import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe: the cookie value and the CSRF token. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Sessions are stored by the hash of their token, so a database leak does not hand out sessions. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type SessionPolicy = {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in whatever happens. */
  absoluteMs: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 };
