import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { conflict, forbidden, notFound, validation } from '../../errors.ts';
import { diffFields, recordHistory } from '../history/record-history.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id, instant } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';

const snoozeTaskInput = z.object({ itemId: id, until: instant });

/**
 * Puts off the reminders of an open task (a note with a due date) until `until`; the due date is
 * unchanged. Its assignee may do it (reminders go to them), as may its author, the contact's owner
 * and admins. Recorded in the contact's history as "task snoozed".
 */
export async function snoozeTask(db: Db | Tx, actor: Actor, input: z.input<typeof snoozeTaskInput>) {
  const { itemId, until } = parseInput(snoozeTaskInput, input);
  if (until.getTime() <= Date.now()) throw validation({ until: 'must be in the future' });
  return inTransaction(db, async (tx) => {
    const before = await tx.item.findUnique({ where: { id: itemId }, include: { contact: { select: { number: true, ownerId: true } } } });
    if (!before) throw notFound('Item', itemId);
    const mayChange = isPrivileged(actor) || (actor.employeeId !== null && [before.authorId, before.assigneeId, before.contact.ownerId].includes(actor.employeeId));
    if (!mayChange) throw forbidden(`Only the assignee, the author, the owner of ${before.contact.number} or an admin may snooze this task`);
    if (before.type !== 'note' || !before.dueAt) throw validation({ itemId: 'only a task (a note with a due date) can be snoozed' });
    if (before.doneAt) throw conflict(`This task on ${before.contact.number} is already done`, { doneAt: before.doneAt });
    const changes = diffFields(before, { snoozedUntil: until });
    if (changes.length === 0) return before;
    const updated = await tx.item.update({ where: { id: itemId }, data: { snoozedUntil: until } });
    await recordHistory(tx, actor, { contactId: before.contactId, entity: 'item', entityId: itemId, action: 'task snoozed', changes });
    return updated;
  });
}
