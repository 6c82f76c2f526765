import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id, version } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { changeContact } from './change-contact.ts';
import { OUTCOMES } from './contact-fields.ts';

const closeContactInput = z.object({ id, version: version.optional(), outcome: z.enum(OUTCOMES).nullable().optional() });

/** Closes an open contact; the outcome (won, lost, cancelled) feeds the win rate when given. */
export async function closeContact(db: Db | Tx, actor: Actor, input: z.input<typeof closeContactInput>) {
  const { id, version, outcome } = parseInput(closeContactInput, input);
  return inTransaction(db, (tx) =>
    changeContact(tx, actor, { id, version, action: 'closed', data: { status: 'closed', closedAt: new Date(), outcome: outcome ?? null } }, (before) => {
      if (before.status === 'closed') throw conflict(`Contact ${before.number} is already closed`, before);
    }),
  );
}
