import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { nameWriteError } from './catalog-errors.ts';
import { contactKindFields } from './create-contact-kind.ts';

const updateContactKindInput = z.object(contactKindFields).partial().extend({ id });
export type UpdateContactKindInput = z.input<typeof updateContactKindInput>;

/** Contacts without their own probability follow the new default in the forecast at once. */
export async function updateContactKind(db: Db | Tx, _actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updateContactKindInput, input);
  const exists = await db.contactKind.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound('contact kind', id);
  return db.contactKind.update({ where: { id }, data: changes }).catch((error: unknown) => {
    throw nameWriteError(error, changes.name);
  });
}
