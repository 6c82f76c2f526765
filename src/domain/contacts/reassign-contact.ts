import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { changeContact } from './change-contact.ts';
import { checkContactReferences } from './check-references.ts';

const reassignContactInput = z.object({ id, version: version.optional(), ownerId: id });

/** Makes another (active) employee responsible for the contact. */
export async function reassignContact(db: Db | Tx, actor: Actor, input: z.input<typeof reassignContactInput>) {
  const { id, version, ownerId } = parseInput(reassignContactInput, input);
  return inTransaction(db, (tx) =>
    changeContact(tx, actor, { id, version, action: 'reassigned', data: { ownerId } }, (before) =>
      checkContactReferences(tx, { companyId: before.companyId, ownerId }, { newCompany: false }).then(() => undefined),
    ),
  );
}
