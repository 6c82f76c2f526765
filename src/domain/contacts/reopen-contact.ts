import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { changeContact } from './change-contact.ts';

const reopenContactInput = z.object({ id, version: version.optional() });

export async function reopenContact(db: Db | Tx, actor: Actor, input: z.input<typeof reopenContactInput>) {
  const { id, version } = parseInput(reopenContactInput, input);
  return inTransaction(db, (tx) =>
    changeContact(tx, actor, { id, version, action: 'reopened', data: { status: 'open', closedAt: null, outcome: null } }, (before) => {
      if (before.status === 'open') throw conflict(`Contact ${before.number} is already open`, before);
    }),
  );
}
