import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict, validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id, instant } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { changeContact } from './change-contact.ts';

const snoozeContactInput = z.object({ id, until: instant });

/**
 * Puts off the reminders of an open contact's deadline until `until` (Slack "Snooze 1 hour / 1 day");
 * the deadline itself is unchanged. Recorded in the history as "snoozed".
 */
export async function snoozeContact(db: Db | Tx, actor: Actor, input: z.input<typeof snoozeContactInput>) {
  const { id, until } = parseInput(snoozeContactInput, input);
  if (until.getTime() <= Date.now()) throw validation({ until: 'must be in the future' });
  return inTransaction(db, (tx) =>
    changeContact(tx, actor, { id, action: 'snoozed', data: { snoozedUntil: until } }, (before) => {
      if (before.status === 'closed') throw conflict(`Contact ${before.number} is closed; there is nothing to snooze`, before);
    }),
  );
}
