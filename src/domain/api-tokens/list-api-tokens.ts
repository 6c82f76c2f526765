import type { Db, Tx } from '../../db.ts';
import { forbidden } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';

/** Options for listApiTokens. */
export type ListApiTokensOptions = {
  /** Everyone's tokens (admins only); otherwise the actor's own. */
  everyone?: boolean;
  /** Revoked tokens too (newest first like the rest). */
  includeRevoked?: boolean;
};

/** API tokens without their hashes, newest first. */
export async function listApiTokens(db: Db | Tx, actor: Actor, options: ListApiTokensOptions = {}) {
  if (options.everyone && !isPrivileged(actor)) throw forbidden('Only an admin may see everyone’s API tokens');
  if (!options.everyone && actor.employeeId === null) return [];
  return db.apiToken.findMany({
    where: {
      ...(options.everyone ? {} : { employeeId: actor.employeeId! }),
      ...(options.includeRevoked ? {} : { revokedAt: null }),
    },
    select: {
      id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, employeeId: true,
      employee: { select: { id: true, name: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
