import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { parseInput } from '../shared/validate.ts';
import { assertCompanyExists, assertPersonEmailFree, personFields, personWriteError } from './person-fields.ts';

const createPersonInput = z.object({ ...personFields, active: personFields.active.default(true) });
export type CreatePersonInput = z.input<typeof createPersonInput>;

export async function createPerson(db: Db | Tx, _actor: Actor, input: unknown) {
  const data = parseInput(createPersonInput, input);
  await assertCompanyExists(db, data.companyId);
  await assertPersonEmailFree(db, data.email);
  return db.person.create({ data }).catch((error: unknown) => {
    throw personWriteError(error);
  });
}
