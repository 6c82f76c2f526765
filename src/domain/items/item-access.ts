import type { Tx } from '../../db.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';

/**
 * Loads an item for a change; only its author, the contact's owner or an admin may change it.
 * With `asAssignee`, a task's assignee may too: marking their own task done (reminders go to them).
 */
export async function loadItemForChange(tx: Tx, actor: Actor, id: number, options: { asAssignee?: boolean } = {}) {
  const item = await tx.item.findUnique({ where: { id }, include: { contact: { select: { id: true, number: true, ownerId: true } } } });
  if (!item) throw notFound('Item', id);
  const allowed = [item.authorId, item.contact.ownerId, ...(options.asAssignee ? [item.assigneeId] : [])];
  const mayChange = isPrivileged(actor) || (actor.employeeId !== null && allowed.includes(actor.employeeId));
  if (!mayChange) throw forbidden(`Only the author, the owner of ${item.contact.number} or an admin may change this item`);
  return item;
}

/** A unique violation on (contact, source, sourceRef): the same source filed twice at once. */
export const isDuplicateSource = (error: unknown) => isUniqueViolation(error, 'sourceRef');

/** Refuses a source reference already filed on the contact, naming the existing item. */
export async function refuseDuplicateSource(tx: Tx, actor: Actor, contactId: number, sourceRef: string | null) {
  if (!sourceRef) return;
  const existing = await tx.item.findFirst({ where: { contactId, source: actor.channel, sourceRef }, select: { id: true } });
  if (existing) throw conflict(`This ${actor.channel} message is already on the contact (item ${existing.id})`, existing);
}
