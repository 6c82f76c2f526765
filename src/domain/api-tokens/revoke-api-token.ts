import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, notFound } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';

const revokeApiTokenInput = z.object({ id });

/**
 * Revokes a token at once (the next request with it is refused). Employees revoke their own,
 * admins anyone's. Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(db: Db | Tx, actor: Actor, input: z.input<typeof revokeApiTokenInput>) {
  const { id: tokenId } = parseInput(revokeApiTokenInput, input);
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, employeeId: true, revokedAt: true } });
  if (!token) throw notFound('API token', tokenId);
  if (token.employeeId !== actor.employeeId && !isPrivileged(actor)) throw forbidden('Only its owner or an admin may revoke this API token');
  if (token.revokedAt) return token;
  // The condition keeps the first revocation time when two requests race.
  await db.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  return db.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { id: true, name: true, employeeId: true, revokedAt: true } });
}
