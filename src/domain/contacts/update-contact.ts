import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { changeContact } from './change-contact.ts';
import { checkContactReferences } from './check-references.ts';
import { contactFields } from './contact-fields.ts';

const updateContactInput = z
  .object({ id, version: version.optional() })
  .extend(z.object(contactFields).partial().shape)
  .strict();
export type UpdateContactInput = z.input<typeof updateContactInput>;

/** Edits any of the contact's fields. Status changes go through close/reopen. */
export async function updateContact(db: Db | Tx, actor: Actor, input: UpdateContactInput) {
  const { id, version, ...data } = parseInput(updateContactInput, input);
  return inTransaction(db, (tx) =>
    changeContact(tx, actor, { id, version, action: 'updated', data }, async (before) => {
      const companyId = data.companyId ?? before.companyId;
      const personId = data.personId === undefined ? before.personId : data.personId;
      if (data.companyId !== undefined && data.companyId !== before.companyId && data.personId === undefined && personId) {
        throw validation({ personId: 'choose a person at the new company (or none)' });
      }
      await checkContactReferences(tx, {
        companyId,
        personId,
        ownerId: data.ownerId !== undefined && data.ownerId !== before.ownerId ? data.ownerId : undefined,
        kindId: data.kindId,
      }, { newCompany: companyId !== before.companyId });
    }),
  );
}
