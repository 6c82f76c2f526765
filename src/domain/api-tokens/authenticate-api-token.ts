import type { Db } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { apiTokenHash, TOKEN_PREFIX } from './api-token-secrets.ts';

/** lastUsedAt is written at most this often: not on every request. */
const TOUCH_EVERY_MS = 60_000;

export type ApiCaller = {
  tokenId: number;
  employee: { id: number; name: string; role: 'admin' | 'member' };
  actor: Actor;
};

/**
 * The caller for a bearer token, or null when it is unknown, revoked, expired or its employee is
 * inactive. The token is looked up by its SHA-256, so the comparison never depends on how much of
 * a guessed secret is right (no timing oracle on the secret).
 */
export async function authenticateApiToken(db: Db, token: string | undefined, now = new Date()): Promise<ApiCaller | null> {
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { hash: apiTokenHash(token) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, employee: { select: { id: true, name: true, role: true, active: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.employee.active) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { active: _active, ...employee } = row.employee;
  return { tokenId: row.id, employee, actor: { employeeId: employee.id, role: employee.role, channel: 'api' } };
}
