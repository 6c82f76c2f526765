import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { instant, requiredText } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { apiTokenHash, newApiToken } from './api-token-secrets.ts';

const createApiTokenInput = z.object({
  /** What the token is for ("ERP import"), shown in the list. */
  name: requiredText(100),
  expiresAt: instant.nullable().optional(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

/**
 * Creates an API token for the acting employee. The plain token is returned here ONCE and never
 * stored; the database keeps its hash and visible prefix.
 */
export async function createApiToken(db: Db | Tx, actor: Actor, input: CreateApiTokenInput) {
  if (actor.employeeId === null) throw forbidden('API tokens belong to an employee');
  const data = parseInput(createApiTokenInput, input);
  if (data.expiresAt && data.expiresAt <= new Date()) throw validation({ expiresAt: 'must be in the future' });
  const { token, prefix } = newApiToken();
  const row = await db.apiToken.create({
    data: { employeeId: actor.employeeId, name: data.name, hash: apiTokenHash(token), prefix, expiresAt: data.expiresAt ?? null },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, employeeId: true },
  });
  return { ...row, token };
}
