import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { refreshContactSearchText } from '../contacts/refresh-search-text.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { assertCompanyExists, assertPersonEmailFree, personFields, personWriteError } from './person-fields.ts';

const updatePersonInput = z.object(personFields).partial().extend({ id });
export type UpdatePersonInput = z.input<typeof updatePersonInput>;

/** Partial update: absent fields stay as they are; null clears an optional field. */
export async function updatePerson(db: Db | Tx, _actor: Actor, input: unknown) {
  const { id, ...changes } = parseInput(updatePersonInput, input);
  return inTransaction(db, async (tx) => {
    const before = await tx.person.findUnique({ where: { id } });
    if (!before) throw notFound('person', id);
    if (changes.companyId !== undefined) await assertCompanyExists(tx, changes.companyId);
    await assertPersonEmailFree(tx, changes.email, id);
    const person = await tx.person.update({ where: { id }, data: changes }).catch((error: unknown) => {
      throw personWriteError(error);
    });
    // Contacts' searchText includes the person's name.
    if (person.name !== before.name) await refreshContactSearchText(tx, { personId: id });
    return person;
  });
}
