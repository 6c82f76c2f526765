import { createHash, randomBytes } from 'node:crypto';

/** Every token starts with this, so secret scanners and people recognise a Kontakt token. */
export const TOKEN_PREFIX = 'kt_';

/**
 * A new token `kt_<8 hex>_<256-bit secret, base64url>`. The first part is stored in clear as the
 * token's visible prefix (to recognise it in lists); the whole token only as its SHA-256.
 */
export function newApiToken(): { token: string; prefix: string } {
  const prefix = `${TOKEN_PREFIX}${randomBytes(4).toString('hex')}`;
  return { token: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** Tokens are looked up by their hash: a database leak hands out nothing usable. */
export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
